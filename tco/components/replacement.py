"""End-of-life replacement inside the horizon, and residual value at its end."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import column, years

_EPS = 1e-9  # guards floor/ceil against 3 / (1/3)-style rounding


def replacements_by_year(life: Any, horizon: int) -> np.ndarray:
    """Number of times a part is replaced in each year index 0..horizon.

    A part bought at time 0 with service life L [year] is replaced at times
    L, 2L, ... strictly before the horizon ends. A replacement at time t is
    booked in year y when y - 1 < t <= y. An infinite life means never.

    Notes: with A(t) = floor(t / L) for t < horizon and A(horizon) = ceil(horizon / L) - 1,
    replacements in year y = A(y) - A(y - 1).
    """
    life_years = column(life.to("year")).magnitude
    y = years(horizon)
    ratio = y / life_years
    done = np.floor(ratio + _EPS)
    done = np.where(y >= horizon, np.maximum(np.ceil(ratio - _EPS) - 1.0, 0.0), done)
    events = np.diff(done, axis=-1, prepend=0.0)
    return np.broadcast_to(events, np.broadcast_shapes(life_years.shape, y.shape)).copy()


def replacement_cost_by_year(events: np.ndarray, switches: Any, count: Any, price: Any,
                             install_labour: Any, labour_rate: Any, salvage: Any = 0.0) -> Any:
    """Cost of end-of-life replacements per year index [currency].

    The retired units are worth their salvage share [fraction] of the price,
    credited against the new ones.

    Notes: replacements in the year x switches x count x
    (price x (1 - salvage) + install_labour x labour_rate).
    """
    per_unit = price * (1.0 - salvage) + (install_labour * labour_rate).to(price.units)
    return column(switches * count * per_unit) * events


def remaining_life_fraction(life: Any, horizon: int) -> np.ndarray:
    """Share of its service life a part has left when the horizon ends [fraction].

    Notes: age = horizon - time of the last replacement before it;
    fraction = 1 - age / life, within [0, 1]; 0 for an infinite life (no schedule
    to depreciate on, so only the salvage share remains).
    """
    life_years = np.asarray(life.to("year").magnitude, dtype=float)
    infinite = np.isinf(life_years)
    finite_life = np.where(infinite, 1.0, life_years)
    replaced = np.maximum(np.ceil(horizon / finite_life - _EPS) - 1.0, 0.0)
    age = horizon - replaced * finite_life
    fraction = np.clip(1.0 - age / finite_life, 0.0, 1.0)
    return np.where(infinite, 0.0, fraction)


def residual_value(switches: Any, count: Any, price: Any, salvage: Any,
                   remaining: np.ndarray) -> Any:
    """Value of the installed units when the horizon ends [currency].

    Straight-line from the price down to the salvage share over the service life.

    Notes: switches x count x price x (salvage + (1 - salvage) x remaining fraction).
    """
    share = salvage + (1.0 - salvage) * remaining
    return switches * count * price * share
