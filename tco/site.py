"""A power-capped site: how many GPUs, and so how large a fabric, fit under the cap.

The site's power is fixed, so a watt the network does not draw becomes GPUs
(methods.md section 2; SemiAnalysis InferenceX). For n GPUs:

    facility W(n) = (n x gpu_power x PUE_gpu + network W(n) x PUE_network)
                    x (1 + planning_margin)

where network W(n) is the option's switches and optics for the fabric resized to
n GPUs (whole switches, so it grows in steps). The GPUs that fit are the largest n
with facility W(n) <= site power: the point where fabric size and power agree.
It is found by iterating n -> floor(site W / (facility W(n) / n)) from the
network-free bound, then stepping down while the cap is exceeded and up while
one more GPU fits; since a larger fabric never draws less (tests/test_fabric.py),
the result is the largest n that fits. A fabric whose tiers cannot hold n stops
at its capacity (``limited_by``).

Values are scalars: with sampled inputs the fit is not computed (the engine
reports None). This fit sizes the fabric (fabric.gpus when not given: what the
baseline fits) and shows, per option, the fabric in whole switches that fits.

The GPUs each option *hosts*, and their value, are worked out once, in the engine
(:func:`tco.power.hosting`, vectorised over samples): the same formula with the
network's watts per GPU of the fleet as built (a linear share, methods.md section
2), so it may differ from the whole-switch fit by a few GPUs. Their value
(site.gpu_valuation) net of the energy they draw and its emissions is inside the
TCO with ``analysis.power_value = "gpus"``, and reported beside it otherwise,
never added (never count a watt twice). The GPU servers keep their own PUE
(site.gpu_cooling), the network the option's.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .model.fabric import Fabric


@dataclass(frozen=True)
class Fit:
    gpus: int
    switches: int
    network_w: float  # at n GPUs, IT
    facility_w: float  # at n GPUs, cooling and margin included
    limited_by: str  # "power" or "fabric"
    iterations: int


def facility_watts(n: int, network_w: float, gpu_w: float, gpu_pue: float,
                   network_pue: float, margin: float) -> float:
    """Facility watts of n GPUs and their network [W] (module formula)."""
    return (n * gpu_w * gpu_pue + network_w * network_pue) * (1.0 + margin)


def fit(fabric: Fabric, network_w: Callable[[Fabric], float], cap_w: float, gpu_w: float,
        gpu_pue: float, network_pue: float, margin: float, max_iterations: int = 100) -> Fit:
    """The most GPUs whose fabric and power fit under ``cap_w`` [W] (module notes).

    ``network_w(fabric)`` is the option's network power for a fabric [W].
    """
    limit = fabric.max_gpus

    def watts(n: int) -> tuple[float, Fabric | None]:
        if n <= 0:
            return 0.0, None
        f = fabric.resized(n)
        net = network_w(f)
        return facility_watts(n, net, gpu_w, gpu_pue, network_pue, margin), f

    # network-free bound, then n -> floor(cap / (facility W(n) / n)) until it settles
    n = min(limit, math.floor(cap_w / (gpu_w * gpu_pue * (1.0 + margin))))
    iterations = 0
    while iterations < max_iterations and n > 0:
        iterations += 1
        w, _ = watts(n)
        nxt = min(limit, math.floor(cap_w * n / w))
        if nxt == n:
            break
        n = nxt
    # the cap must hold: step down (whole switches make W(n) a staircase), else up
    # while one more GPU still fits
    w, f = watts(n)
    while n > 0 and w > cap_w:
        n -= 1
        iterations += 1
        w, f = watts(n)
    while n < limit:
        w_up, f_up = watts(n + 1)
        if w_up > cap_w:
            break
        n, w, f = n + 1, w_up, f_up
        iterations += 1
    if f is None:
        return Fit(0, 0, 0.0, 0.0, "power", iterations)
    net = network_w(f)
    return Fit(gpus=n, switches=f.switches, network_w=net, facility_w=w,
               limited_by="fabric" if n == limit and w < cap_w else "power",
               iterations=iterations)


@dataclass(frozen=True)
class OptionFit:
    """What one option fits under the cap, and the extra GPUs' value."""

    fit: Fit  # the fabric resized to what fits
    network_w_per_gpu: float
    extra_gpus: int  # hosted beyond the baseline's (tco.power: the engine's count)
    value: float | None  # their value net of their energy over the horizon (beside the TCO)
    present_value: float | None


def fit_option(scenario: Any, opt: Any) -> Fit | None:
    """What one option fits under the site's power (None with sampled inputs)."""
    from .model import derived
    from .model.fleet import items_in
    from .power import cooled_parts, cooling_overhead
    from .power import gpu_pue as pue_of_gpus

    site, fabric, a, d = scenario.site, scenario.fabric, scenario.analysis, scenario.deployment
    gpu_pue = pue_of_gpus(a, site)
    resolved = derived.resolve_option(cooled_parts(opt, a), d)
    overhead = cooling_overhead(opt, a)[0]
    parts = [(p, p.count.to("").magnitude, p.power.to("W").magnitude)
             for p in resolved.parts]
    values = [site.power, site.gpu_power, site.planning_margin, gpu_pue, overhead,
              *(c for _, c, _ in parts), *(w for _, _, w in parts)]
    if any(np.ndim(getattr(v, "magnitude", v)) for v in values):
        return None

    def network_w(f: Fabric) -> float:
        return sum((items_in(p, f) if p.items is not None else f.switches) * c * w
                   for p, c, w in parts)

    return fit(fabric, network_w, float(site.power.to("W").magnitude),
               float(site.gpu_power.to("W").magnitude),
               float(getattr(gpu_pue, "magnitude", gpu_pue)),
               1.0 + float(overhead.to("").magnitude), float(site.planning_margin.magnitude))


def evaluate(scenario: Any, discount_factors: Any, results: list[Any]
             ) -> dict[str, OptionFit] | None:
    """Per option of a scenario with [site]: the fabric that fits (with a [fabric] and
    scalar inputs, else None) and the extra GPUs the engine found it hosts, with their
    value beside the TCO (tco.power; None under power_value = gpus, where the TCO holds
    it, or without the input that values them). None without a [site] or when inputs
    are sampled."""
    if scenario.site is None or scenario.fabric is None:
        return None
    a = scenario.analysis
    shadow = a.carbon_price_kind == "shadow"
    out = {}
    for opt, r in zip(scenario.options, results, strict=True):
        extra = np.asarray(r.physical.get("extra_gpus", 0.0), dtype=float)
        if extra.ndim:
            return None
        result = fit_option(scenario, opt)
        if result is None:
            return None
        value = pv = None
        if r.gpus_beside:  # their value, net of the energy they draw and its emissions
            flows = -(r.gpus_beside["gpus"] + (0.0 if shadow else r.gpus_beside["carbon"]))
            value = float(np.sum(flows))
            pv = float(np.sum(flows * np.asarray(discount_factors)))
        per_gpu = result.network_w / result.gpus if result.gpus else 0.0
        out[opt.id] = OptionFit(result, per_gpu, int(extra), value, pv)
    return out


def size_to_cap(resolved: Any) -> None:
    """With [site] and no fabric.gpus: the GPUs the baseline option fits under the cap.

    The scenario is built once on a copy with a placeholder GPU count (the fit
    resizes the fabric itself), then ``fabric.gpus`` is set, marked as derived.
    """
    import copy

    from .errors import InputError
    from .model.build import build

    f = resolved.fabric
    if f is None or resolved.site is None or f["gpus"].value is not None:
        return
    trial = copy.deepcopy(resolved)
    trial.fabric["gpus"].value = trial.fabric["planes"].value  # placeholder: one per plane
    # a job's size is checked against the fabric it runs on, not the placeholder (the
    # fit does not depend on interruptions)
    trial.analysis["job_gpus"].value = None
    scenario = build(trial)
    result = fit_option(scenario, scenario.baseline)
    if result is None:
        raise InputError("give fabric.gpus when the site's inputs are sampled",
                         source=resolved.source, key="fabric.gpus")
    if result.gpus < f["planes"].value:
        raise InputError(f"not one GPU per plane fits under {resolved.site['power'].given}",
                         source=resolved.source, key="site.power")
    g = f["gpus"]
    g.value, g.origin = result.gpus, "derived"
    g.source = (f"the GPUs the baseline option ({scenario.baseline.id}) fits under "
                f"site.power ({result.limited_by}-limited)")
