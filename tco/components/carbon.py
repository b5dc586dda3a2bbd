"""Emissions from the electricity drawn, and their price."""

from __future__ import annotations

from typing import Any


def emissions_per_year(annual_energy: Any, intensity: Any) -> Any:
    """Emissions per year [tCO2e/year].

    Notes: facility energy per year (IT + cooling) x grid carbon intensity.
    """
    return (annual_energy * intensity).to("tCO2e/year")


def carbon_cost_per_year(emissions: Any, carbon_price: Any) -> Any:
    """Yearly cost of emissions [currency/year].

    Notes: tCO2e per year x carbon price [currency/tCO2e].
    """
    return emissions * carbon_price


def embodied_by_year(events: Any, units: Any, spares: Any, embodied: Any, horizon: int) -> Any:
    """Emissions of making the units bought, per year index [tCO2e].

    Year 0: installed units and spares; year y: the units replaced at end of life.
    ``events`` are replacements per year index (tco.components.replacement).
    Notes: year 0: units x (1 + spares) x embodied; year y: events[y] x units x embodied.
    """
    import numpy as np

    from . import column, years

    first = np.where(years(horizon) == 0, 1.0, 0.0)
    bought = column(units * (1.0 + spares.to(""))) * first + column(units) * events
    return (bought * column(embodied.to("tCO2e"))).to("tCO2e")
