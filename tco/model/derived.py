"""What a part is in a given deployment: units per switch, bit rate, watts, repair.

The scenario model keeps what was given (a power in W or in pJ/bit, a count per
port, a repair price left to be worked out); this module works out the values the
cost components need. The engine calls :func:`resolve_option` every time it runs,
so replacing an input by a numpy array of samples (a port speed, a price, a power)
moves everything derived from it. Nothing here branches on a quantity's value:
only on which keys were given (structure), so magnitudes may be arrays.

Bit-rate convention for energy per bit: a unit's watts = energy per bit x the
bit rate it carries **in one direction, at line rate** (an 800G port carries
800 Gbit/s, not 1.6 Tbit/s for both directions; FEC and encoding overhead are
inside the line rate). The rate a unit carries is, unless the part states its
own ``bit_rate``:

- switch: the switch capacity;
- a per-port unit (a part given by ``per_port``, or the optics by default): one
  port's speed, whatever ``per_port`` is (1.2 transceivers per switch port each
  carry one 800G port);
- a per-switch unit (a part given by ``count``, and external lasers): its share
  of the switch capacity, switch_capacity / count;
- with a ``[fabric]``, a unit counted per port, link end or link: the item's
  speed / count (a twin-port module at 0.5 per port carries two ports).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from .. import units

Quantity = Any


def ports_per_switch(dep: Any) -> Quantity:
    """Ports a switch has (capacity / port speed), whether in use or not [count]."""
    return (dep.switch_capacity / dep.port_speed).to("")


def units_per_switch(part: Any, dep: Any) -> Quantity:
    """Units of a part per switch [count].

    Notes: the switch: 1; ``count`` when given; otherwise per_port x ports in use,
    or per_port x ports the switch has for a part integral to the switch (its
    count follows the switch's capacity, not the ports in use).
    """
    if part.per_port is None:
        return part.count
    ports = ports_per_switch(dep) if part.integral else dep.ports_in_use
    return (part.per_port * ports).to("")


def unit_bit_rate(part: Any, dep: Any, count: Quantity) -> Quantity:
    """The bit rate one unit carries, one direction, line rate [Gbit/s] (module doc)."""
    if part.bit_rate is not None:
        return part.bit_rate.to("Gbit/s")
    if part.item_rate is not None:  # a fabric port, link end or link: its share of one
        return (part.item_rate / count).to("Gbit/s")
    if part.name == "switch":
        return dep.switch_capacity.to("Gbit/s")
    if part.per_port is not None and part.name != "lasers":
        return dep.port_speed.to("Gbit/s")
    return (dep.switch_capacity / count).to("Gbit/s")


def watts(power: Quantity, bit_rate: Quantity) -> Quantity:
    """A unit's power [W]: as given in W, or energy per bit x the bit rate it carries."""
    if power.check("[energy]/[information]"):
        return (power * bit_rate).to("W")
    return power.to("W")


def links_served(repair: str, dep: Any, count: Quantity,
                 item_ports: float | None = None) -> Quantity:
    """Links one failure takes down, when not given [count].

    Notes: replace_switch: the ports in use; fru and none: 0 (a hot-swap sub-unit
    such as a fan or PSU, or a fault that needs no repair); otherwise the ports one
    unit serves, ports in use / units per switch, at least 1.
    """
    ports = dep.ports_in_use.to("").magnitude
    ones = np.ones_like(np.asarray(count.to("").magnitude, dtype=float))
    if repair == "replace_switch":
        return units.Q(ports * ones, "")
    if repair in ("fru", "none"):
        return units.Q(0.0 * ones, "")
    if item_ports is not None:  # a fabric item: the switch ports it serves
        return units.Q(np.maximum(item_ports / count.to("").magnitude, 1.0), "")
    return units.Q(np.maximum(ports / count.to("").magnitude, 1.0), "")


def single_mode(part: Any) -> Any:
    """A part without ``failure_modes`` fails in one mode: its own rate and repair."""
    from .scenario import FailureMode

    return FailureMode(
        name="failure", failure_rate=part.failure_rate, repair=part.repair,
        repair_price=part.repair_price, repair_labour=part.repair_labour,
        time_to_repair=part.time_to_repair, links_per_failure=part.links_per_failure,
        interrupt_probability=part.interrupt_probability,
        repair_price_derived=part.repair_price_derived, links_derived=part.links_derived)


def interrupt_probability(mode: Any) -> Quantity:
    """Share of a mode's failures that interrupt a job [fraction].

    Notes: as given; by default 1 where a failure takes links down (a synchronous
    job using the link stops), 0 where it takes none (a hot-swapped fan or PSU).
    """
    if mode.interrupt_probability is not None:
        return mode.interrupt_probability.to("")
    links = np.asarray(mode.links_per_failure.to("").magnitude, dtype=float)
    return units.Q(np.where(links > 0, 1.0, 0.0), "")


def resolve_part(part: Any, dep: Any, switch: Any = None) -> Any:
    """The part with count, bit rate, watts, modes and derived links worked out.

    A part integral to the switch (``switch`` given) is bought, refreshed,
    salvaged and valued with it: it takes the switch's life and salvage share, and
    is under the switch's warranty (its warranty and handling per claim).
    """
    count = units_per_switch(part, dep)
    rate = unit_bit_rate(part, dep, count)
    modes = tuple(
        replace(m, links_per_failure=links_served(m.repair, dep, count, part.item_ports))
        if m.links_derived else m
        for m in (part.modes or (single_mode(part),)))
    modes = tuple(replace(m, interrupt_probability=interrupt_probability(m)) for m in modes)
    out = replace(part, count=count, bit_rate=rate, power=watts(part.power, rate),
                  dsp_power=watts(part.dsp_power, rate), modes=modes)
    if part.links_derived:
        out = replace(out, links_per_failure=links_served(part.repair, dep, count, part.item_ports))
    if part.integral and switch is not None:
        out = replace(out, life=switch.life, salvage=switch.salvage,
                      warranty=switch.warranty, warranty_handling=switch.warranty_handling)
    return out


def switch_swap_price(parts: list[Any], dep: Any) -> Quantity:
    """Price of a replaced switch: it comes with every unit not swapped on its own.

    Notes: switch price + sum over other parts integral to the switch, or whose
    failures are not repaired by ``swap`` or ``fru`` (such as co-packaged optical
    engines), of units per switch x price (a part counted per fabric item has
    fleet units / switches per switch).
    """
    switch = next(p for p in parts if p.name == "switch")
    return sum((p.fleet_units(dep.switches) / dep.switches * p.price for p in parts
                if p.name != "switch" and bundled(p)), switch.price)


def bundled(part: Any) -> bool:
    """Whether a part goes with a replaced switch (is not moved to the new one)."""
    return part.integral or any(m.repair not in ("swap", "fru", "none")
                                for m in (part.modes or (part,)))


def system_price_per_port(parts: list[Any], dep: Any) -> Quantity:
    """The switch system's cost per port: what a spare port on it costs [currency].

    Notes: (switch price + units per switch x price of each integral part) / ports
    the switch has (capacity / port speed).
    """
    switch = next(p for p in parts if p.name == "switch")
    total = sum((p.fleet_units(dep.switches) / dep.switches * p.price
                 for p in parts if p.integral), switch.price)
    return total / ports_per_switch(dep)


def resolve_option(opt: Any, dep: Any) -> Any:
    """The option with every part resolved (see :func:`resolve_part`)."""
    switch = next(p for p in opt.parts if p.name == "switch")
    parts = [resolve_part(p, dep, switch) for p in opt.parts]
    bundle = switch_swap_price(parts, dep)
    parts = [replace(p, modes=tuple(
        replace(m, repair_price=repair_price(m, p, bundle)) if m.repair_price_derived else m
        for m in p.modes)) for p in parts]
    parts = [replace(p, repair_price=p.modes[0].repair_price)
             if p.repair_price_derived and len(p.modes) == 1 else p for p in parts]
    return replace(opt, parts=tuple(parts))


def repair_price(mode: Any, part: Any, switch_swap: Quantity) -> Quantity:
    """What one repair replaces, when not given [currency].

    Notes: swap: the unit's price; replace_switch: the switch with its bundled
    units (:func:`switch_swap_price`); spare_port and none: nothing (fru must give
    its price).
    """
    if mode.repair == "swap":
        return part.price
    if mode.repair == "replace_switch":
        return switch_swap
    return 0 * part.price
