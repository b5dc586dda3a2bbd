"""A refresh that buys the next generation: ``options.X.refresh_to = "Y"``.

What changes at the refresh, precisely:

- The refresh year R is the service life of X's switch (``options.X.switch.life``),
  a whole number of years. Nothing happens when R is at or beyond the horizon.
- At R the whole option is refreshed, every part at once: each part of X is
  retired whatever its own life and credited at what it sells for (price paid x
  resale share at its age: X's residual value over a horizon of R years); each part
  of Y is bought at its price in year R (its own price_trend and price_hold counted
  from deployment), installed at the labour rate of year R, with Y's spares (none
  when Y is X: the spares held serve on). Cooling capital, and with
  ``power_value = "capacity"`` facility capacity, is charged at R only for the
  power Y draws beyond X (the plant built for X serves on).
- From R on, Y's parts, power, cooling, failure rates, repair prices, lives and
  price trends apply; Y's own refresh (its switch life, its refresh_to) follows at
  R + Y's switch life, and so on until the horizon.

So years 0..R are X over a horizon of R years, and years R..N are Y over N - R
years, with every price of year R: part prices x (1 + trend)^max(0, R - hold) (the
hold shortened by R), labour, electricity, the carbon price and the grid's carbon
intensity escalated by R years. The engine evaluates each segment with the same
functions as any option and adds the segments' flows year by year (year R gets X's
last year and Y's purchases); ``refresh_to`` naming X itself is today's refresh
(tests/test_refresh.py checks it, where every part has the switch's life).

Physical figures (power, failures, GPUs, per-GPU figures) are those at deployment
(X); emissions over the horizon and book value at its end cover every segment.
Everything is computed where the engine runs, so sampled inputs move every segment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .components.pricing import price_at
from .errors import InputError
from .units import Q


@dataclass(frozen=True)
class Segment:
    start: int  # year index the option is bought (0: deployment)
    option: Any  # the option as bought at ``start``: prices of that year
    analysis: Any  # the analysis from ``start``: horizon N - start, prices of that year
    rebuy_spares: bool  # False when the same product is bought again (spares serve on)


def refresh_year(opt: Any) -> int | None:
    """The year of the refresh (the switch's life), or None when no life is given."""
    life = opt.part("switch").life.to("year").magnitude
    if np.ndim(life):
        raise InputError("a switch life cannot be sampled when the option names "
                         "refresh_to (it sets the year the next product is bought)",
                         key=f"options.{opt.id}.switch.life")
    return None if math.isinf(float(life)) else int(round(float(life)))


def shifted_analysis(a: Any, start: int) -> Any:
    """The analysis seen from year ``start``: the remaining horizon, that year's prices."""
    if start == 0:
        return a

    def grown(q: Any, rate: Any) -> Any:
        return q * (1.0 + rate.to("").magnitude) ** start

    return replace(
        a, horizon_years=a.horizon_years - start,
        deployment_year=a.deployment_year + start, support_offset=start,
        electricity_price=grown(a.electricity_price, a.electricity_escalation),
        labour_rate=grown(a.labour_rate, a.labour_escalation),
        carbon_price=grown(a.carbon_price, a.carbon_price_escalation),
        grid_carbon_intensity=grown(a.grid_carbon_intensity, a.grid_carbon_intensity_trend))


def bought_in(opt: Any, start: int) -> Any:
    """The option as bought in year ``start``: each part's price (and the repair prices
    given) at that year's index, the price hold shortened by ``start``."""
    if start == 0:
        return opt
    parts = []
    for p in opt.parts:
        index = price_at(p.price_trend, p.price_hold, float(start))
        modes = tuple(m if m.repair_price_derived else
                      replace(m, repair_price=m.repair_price * index) for m in p.modes)
        parts.append(replace(
            p, price=p.price * index, modes=modes,
            repair_price=p.repair_price if p.repair_price_derived else p.repair_price * index,
            price_hold=Q(np.maximum(p.price_hold.to("year").magnitude - start, 0.0), "year")))
    return replace(opt, parts=tuple(parts))


def segments(opt: Any, options: tuple[Any, ...], a: Any) -> list[Segment]:
    """The option's products over the horizon, each from the year it is bought."""
    by_id = {o.id: o for o in options}
    out: list[Segment] = []
    cur, start, rebuy = opt, 0, True
    while True:
        r = refresh_year(cur) if cur.refresh_to is not None else None
        if r is None or start + r >= a.horizon_years:
            out.append(Segment(start, bought_in(cur, start), shifted_analysis(a, start),
                               rebuy))
            return out
        seg_a = replace(shifted_analysis(a, start), horizon_years=r)
        out.append(Segment(start, bought_in(cur, start), seg_a, rebuy))
        nxt = by_id[cur.refresh_to]
        rebuy = nxt.id != cur.id
        cur, start = nxt, start + r


def label(opt: Any, segs: list[Segment]) -> str:
    """``X, then Y from year N`` (a refresh to the same product is not named)."""
    text, last = opt.label, opt.id
    for s in segs[1:]:
        if s.option.id != last:
            text += f", then {s.option.label} from year {s.start}"
        last = s.option.id
    return text


def splice(flows: list[tuple[int, Any]], horizon: int) -> np.ndarray:
    """Flows of the segments (start year, flows over its own years) on one year axis."""
    arrays = [np.asarray(f, dtype=float) for _, f in flows]
    lead = np.broadcast_shapes(*(x.shape[:-1] if x.ndim else () for x in arrays))
    out = np.zeros((*lead, horizon + 1))
    for (start, _), x in zip(flows, arrays, strict=True):
        if x.ndim == 0:
            x = np.full(horizon + 1 - start, float(x))
        out[..., start:start + x.shape[-1]] += x
    return out


def evaluate(opt: Any, options: tuple[Any, ...], a: Any, d: Any, one: Any) -> Any:
    """The option's result over the horizon, segment by segment (module notes).

    ``one(option, analysis, deployment, rebuy_spares)`` is the engine's evaluation of
    one product over its own years (:func:`tco.engine._option`).
    """
    if opt.refresh_to is None:
        return one(opt, a, d, True)
    segs = segments(opt, options, a)
    if len(segs) == 1:
        return one(opt, a, d, True)
    from .components import capacity, cooling
    from .power import cooling_overhead

    n, cur = a.horizon_years, a.currency
    results = [one(s.option, s.analysis, d, s.rebuy_spares) for s in segs]
    for i in range(1, len(segs)):
        s, r, prev = segs[i], results[i], results[i - 1]
        # the plant built for the product before serves on: only the increase is built
        more = np.maximum(np.asarray(r.physical["it_power_kw"]) -
                          np.asarray(prev.physical["it_power_kw"]), 0.0)
        year0 = (np.arange(s.analysis.horizon_years + 1) == 0).astype(float)
        cool = np.asarray(r.by_year["cooling"], dtype=float) * (1.0 - year0)
        if a.power_value != "capacity":
            per_kw = a.cooling_capex_liquid if s.option.cooling == "liquid" \
                else a.cooling_capex_air
            cool = cool + np.asarray(cooling.cooling_capex(Q(more, "kW"), per_kw).to(
                cur).magnitude)[..., np.newaxis] * year0
        else:
            fac = [capacity.facility_power(Q(x.physical["it_power_kw"], "kW"),
                                           cooling_overhead(o, a)[0])
                   for x, o in ((prev, segs[i - 1].option), (r, s.option))]
            grow = Q(np.maximum((fac[1] - fac[0]).to("kW").magnitude, 0.0), "kW")
            r.by_year["capacity"] = np.asarray(capacity.capacity_charge(
                grow, a.capacity_cost).to(cur).magnitude)[..., np.newaxis] * year0
        r.by_year["cooling"] = cool
    first, last = results[0], results[-1]
    flows = [_as_refresh(r.by_year, i > 0, r is not last) for i, r in enumerate(results)]
    by_year = {c: splice([(s.start, f[c]) for s, f in zip(segs, flows, strict=True)], n)
               for c in first.by_year}
    parts = []
    for i, (s, r) in enumerate(zip(segs, results, strict=True)):
        for p in r.parts:
            name = p.name if i == 0 else f"{p.name} ({s.option.id} from year {s.start})"
            mine = _as_refresh(p.by_year, i > 0, r is not last)
            parts.append(replace(
                p, name=name, by_year={c: splice([(s.start, f)], n)
                                       for c, f in mine.items()},
                embodied_t=splice([(s.start, p.embodied_t)], n),
                book_value=p.book_value if r is last else 0.0 * np.asarray(p.book_value)))
    physical = dict(first.physical)
    for key in ("emissions_t_total", "embodied_t_total"):
        physical[key] = sum(np.asarray(r.physical[key]) for r in results)
    bought = [(s.option.id, s.start, a.deployment_year + s.start)
              for s, before in zip(segs[1:], segs, strict=False)
              if s.option.id != before.option.id]
    return replace(first, label=label(opt, segs), by_year=by_year, parts=parts,
                   physical=physical, book_value=last.book_value, refreshes=bought)



def _as_refresh(by_year: dict[str, Any], bought: bool, sold: bool) -> dict[str, Any]:
    """A segment's flows with the refresh booked as an end-of-life replacement.

    As a part replaced at the end of its life: the next product's purchase and
    installation (``bought``), less what the retired units sell for (``sold``: the
    segment's residual value), are the replacement; new spares stay spares.
    """
    out, moved = dict(by_year), 0.0
    for c in (("equipment", "installation") if bought else ()) + (("residual",) if sold
                                                                   else ()):
        if c in out:
            moved, out[c] = moved + np.asarray(out[c], dtype=float), 0.0
    out["replacement"] = np.asarray(out["replacement"], dtype=float) + moved
    return out
