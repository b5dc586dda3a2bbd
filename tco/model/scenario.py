"""The scenario model the calculation core reads, built from validated inputs.

Every quantity is a pint Quantity in its canonical unit. Magnitudes may be
floats or numpy arrays (one value per sample): the cost components and the
engine broadcast over them, so sweeps and Monte Carlo reuse the same code by
replacing a field with ``dataclasses.replace``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .. import units
from ..errors import InputError, shown
from . import derived, fleet, refresh_to
from .fabric import Fabric
from .validate import Input, Resolved

Quantity = Any  # pint.Quantity; kept loose so that this module imports without pint

#: a sanity bound: no switch has more ports (catches a bit rate in the wrong unit)
MAX_PORTS = 100_000


@dataclass(frozen=True)
class Analysis:
    horizon_years: int
    discount_rate: Quantity  # dimensionless fraction
    electricity_price: Quantity  # {cur}/kWh
    electricity_escalation: Quantity  # dimensionless fraction per year
    pue: Quantity | None  # dimensionless, every option; None: cooling by type
    cooling_energy_fraction: Quantity | None  # dimensionless fraction, every option
    pue_air: Quantity  # dimensionless, air-cooled options
    pue_liquid: Quantity  # dimensionless, liquid-cooled options
    switch_fan_share: Quantity  # fraction of switch power drawn by fans
    cooling_capex_air: Quantity  # {cur}/kW
    cooling_capex_liquid: Quantity  # {cur}/kW
    grid_carbon_intensity: Quantity  # kgCO2e/kWh
    carbon_price: Quantity  # {cur}/tCO2e
    downtime_cost: Quantity  # {cur}/hour per link
    labour_rate: Quantity  # {cur}/hour
    currency: str
    # what a watt is worth beyond its energy (tco.components.capacity)
    power_value: str = "energy"  # energy | capacity | gpus
    capacity_cost: Quantity | None = None  # {cur}/kW of facility power
    site_power: Quantity | None = None  # MW; None: no cap
    gpus: Quantity | None = None  # GPUs the fleet connects (count)
    gpu_power: Quantity | None = None  # W per GPU, GPU server without the network
    planning_margin: Quantity | None = None  # ratio on facility watts
    gpu_valuation: str = "revenue"  # revenue | capacity
    gpu_hour_value: Quantity | None = None  # {cur}/hour
    gpu_utilisation: Quantity | None = None  # fraction of hours an extra GPU earns
    # prices over time (tco.components.pricing)
    deployment_year: int = 2026
    labour_escalation: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    support_escalation: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    carbon_price_escalation: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    grid_carbon_intensity_trend: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    carbon_price_kind: str = "cash"  # cash | shadow (shown, not in the total)


@dataclass(frozen=True)
class Deployment:
    switches: Quantity  # dimensionless count
    switch_capacity: Quantity  # Tbit/s
    port_speed: Quantity  # Gbit/s
    ports_in_use: Quantity  # dimensionless count per switch


@dataclass(frozen=True)
class FailureMode:
    """One way a part fails: its own rate, repair and blast radius."""

    name: str
    failure_rate: Quantity  # failures per unit per year
    repair: str  # swap | spare_port | replace_switch | fru | none
    repair_price: Quantity  # {cur} per repair (worked out when repair_price_derived)
    repair_labour: Quantity  # hour per repair
    time_to_repair: Quantity  # hour the links stay down
    links_per_failure: Quantity  # links down per failure (worked out when links_derived)
    #: share of failures that interrupt a job [fraction]; None: 1 where links go down
    interrupt_probability: Quantity | None = None
    repair_price_derived: bool = False
    links_derived: bool = False


@dataclass(frozen=True)
class Site:
    """A power-capped site (with a [fabric]): what fits under the cap, per option."""

    power: Quantity  # MW the site can draw (facility)
    gpu_power: Quantity  # W per GPU, GPU servers at the wall
    gpu_cooling: str  # air | liquid: picks the GPU servers' PUE
    planning_margin: Quantity  # fraction added to facility watts
    gpu_hour_value: Quantity | None  # {cur}/hour; None: extra GPUs not valued
    utilisation: Quantity  # fraction of hours the extra GPUs earn


@dataclass(frozen=True)
class Part:
    """A replaceable unit of an option (the switch, its optics, its lasers)."""

    name: str
    count: Quantity  # units per switch (derived from per_port when that is given)
    price: Quantity  # {cur} per unit
    power: Quantity  # per unit, as given: W, or pJ/bit (derived.resolve_part gives W)
    dsp_power: Quantity  # per unit, part of power (reported, not added); W or pJ/bit
    laser_count: Quantity  # laser emitters per unit
    failure_rate: Quantity  # failures per unit per year
    repair: str  # swap | replace_switch | spare_port
    repair_price: Quantity  # {cur} per repair
    repair_labour: Quantity  # hour per repair
    time_to_repair: Quantity  # hour a failed link is down
    links_per_failure: Quantity  # links down per failure
    life: Quantity  # year (inf: never replaced inside the horizon)
    spares: Quantity  # fraction of installed units held as spares
    salvage: Quantity  # fraction of price left at end of life
    install_labour: Quantity  # hour per unit installed
    per_port: Quantity | None = None  # units per port; None: count is per switch
    bit_rate: Quantity | None = None  # Gbit/s one unit carries; None: derived
    integral: bool = False  # part of the switch: count follows its capacity
    repair_price_derived: bool = False  # repair_price worked out from prices
    links_derived: bool = False  # links_per_failure worked out from counts
    #: how many things in the fleet ``count`` applies to (switches, switch ports, NIC
    #: ports, link ends or links, from a ``[fabric]``); None: the deployment's switches,
    #: read where the engine runs so that sampling ``deployment.switches`` moves it
    items: Quantity | None = None
    #: what one item is, for reports: switch, switch_port, nic_port, link_end or link
    per: str = "switch"
    #: the part's failure modes; empty: one mode from the part's own rate and repair
    modes: tuple[FailureMode, ...] = ()
    #: share of failures that interrupt a job (one-mode parts); None: 1 where links go down
    interrupt_probability: Quantity | None = None
    # prices over time and resale (tco.components.pricing, tco.components.resale)
    price_trend: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    price_hold: Quantity = field(default_factory=lambda: units.Q(0.0, "year"))
    resale_decline: Quantity | None = None  # fraction per year; None: salvage only
    embodied_carbon: Quantity = field(default_factory=lambda: units.Q(0.0, "kgCO2e"))
    #: items per tier (tier number, items), from a [fabric]; empty without one
    by_tier: tuple[tuple[int, int], ...] = ()
    #: the links counted, with a [fabric]: optical, copper or any
    media: str = "any"
    #: a fabric item other than a switch (a port, link end, link): the bit rate it
    #: carries and the switch ports it serves; None for parts counted per switch
    item_rate: Quantity | None = None
    item_ports: float | None = None

    def fleet_units(self, switches: Quantity) -> Quantity:
        """Installed units in the fleet: items (or switches) x count."""
        return (switches if self.items is None else self.items) * self.count


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    technology: str
    description: str
    cooling: str
    parts: tuple[Part, ...]
    is_baseline: bool = False
    pue: Quantity | None = None  # dimensionless; None: the analysis's
    cooling_energy_fraction: Quantity | None = None  # fraction; None: the analysis's
    #: the option bought at the switch's life instead of this one (tco.refresh)
    refresh_to: str | None = None

    def part(self, name: str) -> Part | None:
        return next((p for p in self.parts if p.name == name), None)


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    source: str
    analysis: Analysis
    deployment: Deployment
    options: tuple[Option, ...]
    #: every input as resolved, by key path, in scenario order (for the JSON echo)
    inputs: dict[str, Input] = field(default_factory=dict, compare=False)
    #: the fabric the deployment was derived from (None: given as [deployment])
    fabric: Fabric | None = None
    site: Site | None = None
    #: ``--only``/``--baseline`` as given, when they changed the options (for headers)
    selection: str = ""

    @property
    def baseline(self) -> Option:
        return next((o for o in self.options if o.is_baseline), self.options[0])


def build(resolved: Resolved) -> Scenario:
    """Turn validated inputs into the model, filling the derived defaults."""
    inputs: dict[str, Input] = {}

    def take(table: dict[str, Input]) -> dict[str, Input]:
        inputs.update({i.path: i for i in table.values()})
        return table

    def derive(item: Input, value: Any, unit: str = "") -> Any:
        item.value, item.origin = value, "derived"
        item.unit = unit or item.unit
        return value

    top = take(resolved.top)
    a = take(resolved.analysis)
    inputs.update({i.path: i for i in resolved.extra})
    analysis = _analysis(a, resolved, derive)
    fabric, nic_speed = None, None
    if resolved.fabric is not None:
        take(resolved.fabric)
        for tier in resolved.fabric_tiers:
            take(tier)
        fabric, speeds = fleet.build(resolved, derive)
        nic_speed = speeds["nic_speed"]
        resolved.deployment = fleet.derived_deployment(resolved, fabric, speeds)
    d = take(resolved.deployment)
    deployment = _deployment(d, resolved, derive)

    options = []
    for key, opt, parts in resolved.options:
        take(opt)
        built_parts = []
        for name, p in parts.items():
            take(p)
            where = fleet.basis(name, p, fabric, derive, nic_speed, resolved.source)
            part = _part(name, p, deployment, derive, where)
            mode_inputs = resolved.modes.get(f"options.{key}.{name}", [])
            if mode_inputs:
                part = _with_modes(part, [take(m) for m in mode_inputs], derive)
            built_parts.append(part)
        built_parts = _resolved_at_load(built_parts, parts, deployment, derive,
                                        resolved.source)
        label = opt["label"].value or derive(opt["label"], key)
        options.append(Option(
            id=key, label=label, technology=opt["technology"].value,
            description=opt["description"].value, cooling=opt["cooling"].value,
            pue=_ratio(opt["pue"].value), parts=tuple(built_parts),
            cooling_energy_fraction=_fraction(opt["cooling_energy_fraction"].value),
            is_baseline=bool(opt["baseline"].value), refresh_to=opt["refresh_to"].value,
        ))
    if not any(o.is_baseline for o in options):
        options[0] = Option(**{**options[0].__dict__, "is_baseline": True})
    analysis = _power_value(analysis, a, fabric, derive, resolved.source)
    refresh_to.check(options, analysis, resolved.source)
    return Scenario(
        name=top["name"].value, description=top["description"].value,
        source=resolved.source, analysis=analysis, deployment=deployment,
        options=tuple(options), inputs=inputs, fabric=fabric,
        site=_site(take(resolved.site)) if resolved.site is not None else None,
    )


def _site(s: dict[str, Input]) -> Site:
    return Site(power=s["power"].value, gpu_power=s["gpu_power"].value,
                gpu_cooling=s["gpu_cooling"].value,
                planning_margin=s["planning_margin"].value.to(""),
                gpu_hour_value=s["gpu_hour_value"].value,
                utilisation=s["utilisation"].value.to(""))


def _resolved_at_load(parts: list[Part], inputs: dict[str, dict[str, Input]],
                      dep: Deployment, derive: Any, source: str) -> list[Part]:
    """Check and echo the values :mod:`.derived` works out, for the inputs as loaded.

    The engine works them out again each time it runs (so that a sampled input moves
    them); here they are checked (the DSP share of a unit is at most its power) and
    written into the resolved inputs, so the JSON echo and ``explain`` show them.
    """
    opt = derived.resolve_option(_Holder(tuple(parts)), dep)
    out = []
    for p, r in zip(parts, opt.parts, strict=True):
        items = inputs[p.name]
        over = np.asarray(r.dsp_power.magnitude > r.power.magnitude)
        if over.any() and over.ndim:  # sampled inputs (tco uncertainty, sensitivity)
            raise InputError(f"above the unit's power in {int(over.sum()):,} of the "
                             f"{over.size:,} sampled cases: narrow the ranges of power "
                             "and dsp_power", source=source, key=items["dsp_power"].path)
        if over.any():
            raise InputError(f"expected at most the unit's power ({r.power:~.4g}), "
                             f"got {items['dsp_power'].given!r}", source=source,
                             key=items["dsp_power"].path)
        if p.name != "switch" and items["count"].value is None:
            derive(items["count"], _scalar(r.count.magnitude))
        if items["bit_rate"].value is None:
            derive(items["bit_rate"], r.bit_rate, "Gbit/s")
        if p.repair_price_derived:
            derive(items["repair_price"], r.repair_price)
        if p.links_derived:
            derive(items["links_per_failure"], _scalar(r.links_per_failure.magnitude))
        if p.integral:  # refreshed and salvaged with the switch
            derive(items["life"], r.life if math.isfinite(r.life.magnitude) else None,
                   "year")
            derive(items["salvage"], r.salvage.to("%"))
        out.append(replace(p, count=r.count, repair_price=r.repair_price,
                           links_per_failure=r.links_per_failure))
    return out


def _scalar(x: Any) -> Any:
    """A float, or an array of them where inputs were sampled."""
    return float(x) if np.ndim(x) == 0 else np.asarray(x, dtype=float)


@dataclass(frozen=True)
class _Holder:
    """Just the parts of an option, for :func:`derived.resolve_option` at load time."""

    parts: tuple[Part, ...]


def _power_value(analysis: Analysis, a: dict[str, Input], fabric: Any, derive: Any,
                 source: str) -> Analysis:
    """Check that the chosen power valuation has its inputs; GPUs from a [fabric]."""
    def need(key: str, why: str) -> None:
        if a[key].value is None:
            raise InputError(f"missing key: {why}", source=source, key=f"analysis.{key}")

    if analysis.power_value == "capacity":
        need("capacity_cost", "power_value = capacity needs the cost of facility "
                              'capacity, such as "11.7 MUSD/MW"')
    if analysis.power_value != "gpus":
        return analysis
    if a["gpus"].value is None and fabric is not None:
        analysis = replace(analysis, gpus=units.Q(float(derive(a["gpus"], fabric.gpus)), ""))
    need("gpus", "power_value = gpus needs the GPUs the fleet connects (or a [fabric])")
    if analysis.gpu_valuation == "revenue":
        need("gpu_hour_value", "power_value = gpus values extra GPUs at gpu_hour_value "
                               '(such as "2.5 USD/hour"), or set gpu_valuation = "capacity"')
    else:
        need("capacity_cost", "gpu_valuation = capacity needs the cost of facility capacity")
    return analysis


def _ratio(value: Any) -> Quantity | None:
    """A plain number (a PUE) as a dimensionless quantity; None stays None."""
    return None if value is None else units.Q(_scalar(value), "")


def _fraction(value: Any) -> Quantity | None:
    """A percentage as a plain fraction; None stays None."""
    return None if value is None else value.to("")


def _analysis(a: dict[str, Input], resolved: Resolved, derive: Any) -> Analysis:
    horizon = float(a["horizon"].value.to("year").magnitude)
    if abs(horizon - round(horizon)) > 1e-9:
        raise InputError(f"expected a whole number of years, got {shown(a['horizon'].given)}",
                         source=resolved.source, key="analysis.horizon")
    return Analysis(
        horizon_years=int(round(horizon)),
        discount_rate=a["discount_rate"].value.to(""),
        electricity_price=a["electricity_price"].value,
        electricity_escalation=a["electricity_escalation"].value.to(""),
        pue=_ratio(a["pue"].value),
        cooling_energy_fraction=_fraction(a["cooling_energy_fraction"].value),
        pue_air=_ratio(a["pue_air"].value), pue_liquid=_ratio(a["pue_liquid"].value),
        switch_fan_share=a["switch_fan_share"].value.to(""),
        cooling_capex_air=a["cooling_capex_air"].value,
        cooling_capex_liquid=a["cooling_capex_liquid"].value,
        grid_carbon_intensity=a["grid_carbon_intensity"].value,
        carbon_price=a["carbon_price"].value,
        downtime_cost=a["downtime_cost"].value,
        labour_rate=a["labour_rate"].value,
        currency=resolved.currency,
        power_value=a["power_value"].value, capacity_cost=a["capacity_cost"].value,
        site_power=a["site_power"].value,
        gpus=None if a["gpus"].value is None else units.Q(_scalar(a["gpus"].value), ""),
        gpu_power=a["gpu_power"].value, planning_margin=_ratio(a["planning_margin"].value),
        gpu_valuation=a["gpu_valuation"].value, gpu_hour_value=a["gpu_hour_value"].value,
        gpu_utilisation=a["gpu_utilisation"].value.to(""),
        deployment_year=int(a["deployment_year"].value),
        labour_escalation=a["labour_escalation"].value.to(""),
        support_escalation=a["support_escalation"].value.to(""),
        carbon_price_escalation=a["carbon_price_escalation"].value.to(""),
        grid_carbon_intensity_trend=a["grid_carbon_intensity_trend"].value.to(""),
        carbon_price_kind=a["carbon_price_kind"].value,
    )


def _deployment(d: dict[str, Input], resolved: Resolved, derive: Any) -> Deployment:
    capacity, speed = d["switch_capacity"].value, d["port_speed"].value
    max_ports = float((capacity / speed).to("").magnitude)
    if max_ports > MAX_PORTS:
        raise InputError(f"switch_capacity / port_speed = {max_ports:.3g} ports per switch, "
                         f"more than {MAX_PORTS:,}: check the units", source=resolved.source,
                         key="deployment.port_speed")
    if d["ports_in_use"].value is None:
        if abs(max_ports - round(max_ports)) > 1e-6 or round(max_ports) < 1:
            raise InputError(
                f"switch_capacity / port_speed = {max_ports:g} is not a whole number of "
                "ports: give deployment.ports_in_use", source=resolved.source,
                key="deployment.ports_in_use")
        derive(d["ports_in_use"], int(round(max_ports)))
    elif d["ports_in_use"].value > max_ports + 1e-6:
        raise InputError(
            f"expected at most {max_ports:g} ports (switch_capacity / port_speed), "
            f"got {d['ports_in_use'].value}", source=resolved.source,
            key="deployment.ports_in_use")
    return Deployment(
        switches=units.Q(float(d["switches"].value), ""),
        switch_capacity=capacity, port_speed=speed,
        ports_in_use=units.Q(float(d["ports_in_use"].value), ""),
    )


def _rate(p: dict[str, Input]) -> Quantity:
    """Failures per unit per year from afr, failure_rate or mtbf (0 when none)."""
    if p["afr"].value is not None:
        return (p["afr"].value / units.Q(1, "year")).to("1/year")
    if p["failure_rate"].value is not None:
        return p["failure_rate"].value.to("1/year")
    if p["mtbf"].value is not None:
        return (1 / p["mtbf"].value).to("1/year")
    return units.Q(0.0, "1/year")


def _part(name: str, p: dict[str, Input], dep: Deployment, derive: Any,
          where: fleet.Basis | None) -> Part:
    per_port = None
    if name == "switch":
        count = units.Q(1.0, "")
    elif p["count"].value is not None:
        count = units.Q(p["count"].value, "")
    elif where is not None:
        count = units.Q(1.0, "")  # one unit per fabric item unless count says otherwise
    else:
        per_port = units.Q(p["per_port"].value if p["per_port"].value is not None else 1.0, "")
        count = units.Q(float("nan"), "")  # worked out by derived.units_per_switch

    rate = _rate(p)

    repair = p["repair"].value or derive(p["repair"],
                                         "replace_switch" if name == "switch" else "swap")
    ttr = p["time_to_repair"].value
    if ttr is None:
        ttr = derive(p["time_to_repair"],
                     units.Q(24.0 if repair == "replace_switch" else 2.1, "hour"))
    links = p["links_per_failure"].value
    life = p["life"].value if p["life"].value is not None else units.Q(math.inf, "year")
    return Part(
        name=name, count=count, price=p["price"].value, power=p["power"].value,
        dsp_power=p["dsp_power"].value,
        laser_count=units.Q(p["laser_count"].value, ""), failure_rate=rate,
        repair=repair,
        repair_price=p["repair_price"].value if p["repair_price"].value is not None
        else 0 * p["price"].value,
        repair_labour=p["repair_labour"].value, time_to_repair=ttr,
        links_per_failure=units.Q(links if links is not None else 1.0, ""), life=life,
        spares=p["spares"].value.to(""), salvage=p["salvage"].value.to(""),
        install_labour=p["install_labour"].value,
        price_trend=p["price_trend"].value.to(""), price_hold=p["price_hold"].value,
        resale_decline=_fraction(p["resale_decline"].value),
        embodied_carbon=p["embodied_carbon"].value,
        per_port=per_port, bit_rate=p["bit_rate"].value,
        integral=bool(p["integral"].value),
        repair_price_derived=p["repair_price"].value is None,
        links_derived=links is None,
        **(where.fields() if where is not None else {}),
    )


def _with_modes(part: Part, modes: list[dict[str, Input]], derive: Any) -> Part:
    """The part failing in the modes given, each with a one-rate part's defaults.

    The part's own rate, repair and blast radius become the first mode's (its rate:
    the sum of the modes'), so a part with one mode written out is the one-rate part.
    """
    built = []
    for m in modes:
        repair = m["repair"].value or derive(m["repair"], part.repair)
        ttr = m["time_to_repair"].value
        if ttr is None:
            ttr = derive(m["time_to_repair"],
                         units.Q(24.0 if repair == "replace_switch" else 2.1, "hour"))
        links = m["links_per_failure"].value
        built.append(FailureMode(
            name=m["name"].value, failure_rate=_rate(m), repair=repair,
            repair_price=m["repair_price"].value if m["repair_price"].value is not None
            else 0 * part.price,
            repair_labour=m["repair_labour"].value, time_to_repair=ttr,
            links_per_failure=units.Q(links if links is not None else 1.0, ""),
            interrupt_probability=_fraction(m["interrupt_probability"].value),
            repair_price_derived=m["repair_price"].value is None,
            links_derived=links is None))
    first = built[0]
    return replace(
        part, failure_rate=sum((b.failure_rate for b in built[1:]), first.failure_rate),
        repair=first.repair, repair_price=first.repair_price,
        repair_labour=first.repair_labour, time_to_repair=first.time_to_repair,
        links_per_failure=first.links_per_failure,
        interrupt_probability=first.interrupt_probability,
        repair_price_derived=first.repair_price_derived and len(built) == 1,
        links_derived=first.links_derived, modes=tuple(built))
