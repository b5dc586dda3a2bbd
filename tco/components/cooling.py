"""Cooling: the facility energy on top of IT energy, and cooling capacity."""

from __future__ import annotations

from typing import Any


def cooling_power(it_power: Any, overhead: Any) -> Any:
    """Facility power for cooling and overhead [kW].

    ``overhead`` is PUE - 1 (or the cooling energy fraction) [fraction].

    Notes: it_power x overhead.
    """
    return (it_power * overhead).to("kW")


def cooling_capex(it_power: Any, capex_per_kw: Any) -> Any:
    """Capital cost of the cooling capacity for the heat the switches give off [currency].

    All IT power becomes heat. Notes: it_power [kW] x capex_per_kw [currency/kW].
    """
    return (it_power * capex_per_kw).to_reduced_units()
