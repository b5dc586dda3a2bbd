"""Electricity drawn by the switches (IT energy) and what it costs."""

from __future__ import annotations

from typing import Any

from ..units import Q
from . import column, pricing


def it_power(switches: Any, count: Any, power: Any) -> Any:
    """Power drawn by all installed units of one part [kW].

    Notes: switches x count x power per unit.
    """
    return (switches * count * power).to("kW")


def annual_energy(power: Any) -> Any:
    """Energy drawn in one year at constant power [MWh/year].

    Notes: power x 8,760 hours (the calendar convention of tco.units).
    """
    return (power * Q(1.0, "year")).to("MWh") / Q(1.0, "year")


def energy_cost_by_year(annual: Any, price: Any, escalation: Any, horizon: int) -> Any:
    """Cost of a yearly energy use, year by year [currency per year index].

    ``price`` applies in year 1 and rises by ``escalation`` [fraction] a year.

    Notes: cost in year y (1..horizon) = annual x 1 year x price x (1 + escalation)^(y-1);
    nothing in year 0.
    """
    growth = pricing.yearly_index(escalation, horizon)
    cost_year_one = (annual * Q(1.0, "year") * price).to_reduced_units()
    return column(cost_year_one) * growth
