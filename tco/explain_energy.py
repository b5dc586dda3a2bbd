"""``tco explain`` of the categories computed for the option as a whole (energy,
cooling, carbon; capacity and GPUs in :mod:`tco.explain_power`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import components as cm
from . import explain_power
from .components import carbon, cooling, energy, pricing, replacement
from .explain_context import Ctx, num, pct, qty


def option_flows(c: Ctx, cat: str) -> tuple[Any, dict[int, str]]:
    """Flows per year of an option-level category, and the text of each year's line."""
    a, n = c.a, c.n
    it_kw = c.it_power()
    if cat == "energy":
        it_energy = energy.annual_energy(it_kw)
        c.add(None, f"annual energy = {qty(it_kw)} x 8,760 h = {qty(it_energy)}")
        flows = c.money(energy.energy_cost_by_year(it_energy, a.electricity_price,
                                                   a.electricity_escalation, n))
        return flows, {0: f"no energy is bought in year 0 = {c.cash(flows[0])}",
                       **c.energy_years("IT energy", it_energy, flows)}
    if cat in ("capacity", "gpus"):
        return explain_power.flows(c, cat, it_kw)
    cool_kw = c.cooling_power(it_kw)
    cool_energy = energy.annual_energy(cool_kw)
    c.add(None, f"annual cooling energy = {qty(cool_kw)} x 8,760 h = {qty(cool_energy)}")
    if cat == "cooling":
        liquid = c.opt.cooling == "liquid"
        per_kw = a.cooling_capex_liquid if liquid else a.cooling_capex_air
        capex = c.money(cm.at_start(cooling.cooling_capex(it_kw, per_kw), n))
        if a.power_value == "capacity":
            capex = 0.0 * capex
            c.add(None, "cooling capital: inside analysis.capacity_cost (power_value = "
                  "capacity), not charged again = 0.00", "analysis.power_value")
        else:
            c.add(None, f"cooling capital ({c.opt.cooling}) = {qty(it_kw)} x {qty(per_kw)}"
                  f" = {c.cash(capex[0])}", f"options.{c.opt.id}.cooling",
                  f"analysis.cooling_capex_{'liquid' if liquid else 'air'}")
        energy_flows = c.money(energy.energy_cost_by_year(
            cool_energy, a.electricity_price, a.electricity_escalation, n))
        lines = c.energy_years("cooling energy", cool_energy, energy_flows)
        return energy_flows + capex, {0: f"cooling capital = {c.cash(capex[0])}", **{
            y: f"capital {c.cash(capex[y])} + energy {t}" for y, t in lines.items()}}
    it_energy = energy.annual_energy(it_kw)
    c.add(None, f"annual IT energy = {qty(it_kw)} x 8,760 h = {qty(it_energy)}")
    emissions = carbon.emissions_per_year(it_energy + cool_energy, a.grid_carbon_intensity)
    c.add(None, f"emissions = ({qty(it_energy)} + {qty(cool_energy)}) x "
          f"{qty(a.grid_carbon_intensity)} = {qty(emissions)}", "analysis.grid_carbon_intensity")
    yearly = carbon.carbon_cost_per_year(emissions, a.carbon_price)
    c.add(None, f"per year = {qty(emissions)} x {qty(a.carbon_price)} = {qty(yearly)}",
          "analysis.carbon_price")
    esc = pricing.yearly_index(a.carbon_price_escalation, n)
    path = pricing.yearly_index(a.grid_carbon_intensity_trend, n)
    c.add(None, f"carbon price rising {pct(a.carbon_price_escalation)} a year from year 1; "
          f"grid intensity changing {pct(a.grid_carbon_intensity_trend)} a year",
          "analysis.carbon_price_escalation", "analysis.grid_carbon_intensity_trend")
    operational = c.money(cm.every_year(yearly, n)) * path * esc
    made = 0.0
    for p in c.opt.parts:
        events = replacement.replacements_by_year(p.life, n)
        t = carbon.embodied_by_year(events, c.items(p) * p.count, p.spares, p.embodied_carbon, n)
        if np.any(t.magnitude):
            c.add(p, f"embodied {qty(p.embodied_carbon)} per unit bought (deployment with "
                  f"spares, replacements): {', '.join(num(x) for x in np.ravel(t.magnitude))} "
                  "tCO2e by year", "embodied_carbon")
        made = made + c.money(t * a.carbon_price) * pricing.labour_index(
            a.carbon_price_escalation, n)
    gpus = explain_power.gpu_carbon(c, it_kw)
    flows = operational + made + gpus
    if a.carbon_price_kind == "shadow":
        c.add(None, "a shadow price: shown, left out of the total", "analysis.carbon_price_kind")
    extra = " + extra GPUs {}" if np.any(gpus) else ""
    return flows, {y: f"operational {c.cash(operational[y])} + embodied "
                      f"{c.cash(np.asarray(made + 0.0 * flows)[y])}"
                      f"{extra.format(c.cash(gpus[y]))} = {c.cash(flows[y])}"
                   for y in range(n + 1)}
