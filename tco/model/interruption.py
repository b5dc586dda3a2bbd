"""How a scenario prices a job interruption: one way, checked when it is built.

Either ``analysis.interruption_cost`` (the cost of one interruption, given) or
``analysis.job_gpu_hour_value`` with the keys that derive the cost from the job
(``job_gpus``, ``detection_time``, ``restart_time``, ``checkpoint_interval``);
giving the cost and one of those keys too is refused, with one line naming the
key. Neither: interruptions are not counted (:mod:`tco.model.coverage` says so).

Only which keys were given is decided here; the cost itself is worked out where
the engine runs (:func:`tco.components.interruptions.cost_per_interruption`), so
a sampled GPU-hour value or checkpoint interval moves it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from .. import units
from ..errors import InputError

#: the keys that derive the cost of an interruption from the job
DERIVING = ("job_gpu_hour_value", "job_gpus", "detection_time", "restart_time",
            "checkpoint_interval")


def warnings(scenario: Any) -> list[str]:
    """One line where job_gpus exceeds the fabric's GPUs (then taken as the whole fabric:
    a sweep of fabric.gpus below the job size, for example)."""
    item, a = scenario.inputs.get("analysis.job_gpus"), scenario.analysis
    if item is None or not _written(item) or a.fabric_gpus is None or scenario.fabric is None:
        return []
    top, whole = float(np.max(np.asarray(item.value, dtype=float))), float(scenario.fabric.gpus)
    if top <= whole:
        return []
    return [f"analysis.job_gpus = {top:,.0f} is more than the fabric's {whole:,.0f} GPUs: "
            "the job is taken as the whole fabric"]


def _written(item: Any) -> bool:
    """Given in the scenario or with --set, not a default."""
    return item.value is not None and item.origin not in ("default", "derived")


def resolve(analysis: Any, a: dict[str, Any], fabric: Any, derive: Any, source: str) -> Any:
    """The analysis with the way interruptions are priced checked, job_gpus filled."""
    if a["interruption_cost"].value is not None:
        clash = next((k for k in DERIVING if _written(a[k])), None)
        if clash is not None:
            raise InputError("give interruption_cost or the inputs it is derived from "
                             "(job_gpu_hour_value, job_gpus, detection_time, restart_time, "
                             "checkpoint_interval), not both", source=source,
                             key=f"analysis.{clash}")
        return analysis
    if a["job_gpu_hour_value"].value is None:
        return analysis
    if a["job_gpus"].value is not None:
        job = analysis.job_gpus
        if fabric is None:  # one job on the fleet: it takes every failure
            return replace(analysis, fabric_gpus=job)
        whole = float(fabric.gpus)
        given = np.asarray(job.magnitude, dtype=float)  # sampled: every draw
        if np.any(given > whole):  # a job larger than the fabric runs on all of it
            job = units.Q(np.minimum(given, whole) if given.ndim else whole, "")
        return replace(analysis, job_gpus=job, fabric_gpus=units.Q(whole, ""))
    if fabric is not None:
        gpus = derive(a["job_gpus"], float(fabric.gpus))
        return replace(analysis, job_gpus=units.Q(gpus, ""),
                       fabric_gpus=units.Q(float(fabric.gpus), ""))
    raise InputError("missing key: job_gpu_hour_value prices an interruption by the "
                     "GPUs of the job: give job_gpus (or a [fabric], or "
                     "interruption_cost)", source=source, key="analysis.job_gpus")
