"""Build the parts of an option, and their failure modes, from validated inputs."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np

from .. import units
from . import fleet
from .scenario import Deployment, FailureMode, Part, Quantity
from .validate import Input


def _scalar(x: Any) -> Any:
    """A float, or an array of them where inputs were sampled."""
    return float(x) if np.ndim(x) == 0 else np.asarray(x, dtype=float)


def _ratio(value: Any) -> Quantity | None:
    """A plain number (a PUE) as a dimensionless quantity; None stays None."""
    return None if value is None else units.Q(_scalar(value), "")


def _fraction(value: Any) -> Quantity | None:
    """A percentage as a plain fraction; None stays None."""
    return None if value is None else value.to("")


def _rate(p: dict[str, Input]) -> Quantity:
    """Failures per unit per year from afr, failure_rate or mtbf (0 when none)."""
    if p["afr"].value is not None:
        return (p["afr"].value / units.Q(1, "year")).to("1/year")
    if p["failure_rate"].value is not None:
        return p["failure_rate"].value.to("1/year")
    if p["mtbf"].value is not None:
        return (1 / p["mtbf"].value).to("1/year")
    return units.Q(0.0, "1/year")


def _part(name: str, p: dict[str, Input], dep: Deployment, derive: Any,
          where: fleet.Basis | None) -> Part:
    per_port = None
    if name == "switch":
        count = units.Q(1.0, "")
    elif p["count"].value is not None:
        count = units.Q(p["count"].value, "")
    elif where is not None:
        count = units.Q(1.0, "")  # one unit per fabric item unless count says otherwise
    else:
        per_port = units.Q(p["per_port"].value if p["per_port"].value is not None else 1.0, "")
        count = units.Q(float("nan"), "")  # worked out by derived.units_per_switch

    rate = _rate(p)

    repair = p["repair"].value or derive(p["repair"],
                                         "replace_switch" if name == "switch" else "swap")
    ttr = p["time_to_repair"].value
    if ttr is None:
        ttr = derive(p["time_to_repair"],
                     units.Q(24.0 if repair == "replace_switch" else 2.1, "hour"))
    links = p["links_per_failure"].value
    life = p["life"].value if p["life"].value is not None else units.Q(math.inf, "year")
    return Part(
        name=name, count=count, price=p["price"].value, power=p["power"].value,
        dsp_power=p["dsp_power"].value,
        laser_count=units.Q(p["laser_count"].value, ""), failure_rate=rate,
        repair=repair,
        repair_price=p["repair_price"].value if p["repair_price"].value is not None
        else 0 * p["price"].value,
        repair_labour=p["repair_labour"].value, time_to_repair=ttr,
        links_per_failure=units.Q(links if links is not None else 1.0, ""), life=life,
        spares=p["spares"].value.to(""), salvage=p["salvage"].value.to(""),
        install_labour=p["install_labour"].value,
        warranty=p["warranty"].value, warranty_handling=p["warranty_handling"].value,
        price_trend=p["price_trend"].value.to(""), price_hold=p["price_hold"].value,
        resale_decline=_fraction(p["resale_decline"].value),
        embodied_carbon=p["embodied_carbon"].value,
        per_port=per_port, bit_rate=p["bit_rate"].value,
        integral=bool(p["integral"].value),
        repair_price_derived=p["repair_price"].value is None,
        links_derived=links is None,
        interrupt_probability=_fraction(p["interrupt_probability"].value),
        **(where.fields() if where is not None else {}),
    )


def _with_modes(part: Part, modes: list[dict[str, Input]], derive: Any) -> Part:
    """The part failing in the modes given, each with a one-rate part's defaults.

    The part's own rate, repair and blast radius become the first mode's (its rate:
    the sum of the modes'), so a part with one mode written out is the one-rate part.
    """
    built = []
    for m in modes:
        repair = m["repair"].value or derive(m["repair"], part.repair)
        ttr = m["time_to_repair"].value
        if ttr is None:
            ttr = derive(m["time_to_repair"],
                         units.Q(24.0 if repair == "replace_switch" else 2.1, "hour"))
        links = m["links_per_failure"].value
        built.append(FailureMode(
            name=m["name"].value, failure_rate=_rate(m), repair=repair,
            repair_price=m["repair_price"].value if m["repair_price"].value is not None
            else 0 * part.price,
            repair_labour=m["repair_labour"].value, time_to_repair=ttr,
            links_per_failure=units.Q(links if links is not None else 1.0, ""),
            interrupt_probability=_fraction(m["interrupt_probability"].value),
            repair_price_derived=m["repair_price"].value is None,
            links_derived=links is None))
    first = built[0]
    return replace(
        part, failure_rate=sum((b.failure_rate for b in built[1:]), first.failure_rate),
        repair=first.repair, repair_price=first.repair_price,
        repair_labour=first.repair_labour, time_to_repair=first.time_to_repair,
        links_per_failure=first.links_per_failure,
        interrupt_probability=first.interrupt_probability,
        repair_price_derived=first.repair_price_derived and len(built) == 1,
        links_derived=first.links_derived, modes=tuple(built))
