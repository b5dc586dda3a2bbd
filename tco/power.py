"""What the interconnect's power costs beyond its energy, worked out where the engine runs.

Cooling overhead from the PUE that applies to an option (cooling by type), a
liquid-cooled switch without its fans, and the value of a watt by the scenario's
``analysis.power_value`` (:mod:`tco.components.capacity`): facility capacity at
deployment, or GPUs gained under a site cap. Everything here is worked out from the
model each time the engine runs, so a sampled input moves it; branches look only at
which keys are given and at choices, never at a quantity's value.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .components import at_start, capacity, cooling, energy, every_year
from .model.scenario import Analysis, Option
from .units import Q

#: how each valuation is described in reports
VALUATIONS = {
    "energy": "energy only: the power drawn is valued at its electricity price",
    "capacity": "facility capacity: capacity_cost x facility kW (IT x PUE) at deployment, "
                "with the energy; the cooling plant is inside the capacity cost",
    "gpus": "GPUs under a site cap: power the network does not draw hosts GPUs; extra "
            "GPUs over the baseline are valued and the energy they draw is charged",
}


def cooling_overhead(opt: Option, a: Analysis) -> tuple[Any, str]:
    """The option's facility overhead (PUE - 1) and the key path it comes from.

    Worked out each time the engine runs, so a sampled PUE moves the result. The
    first given of: the option's pue or cooling_energy_fraction; analysis.pue or
    analysis.cooling_energy_fraction (every option); pue_air or pue_liquid by the
    option's cooling. Which keys are given is structure, never a value.
    """
    for owner, prefix in ((opt, f"options.{opt.id}"), (a, "analysis")):
        if owner.pue is not None:
            return cooling.overhead_from_pue(owner.pue), f"{prefix}.pue"
        if owner.cooling_energy_fraction is not None:
            return (Q(owner.cooling_energy_fraction.to("").magnitude, ""),
                    f"{prefix}.cooling_energy_fraction")
    key = f"pue_{opt.cooling}"
    return cooling.overhead_from_pue(getattr(a, key)), f"analysis.{key}"


def cooled_parts(opt: Option, a: Analysis) -> Option:
    """The option with a liquid-cooled switch's fan power taken off (switch_fan_share)."""
    if opt.cooling != "liquid":
        return opt
    return replace(opt, parts=tuple(
        replace(p, power=cooling.without_fans(p.power, a.switch_fan_share))
        if p.name == "switch" else p for p in opt.parts))


def power_value_flows(options: list[Option], it_kw: list[Any], baseline: int,
                      a: Analysis) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per option: flows of the capacity and gpus categories, and physical extras.

    ``it_kw`` is each option's IT power [kW]; ``baseline`` the index of the baseline.
    Flows are quantities in money per year index (0..horizon).
    """
    n = a.horizon_years
    overheads = [cooling_overhead(o, a)[0] for o in options]
    flows: list[dict[str, Any]] = [{} for _ in options]
    extras: list[dict[str, Any]] = [{} for _ in options]
    if a.power_value == "capacity":
        for f, it, o in zip(flows, it_kw, overheads, strict=True):
            f["capacity"] = at_start(capacity.capacity_charge(
                capacity.facility_power(it, o), a.capacity_cost), n)
        return flows, extras
    if a.power_value != "gpus" or a.site_power is None:
        return flows, extras  # energy only, or no cap: no GPU is gained
    per_gpu = [(it / a.gpus).to("W") for it in it_kw]
    all_in = [capacity.facility_watts_per_gpu(a.gpu_power, net, o, a.planning_margin)
              for net, o in zip(per_gpu, overheads, strict=True)]
    hosted = [capacity.gpus_hosted(a.site_power, w) for w in all_in]
    for i, (f, x) in enumerate(zip(flows, extras, strict=True)):
        extra = hosted[i] - hosted[baseline]
        x.update(gpus_hosted=hosted[i], facility_w_per_gpu=all_in[i].magnitude)
        # the power the extra GPUs draw (no planning margin): not an electricity saving
        drawn = (extra * (a.gpu_power + per_gpu[i]) * (1.0 + overheads[i])).to("kW")
        spent = energy.energy_cost_by_year(energy.annual_energy(drawn), a.electricity_price,
                                           a.electricity_escalation, n)
        if a.gpu_valuation == "revenue":
            value = every_year(capacity.gpu_value_per_year(
                extra, a.gpu_hour_value, a.gpu_utilisation), n)
        else:
            value = at_start(capacity.capacity_charge(extra * all_in[i], a.capacity_cost), n)
        f["gpus"] = spent - value.to(spent.units)
    return flows, extras
