"""How one number was computed (``tco explain``): formula, values substituted part
by part and year by year, down to the inputs (key path, value, source). Every figure
comes from the cost components the engine calls, on the same model objects, summed in
the same order, and the amounts are checked against the engine's result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import explain_interruptions, explain_power, finance, refresh
from . import explain_warranty as warranty_x
from .engine import CATEGORIES, ScenarioResult
from .errors import InputError
from .explain_context import Ctx, Step, num, qty
from .explain_energy import option_flows
from .explain_parts import part_flow
from .model.scenario import Scenario

#: categories computed part by part (switch, optics, lasers) and then summed
PER_PART = tuple(c for c in CATEGORIES
                 if c not in ("energy", "cooling", "carbon", "capacity", "gpus"))
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
    **explain_interruptions.FORMULAS,
    "replacement": ("a part of service life L is replaced at L, 2L, ... before the horizon"
                    " ends (never when no life is given)",
                    "cost in year y = sum over parts of replacements in y x switches x count"
                    " x (price x price index(y) + install_labour x labour_rate x labour "
                    "index(y) - resale of the retired unit)",
                    "resale of a unit = price x price index when bought x resale share at "
                    "its age; share = max(salvage, (1 - resale_decline)^age), or salvage "
                    "when no resale_decline is given"),
    **explain_power.FORMULAS,
    **warranty_x.FORMULAS,
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
    c = Ctx(scenario, opt)
    c.result = result
    refreshed = opt.refresh_to is not None and len(refresh.segments(
        opt, scenario.options, scenario.analysis)) > 1
    if refreshed:
        from . import explain_refresh

        flows, c.steps, lines = explain_refresh.explain(scenario, result, opt, category,
                                                        year, explain)
    elif category in PER_PART:
        parts = [(p.name, c.money(part_flow(c, category, p))) for p in c.opt.parts]
        flows: Any = sum((f for _, f in parts), 0.0)  # 0.0 + switch + ..., as the engine
        lines = {y: " + ".join(f"{name} {c.cash(f[y])}" for name, f in parts)
                 + (f" = {c.cash(flows[y])}" if len(parts) > 1 else "") for y in range(n + 1)}
    else:
        flows, lines = option_flows(c, category)
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
