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
