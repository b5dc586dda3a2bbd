"""Combine the cost components year by year into cash flows per option.

Every renderer reads the :class:`ScenarioResult` this module builds; none of
them computes a number of its own. Amounts are in the scenario's reporting
currency; magnitudes are floats, or arrays when inputs were sampled.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from . import finance, lifecheck, refresh, reliability
from .components import (
    at_end,
    at_start,
    capital,
    carbon,
    column,
    cooling,
    downtime,
    energy,
    every_year,
    interruptions,
    lazy,
    pricing,
    replacement,
    resale,
    spare_ports,
    support,
)
from .errors import TcoError
from .model import coverage, derived, interruption
from .model.fleet import is_module
from .model.scenario import Analysis, Deployment, Option, Part, Scenario
from .power import cooled_parts, cooling_overhead, power_value_flows
from .result import (
    CATEGORIES,
    PER_GPU_UNITS,
    PHYSICAL_UNITS,
    OptionResult,
    PartResult,
    ScenarioResult,
    add_per_gpu,
    percent_of,
    summarise,
    summarise_totals,
)
from .units import HOURS_PER_YEAR, Q

__all__ = ["CATEGORIES", "PER_GPU_UNITS", "PHYSICAL_UNITS", "OptionResult", "PartResult",
           "ScenarioResult", "evaluate"]


def evaluate(scenario: Scenario, flows: bool = True) -> ScenarioResult:
    """Compute every option of a scenario and compare them with the baseline.

    With ``flows=False`` (the analyses over many samples) only the totals and
    present values per option and category are kept: ``by_year``,
    ``year_totals``, ``cumulative`` and ``break_even_year`` are left out, which
    saves most of the time and memory of a large sample (so are the figures per
    port, per Tbit/s and the savings in percent: None; the book value: 0; and the
    keys not counted and the warnings: empty).
    """
    outer = getattr(_lean, "on", False)
    _lean.on = not flows
    try:
        with np.errstate(all="ignore"), pricing.remembering():  # overflow: reported below
            return _evaluate(scenario, flows)
    finally:
        _lean.on = outer


#: per thread: whether this evaluation keeps only totals and present values (flows=False);
#: then a figure reported only by ``compare`` may be taken in fewer steps (its last bits
#: may differ from the dense computation's)
_lean = threading.local()


def _mean_after_start(x: Any) -> Any:
    """Mean over years 1..horizon (per sample) of a yearly flow's magnitude."""
    if getattr(_lean, "on", False) and isinstance(x, lazy.Flow):
        n = x.shape[-1] - 1
        w = np.full(n + 1, 1.0 / n)
        w[0] = 0.0
        return lazy.weigh(x, lazy.Weights(w))
    return np.asarray(x)[..., 1:].mean(axis=-1)


def _evaluate(scenario: Scenario, flows: bool = True) -> ScenarioResult:
    a, d = scenario.analysis, scenario.deployment
    # an option whose refresh_to names the next product: one segment per product
    results = [refresh.evaluate(opt, scenario.options, a, d, _option)
               for opt in scenario.options]
    base = next(r for r in results if r.is_baseline)
    flows_pv, extras, beside = power_value_flows(
        list(scenario.options), [Q(r.physical["it_power_kw"], "kW") for r in results],
        results.index(base), a, scenario.site)
    for r, f, x, b in zip(results, flows_pv, extras, beside, strict=True):
        for c, q in f.items():  # added: a refresh may have charged capacity at its year
            r.by_year[c] = r.by_year[c] + lazy.keep(q.to(a.currency).magnitude)
        r.physical.update(x)
        r.gpus_beside = {c: np.asarray(q.to(a.currency).magnitude, dtype=float)
                         for c, q in b.items()}
    rate = a.discount_rate.to("").magnitude
    ports = (d.switches * d.ports_in_use).to("").magnitude
    tbps = (d.switches * d.ports_in_use * d.port_speed).to("Tbit/s").magnitude
    shadow = ("carbon",) if a.carbon_price_kind == "shadow" else ()  # shown, not cash
    factors = finance.discount_factors(rate, a.horizon_years)
    weights = (lazy.Weights(np.ones(a.horizon_years + 1)), lazy.Weights(factors))
    for r in results:
        if flows:
            summarise(r, rate, shadow)
        else:
            summarise_totals(r, weights, shadow)
    for r in results:
        if not (np.all(np.isfinite(r.total)) and np.all(np.isfinite(r.present_value))):
            raise TcoError(f"{scenario.source}: options.{r.id}: the costs overflow to "
                           "infinity: an input is extreme (check prices, counts and units)")
    for r in results:
        r.savings = base.total - r.total
        r.present_value_savings = base.present_value - r.present_value
        if flows:  # figures per port, per Tbit/s and in % are for one evaluation's report
            r.savings_percent = percent_of(r.savings, base.total)
            r.present_value_savings_percent = percent_of(r.present_value_savings,
                                                       base.present_value)
            r.cost_per_port = r.total / ports
            r.cost_per_tbps = r.total / tbps
            r.present_value_per_port = r.present_value / ports
            r.present_value_per_tbps = r.present_value / tbps
        r.break_even_year = None if r.is_baseline or not flows else \
            finance.break_even_year(r.year_totals, base.year_totals)
        if scenario.fabric is not None:
            add_per_gpu(r, scenario.fabric.gpus)
    fits = None
    if scenario.site is not None:
        from . import site

        fits = site.evaluate(scenario, factors, results)
    if not flows:  # what is not counted and the warnings are one evaluation's report
        return ScenarioResult(scenario, results, factors, site=fits)
    zero = [c for c in results[0].category_totals
            if all(np.all(np.asarray(r.category_totals[c]) == 0) for r in results)]
    return ScenarioResult(scenario, results, factors, site=fits,
                          not_counted=coverage.not_counted(scenario.inputs, zero),
                          warnings=lifecheck.warnings(scenario)
                          + interruption.warnings(scenario))


def _part(part: Part, a: Analysis, d: Deployment, money: Any, opt: Option,
          failed: list[reliability.ModeResult], rebuy_spares: bool = True,
          each: Any = None, available: Any = None) -> PartResult:
    """One part's flows; ``each``: the cost of one job interruption (None: not priced);
    ``available``: the job's availability per year index, which caps that cost (None:
    not capped, the cost of one interruption given directly)."""
    # ``count`` units per item: per switch, or per fabric item (port, link end, ...)
    n, sw = a.horizon_years, (d.switches if part.items is None else part.items)
    fails = sum((m.failures for m in failed), Q(0.0, "1/year"))
    link_hours = sum((m.link_hours for m in failed), Q(0.0, "hour"))
    stops = sum((m.interruptions for m in failed), Q(0.0, "1/year"))
    forced = sum((m.forced_stops for m in failed), 0.0)  # by forced switch swaps
    events = replacement.replacements_by_year(part.life, n)
    units = sw * part.count
    labour = pricing.labour_index(a.labour_escalation, n)
    residual = resale.residual_value(units, part.price, part.life, part.salvage,
                                     part.resale_decline, part.price_trend, part.price_hold, n)
    if not rebuy_spares:  # the same product bought again: the spares held serve on
        spares = Q(0.0, a.currency)
    elif part.integral:  # its spares are spare ports, priced as switch capacity
        spares = spare_ports.spare_ports_cost(
            d.switches, derived.ports_per_switch(d), part.spares,
            derived.system_price_per_port(list(opt.parts), d))
    else:
        spares = capital.spares_cost(sw, part.count, part.price, part.spares)
    by_year = {
        "equipment": at_start(capital.equipment_cost(sw, part.count, part.price), n),
        "spares": at_start(spares, n),
        "installation": at_start(capital.installation_cost(
            sw, part.count, part.install_labour, a.labour_rate), n),
        "repairs": sum((m.repairs for m in failed), every_year(Q(0.0, f"{a.currency}/year"), n)),
        "warranty": -sum((m.warranty for m in failed), every_year(
            Q(0.0, f"{a.currency}/year"), n)),
        "support": support.support_by_year(
            opt.support, units, part.price, support.paid_years(
                part.life, part.price_trend, part.price_hold, n,
                skip=part.warranty if opt.support_from == "warranty_end" else None),
            support.escalation_index(a.support_escalation, n, a.support_offset))
        if np.any(opt.support.magnitude) else Q(0.0, a.currency),
        "downtime": downtime.downtime_cost_per_year(link_hours, column(a.downtime_cost)),
        # the restart cost of the jobs the failures stop (downtime: the links' capacity)
        "interruptions": Q(0.0, a.currency) if each is None else
        interruptions.capped_cost_by_year(stops, forced, each, a.interruption_escalation,
                                          1.0 if available is None else available, n),
        # nothing replaced (no life inside the horizon) or nothing left: zero, not an
        # array of zeros per sample (a third of a large sample's work, and the same sums)
        "replacement": resale.replacement_cost_by_year(
            events, units, part.price, part.install_labour, a.labour_rate, part.life,
            part.salvage, part.resale_decline, part.price_trend, part.price_hold, labour, n)
        if np.any(events) else Q(0.0, a.currency),
        "residual": -at_end(residual, n) if np.any(residual.magnitude) else Q(0.0, a.currency),
    }
    # reported, never cash: not needed where only totals are kept
    book = Q(0.0, a.currency) if getattr(_lean, "on", False) else resale.book_value(
        units, part.price, part.life, part.salvage, part.price_trend, part.price_hold, n)
    embodied = carbon.embodied_by_year(events, units, part.spares if rebuy_spares else
                                       0.0 * part.spares, part.embodied_carbon, n)
    return PartResult(
        name=part.name,
        units=(sw * part.count).to("").magnitude,
        power_kw=energy.it_power(sw, part.count, part.power).magnitude,
        failures_per_year=fails.magnitude,
        downtime_link_hours_per_year=_mean_after_start(link_hours.magnitude),
        interruptions_per_year=stops.to("1/year").magnitude + (
            _mean_after_start(forced) if reliability.forces(forced) else 0.0),
        by_year={c: money(q) for c, q in by_year.items()},
        book_value=money(book),
        embodied_t=lazy.keep(embodied.magnitude),
    )


def _option(opt: Option, a: Analysis, d: Deployment, rebuy_spares: bool = True
            ) -> OptionResult:
    """One product over the analysis's horizon (a refresh to another: tco.refresh)."""
    n, sw = a.horizon_years, d.switches
    opt = derived.resolve_option(opt, d)  # counts, watts, repair prices from the inputs
    opt = cooled_parts(opt, a)  # a liquid-cooled switch runs no fans

    def money(q: Any) -> Any:
        return lazy.keep(q.to(a.currency).magnitude)

    spare_pool = reliability.pool(opt, a, d)
    failed = reliability.modes(opt, a, d, spare_pool)
    each = reliability.interruption_cost(a)
    available = None if each is None else reliability.availability(a, failed, n)
    parts = [_part(p, a, d, money, opt, [m for m in failed if m.part == p.name],
                   rebuy_spares, each, available) for p in opt.parts]
    it_kw = Q(sum(p.power_kw for p in parts), "kW")
    cool_kw = cooling.cooling_power(it_kw, cooling_overhead(opt, a)[0])
    capex_per_kw = a.cooling_capex_liquid if opt.cooling == "liquid" else a.cooling_capex_air
    it_energy = energy.annual_energy(it_kw)
    cool_energy = energy.annual_energy(cool_kw)
    emissions = carbon.emissions_per_year(it_energy + cool_energy, a.grid_carbon_intensity)

    by_year: dict[str, Any] = {c: 0.0 for c in CATEGORIES}
    for p in parts:
        for c, flow in p.by_year.items():
            by_year[c] = by_year[c] + flow
    by_year["energy"] = money(energy.energy_cost_by_year(
        it_energy, a.electricity_price, a.electricity_escalation, n))
    # with power_value = capacity the cooling plant is inside the facility capacity cost
    capex = 0.0 if a.power_value == "capacity" else money(
        at_start(cooling.cooling_capex(it_kw, capex_per_kw), n))
    by_year["cooling"] = money(energy.energy_cost_by_year(
        cool_energy, a.electricity_price, a.electricity_escalation, n)) + capex
    # operational emissions follow the grid's path; embodied ones come with purchases
    path = pricing.yearly_index(a.grid_carbon_intensity_trend, n)
    embodied = Q(sum(p.embodied_t for p in parts), "tCO2e")
    by_year["carbon"] = money(every_year(carbon.carbon_cost_per_year(
        emissions, a.carbon_price), n)) * path * pricing.yearly_index(
        a.carbon_price_escalation, n) + money(embodied * column(a.carbon_price)) * \
        pricing.labour_index(a.carbon_price_escalation, n)

    ports = d.switches * d.ports_in_use
    per_port_parts = [p for p in opt.parts if p.name != "switch"]
    physical = {
        "it_power_kw": it_kw.magnitude,
        "cooling_power_kw": cool_kw.magnitude,
        "total_power_kw": (it_kw + cool_kw).magnitude,
        "it_energy_mwh_per_year": it_energy.to("MWh/year").magnitude,
        "total_energy_mwh_per_year": (it_energy + cool_energy).to("MWh/year").magnitude,
        "power_per_switch_w": (it_kw / sw).to("W").magnitude,
        "interconnect_power_per_port_w": sum(
            (p.fleet_units(sw) * p.power / ports).to("W").magnitude for p in per_port_parts),
        "dsp_power_per_port_w": sum(
            (p.fleet_units(sw) * p.dsp_power / ports).to("W").magnitude
            for p in per_port_parts),
        "lasers_per_port": sum((p.fleet_units(sw) * p.laser_count / ports).to("").magnitude
                               for p in opt.parts),
        "failures_per_year": sum(p.failures_per_year for p in parts),
        "downtime_link_hours_per_year": sum(p.downtime_link_hours_per_year for p in parts),
        **_interruption_metrics(parts, available, n,
                                 None if available is None else reliability.job_share(a)),
        **_pool_metrics(spare_pool, sw),
        "emissions_t_per_year": emissions.to("tCO2e/year").magnitude,
        "emissions_t_total": (emissions.to("tCO2e/year") * Q(1.0, "year")).to(
            "tCO2e").magnitude * path.sum(axis=-1),
        "embodied_t_total": embodied.magnitude.sum(axis=-1),
    }
    modules = sum(p.fleet_units(sw).to("").magnitude for p in opt.parts if is_module(p))
    lasers = sum((p.fleet_units(sw) * p.laser_count).to("").magnitude for p in opt.parts)
    # a failure that takes a link down stops a synchronous job (methods.md section 3):
    # per failure mode, failures x its interrupt probability (fru faults: 0 by default)
    interruptions = physical["interruptions_per_year"]
    return OptionResult(id=opt.id, label=opt.label, technology=opt.technology,
                        is_baseline=opt.is_baseline, by_year=by_year, physical=physical,
                        parts=parts, modules=modules, lasers=lasers,
                        interruptions=interruptions,
                        book_value=sum(p.book_value for p in parts))


def _interruption_metrics(parts: list[PartResult], available: Any, n: int,
                          share_of_job: Any = None) -> dict[str, Any]:
    """Job interruptions a year (forced swaps averaged over years 1..N), the fabric's
    mean time between them (NaN: none), the job's own, 8,760 h / (interruptions x
    job GPUs / fabric GPUs), and the job's availability, MTBI / (MTBI + recovery) with
    the job's MTBI, averaged over years 1..N, in percent (the job's two NaN where the
    cost of one interruption is not derived from the job: no recovery time to weigh)."""
    per_year = sum((p.interruptions_per_year for p in parts), 0.0)
    rate = np.asarray(per_year, dtype=float)
    hours = HOURS_PER_YEAR  # the project's year, 8,760 h
    share: Any = np.nan
    if available is not None:
        up = np.asarray(available, dtype=float)  # per year index, or one column
        share = 100.0 * (up[..., 1:].mean(axis=-1) if up.shape[-1] > 1 else up[..., 0])
    return {"interruptions_per_year": per_year,
            "mean_time_between_interruptions_h": np.where(
                rate > 0, hours / np.where(rate > 0, rate, 1.0), np.nan),
            "job_mtbi_h": np.nan if share_of_job is None else np.where(
                rate * share_of_job.magnitude > 0, hours / np.where(
                    rate * share_of_job.magnitude > 0, rate * share_of_job.magnitude, 1.0),
                np.nan),
            "job_availability_percent": share}


def _pool_metrics(spare_pool: Any, switches: Any) -> dict[str, Any]:
    """The spare-port pool in the physical metrics: its size, when expected port
    faults use it up (switch age; NaN, reported as none, where nothing draws on it
    or it never runs out) and the switch swaps a year it forces across the fleet."""
    if spare_pool is None:
        return {"spare_ports_per_switch": 0.0, "spare_ports_run_out_years": np.nan,
                "spare_port_swaps_per_year": 0.0}
    run_out = np.asarray(spare_pool.run_out_years, dtype=float)
    return {
        "spare_ports_per_switch": spare_pool.size,
        "spare_ports_run_out_years": np.where(np.isfinite(run_out), run_out, np.nan),
        "spare_port_swaps_per_year": np.asarray(spare_pool.swaps_per_switch)[..., 1:].mean(
            axis=-1) * switches.to("").magnitude,
    }
