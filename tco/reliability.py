"""Failures of an option, mode by mode: repairs, link downtime, spare-port pools.

Every part fails in one or more modes (:class:`~tco.model.scenario.FailureMode`),
each with its own rate, repair and links taken down. Faults of a part integral
to the switch repaired by ``spare_port`` draw on the switch's pool of spare ports
(:mod:`tco.components.spare_ports`); when it is empty the fault is repaired by
the next policy, a switch swap. The engine and ``explain`` both read the
:class:`ModeResult` objects built here, so they cannot disagree.

Works on a resolved option (:func:`tco.model.derived.resolve_option`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .components import (
    column,
    downtime,
    every_year,
    interruptions,
    pricing,
    repairs,
    spare_ports,
    warranty,
)
from .model import derived
from .units import Q


@dataclass
class Pool:
    """The spare-port pool of one switch, and the swaps it forces."""

    bought: Any  # spare ports bought per switch (spares share x ports per switch)
    size: Any  # whole spare ports per switch, idle ports included
    rate: Any  # port demand per switch [1/year]
    swaps_per_switch: Any  # expected swaps per switch, per year index
    run_out_years: Any  # age at which expected demand reaches the pool [year]
    swap_price: Any  # what a swap replaces [currency]
    swap_labour: Any  # hour per swap
    swap_time: Any  # hour the switch's links are down
    swap_links: Any  # links down during a swap
    #: share of forced swaps that interrupt a job: the switch's chassis mode's (a swap
    #: takes every link of the switch down, as a chassis fault; 100 % without one)
    swap_interrupt: Any = 1.0


@dataclass
class ModeResult:
    part: str
    mode: Any  # the resolved FailureMode
    failures: Any  # fleet failures per year [1/year]
    per_repair: Any  # cost of one repair by the mode's own policy [currency]
    swaps: Any  # per year index: failures repaired by a switch swap instead (fleet)
    repairs: Any  # cost per year index [currency]
    link_hours: Any  # link-hours down per year index [hour]
    pooled: bool  # draws on the spare-port pool
    #: job interruptions per year: failures x the mode's interrupt probability [1/year]
    interruptions: Any = None
    #: repair parts the vendor pays for under warranty, per year index [currency]
    #: (a positive amount; the engine books it as a credit)
    warranty: Any = 0.0
    covered: Any = 0.0  # share of each year index the part's units are under warranty
    #: job interruptions per year index from the switch swaps this mode's faults force
    #: once the spare-port pool is empty (swaps x the pool's swap_interrupt) [count]
    forced_stops: Any = 0.0


def pooled(part: Any, mode: Any) -> bool:
    """Whether a mode's faults draw on the switch's spare-port pool."""
    return part.integral and mode.repair == "spare_port"


def pool(opt: Any, a: Any, d: Any) -> Pool | None:
    """The option's spare-port pool per switch, or None if no fault draws on one."""
    users = [(p, m) for p in opt.parts for m in p.modes if pooled(p, m)]
    if not users:
        return None
    ports = derived.ports_per_switch(d)
    bought = sum((p.spares * ports for p in opt.parts if p.integral), Q(0.0, ""))
    size = spare_ports.pool_size(bought.to("").magnitude, ports.magnitude,
                                 d.ports_in_use.to("").magnitude)
    rate = sum((p.fleet_units(d.switches) / d.switches * m.failure_rate * m.links_per_failure
                for p, m in users), Q(0.0, "1/year"))
    switch = opt.part("switch")
    chassis = next((m for m in switch.modes if m.repair == "replace_switch"), None)
    return Pool(
        bought=bought, size=size, rate=rate.to("1/year"),
        swaps_per_switch=spare_ports.swaps_by_year(rate, size, switch.life, a.horizon_years),
        run_out_years=spare_ports.run_out_years(size, rate),
        swap_price=derived.switch_swap_price(list(opt.parts), d),
        swap_labour=(chassis or switch).repair_labour,
        swap_time=(chassis or switch).time_to_repair,
        swap_links=d.ports_in_use,
        swap_interrupt=Q(1.0, "") if chassis is None else chassis.interrupt_probability)


def modes(opt: Any, a: Any, d: Any, spare_pool: Pool | None) -> list[ModeResult]:
    """Every failure mode of every part of a resolved option, with its yearly flows."""
    n = a.horizon_years
    pooled_failures = sum((repairs.failures_per_year(p.fleet_units(d.switches), 1.0,
                                                     m.failure_rate)
                           for p in opt.parts for m in p.modes if pooled(p, m)),
                          Q(0.0, "1/year"))
    labour = pricing.labour_index(a.labour_escalation, n)
    switch = opt.part("switch")
    switch_prices = pricing.price_index(switch.price_trend, switch.price_hold, n)
    switch_covered = warranty.covered_share(switch.warranty, switch.life, n)
    out = []
    for p in opt.parts:
        prices = pricing.price_index(p.price_trend, p.price_hold, n)
        covered = warranty.covered_share(p.warranty, p.life, n)
        for m in p.modes:
            fails = repairs.failures_per_year(p.fleet_units(d.switches), 1.0, m.failure_rate)
            per_repair = repairs.cost_per_repair(m.repair_price, m.repair_labour,
                                                 a.labour_rate)
            # each year's parts at that year's price, labour at that year's rate
            cost = pricing.repair_cost_by_year(fails, m.repair_price, m.repair_labour,
                                               a.labour_rate, prices, labour, n)
            hours = every_year(downtime.link_hours_per_year(fails, m.links_per_failure,
                                                            m.time_to_repair), n)
            swaps = np.zeros(n + 1)
            forced = 0.0
            claim = warranty.claim_value(m.repair_price, prices, p.warranty_handling)
            credit = warranty.warranty_credit_by_year(fails, m.repair_price, prices,
                                                      p.warranty_handling, covered, n)
            if pooled(p, m) and spare_pool is not None:
                share = _share(fails, pooled_failures)
                swaps = spare_pool.swaps_per_switch * column(
                    d.switches * share).magnitude
                cur = spare_pool.swap_price.units
                swap_cost = (column(spare_pool.swap_price) * switch_prices + column(
                    (spare_pool.swap_labour * a.labour_rate).to(cur)) * labour)
                move_cost = (column(m.repair_price.to(cur)) * prices + column(
                    (m.repair_labour * a.labour_rate).to(cur)) * labour)
                cost = cost + (swap_cost - move_cost) * swaps
                swap_hours = (spare_pool.swap_links * spare_pool.swap_time
                              - m.links_per_failure * m.time_to_repair)
                hours = hours + column(swap_hours.to("hour")) * swaps
                # a swap under the switch's warranty: the vendor pays the switch, not
                # the port move it replaces
                swap_claim = warranty.claim_value(spare_pool.swap_price, switch_prices,
                                                  switch.warranty_handling)
                credit = credit + (swap_claim.to(cur) * switch_covered
                                   - claim.to(cur) * covered) * swaps
                # a forced swap takes every link of the switch down: it stops a job as a
                # chassis fault does, besides the port fault that found the pool empty
                forced = swaps * column(spare_pool.swap_interrupt.to("")).magnitude
            out.append(ModeResult(part=p.name, mode=m, failures=fails, per_repair=per_repair,
                                  swaps=swaps, repairs=cost, link_hours=hours.to("hour"),
                                  pooled=pooled(p, m), warranty=credit, covered=covered,
                                  interruptions=interruptions.interruptions_per_year(
                                      fails, m.interrupt_probability),
                                  forced_stops=forced))
    return out


def interruption_cost(a: Any) -> Any:
    """What one job interruption costs [currency], or None where it is not priced.

    Notes: analysis.interruption_cost when given; otherwise job_gpus (the fabric's
    when not given) x job_gpu_hour_value x (detection_time + restart_time +
    checkpoint_interval / 2); None without either (not counted).
    """
    if a.interruption_cost is not None:
        return a.interruption_cost
    if a.job_gpu_hour_value is None:
        return None
    gpus = a.job_gpus
    recovery = interruptions.recovery_time(a.detection_time, a.restart_time,
                                           a.checkpoint_interval)
    return interruptions.cost_per_interruption(gpus, a.job_gpu_hour_value, recovery)


def forces(forced: Any) -> bool:
    """Whether a mode's forced_stops may hold any (not the plain 0.0 of a mode that draws on
    no pool): a type check, so that a factored flow is not made dense to ask."""
    return not (isinstance(forced, float) and forced == 0.0)


def recovery(a: Any) -> Any:
    """The recovery time of one interruption where the cost is derived, else None."""
    if a.interruption_cost is not None or a.job_gpu_hour_value is None:
        return None
    return interruptions.recovery_time(a.detection_time, a.restart_time,
                                       a.checkpoint_interval)


def job_share(a: Any) -> Any:
    """A job's share of the fabric's failures: job GPUs / fabric GPUs [fraction]."""
    whole = float(a.fabric_gpus.to("").magnitude)
    return (a.job_gpus / whole).to("") if whole > 0 else Q(0.0, "")


def stops_by_year(failed: list[ModeResult], n: int) -> Any:
    """The option's job interruptions per year index [count]: every mode's rate x one
    year in years 1..N, plus the forced swaps' interruptions of each year."""
    rate = sum((m.interruptions for m in failed), Q(0.0, "1/year"))
    stops = every_year(rate, n).to("").magnitude
    for m in failed:
        if forces(m.forced_stops):
            stops = stops + m.forced_stops
    return stops


def availability(a: Any, failed: list[ModeResult], n: int) -> Any:
    """Per year index, the share of a job's time it runs, 1 / (1 + lambda_job R)
    (:func:`tco.components.interruptions.availability`); None where the cost of an
    interruption is not derived from the job (given directly, or not priced: then no
    recovery time caps it). Year 0 (no failures yet): 1."""
    r = recovery(a)
    if r is None:
        return None
    share = job_share(a)
    if not any(forces(m.forced_stops) for m in failed):  # the same every year 1..N
        rate = sum((m.interruptions for m in failed), Q(0.0, "1/year"))
        return column(interruptions.availability(
            interruptions.job_load(rate, share, r))).magnitude
    per_year = stops_by_year(failed, n) / Q(1.0, "year")
    return interruptions.availability(interruptions.job_load(
        per_year, column(share), column(r))).to("").magnitude


def _share(part: Any, whole: Any) -> Any:
    """part / whole, 0 where the whole is 0 (array-safe)."""
    w = np.asarray(whole.to("1/year").magnitude, dtype=float)
    return Q(np.where(w > 0, part.to("1/year").magnitude / np.where(w > 0, w, 1.0), 0.0), "")
