"""How one number was computed (``tco explain``): formula, values substituted part
by part and year by year, down to the inputs (key path, value, source). Every figure
comes from the cost components the engine calls, on the same model objects, summed in
the same order, and the amounts are checked against the engine's result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import components as cm
from . import explain_failures as failures_x
from . import explain_power, finance, refresh, reliability
from .components import (
    capital,
    carbon,
    cooling,
    energy,
    pricing,
    repairs,
    replacement,
    resale,
)
from .engine import CATEGORIES, ScenarioResult
from .errors import InputError
from .model import derived
from .model.scenario import Option, Part, Scenario
from .power import cooled_parts, cooling_overhead
from .units import Q

#: categories computed part by part (switch, optics, lasers) and then summed
PER_PART = tuple(c for c in CATEGORIES
                 if c not in ("energy", "cooling", "carbon", "capacity", "gpus"))
_FLEET = ("deployment.switches", "count")
_IT = "IT power = sum over parts of switches x count x power per unit"
_FAILS = "failures per year = switches x count x failure rate"
_ENERGY_COST = ("cost in year y (1..N) = annual energy x electricity_price"
                " x (1 + electricity_escalation)^(y-1); nothing in year 0")
FORMULAS: dict[str, tuple[str, ...]] = {
    "equipment": ("equipment = sum over parts of switches x count x price, paid in year 0",),
    "spares": ("spares = sum over parts of switches x count x spares x price, paid in year 0",),
    "installation": ("installation = sum over parts of switches x count x install_labour"
                     " x labour_rate, paid in year 0",),
    "energy": (_IT, "annual energy = IT power x 8,760 h", _ENERGY_COST),
    "cooling": (_IT, "cooling power = IT power x (PUE - 1)",
                "annual energy = cooling power x 8,760 h", _ENERGY_COST,
                "cooling capital = IT power x capex per kW (air or liquid), paid in year 0"),
    "repairs": (_FAILS, "cost per repair = repair_price + repair_labour x labour_rate",
                "cost in year y (1..N) = sum over parts of failures x (repair_price x price "
                "index(y) + repair_labour x labour_rate x labour index(y))",
                "price index(y) = (1 + price_trend)^max(0, y - price_hold); labour index(y) ="
                " (1 + labour_escalation)^y"),
    "downtime": (_FAILS, "link-hours per year = failures x links_per_failure x time_to_repair",
                 "cost in year y (1..N) = sum over parts of link-hours x downtime_cost"),
    "replacement": ("a part of service life L is replaced at L, 2L, ... before the horizon"
                    " ends (never when no life is given)",
                    "cost in year y = sum over parts of replacements in y x switches x count"
                    " x (price x price index(y) + install_labour x labour_rate x labour "
                    "index(y) - resale of the retired unit)",
                    "resale of a unit = price x price index when bought x resale share at "
                    "its age; share = max(salvage, (1 - resale_decline)^age), or salvage "
                    "when no resale_decline is given"),
    **explain_power.FORMULAS,
    "carbon": (_IT, "cooling power = IT power x (PUE - 1)",
               "emissions per year = (IT + cooling power) x 8,760 h x grid_carbon_intensity",
               "cost in year y (1..N) = emissions x carbon_price; nothing in year 0"),
    "residual": ("what the units in service sell for at the horizon, not their book value",
                 "residual = sum over parts of switches x count x price x price index when"
                 " bought x resale share at their age",
                 "share = max(salvage, (1 - resale_decline)^age), or salvage when no "
                 "resale_decline is given",
                 "credited (negative) in the last year"),
}


@dataclass
class Step:
    """One line of the derivation and the key paths of the inputs it substitutes."""

    text: str
    paths: list[str] = field(default_factory=list)


@dataclass
class Explanation:
    scenario: str
    option_id: str
    option_label: str
    category: str
    description: str
    currency: str
    horizon: int
    year: int | None  # the year asked for, or None for all years
    discount_rate_percent: float
    formula: list[str]
    steps: list[Step]  # the derivation, part by part
    year_lines: list[str]  # the amount of each year shown, with how it adds up
    by_year: list[tuple[int, float]]  # (year index, amount) for the years shown
    total: float  # over the whole horizon
    present_value: float
    citations: dict[str, str]  # key path -> "value, source: ..." of each input used


def num(x: Any) -> str:
    """A plain figure: thousands separators, no needless decimals."""
    x = float(x) + 0.0
    if x == round(x) and abs(x) < 1e15:
        return f"{int(round(x)):,}"
    return f"{x:,.4f}".rstrip("0").rstrip(".") if abs(x) >= 1000 else f"{x:.6g}"


def qty(q: Any) -> str:
    unit = format(q.units, "~P").replace("yr", "year")
    return f"{num(q.magnitude)} {unit[1:] if unit.startswith('1/') else unit}".rstrip()


def pct(q: Any) -> str:
    return f"{num(q.to('').magnitude * 100.0)} %"


class _Ctx:
    def __init__(self, s: Scenario, opt: Option) -> None:
        opt = derived.resolve_option(opt, s.deployment)  # as the engine does
        opt = cooled_parts(opt, s.analysis)  # a liquid-cooled switch runs no fans
        self.s, self.opt, self.a, self.n = s, opt, s.analysis, s.analysis.horizon_years
        self.sw, self.cur = s.deployment.switches, s.analysis.currency
        self.steps: list[Step] = []
        self.result: ScenarioResult | None = None  # set by explain()
        self.q, self.num, self.pct = qty, num, pct
        self.pool = reliability.pool(opt, self.a, s.deployment)
        self.failed = reliability.modes(opt, self.a, s.deployment, self.pool)
        self.qty = qty
        self.per_year = Q(1.0, "1/year")

    def fleet_keys(self, p: Part) -> list[str]:
        return ["deployment.switches", f"options.{self.opt.id}.{p.name}.count"]

    def zero_rate(self) -> Any:
        return Q(0.0, f"{self.cur}/year")

    def zero_hours(self) -> Any:
        return Q(0.0, "hour/year")

    def add(self, p: Part | None, text: str, *keys: str) -> None:
        """A step; keys with no dot are fields of part ``p``; inputs not set are skipped."""
        paths = [k if "." in k else f"options.{self.opt.id}.{p.name if p else ''}.{k}"
                 for k in keys]
        used = [k for k in paths if k in self.s.inputs and self.s.inputs[k].value is not None]
        self.steps.append(Step(f"{p.name}: {text}" if p else text, used))

    def money(self, q: Any) -> Any:  # as the engine's money()
        return np.asarray(q.to(self.cur).magnitude, dtype=float)

    def cash(self, x: Any) -> str:
        return f"{float(x) + 0.0:,.2f} {self.cur}"

    def prices(self, p: Part) -> Any:
        return pricing.price_index(p.price_trend, p.price_hold, self.n)

    def labour(self) -> Any:
        return pricing.labour_index(self.a.labour_escalation, self.n)

    def trends(self, p: Part) -> None:
        """A step naming the price and labour indices by year (1 when constant)."""
        idx = ", ".join(num(x) for x in np.ravel(self.prices(p)))
        lab = ", ".join(num(x) for x in np.ravel(self.labour()))
        self.add(p, f"price index by year (1 + {pct(p.price_trend)})^max(0, y - "
                 f"{qty(p.price_hold)}) = {idx}; labour index (1 + "
                 f"{pct(self.a.labour_escalation)})^y = {lab}", "price_trend", "price_hold",
                 "analysis.labour_escalation")

    def items(self, p: Part) -> Any:
        """What ``p.count`` multiplies: the switches, or the part's fabric items."""
        return self.sw if p.items is None else p.items

    def fleet(self, p: Part) -> str:
        what = "switches" if p.per == "switch" else f"{p.per.replace('_', ' ')}s"
        return f"{num(self.items(p))} {what} x {num(p.count)} unit{'' if p.count == 1 else 's'}"

    def failures(self, p: Part) -> Any:
        fails = repairs.failures_per_year(self.items(p), p.count, p.failure_rate)
        self.add(p, f"failures per year = {self.fleet(p)} x {qty(p.failure_rate)} = "
                 f"{qty(fails)}", *_FLEET, "afr", "failure_rate", "mtbf")
        return fails

    def it_power(self) -> Any:
        parts = self.opt.parts
        for p in parts:
            if p.name == "switch" and self.opt.cooling == "liquid":
                self.add(p, f"liquid-cooled, no fans: power x (1 - {pct(self.a.switch_fan_share)}"
                         f" fan share) = {qty(p.power)}", "power", "analysis.switch_fan_share")
            kw = energy.it_power(self.items(p), p.count, p.power)
            self.add(p, f"{self.fleet(p)} x {qty(p.power)} = {qty(kw)}", *_FLEET, "power")
        it_kw = sum((energy.it_power(self.items(p), p.count, p.power) for p in parts[1:]),
                    energy.it_power(self.items(parts[0]), parts[0].count, parts[0].power))
        self.add(None, f"IT power = {' + '.join(p.name for p in parts)} = {qty(it_kw)}")
        return it_kw

    def cooling_power(self, it_kw: Any) -> Any:
        o, given = cooling_overhead(self.opt, self.a)
        cool_kw = cooling.cooling_power(it_kw, o)
        self.add(None, f"cooling power = {qty(it_kw)} x (PUE - 1 = {num(o.magnitude)}) = "
                 f"{qty(cool_kw)}", given)
        return cool_kw

    def energy_years(self, what: str, annual: Any, flows: Any) -> dict[int, str]:
        price, esc = self.a.electricity_price, self.a.electricity_escalation
        self.add(None, f"{what}: electricity at {qty(price)} in year 1, rising {pct(esc)} "
                 "a year", "analysis.electricity_price", "analysis.electricity_escalation")
        return {y: f"{qty(annual * 1)} x 1 year x {qty(price)} x (1 + {pct(esc)})^{y - 1} = "
                   f"{self.cash(flows[y])}" for y in range(1, self.n + 1)}


def _part_flow(c: _Ctx, cat: str, p: Part) -> Any:
    """One part's cash flow for a per-part category, its derivation added to ``c``."""
    a, sw, n, fleet, labour = c.a, c.items(p), c.n, c.fleet(p), qty(c.a.labour_rate)
    if cat == "equipment":
        q = capital.equipment_cost(sw, p.count, p.price)
        c.add(p, f"{fleet} x {qty(p.price)} = {c.cash(c.money(q))}", *_FLEET, "price")
        return cm.at_start(q, n)
    if cat == "spares" and p.integral:
        return failures_x.spare_ports_flow(c, p)
    if cat == "spares":
        q = capital.spares_cost(sw, p.count, p.price, p.spares)
        c.add(p, f"{fleet} x {pct(p.spares)} x {qty(p.price)} = {c.cash(c.money(q))}",
              *_FLEET, "spares", "price")
        return cm.at_start(q, n)
    if cat == "installation":
        q = capital.installation_cost(sw, p.count, p.install_labour, a.labour_rate)
        c.add(p, f"{fleet} x {qty(p.install_labour)} x {labour} = {c.cash(c.money(q))}",
              *_FLEET, "install_labour", "analysis.labour_rate")
        return cm.at_start(q, n)
    if cat in ("repairs", "downtime"):
        mine = [r for r in c.failed if r.part == p.name]
        if cat == "repairs":
            return failures_x.repairs_flow(c, p, mine)
        return failures_x.downtime_flow(c, p, mine)
    life = "no life given" if np.isinf(p.life.magnitude) else f"life {qty(p.life)}"
    units = sw * p.count
    decline = "no resale_decline: the salvage share" if p.resale_decline is None else \
        f"max(salvage, (1 - {pct(p.resale_decline)})^age)"
    if cat == "replacement":
        events = replacement.replacements_by_year(p.life, n)
        if not np.any(events):
            c.add(p, f"{life}: never replaced within {n} years", "life", "analysis.horizon")
        else:
            when = ", ".join(f"year {y}" + (f" ({num(e)} times)" if e != 1 else "")
                             for y, e in enumerate(events) if e)
            c.add(p, f"{life}: replaced in {when}", "life")
            c.trends(p)
            share = resale.resale_share(p.life.to("year").magnitude, p.salvage,
                                        p.resale_decline)
            c.add(p, f"each time {fleet} x ({qty(p.price)} x price index + "
                  f"{qty(p.install_labour)} x {labour} x labour index - the retired unit's "
                  f"resale {qty(p.price)} x price index then x {num(share)} ({decline}))",
                  *_FLEET, "price", "salvage", "resale_decline", "install_labour",
                  "analysis.labour_rate")
        return resale.replacement_cost_by_year(
            events, units, p.price, p.install_labour, a.labour_rate, p.life, p.salvage,
            p.resale_decline, p.price_trend, p.price_hold, c.labour(), n)
    bought = resale.last_purchase(p.life, n)
    age = n - bought
    share = resale.resale_share(age, p.salvage, p.resale_decline)
    paid = pricing.price_at(p.price_trend, p.price_hold, bought)
    c.add(p, f"in service at year {n}: bought in year {num(bought)} ({life}), "
          f"age {num(age)}; resale share {num(share)} ({decline})", "life",
          "analysis.horizon", "salvage", "resale_decline")
    q = resale.residual_value(units, p.price, p.life, p.salvage, p.resale_decline,
                              p.price_trend, p.price_hold, n)
    c.add(p, f"{fleet} x {qty(p.price)} x price index {num(paid)} x {num(share)} = "
          f"{c.cash(c.money(q))}", *_FLEET, "price", "price_trend", "price_hold")
    return -cm.at_end(q, n)


def _option_flows(c: _Ctx, cat: str) -> tuple[Any, dict[int, str]]:
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
    flows = operational + made
    if a.carbon_price_kind == "shadow":
        c.add(None, "a shadow price: shown, left out of the total", "analysis.carbon_price_kind")
    return flows, {y: f"operational {c.cash(operational[y])} + embodied "
                      f"{c.cash(np.asarray(made + 0.0 * flows)[y])} = {c.cash(flows[y])}"
                   for y in range(n + 1)}


def explain(scenario: Scenario, result: ScenarioResult, option_id: str, category: str,
            year: int | None = None) -> Explanation:
    """Explain one category of one option (``result = tco.engine.evaluate(scenario)``)."""
    ids = [o.id for o in scenario.options]
    if option_id not in ids:
        raise InputError(f"unknown option {option_id!r} (options: {', '.join(ids)})")
    if category not in CATEGORIES:
        raise InputError(f"unknown category {category!r} (categories: {', '.join(CATEGORIES)})")
    n = scenario.analysis.horizon_years
    if year is not None and not 0 <= year <= n:
        raise InputError(f"year {year} is outside the horizon (years: 0 to {n}; "
                         f"0 is the deployment)")
    opt = scenario.options[ids.index(option_id)]
    c = _Ctx(scenario, opt)
    c.result = result
    refreshed = opt.refresh_to is not None and len(refresh.segments(
        opt, scenario.options, scenario.analysis)) > 1
    if refreshed:
        from . import explain_refresh

        flows, c.steps, lines = explain_refresh.explain(scenario, result, opt, category,
                                                        year, explain)
    elif category in PER_PART:
        parts = [(p.name, c.money(_part_flow(c, category, p))) for p in c.opt.parts]
        flows: Any = sum((f for _, f in parts), 0.0)  # 0.0 + switch + ..., as the engine
        lines = {y: " + ".join(f"{name} {c.cash(f[y])}" for name, f in parts)
                 + (f" = {c.cash(flows[y])}" if len(parts) > 1 else "") for y in range(n + 1)}
    else:
        flows, lines = _option_flows(c, category)
    flows = np.asarray(flows, dtype=float)
    engine = next(o for o in result.options if o.id == option_id).by_year[category]
    if flows.shape != np.shape(engine) or not np.allclose(flows, engine, rtol=1e-9, atol=1e-6):
        raise AssertionError(f"explain {option_id}/{category} disagrees with the engine: "
                             f"{flows} != {engine}")
    rate = scenario.analysis.discount_rate.to("").magnitude
    shown = range(n + 1) if year is None else [year]
    used = dict.fromkeys(path for step in c.steps for path in step.paths)
    return Explanation(
        scenario=scenario.name, option_id=opt.id, option_label=opt.label,
        category=category, description=CATEGORIES[category], currency=c.cur, horizon=n,
        year=year, discount_rate_percent=float(rate) * 100.0,
        formula=list(FORMULAS[category]) + ([
            "with [fabric], switches x count reads items x count: each part's items are "
            "its switches, switch ports, NIC ports, link ends or links (its per), counted "
            "from the fabric"] if scenario.fabric is not None else []) + ([
            "refresh_to: at the switch's life every part is retired and the next product "
            "bought at that year's prices; each product's years follow its own formula, "
            "its purchase and installation less the retired units' resale are the "
            "replacement (tco.refresh)"] if refreshed else []), steps=c.steps,
        year_lines=[f"year {y}: {lines[y]}" for y in shown],
        by_year=[(y, float(flows[y])) for y in shown], total=float(flows.sum(axis=-1)),
        present_value=float(finance.present_value(flows, rate)),
        citations={p: _cite(scenario, p) for p in used})


def _cite(s: Scenario, path: str) -> str:
    i = s.inputs[path]
    numeric = isinstance(i.value, (int, float)) and not isinstance(i.value, bool)
    value = qty(i.value) if hasattr(i.value, "units") else num(i.value) if numeric \
        else str(i.value)
    where = (f"source: {i.source}" if i.source else
             {"default": "default", "derived": "derived", "--set": "set with --set"}.get(
                 i.origin, f"no source given in {s.source}"))
    return f"{value}, {where}"


def render_text(expl: Explanation) -> str:
    """The explanation as plain text (no colour), as ``tco explain`` prints it."""
    e, cur = expl, expl.currency
    out = [f"{e.option_label} ({e.option_id}): {e.category} ({e.description})",
           f"scenario: {e.scenario}; amounts in {cur}; year 0 is the deployment", "",
           "Formula:", *(f"  {f}" for f in e.formula), "", "Computation:"]
    cited: set[str] = set()
    for step in e.steps:
        out.append(f"  {step.text}")
        for path in step.paths:
            if path not in cited:
                cited.add(path)
                out.append(f"      [{path} = {e.citations[path]}]")
    which = "all years" if e.year is None else f"year {e.year} only"
    out += ["", f"By year ({which}):", *(f"  {line}" for line in e.year_lines), "",
            f"Total over {e.horizon} years: {e.total + 0.0:,.2f} {cur}",
            f"Present value at {e.discount_rate_percent:g} %: {e.present_value + 0.0:,.2f} {cur}"]
    return "\n".join(out) + "\n"
