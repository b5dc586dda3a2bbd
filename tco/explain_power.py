"""``tco explain`` for the power valuation categories: capacity and gpus.

Figures come from the same functions the engine calls (:mod:`tco.power`,
:mod:`tco.components.capacity`); :func:`tco.explain.explain` checks the amounts
against the engine's result.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .components import at_start, capacity, carbon, energy, every_year, pricing
from .power import cooling_overhead, gpu_pue, hosting
from .units import Q

FORMULAS: dict[str, tuple[str, ...]] = {
    "capacity": (
        "only with analysis.power_value = capacity (otherwise nothing)",
        "facility power = IT power x PUE",
        "capacity = facility power x capacity_cost, paid in year 0 (the cooling plant is "
        "inside it: no cooling capital on top)"),
    "gpus": (
        "only with analysis.power_value = gpus and a [site] (otherwise nothing)",
        "network W per GPU = IT power / site.gpus (fabric.gpus with a [fabric])",
        "all-in facility W per GPU = (site.gpu_power x PUE of the GPU servers + network W "
        "per GPU x the option's PUE) x (1 + site.planning_margin)",
        "GPUs hosted = floor(site.power / all-in W per GPU); extra = this option's - the "
        "baseline's",
        "energy the extra GPUs draw = extra x (site.gpu_power x PUE of the GPU servers + "
        "network W per GPU x the option's PUE) x 8,760 h x electricity price (rising by "
        "the escalation): freed power re-spent is not an electricity saving; the price of "
        "its emissions is in the carbon category",
        "revenue: value in year y (1..N) = extra x site.gpu_hour_value x 8,760 h x "
        "site.utilisation; capacity: value = extra x all-in W per GPU x capacity_cost in "
        "year 0",
        "gpus = energy drawn - value (negative: a credit)"),
}


def _hosting(c: Any, it_kw: Any) -> tuple[Any, Any, Any]:
    """This option's and the baseline's hosting under the site cap, with their steps."""
    a, site = c.a, c.s.site
    base = next(o for o in c.s.options if o.is_baseline)
    base_it = Q(next(o for o in c.result.options if o.is_baseline).physical["it_power_kw"],
                "kW")
    gp = gpu_pue(a, site)
    rows = []
    for who, opt, it in (("this option", c.opt, it_kw), ("baseline", base, base_it)):
        h = hosting(opt, it, a, site)
        key = cooling_overhead(opt, a)[1]
        c.add(None, f"{who}: network {c.q(it)} / {c.num(site.gpus)} GPUs = {c.q(h.network_w)}"
              f" per GPU; all-in ({c.q(site.gpu_power)} x {c.num(gp)} + {c.q(h.network_w)} x "
              f"{c.num(1 + h.overhead.magnitude)}) x (1 + {c.pct(site.planning_margin)}) = "
              f"{c.q(h.all_in_w)}; hosted floor({c.q(site.power)} / {c.q(h.all_in_w)}) = "
              f"{c.num(h.hosted)}", "site.gpus", "fabric.gpus", "site.gpu_power",
              "site.gpu_cooling", key, "site.planning_margin", "site.power")
        rows.append(h)
    extra = rows[0].hosted - rows[1].hosted
    return rows[0], extra, (extra * rows[0].drawn_w).to("kW")


def gpu_carbon(c: Any, it_kw: Any) -> Any:
    """The price of the extra GPUs' emissions (power_value = gpus), with its steps."""
    a, n = c.a, c.n
    if a.power_value != "gpus" or c.s.site is None or not _valued(c):
        return np.zeros(n + 1)
    _, extra, drawn = _hosting(c, it_kw)
    used = energy.annual_energy(drawn)
    emitted = carbon.emissions_per_year(used, a.grid_carbon_intensity)
    c.add(None, f"extra GPUs under the cap ({c.num(extra)}) draw {c.q(drawn)}: "
          f"{c.q(used)} x {c.q(a.grid_carbon_intensity)} = {c.q(emitted)}, priced as the "
          "network's (counted: power_value = gpus)", "analysis.power_value")
    return c.money(every_year(carbon.carbon_cost_per_year(emitted, a.carbon_price), n)) * \
        pricing.yearly_index(a.grid_carbon_intensity_trend, n) * \
        pricing.yearly_index(a.carbon_price_escalation, n)


def _valued(c: Any) -> bool:
    site = c.s.site
    return site.gpu_hour_value is not None if site.gpu_valuation == "revenue" else \
        c.a.capacity_cost is not None


def flows(c: Any, cat: str, it_kw: Any) -> tuple[Any, dict[int, str]]:
    """Flows of ``cat`` for the option of explain context ``c``, with year lines."""
    a, n = c.a, c.n
    zero = np.zeros(n + 1)
    if a.power_value != cat or (cat == "gpus" and (c.s.site is None or not _valued(c))):
        why = "no [site]: no cap, no GPU gained" if a.power_value == "gpus" \
            else f"power_value = {a.power_value}"
        c.add(None, f"{cat}: not counted ({why})", "analysis.power_value", "site.power")
        return zero, {y: f"{c.cash(0.0)}" for y in range(n + 1)}
    overhead, pue_key = cooling_overhead(c.opt, a)
    if cat == "capacity":
        fac = capacity.facility_power(it_kw, overhead)
        c.add(None, f"facility power = {c.q(it_kw)} x PUE {c.num(1 + overhead.magnitude)} = "
              f"{c.q(fac)}", pue_key)
        q = capacity.capacity_charge(fac, a.capacity_cost)
        out = c.money(at_start(q, n))
        c.add(None, f"capacity = {c.q(fac)} x {c.q(a.capacity_cost)} = {c.cash(out[0])}",
              "analysis.capacity_cost")
        return out, {y: c.cash(out[y]) for y in range(n + 1)}
    site = c.s.site
    h, extra, drawn = _hosting(c, it_kw)
    c.add(None, f"extra GPUs = {c.num(extra)}, drawing {c.num(extra)} x "
          f"{c.q(h.drawn_w)} (no planning margin) = {c.q(drawn)}")
    spent = c.money(energy.energy_cost_by_year(energy.annual_energy(drawn),
                                               a.electricity_price, a.electricity_escalation,
                                               n))
    if site.gpu_valuation == "revenue":
        yearly = capacity.gpu_value_per_year(extra, site.gpu_hour_value, site.utilisation)
        c.add(None, f"value per year = {c.num(extra)} x {c.q(site.gpu_hour_value)} x 8,760 h"
              f" x {c.pct(site.utilisation)} = {c.q(yearly)}", "site.gpu_valuation",
              "site.gpu_hour_value", "site.utilisation")
        value = c.money(every_year(yearly, n))
    else:
        q = capacity.capacity_charge(extra * h.all_in_w, a.capacity_cost)
        value = c.money(at_start(q, n))
        c.add(None, f"avoided capacity = {c.num(extra)} x {c.q(h.all_in_w)} x "
              f"{c.q(a.capacity_cost)} = {c.cash(value[0])}", "site.gpu_valuation",
              "analysis.capacity_cost")
    out = spent - value
    return out, {y: f"energy {c.cash(spent[y])} - value {c.cash(value[y])} = "
                    f"{c.cash(out[y])}" for y in range(n + 1)}


#: physical metrics of a [site] that :func:`physical_lines` explains
SITE_METRICS = ("gpus_hosted", "facility_w_per_gpu", "extra_gpus",
                "extra_gpus_emissions_t_per_year")


def physical_lines(result: Any, o: Any, key: str) -> list[str]:
    """Formula and computation of a site metric of option result ``o`` (tco.power)."""
    s = result.scenario
    a, site = s.analysis, s.site
    opt = next(x for x in s.options if x.id == o.id)
    base = next(x for x in result.options if x.is_baseline)
    bopt = next(x for x in s.options if x.id == base.id)

    def w(q: Any) -> str:
        return f"{float(np.mean(q.to('W').magnitude)):,.2f} W"

    texts = []
    for who, x, r in (("this option", opt, o), ("baseline", bopt, base)):
        h = hosting(x, Q(r.physical["it_power_kw"], "kW"), a, site)
        texts.append(f"  {who}: network {float(np.mean(r.physical['it_power_kw'])):,.3f} kW"
                     f" / {float(np.mean(site.gpus.magnitude)):,.0f} GPUs = "
                     f"{w(h.network_w)}; all-in ({w(site.gpu_power)} x "
                     f"{float(np.mean(gpu_pue(a, site))):g} + {w(h.network_w)} x "
                     f"{1 + float(np.mean(h.overhead.magnitude)):g}) x (1 + "
                     f"{float(np.mean(site.planning_margin.magnitude)):g}) = "
                     f"{w(h.all_in_w)}; hosted floor({site.power:~g} / {w(h.all_in_w)}) = "
                     f"{float(np.mean(h.hosted)):,.0f}")
    formula = {
        "gpus_hosted": "GPUs hosted = floor(site.power / all-in W per GPU)",
        "facility_w_per_gpu": "all-in W per GPU = (site.gpu_power x PUE of the GPU servers "
                              "+ network W per GPU x the option's PUE) x (1 + "
                              "site.planning_margin); network W per GPU = IT power / GPUs",
        "extra_gpus": "extra GPUs = GPUs hosted with this option - with the baseline",
        "extra_gpus_emissions_t_per_year": "emissions = extra GPUs x (site.gpu_power x PUE "
                                           "of the GPU servers + network W per GPU x the "
                                           "option's PUE) x 8,760 h x grid carbon "
                                           "intensity (counted with power_value = gpus)",
    }[key]
    lines = [f"Formula: {formula} (tco/power.py)", "", "Computation:", texts[0]]
    if key in ("extra_gpus", "extra_gpus_emissions_t_per_year"):
        lines.append(texts[1])
    return lines
