"""Job interruptions: failures that stop a synchronous job, and what each one costs.

A training job spread over the fabric stops when a link it uses goes down, and
restarts from its last checkpoint on healthy resources (methods.md section 3).
What that costs is per event, not per hour of repair: the job's GPUs sit idle
while the failure is detected and the job restarts, and the work done since the
last checkpoint (on average half the checkpoint interval) is done again.

Boundary with downtime (:mod:`tco.components.downtime`): an interruption is the
restart cost of the job; downtime is the link capacity unavailable while the
failed link waits for its repair, after the job has moved to healthy resources.
The same failure feeds both; neither counts the other's loss.

Availability (methods.md section 3, "MTBI / (MTBI + recovery)"): a job runs for a
mean time between interruptions, then loses its recovery time R; a failure that
arrives while it is recovering does not stop it again. With lambda_job its
interruptions per year, the share of its time lost is lambda_job R / (1 +
lambda_job R), and the cost of a year is the fabric's GPU time x that share: the
uncapped cost (interruptions x cost of one) / (1 + lambda_job R), never more
than all the GPU time. Jobs share the fabric's failures evenly: lambda_job = the
option's interruptions x job GPUs / fabric GPUs (one job across the fabric: all).
"""

from __future__ import annotations

from typing import Any

from . import column, every_year
from .pricing import yearly_index


def interruptions_per_year(failures: Any, interrupt_probability: Any) -> Any:
    """Expected job interruptions per year of one failure mode [1/year].

    Notes: failures per year (units x rate) x share of them that interrupt a job.
    """
    return (failures * interrupt_probability).to("1/year")


def recovery_time(detection: Any, restart: Any, checkpoint_interval: Any) -> Any:
    """GPU time one interruption costs each GPU of the job [hour].

    Notes: detection + restart + checkpoint_interval / 2 (the work lost since the
    last checkpoint is, on average, half the interval).
    """
    return (detection + restart + checkpoint_interval / 2.0).to("hour")


def cost_per_interruption(gpus: Any, gpu_hour_value: Any, recovery: Any) -> Any:
    """What one interruption costs [currency].

    Notes: GPUs of the job x value of a GPU-hour x recovery time.
    """
    return (gpus * gpu_hour_value * recovery).to(gpu_hour_value.units * recovery.units)


def job_load(per_year: Any, job_share: Any, recovery: Any) -> Any:
    """lambda_job x R: a job's interruptions per year x its recovery time [fraction].

    Notes: per_year (the option's interruptions per year) x job_share (job GPUs /
    fabric GPUs: the job's share of the fabric's failures) x recovery.
    """
    return (per_year * job_share * recovery).to("")


def availability(load: Any) -> Any:
    """Share of a job's time it runs: MTBI / (MTBI + R) = 1 / (1 + lambda_job R).

    Notes: ``load`` is lambda_job x R (:func:`job_load`); the share lost to
    interruptions is 1 minus this, lambda_job R / (1 + lambda_job R). It is also
    the factor that caps the uncapped cost (interruptions x cost of one).
    """
    return 1.0 / (1.0 + load)


def interruption_cost_by_year(interruptions: Any, cost_each: Any, escalation: Any,
                              horizon: int) -> Any:
    """Cost of the interruptions per year index [currency].

    Notes: in year y (1..N), interruptions per year x cost per interruption x
    (1 + escalation)^(y - 1), as the other yearly prices; nothing in year 0.
    """
    return every_year(interruptions * cost_each, horizon) * yearly_index(escalation, horizon)


def capped_cost_by_year(interruptions: Any, forced: Any, cost_each: Any, escalation: Any,
                        available: Any, horizon: int) -> Any:
    """Cost of the interruptions per year index, capped by the job's availability.

    Notes: in year y (1..N), (interruptions per year x 1 year + forced_y) x cost of
    one x (1 + escalation)^(y - 1) x available_y. ``forced``: interruptions by switch
    swaps an empty spare-port pool forces, per year index (0 where none);
    ``available``: 1 / (1 + lambda_job R) per year index (:func:`availability`), or
    1 where the cost is not capped.
    """
    cost = interruption_cost_by_year(interruptions, cost_each, escalation, horizon)
    if not (isinstance(forced, float) and forced == 0.0):  # no pool: nothing forced
        cost = cost + forced * column(cost_each) * yearly_index(escalation, horizon)
    return cost * available
