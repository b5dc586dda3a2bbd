"""Build the scenario model (:mod:`tco.model.scenario`) from validated inputs.

Fills the derived defaults and writes them back into the resolved inputs (origin
``derived``), so the JSON echo and ``explain`` show them. Parts and their failure
modes are built in :mod:`tco.model.build_parts`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .. import units
from ..errors import InputError, shown
from . import derived, fleet, interruption, refresh_to
from .build_parts import _fraction, _part, _ratio, _scalar, _with_modes
from .scenario import Analysis, Deployment, Option, Part, Scenario, Site
from .validate import Input, Resolved

#: a sanity bound: no switch has more ports (catches a bit rate in the wrong unit)
MAX_PORTS = 100_000


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
        built_parts, modes = [], {}
        for name, p in parts.items():
            take(p)
            where = fleet.basis(name, p, fabric, derive, nic_speed, resolved.source)
            part = _part(name, p, deployment, derive, where)
            mode_inputs = resolved.modes.get(f"options.{key}.{name}", [])
            if mode_inputs:
                part = _with_modes(part, [take(m) for m in mode_inputs], derive)
                modes[name] = mode_inputs
            built_parts.append(part)
        built_parts = _resolved_at_load(built_parts, parts, deployment, derive,
                                        resolved.source, modes)
        label = opt["label"].value or derive(opt["label"], key)
        options.append(Option(
            id=key, label=label, technology=opt["technology"].value,
            description=opt["description"].value, cooling=opt["cooling"].value,
            pue=_ratio(opt["pue"].value), parts=tuple(built_parts),
            cooling_energy_fraction=_fraction(opt["cooling_energy_fraction"].value),
            is_baseline=bool(opt["baseline"].value), refresh_to=opt["refresh_to"].value,
            support=opt["support"].value.to(""), support_from=opt["support_from"].value,
        ))
    if not any(o.is_baseline for o in options):
        options[0] = Option(**{**options[0].__dict__, "is_baseline": True})
    site = _site(take(resolved.site), fabric, derive) if resolved.site is not None else None
    _power_value(analysis, a, site, resolved.site, resolved.source)
    analysis = interruption.resolve(analysis, a, fabric, derive, resolved.source)
    refresh_to.check(options, analysis, resolved.source)
    return Scenario(
        name=top["name"].value, description=top["description"].value,
        source=resolved.source, analysis=analysis, deployment=deployment,
        options=tuple(options), inputs=inputs, fabric=fabric, site=site,
    )


def _site(s: dict[str, Input], fabric: Any, derive: Any) -> Site:
    gpus = s["gpus"].value
    if gpus is None and fabric is not None:  # the GPUs the fabric connects
        gpus = derive(s["gpus"], float(fabric.gpus))
    return Site(power=s["power"].value, gpu_power=s["gpu_power"].value,
                gpu_cooling=s["gpu_cooling"].value,
                planning_margin=s["planning_margin"].value.to(""),
                gpu_hour_value=s["gpu_hour_value"].value,
                utilisation=s["utilisation"].value.to(""),
                gpus=None if gpus is None else units.Q(_scalar(gpus), ""),
                gpu_valuation=s["gpu_valuation"].value)


def _resolved_at_load(parts: list[Part], inputs: dict[str, dict[str, Input]],
                      dep: Deployment, derive: Any, source: str,
                      modes: dict[str, list[dict[str, Input]]]) -> list[Part]:
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
            derive(items["warranty"], r.warranty)
            derive(items["warranty_handling"], r.warranty_handling)
        if p.name in modes:  # written out; a part without failure_modes fails in one
            for m, rm in zip(modes[p.name], r.modes, strict=True):
                _echo_mode(m, rm, derive)
        elif items["interrupt_probability"].value is None and r.modes:
            derive(items["interrupt_probability"], r.modes[0].interrupt_probability.to("%"),
                   "%")
        out.append(replace(p, count=r.count, repair_price=r.repair_price,
                           links_per_failure=r.links_per_failure))
    return out



def _echo_mode(m: dict[str, Input], resolved: Any, derive: Any) -> None:
    """A failure mode's derived repair_price, links_per_failure and interrupt_probability,
    written into its resolved inputs (as a part's, in :func:`_resolved_at_load`)."""
    if m["repair_price"].value is None:
        derive(m["repair_price"], resolved.repair_price)
    if m["links_per_failure"].value is None:
        derive(m["links_per_failure"], _scalar(resolved.links_per_failure.magnitude))
    if m["interrupt_probability"].value is None:
        derive(m["interrupt_probability"], resolved.interrupt_probability.to("%"), "%")

@dataclass(frozen=True)
class _Holder:
    """Just the parts of an option, for :func:`derived.resolve_option` at load time."""

    parts: tuple[Part, ...]


def _power_value(analysis: Analysis, a: dict[str, Input], site: Site | None,
                 s: dict[str, Input] | None, source: str) -> None:
    """Check that the chosen power valuation has its inputs (GPUs: from the [site])."""
    if analysis.power_value == "capacity" and a["capacity_cost"].value is None:
        raise InputError("missing key: power_value = capacity needs the cost of facility "
                         'capacity, such as "11.7 MUSD/MW"', source=source,
                         key="analysis.capacity_cost")
    if site is None or s is None:
        return  # no cap: power_value = gpus gains no GPU (as energy)
    if site.gpu_valuation == "capacity" and a["capacity_cost"].value is None and \
            analysis.power_value == "gpus":
        raise InputError("missing key: site.gpu_valuation = capacity needs the cost of "
                         "facility capacity", source=source, key="analysis.capacity_cost")
    if analysis.power_value == "gpus" and site.gpu_valuation == "revenue" and \
            site.gpu_hour_value is None:
        raise InputError('missing key: power_value = gpus values the extra GPUs at '
                         'site.gpu_hour_value (such as "2.5 USD/hour"), or set '
                         'site.gpu_valuation = "capacity"', source=source,
                         key="site.gpu_hour_value")


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
        deployment_year=int(a["deployment_year"].value),
        labour_escalation=a["labour_escalation"].value.to(""),
        support_escalation=a["support_escalation"].value.to(""),
        carbon_price_escalation=a["carbon_price_escalation"].value.to(""),
        grid_carbon_intensity_trend=a["grid_carbon_intensity_trend"].value.to(""),
        carbon_price_kind=a["carbon_price_kind"].value,
        interruption_cost=a["interruption_cost"].value,
        job_gpu_hour_value=a["job_gpu_hour_value"].value,
        job_gpus=None if a["job_gpus"].value is None else units.Q(
            _scalar(a["job_gpus"].value), ""),
        detection_time=a["detection_time"].value, restart_time=a["restart_time"].value,
        checkpoint_interval=a["checkpoint_interval"].value,
        interruption_escalation=a["interruption_escalation"].value.to(""),
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
