"""Cooling: the facility energy on top of IT energy, and cooling capacity."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..units import Q


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


def overhead_from_pue(pue: Any) -> Any:
    """Facility overhead on top of IT power from a PUE [fraction].

    ``pue`` is facility energy / IT energy [dimensionless], a float, an array or a
    quantity. Notes: PUE - 1.
    """
    return Q(np.asarray(getattr(pue, "magnitude", pue), dtype=float) - 1.0, "")


def without_fans(switch_power: Any, fan_share: Any) -> Any:
    """Power of a switch whose fans are removed (liquid cooling) [W].

    ``fan_share`` is the share of the switch's power its fans draw [fraction].
    Notes: switch_power x (1 - fan_share).
    """
    return switch_power * (1.0 - fan_share.to(""))
