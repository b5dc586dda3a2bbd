"""``tco explain`` of the interruptions category: failures that stop a job, mode by
mode, and the cost of one interruption, given or derived from the job.

The figures are the :class:`~tco.reliability.ModeResult` objects and the cost of one
interruption (:func:`tco.reliability.interruption_cost`) the engine uses; this module
only writes out how each one is made.
"""

from __future__ import annotations

from typing import Any

import numpy as np

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
        "+ switch swaps forced by an empty spare-port pool x the switch's chassis-mode "
        "interrupt_probability (a swap takes every link of the switch down; 100 % "
        "without a chassis mode), besides the port fault that found the pool empty",
        "cost of one interruption = analysis.interruption_cost, or job_gpus x "
        "job_gpu_hour_value x R, R = detection_time + restart_time + "
        "checkpoint_interval / 2",
        "availability (derived cost only): a job runs MTBI, then loses R; failures while "
        "it recovers do not stop it again: availability = MTBI / (MTBI + R) = 1 / (1 + "
        "lambda_job x R), lambda_job = interruptions per year x job_gpus / fabric GPUs",
        "cost in year y (1..N) = interruptions x cost of one x availability x (1 + "
        "interruption_escalation)^(y-1) = fabric GPUs x job_gpu_hour_value x 8,760 h x "
        "GPU time lost (lambda_job R / (1 + lambda_job R)) x the escalation: never more "
        "than all the GPU time; nothing in year 0. A cost given directly "
        "(analysis.interruption_cost) is used as given, not capped",
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
        if reliability.forces(r.forced_stops):
            c.add(who, f"+ switch swaps forced by the empty pool x "
                  f"{c.pct(c.pool.swap_interrupt)} (the chassis mode's) = "
                  + ", ".join(c.num(x) for x in np.asarray(r.forced_stops).ravel()[1:])
                  + " in years 1.." + str(c.n))
    stops = sum((r.interruptions for r in results), c.per_year * 0.0)
    forced = sum((r.forced_stops for r in results), 0.0)
    if each is None:
        return cm.every_year(c.zero_rate(), c.n)
    up = available(c)
    first = 1.0 if up is None else _year_one(up)
    cap = "" if up is None else f" x availability {c.num(first)}"
    c.add(p, f"year 1 = {c.qty(stops)} x {c.cash(c.money(each))}{cap} = "
          f"{c.qty((stops * each).to(f'{c.cur}/year') * first)}"
          + (" (+ the forced swaps above, at the same cost each)"
             if reliability.forces(forced) else ""))
    return interruptions.capped_cost_by_year(stops, forced, each, c.a.interruption_escalation,
                                             1.0 if up is None else up, c.n)


def _year_one(up: Any) -> float:
    """Year 1's availability (one figure: every year's where it does not vary)."""
    values = np.asarray(up, dtype=float).ravel()
    return float(values[1] if values.size > 1 else values[0])


def available(c: Any) -> Any:
    """The job's availability per year index (None: not capped), shown once."""
    up = reliability.availability(c.a, c.failed, c.n)
    if up is None or getattr(c, "_availability_shown", False):
        return up
    c._availability_shown = True
    a = c.a
    r = reliability.recovery(a)
    share = reliability.job_share(a)
    stops = np.asarray(reliability.stops_by_year(c.failed, c.n), dtype=float).ravel()[1:]
    values = np.asarray(up, dtype=float).ravel()
    values = values[1:] if values.size > 1 else values
    c.add(None, f"job's share of the fabric's failures = {c.num(a.job_gpus.magnitude)} "
          f"job GPUs / {c.num(a.fabric_gpus.magnitude)} fabric GPUs = {c.num(share)}",
          "analysis.job_gpus")
    c.add(None, "availability = 1 / (1 + interruptions x share x R / 8,760 h): "
          + ", ".join(f"1 / (1 + {c.num(x)} x {c.num(share)} x {_time(c, r)} / 8,760 h) = "
                      f"{c.num(v)}" for x, v in zip(stops[:1], values[:1], strict=True))
          + ("" if values.size == 1 else " in year 1; by year: "
             + ", ".join(c.num(v) for v in values)),
          "analysis.detection_time", "analysis.restart_time", "analysis.checkpoint_interval")
    return up
