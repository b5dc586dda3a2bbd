"""``tco explain`` of the interruptions category: failures that stop a job, mode by
mode, and the cost of one interruption, given or derived from the job.

The figures are the :class:`~tco.reliability.ModeResult` objects and the cost of one
interruption (:func:`tco.reliability.interruption_cost`) the engine uses; this module
only writes out how each one is made.
"""

from __future__ import annotations

from typing import Any

from . import components as cm
from . import explain_failures as failures_x
from . import reliability
from .components import interruptions, pricing

FORMULAS: dict[str, tuple[str, ...]] = {
    "interruptions": (
        "failures per year = switches x count x failure rate, per failure mode",
        "interruptions per year = sum over parts and modes of failures x "
        "interrupt_probability (default: 100 % where a failure takes links down, 0 % "
        "where it takes none, such as a hot-swapped fan or PSU)",
        "cost of one interruption = analysis.interruption_cost, or job_gpus x "
        "job_gpu_hour_value x (detection_time + restart_time + checkpoint_interval / 2)",
        "cost in year y (1..N) = interruptions per year x cost of one x (1 + "
        "interruption_escalation)^(y-1); nothing in year 0",
        "boundary: an interruption is the restart cost of the job; the failed links' "
        "capacity while they wait for repair is downtime (not counted here)",
    ),
}

_JOB = ("analysis.job_gpus", "analysis.job_gpu_hour_value", "analysis.detection_time",
        "analysis.restart_time", "analysis.checkpoint_interval")


def cost_each(c: Any) -> Any:
    """The cost of one interruption, its derivation added once per explanation."""
    each = reliability.interruption_cost(c.a)
    if getattr(c, "_interruption_shown", False):
        return each
    c._interruption_shown = True
    a = c.a
    if each is None:
        c.add(None, "not priced: give analysis.job_gpu_hour_value (or "
              "analysis.interruption_cost) to count interruptions; cost = 0.00")
    elif a.interruption_cost is not None:
        c.add(None, f"cost of one interruption, given = {c.cash(c.money(each))}",
              "analysis.interruption_cost")
    else:
        recovery = interruptions.recovery_time(a.detection_time, a.restart_time,
                                               a.checkpoint_interval)
        c.add(None, f"recovery = {_time(c, a.detection_time)} detection + "
              f"{_time(c, a.restart_time)} restart + {_time(c, a.checkpoint_interval)} / 2 "
              f"lost since the checkpoint = {_time(c, recovery)}", *_JOB[2:])
        gpus = a.job_gpus
        c.add(None, f"cost of one interruption = {c.num(gpus.magnitude)} GPUs x "
              f"{c.qty(a.job_gpu_hour_value)} x {c.qty(recovery)} = "
              f"{c.cash(c.money(each))}", "analysis.job_gpus", "analysis.job_gpu_hour_value")
    if each is not None:
        esc = pricing.yearly_index(a.interruption_escalation, c.n)
        c.add(None, f"escalation (1 + {c.pct(a.interruption_escalation)})^(y-1) by year: "
              + ", ".join(c.num(x) for x in esc.ravel()), "analysis.interruption_escalation")
    return each


def _time(c: Any, t: Any) -> str:
    """A time as a reader writes it: minutes under an hour, else hours."""
    hours = float(t.to("hour").magnitude)
    return c.qty(t.to("min")) if 0 < hours < 1 else c.qty(t.to("hour"))


def flow(c: Any, p: Any, results: list[Any]) -> Any:
    """One part's interruptions cost per year index, as the engine's."""
    each = cost_each(c)
    for r in results:
        m, who = r.mode, failures_x.label(p, r.mode)
        failures_x.failures(c, p, r)
        keys = failures_x.mode_keys(c, p, m, "interrupt_probability", "links_per_failure")
        given = keys[0] in c.s.inputs and c.s.inputs[keys[0]].value is not None
        why = "" if given else (" (default: a failure that takes links down stops the job)"
                                if float(m.interrupt_probability.magnitude) else
                                " (default: no link down, no job stopped)")
        c.add(who, f"interruptions per year = {c.qty(r.failures)} x "
              f"{c.pct(m.interrupt_probability)}{why} = {c.qty(r.interruptions)}", *keys)
    stops = sum((r.interruptions for r in results), c.per_year * 0.0)
    if each is None:
        return cm.every_year(c.zero_rate(), c.n)
    c.add(p, f"year 1 = {c.qty(stops)} x {c.cash(c.money(each))} = "
          f"{c.qty((stops * each).to(f'{c.cur}/year'))}")
    return interruptions.interruption_cost_by_year(stops, each, c.a.interruption_escalation,
                                                   c.n)
