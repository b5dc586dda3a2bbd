"""Capital spent at deployment: equipment, spares held, installation labour."""

from __future__ import annotations

from typing import Any


def equipment_cost(switches: Any, count: Any, price: Any) -> Any:
    """Purchase of the installed units of one part [currency].

    Notes: switches x count x price.
    """
    return switches * count * price


def spares_cost(switches: Any, count: Any, price: Any, spares: Any) -> Any:
    """Spare units bought up front [currency].

    ``spares`` is the share of installed units held as spares [fraction].
    Spares are an expected fleet-level figure and are not rounded.

    Notes: switches x count x spares x price.
    """
    return switches * count * spares * price


def installation_cost(switches: Any, count: Any, install_labour: Any, labour_rate: Any) -> Any:
    """Technician time to install the units of one part [currency].

    Notes: switches x count x install_labour [hour] x labour_rate [currency/hour].
    """
    return switches * count * install_labour * labour_rate
