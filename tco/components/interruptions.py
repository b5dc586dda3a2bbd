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
"""

from __future__ import annotations

from typing import Any

from . import every_year
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


def interruption_cost_by_year(interruptions: Any, cost_each: Any, escalation: Any,
                              horizon: int) -> Any:
    """Cost of the interruptions per year index [currency].

    Notes: in year y (1..N), interruptions per year x cost per interruption x
    (1 + escalation)^(y - 1), as the other yearly prices; nothing in year 0.
    """
    return every_year(interruptions * cost_each, horizon) * yearly_index(escalation, horizon)
