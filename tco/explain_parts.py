"""``tco explain`` of the categories computed part by part (equipment, spares,
installation, repairs, downtime, interruptions, replacement, residual)."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import components as cm
from . import explain_failures as failures_x
from . import explain_interruptions as interruptions_x
from . import explain_warranty as warranty_x
from .components import capital, pricing, replacement, resale
from .explain_context import FLEET, Ctx, num, pct, qty
from .model.scenario import Part


def part_flow(c: Ctx, cat: str, p: Part) -> Any:
    """One part's cash flow for a per-part category, its derivation added to ``c``."""
    a, sw, n, fleet, labour = c.a, c.items(p), c.n, c.fleet(p), qty(c.a.labour_rate)
    if cat == "equipment":
        q = capital.equipment_cost(sw, p.count, p.price)
        c.add(p, f"{fleet} x {qty(p.price)} = {c.cash(c.money(q))}", *FLEET, "price")
        return cm.at_start(q, n)
    if cat == "spares" and p.integral:
        return failures_x.spare_ports_flow(c, p)
    if cat == "spares":
        q = capital.spares_cost(sw, p.count, p.price, p.spares)
        c.add(p, f"{fleet} x {pct(p.spares)} x {qty(p.price)} = {c.cash(c.money(q))}",
              *FLEET, "spares", "price")
        return cm.at_start(q, n)
    if cat == "installation":
        q = capital.installation_cost(sw, p.count, p.install_labour, a.labour_rate)
        c.add(p, f"{fleet} x {qty(p.install_labour)} x {labour} = {c.cash(c.money(q))}",
              *FLEET, "install_labour", "analysis.labour_rate")
        return cm.at_start(q, n)
    if cat == "support":
        return warranty_x.support_flow(c, p)
    if cat in ("repairs", "downtime", "warranty", "interruptions"):
        mine = [r for r in c.failed if r.part == p.name]
        if cat == "warranty":
            return warranty_x.warranty_flow(c, p, mine)
        if cat == "repairs":
            return failures_x.repairs_flow(c, p, mine)
        if cat == "interruptions":
            return interruptions_x.flow(c, p, mine)
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
                  *FLEET, "price", "salvage", "resale_decline", "install_labour",
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
          f"{c.cash(c.money(q))}", *FLEET, "price", "price_trend", "price_hold")
    return -cm.at_end(q, n)
