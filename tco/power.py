"""What the interconnect's power costs beyond its energy, worked out where the engine runs.

Cooling overhead from the PUE that applies to an option (cooling by type), a
liquid-cooled switch without its fans, and the value of a watt by the scenario's
``analysis.power_value`` (:mod:`tco.components.capacity`): facility capacity at
deployment, or GPUs gained under a site cap. Everything here is worked out from the
model each time the engine runs, so a sampled input moves it; branches look only at
which keys are given and at choices, never at a quantity's value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .components import at_start, capacity, carbon, cooling, energy, every_year, pricing
from .model.scenario import Analysis, Option
from .units import Q

#: how each valuation is described in reports
VALUATIONS = {
    "energy": "energy only: the power drawn is valued at its electricity price",
    "capacity": "facility capacity: capacity_cost x facility kW (IT x PUE) at deployment, "
                "with the energy; the cooling plant is inside the capacity cost",
    "gpus": "GPUs under the [site] cap: power the network does not draw hosts GPUs; the "
            "extra GPUs over the baseline are valued (site.gpu_valuation) and the energy "
            "they draw, and the price of its emissions, are charged",
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


def gpu_pue(a: Analysis, site: Any) -> Any:
    """PUE of the site's GPU servers: analysis.pue (or cooling_energy_fraction) for
    every load, else pue_air or pue_liquid by site.gpu_cooling."""
    if a.pue is not None:
        return a.pue
    if a.cooling_energy_fraction is not None:
        return 1.0 + a.cooling_energy_fraction.to("")
    return a.pue_air if site.gpu_cooling == "air" else a.pue_liquid


@dataclass
class Hosting:
    """What one option hosts under the site's cap (every magnitude may be sampled)."""

    network_w: Any  # the network's IT watts per GPU connected [W]
    overhead: Any  # the option's PUE - 1
    all_in_w: Any  # facility watts to plan per GPU [W]
    hosted: Any  # GPUs the site hosts with this option's network
    drawn_w: Any  # facility watts one more GPU draws, without the planning margin [W]


def hosting(opt: Option, it_kw: Any, a: Analysis, site: Any) -> Hosting:
    """The GPUs a power-capped site hosts with an option's network (methods.md 2).

    Notes: network W per GPU = IT power / site.gpus (the GPUs the fleet connects);
    all-in W per GPU = (gpu_power x PUE of the GPU servers + network W per GPU x the
    option's PUE) x (1 + planning_margin); GPUs hosted = floor(site power / all-in).
    """
    overhead = cooling_overhead(opt, a)[0]
    net = (it_kw / site.gpus).to("W")
    all_in = capacity.facility_watts_per_gpu(site.gpu_power, gpu_pue(a, site), net,
                                             overhead, site.planning_margin)
    drawn = capacity.facility_watts_per_gpu(site.gpu_power, gpu_pue(a, site), net,
                                            overhead, 0.0)
    return Hosting(net, overhead, all_in, capacity.gpus_hosted(site.power, all_in), drawn)


def power_value_flows(options: list[Option], it_kw: list[Any], baseline: int,
                      a: Analysis, site: Any = None
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                 list[dict[str, Any]]]:
    """Per option: flows of the capacity and gpus categories, physical extras, and the
    flows of the extra GPUs valued beside the TCO (power_value other than gpus).

    ``it_kw`` is each option's IT power [kW]; ``baseline`` the index of the baseline;
    ``site`` the scenario's [site] (None: no cap). Flows are quantities in money per
    year index (0..horizon). With a site, the extra GPUs an option hosts over the
    baseline are valued (site.gpu_valuation) net of the energy they draw (gpus) and
    of the price of its emissions (carbon): inside the TCO with power_value = gpus,
    beside it otherwise.
    """
    n = a.horizon_years
    flows: list[dict[str, Any]] = [{} for _ in options]
    extras: list[dict[str, Any]] = [{} for _ in options]
    beside: list[dict[str, Any]] = [{} for _ in options]
    if a.power_value == "capacity":
        for f, it, o in zip(flows, it_kw, options, strict=True):
            f["capacity"] = at_start(capacity.capacity_charge(
                capacity.facility_power(it, cooling_overhead(o, a)[0]), a.capacity_cost), n)
    if site is None:
        return flows, extras, beside  # no cap: no GPU is gained
    hosts = [hosting(o, it, a, site) for o, it in zip(options, it_kw, strict=True)]
    for i, (f, x, h) in enumerate(zip(flows, extras, hosts, strict=True)):
        extra = h.hosted - hosts[baseline].hosted
        x.update(gpus_hosted=h.hosted, facility_w_per_gpu=h.all_in_w.magnitude,
                 extra_gpus=extra)
        value = _gpu_value(extra, h, a, site, n)
        if value is None:
            continue  # counted, not valued (no gpu_hour_value or capacity_cost)
        # the power the extra GPUs draw (no planning margin): not an electricity saving
        drawn = (extra * h.drawn_w).to("kW")
        used = energy.annual_energy(drawn)
        spent = energy.energy_cost_by_year(used, a.electricity_price,
                                           a.electricity_escalation, n)
        emitted = carbon.emissions_per_year(used, a.grid_carbon_intensity)
        priced = every_year(carbon.carbon_cost_per_year(emitted, a.carbon_price), n) * \
            pricing.yearly_index(a.grid_carbon_intensity_trend, n) * \
            pricing.yearly_index(a.carbon_price_escalation, n)
        mine = {"gpus": spent - value.to(spent.units), "carbon": priced}
        if a.power_value == "gpus":
            f.update(mine)
            x["extra_gpus_emissions_t_per_year"] = emitted.to("tCO2e/year").magnitude
        else:
            beside[i] = mine
    return flows, extras, beside


def _gpu_value(extra: Any, h: Hosting, a: Analysis, site: Any, n: int) -> Any:
    """The extra GPUs' value by site.gpu_valuation; None without the input it needs."""
    if site.gpu_valuation == "revenue":
        if site.gpu_hour_value is None:
            return None
        return every_year(capacity.gpu_value_per_year(extra, site.gpu_hour_value,
                                                      site.utilisation), n)
    if a.capacity_cost is None:
        return None
    return at_start(capacity.capacity_charge(extra * h.all_in_w, a.capacity_cost), n)
