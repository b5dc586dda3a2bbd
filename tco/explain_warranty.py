"""``explain`` for the warranty credit and the support contract, part by part.

The figures are the ones the engine books: the warranty credit of each failure mode
(:class:`~tco.reliability.ModeResult`) and the support contract from
:mod:`tco.components.support`; this module writes out how each one is made.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import components as cm
from . import explain_failures as failures_x
from .components import support, warranty

FORMULAS: dict[str, tuple[str, ...]] = {
    "warranty": (
        "failures per year = switches x count x failure rate (each failure mode)",
        "share of year y under warranty W (year y is the time y-1..y; units bought at 0 "
        "and again at each end of life L restart it): C(y) - C(y-1), "
        "C(t) = k x min(W, L) + min(t - k L, W), k = floor(t / L)",
        "claim in year y = max(repair_price x price index(y) - warranty_handling, 0): the "
        "vendor pays the part, labour is still paid (in repairs)",
        "credit in year y (1..N) = - sum over parts and modes of failures x share(y) x "
        "claim(y); a switch swap forced by an empty spare-port pool claims the switch "
        "under the switch's warranty instead of the port move",
        "price index(y) = (1 + price_trend)^max(0, y - price_hold)"),
    "support": (
        "value in service during year y = sum over parts of switches x count x price x "
        "price index of the units in service (bought at 0, then at each end of life), "
        "integrated over the year (spares held are not under contract)",
        "with support_from = warranty_end, the time each unit spends under its warranty "
        "is left out",
        "support in year y (1..N) = support x value in service x "
        "(1 + support_escalation)^(y-1); nothing in year 0"),
}


def _shares(c: Any, values: Any) -> str:
    return ", ".join(f"year {y}: {c.num(v)}" for y, v in enumerate(np.ravel(values)) if y)


def warranty_flow(c: Any, p: Any, results: list[Any]) -> Any:
    """One part's warranty credit (negative), its derivation added to ``c``."""
    flow = cm.every_year(c.zero_rate(), c.n)
    keys = (f"options.{c.opt.id}.{'switch' if p.integral else p.name}.warranty",
            f"options.{c.opt.id}.{'switch' if p.integral else p.name}.warranty_handling")
    if not np.any(np.asarray(p.warranty.to("year").magnitude) > 0):
        for r in results:
            failures_x.failures(c, p, r)
        c.add(p, "no warranty: every repair buys its part (credit 0)", keys[0])
        return -flow
    life = "never refreshed" if np.all(np.isinf(p.life.magnitude)) else \
        f"refreshed every {c.qty(p.life)}"
    whose = " (the switch's: an integral part)" if p.integral else ""
    covered = warranty.covered_share(p.warranty, p.life, c.n)
    c.add(p, f"warranty {c.qty(p.warranty.to('year'))}{whose}, {life}: share of each "
          f"year under warranty {_shares(c, covered)}", keys[0], "life",
          "analysis.horizon")
    if np.any(np.asarray(p.warranty_handling.magnitude) != 0):
        c.add(p, f"handling per claim {c.qty(p.warranty_handling)}", keys[1])
    prices = c.prices(p)
    for r in results:
        m, who = r.mode, failures_x.label(p, r.mode)
        failures_x.failures(c, p, r)
        claim = warranty.claim_value(m.repair_price, prices, p.warranty_handling)
        c.add(who, f"claim ({m.repair}) = max({c.qty(m.repair_price)} x price index - "
              f"{c.qty(p.warranty_handling)}, 0), by year: "
              f"{_shares(c, c.money(claim))} {c.cur}",
              *failures_x.mode_keys(c, p, m, "repair_price"), "price_trend", "price_hold")
        if r.pooled and c.pool is not None:
            failures_x.pool(c)
            c.add(who, "switch swaps when the pool is empty claim the switch "
                  f"({c.qty(c.pool.swap_price)} x the switch's price index) under the "
                  f"switch's warranty instead of the port move; swaps by year: "
                  f"{_shares(c, r.swaps)}", f"options.{c.opt.id}.switch.warranty")
        credit = c.money(r.warranty)
        c.add(who, f"credit = {c.qty(r.failures)} x share x claim, by year: "
              f"{_shares(c, -credit)} {c.cur}")
        flow = flow + r.warranty
    return -flow


def support_flow(c: Any, p: Any) -> Any:
    """One part's support contract, its derivation added to ``c``."""
    opt, a, n = c.opt, c.a, c.n
    key = f"options.{opt.id}.support"
    units = c.items(p) * p.count
    value = c.money(units * p.price)
    after = opt.support_from == "warranty_end"
    skip = p.warranty if after else None
    paid = support.paid_years(p.life, p.price_trend, p.price_hold, n, skip=skip)
    escalation = support.escalation_index(a.support_escalation, n, a.support_offset)
    flow = support.support_by_year(opt.support, units, p.price, paid, escalation)
    c.add(p, f"equipment in service = {c.fleet(p)} x {c.qty(p.price)} = "
          f"{c.cash(value)} at the deployment price", *c.fleet_keys(p), "price")
    what = "price index x years in service"
    if after:
        what += f" after the warranty ({c.qty(p.warranty.to('year'))})"
    c.add(p, f"{what}, by year: {_shares(c, paid)}", "life", "price_trend",
          "price_hold", *((f"options.{opt.id}.support_from", "warranty") if after else ()))
    c.add(p, f"support = {c.pct(opt.support)} x {c.cash(value)} x that x (1 + "
          f"{c.pct(a.support_escalation)})^(y-1), by year: "
          f"{_shares(c, c.money(flow))} {c.cur}", key, "analysis.support_escalation")
    return flow
