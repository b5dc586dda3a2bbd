"""``explain`` for the failure categories: modes, spare-port pools, repairs, downtime.

The figures are the :class:`~tco.reliability.ModeResult` objects the engine sums;
this module only writes out how each one is made.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import components as cm
from .components import downtime, spare_ports
from .model import derived
from .units import Q

_RATE_KEYS = ("afr", "failure_rate", "mtbf")


def mode_keys(c: Any, p: Any, m: Any, *keys: str) -> list[str]:
    """Full key paths of a mode's inputs (the part's own keys for a one-mode part)."""
    base = f"options.{c.opt.id}.{p.name}"
    if len(p.modes) == 1 and m.name == "failure":
        return [f"{base}.{k}" for k in keys]
    n = [x.name for x in p.modes].index(m.name) + 1  # as written: failure_modes[n]
    return [f"{base}.failure_modes[{n}].{k}" for k in keys]


def label(p: Any, m: Any) -> Any:
    """A step prefix: the part, or the part and its mode."""
    return p if len(p.modes) == 1 and m.name == "failure" else _Named(f"{p.name}/{m.name}")


class _Named:
    def __init__(self, name: str) -> None:
        self.name = name


def failures(c: Any, p: Any, r: Any) -> None:
    m = r.mode
    c.add(label(p, m), f"failures per year = {c.fleet(p)} x {c.qty(m.failure_rate)} = "
          f"{c.qty(r.failures)}", *c.fleet_keys(p), *mode_keys(c, p, m, *_RATE_KEYS))


def pool(c: Any) -> None:
    """The spare-port pool, once per explanation."""
    sp = c.pool
    if sp is None or getattr(c, "_pool_shown", False):
        return
    c._pool_shown = True
    ports = derived.ports_per_switch(c.s.deployment)
    idle = _whole(ports - c.s.deployment.ports_in_use)
    c.add(None, f"spare ports per switch = floor({c.num(sp.bought)} bought + "
          f"{c.num(idle)} not in use) = {c.num(sp.size)} (a pool per switch)",
          "deployment.ports_in_use")
    years = float(np.asarray(sp.run_out_years))
    when = "never" if not np.isfinite(years) else f"at age {c.num(years)} years"
    c.add(None, f"port demand per switch = {c.qty(sp.rate)} (failures x links per failure "
          f"of the spare_port modes of integral parts); expected demand reaches the pool "
          f"{when}")
    swaps = ", ".join(f"year {y}: {c.num(v)}" for y, v in enumerate(sp.swaps_per_switch)
                      if y)
    c.add(None, "expected switch swaps per switch when the pool is empty, "
          f"E[floor(Poisson demand / (pool + 1))], by year: {swaps}")


def repairs_flow(c: Any, p: Any, results: list[Any]) -> Any:
    labour = c.qty(c.a.labour_rate)
    flow = cm.every_year(c.zero_rate(), c.n)
    for r in results:
        m, who = r.mode, label(p, r.mode)
        failures(c, p, r)
        c.add(who, f"cost per repair ({m.repair}) = {c.qty(m.repair_price)} + "
              f"{c.qty(m.repair_labour)} x {labour} = {c.cash(c.money(r.per_repair))}",
              *mode_keys(c, p, m, "repair", "repair_price", "repair_labour"),
              "analysis.labour_rate")
        c.trends(p)
        c.add(who, f"per year = {c.qty(r.failures)} x (repair price x price index + labour x "
              f"labour index); at today's prices {c.qty(r.failures)} x "
              f"{c.cash(c.money(r.per_repair))} = {c.qty(r.failures * r.per_repair)}")
        if r.pooled and c.pool is not None:
            pool(c)
            sp = c.pool
            swap = sp.swap_price + (sp.swap_labour * c.a.labour_rate).to(sp.swap_price.units)
            c.add(who, f"failures finding the pool empty are switch swaps: "
                  f"{c.qty(sp.swap_price)} + {c.qty(sp.swap_labour)} x {labour} = "
                  f"{c.cash(c.money(swap))} each, instead of "
                  f"{c.cash(c.money(r.per_repair))} (at today's prices; the switch's price "
                  f"index applies to the swap); swaps by year: {_years(c, r.swaps)}",
                  f"options.{c.opt.id}.switch.repair_labour")
        flow = flow + r.repairs
    return flow


def downtime_flow(c: Any, p: Any, results: list[Any]) -> Any:
    hours = cm.every_year(c.zero_hours(), c.n)
    for r in results:
        m, who = r.mode, label(p, r.mode)
        failures(c, p, r)
        links = f"{c.num(m.links_per_failure)} link{'' if m.links_per_failure == 1 else 's'}"
        yearly = downtime.link_hours_per_year(r.failures, m.links_per_failure,
                                              m.time_to_repair)
        c.add(who, f"link-hours per year = {c.qty(r.failures)} x {links} x "
              f"{c.qty(m.time_to_repair)} = {c.qty(yearly)}",
              *mode_keys(c, p, m, "links_per_failure", "time_to_repair"))
        if r.pooled and c.pool is not None:
            pool(c)
            sp = c.pool
            c.add(who, f"a switch swap takes {c.num(sp.swap_links)} links down for "
                  f"{c.qty(sp.swap_time)} instead; swaps by year: {_years(c, r.swaps)}",
                  f"options.{c.opt.id}.switch.time_to_repair")
        hours = hours + r.link_hours
    cost = downtime.downtime_cost_per_year(hours, cm.column(c.a.downtime_cost))
    if any(r.pooled for r in results):
        c.add(p, f"cost in each year = link-hours that year x {c.qty(c.a.downtime_cost)}",
              "analysis.downtime_cost")
    else:
        h1 = hours[..., 1] * c.per_year
        c.add(p, f"per year = {c.qty(h1)} x {c.qty(c.a.downtime_cost)} = "
              f"{c.qty(h1 * c.a.downtime_cost)}", "analysis.downtime_cost")
    return cost


def spare_ports_flow(c: Any, p: Any) -> Any:
    d = c.s.deployment
    ports = derived.ports_per_switch(d)
    per_port = derived.system_price_per_port(list(c.opt.parts), d)
    q = spare_ports.spare_ports_cost(d.switches, ports, p.spares, per_port)
    integral = " + ".join(f"{c.num(x.count)} x {c.qty(x.price)}" for x in c.opt.parts
                          if x.integral)
    c.add(p, f"spare ports: switch system cost per port = ({c.qty(c.opt.part('switch').price)}"
          f" + {integral}) / {c.num(ports)} ports = {c.cash(c.money(per_port))}",
          f"options.{c.opt.id}.switch.price", f"options.{c.opt.id}.{p.name}.price")
    c.add(p, f"{c.num(d.switches)} switches x {c.pct(p.spares)} x {c.num(ports)} ports x "
          f"{c.cash(c.money(per_port))} = {c.cash(c.money(q))}", "deployment.switches",
          f"options.{c.opt.id}.{p.name}.spares")
    return cm.at_start(q, c.n)


def _years(c: Any, swaps: Any) -> str:
    return ", ".join(f"year {y}: {c.num(v)}" for y, v in enumerate(np.asarray(swaps)) if y)


def _whole(x: Any) -> Any:
    """A count that is whole by construction, without its float remainder.

    51.2 Tbit/s / 800 Gbit/s is 64.00000000000001 ports in floating point: 64 ports
    with 64 in use leave 0 idle, not 1.42e-14.
    """
    near = np.round(x.magnitude)
    return Q(np.where(np.abs(x.magnitude - near) < 1e-9, near, x.magnitude), x.units)

