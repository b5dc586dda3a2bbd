"""``tco explain`` for an option refreshed to the next product (``refresh_to``).

Each product is explained over its own years with the same explanation as any
option (its sub-scenario: the product as bought in its year, the analysis seen from
that year, :mod:`tco.refresh`); the steps and year lines are put on the scenario's
year axis, with what the refresh moves: the next product's purchase and
installation and the resale of the retired one are the replacement, and cooling
capital (or facility capacity) at a refresh is built only for the increase.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from . import refresh


def contributions(category: str, first: bool, last: bool, rebuy: bool
                  ) -> tuple[str, ...]:
    """The categories of one product's own flows that make ``category`` (module doc)."""
    if category == "replacement":
        return ("replacement", *(() if first else ("equipment", "installation")),
                *(() if last else ("residual",)))
    if category in ("equipment", "installation"):
        return (category,) if first else ()
    if category == "residual":
        return (category,) if last else ()
    if category == "spares" and not rebuy:
        return ()
    return (category,)


def explain(scenario: Any, result: Any, opt: Any, category: str, year: int | None,
            explain_one: Any) -> Any:
    """The explanation of a refreshed option, built from one per product."""
    from . import engine
    from .explain_context import Step

    a = scenario.analysis
    n = a.horizon_years
    segs = refresh.segments(opt, scenario.options, a)
    mine = next(o for o in result.options if o.id == opt.id)
    steps = [Step(f"{opt.id} is refreshed to the option named by refresh_to at its switch "
                  f"life: {mine.label}; each product is explained over its own years, "
                  "with the prices of the year it is bought", [f"options.{opt.id}.refresh_to"])]
    flows = np.zeros(n + 1)
    lines: dict[int, list[str]] = {y: [] for y in range(n + 1)}
    before, prev = None, None
    for i, s in enumerate(segs):
        first, last = i == 0, i == len(segs) - 1
        product = replace(s.option, refresh_to=None, is_baseline=True)
        sub = replace(scenario, analysis=s.analysis, options=(product,))
        sub_result = engine.evaluate(sub)
        end = s.start + s.analysis.horizon_years
        bought = "at deployment" if first else \
            f"in year {s.start}: prices x (1 + price_trend)^max(0, {s.start} - price_hold), " \
            f"labour, electricity and carbon escalated {s.start} years"
        steps.append(Step(f"years {s.start} to {end}: {s.option.label} ({s.option.id}), "
                          f"bought {bought}" + ("" if s.rebuy_spares else
                                                "; the same product: its spares serve on")))
        for c in contributions(category, first, last, s.rebuy_spares):
            e = explain_one(sub, sub_result, product.id, c, None)
            own = np.array([amount for _, amount in e.by_year])
            texts = [line.split(": ", 1)[1] if ": " in line else line for line in e.year_lines]
            if not first and c in ("cooling", "capacity") and np.any(own):
                own = own.copy()
                own[0] = _increase(c, a, segs[i - 1].option, s.option, prev, sub_result)
                texts[0] = f"built for the power drawn beyond {before}'s only = " \
                           f"{own[0]:,.2f} {a.currency}"
                steps.append(Step(f"  {c} at the refresh in year {s.start}: {texts[0]}"))
            what = c if c == category else f"{c}, booked as {category}"
            steps += [Step(f"  [{s.option.id}, {what}] {st.text}", st.paths)
                      for st in e.steps]
            flows[s.start:end + 1] += own
            for y, text in enumerate(texts):
                lines[s.start + y].append(f"{s.option.id} {c} (its year {y}): {text}")
        before, prev = s.option.label, sub_result
    return flows, steps, {y: "; ".join(t) or "0.00" for y, t in lines.items()}


def _increase(category: str, a: Any, old: Any, new: Any, was: Any, now: Any) -> float:
    """Cooling capital or facility capacity at a refresh: for the increase only.

    Notes: cooling: max(0, IT kW new - IT kW old) x capex per kW (new's cooling);
    capacity: max(0, facility kW new - facility kW old) x capacity_cost.
    """
    from .components import capacity, cooling
    from .power import cooling_overhead
    from .units import Q

    it = [Q(float(np.mean(r.options[0].physical["it_power_kw"])), "kW") for r in (was, now)]
    if category == "cooling":
        if a.power_value == "capacity":
            return 0.0
        per_kw = a.cooling_capex_liquid if new.cooling == "liquid" else a.cooling_capex_air
        more = Q(max(0.0, (it[1] - it[0]).to("kW").magnitude), "kW")
        return float(cooling.cooling_capex(more, per_kw).to(a.currency).magnitude)
    fac = [capacity.facility_power(x, cooling_overhead(o, a)[0]).to("kW").magnitude
           for x, o in zip(it, (old, new), strict=True)]
    return float(capacity.capacity_charge(Q(max(0.0, fac[1] - fac[0]), "kW"),
                                          a.capacity_cost).to(a.currency).magnitude)
