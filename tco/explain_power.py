"""``tco explain`` for the power valuation categories: capacity and gpus.

Figures come from the same functions the engine calls (:mod:`tco.power`,
:mod:`tco.components.capacity`); :func:`tco.explain.explain` checks the amounts
against the engine's result.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .components import at_start, capacity, energy, every_year
from .power import cooled_parts, cooling_overhead
from .units import Q

FORMULAS: dict[str, tuple[str, ...]] = {
    "capacity": (
        "only with analysis.power_value = capacity (otherwise nothing)",
        "facility power = IT power x PUE",
        "capacity = facility power x capacity_cost, paid in year 0 (the cooling plant is "
        "inside it: no cooling capital on top)"),
    "gpus": (
        "only with analysis.power_value = gpus and a site_power (otherwise nothing)",
        "network W per GPU = IT power / gpus",
        "all-in facility W per GPU = (gpu_power + network W per GPU) x PUE x planning_margin",
        "GPUs hosted = floor(site_power / all-in W per GPU); extra = this option's - the "
        "baseline's",
        "energy the extra GPUs draw = extra x (gpu_power + network W per GPU) x PUE x "
        "8,760 h x electricity price (rising by the escalation): freed power re-spent is "
        "not an electricity saving",
        "revenue: value in year y (1..N) = extra x gpu_hour_value x 8,760 h x "
        "gpu_utilisation; capacity: value = extra x all-in W per GPU x capacity_cost in "
        "year 0",
        "gpus = energy drawn - value (negative: a credit)"),
}


def flows(c: Any, cat: str, it_kw: Any) -> tuple[Any, dict[int, str]]:
    """Flows of ``cat`` for the option of explain context ``c``, with year lines."""
    a, n = c.a, c.n
    zero = np.zeros(n + 1)
    if a.power_value != cat or (cat == "gpus" and a.site_power is None):
        why = "no site_power: no cap, no GPU gained" if a.power_value == "gpus" \
            else f"power_value = {a.power_value}"
        c.add(None, f"{cat}: not counted ({why})", "analysis.power_value",
              "analysis.site_power")
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
    base = next(o for o in c.s.options if o.is_baseline)
    base_it = Q(next(o for o in c.result.options if o.is_baseline).physical["it_power_kw"],
                "kW")
    rows = []
    for who, opt, it in (("this option", c.opt, it_kw),
                         ("baseline", cooled_parts(base, a), base_it)):
        o, key = cooling_overhead(opt, a)
        net = (it / a.gpus).to("W")
        w = capacity.facility_watts_per_gpu(a.gpu_power, net, o, a.planning_margin)
        hosted = capacity.gpus_hosted(a.site_power, w)
        c.add(None, f"{who}: network {c.q(it)} / {c.num(a.gpus)} GPUs = {c.q(net)} per GPU;"
              f" all-in ({c.q(a.gpu_power)} + {c.q(net)}) x {c.num(1 + o.magnitude)} x "
              f"{c.num(a.planning_margin)} = {c.q(w)}; hosted floor({c.q(a.site_power)} / "
              f"{c.q(w)}) = {c.num(hosted)}", "analysis.gpus", "analysis.gpu_power", key,
              "analysis.planning_margin", "analysis.site_power")
        rows.append((net, o, w, hosted))
    (net, o, w, hosted), (_, _, _, base_hosted) = rows
    extra = hosted - base_hosted
    drawn = (extra * (a.gpu_power + net) * (1.0 + o)).to("kW")
    c.add(None, f"extra GPUs = {c.num(hosted)} - {c.num(base_hosted)} = {c.num(extra)}, "
          f"drawing {c.num(extra)} x ({c.q(a.gpu_power)} + {c.q(net)}) x "
          f"{c.num(1 + o.magnitude)} = {c.q(drawn)}")
    spent = c.money(energy.energy_cost_by_year(energy.annual_energy(drawn),
                                               a.electricity_price, a.electricity_escalation,
                                               n))
    if a.gpu_valuation == "revenue":
        yearly = capacity.gpu_value_per_year(extra, a.gpu_hour_value, a.gpu_utilisation)
        c.add(None, f"value per year = {c.num(extra)} x {c.q(a.gpu_hour_value)} x 8,760 h x "
              f"{c.pct(a.gpu_utilisation)} = {c.q(yearly)}", "analysis.gpu_valuation",
              "analysis.gpu_hour_value", "analysis.gpu_utilisation")
        value = c.money(every_year(yearly, n))
    else:
        q = capacity.capacity_charge(extra * w, a.capacity_cost)
        value = c.money(at_start(q, n))
        c.add(None, f"avoided capacity = {c.num(extra)} x {c.q(w)} x {c.q(a.capacity_cost)}"
              f" = {c.cash(value[0])}", "analysis.gpu_valuation", "analysis.capacity_cost")
    out = spent - value
    return out, {y: f"energy {c.cash(spent[y])} - value {c.cash(value[y])} = "
                    f"{c.cash(out[y])}" for y in range(n + 1)}
