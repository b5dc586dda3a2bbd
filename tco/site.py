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
reports None). The extra GPUs an option fits beyond the baseline are valued at
gpu_hour_value x hours x utilisation when the site states a value
(:func:`tco.components.capacity.gpu_value_per_year`); that value is another use
of the watts whose energy the TCO already counts, so it is reported beside the
TCO and never added to it. With ``analysis.power_value = "gpus"`` the TCO itself
values GPUs under a cap (tco.power): this block then counts GPUs and switches
only, and values nothing (never count a watt twice).

Unlike the single PUE of ``power_value = gpus`` (the option's PUE applied to GPU
servers and network alike), the GPU servers here keep their own PUE
(site.gpu_cooling): a liquid-cooled GB300 rack does not take the air PUE of an
air-cooled switch option.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import units
from .components import capacity
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

    fit: Fit
    network_w_per_gpu: float
    extra_gpus: int  # beyond the baseline's
    value: float | None  # extra GPUs x value per GPU-hour x hours x utilisation, horizon
    present_value: float | None


def fit_option(scenario: Any, opt: Any) -> Fit | None:
    """What one option fits under the site's power (None with sampled inputs)."""
    from .model import derived
    from .model.fleet import items_in
    from .power import cooled_parts, cooling_overhead

    site, fabric, a, d = scenario.site, scenario.fabric, scenario.analysis, scenario.deployment
    if a.pue is not None:
        gpu_pue = a.pue
    elif a.cooling_energy_fraction is not None:
        gpu_pue = 1.0 + a.cooling_energy_fraction.to("")
    else:
        gpu_pue = a.pue_air if site.gpu_cooling == "air" else a.pue_liquid
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


def evaluate(scenario: Any, discount_factors: Any) -> dict[str, OptionFit] | None:
    """The fit of every option of a scenario with [site] and [fabric] (None otherwise,
    and None with sampled inputs: see the module notes)."""
    if scenario.site is None or scenario.fabric is None:
        return None
    site, a = scenario.site, scenario.analysis
    fits: dict[str, tuple[Fit, float]] = {}
    for opt in scenario.options:
        result = fit_option(scenario, opt)
        if result is None:
            return None
        fits[opt.id] = (result, result.network_w / result.gpus if result.gpus else 0.0)
    base = fits[scenario.baseline.id][0].gpus
    out = {}
    years = scenario.analysis.horizon_years
    for key, (result, per_gpu) in fits.items():
        extra = result.gpus - base
        value = pv = None
        # analysis.power_value = gpus values the extra GPUs inside the TCO already:
        # then this block counts them and never values them again
        if site.gpu_hour_value is not None and a.power_value != "gpus":
            yearly = (capacity.gpu_value_per_year(extra, site.gpu_hour_value,
                                                  site.utilisation) * units.Q(1.0, "year")
                      ).to(a.currency).magnitude
            value = float(yearly * years)
            pv = float(yearly * np.sum(np.asarray(discount_factors)[1:years + 1]))
        out[key] = OptionFit(result, per_gpu, extra, value, pv)
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
