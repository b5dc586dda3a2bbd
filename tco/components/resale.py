"""Honest end of life: what used units sell for, apart from their book value.

Used network gear sells far below straight-line book value (methods.md section 4).
The resale share of a unit's purchase price at age a [year] is
max(salvage, (1 - resale_decline)^a) when a yearly decline is given, and only the
salvage share otherwise (no resale value assumed beyond it). Book value, the
accounting view (straight line from the price to the salvage share over the service
life), is reported apart and never paid as cash.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import column, years
from .pricing import price_at

_EPS = 1e-9


def resale_share(age: Any, salvage: Any, decline: Any | None) -> Any:
    """Share of its purchase price a used unit sells for at ``age`` [year] [fraction].

    Notes: age 0: 1 (new); otherwise max(salvage, (1 - decline)^age), or salvage
    when no decline is given.
    """
    s = np.asarray(salvage.to("").magnitude if hasattr(salvage, "to") else salvage, dtype=float)
    age = np.asarray(age, dtype=float)
    if decline is None:
        used = s + 0.0 * age
    else:
        d = np.asarray(decline.to("").magnitude, dtype=float)
        used = np.maximum(s, (1.0 - d) ** age)
    return np.where(age > _EPS, used, 1.0)


def last_purchase(life: Any, horizon: int) -> np.ndarray:
    """Time [year] of the last purchase of a part before the horizon ends (0 or k x life)."""
    life_years = np.asarray(life.to("year").magnitude, dtype=float)
    finite = np.where(np.isinf(life_years), 1.0, life_years)
    replaced = np.maximum(np.ceil(horizon / finite - _EPS) - 1.0, 0.0)
    return np.where(np.isinf(life_years), 0.0, replaced * finite)


def replacement_cost_by_year(events: np.ndarray, units: Any, price: Any, install_labour: Any,
                             labour_rate: Any, life: Any, salvage: Any, decline: Any | None,
                             trend: Any, hold: Any, labour: np.ndarray, horizon: int) -> Any:
    """End-of-life replacements per year index, at the year's prices, less the resale
    of the units retired [currency].

    Notes: in year y: replacements x units x (price x index(y) + install_labour x
    labour_rate x labour[y] - price x index(y - life) x resale share at age life).
    """
    y = years(horizon)
    life_col = column(life.to("year")).magnitude
    life_safe = np.where(np.isinf(life_col), 0.0, life_col)
    new = price_at(column(trend), column(hold), y)
    old = price_at(column(trend), column(hold), y - life_safe)
    share = resale_share(life_safe, column(salvage).magnitude,
                         None if decline is None else column(decline))
    per_unit_price = column(price) * (new - old * share)
    per_unit_work = column((install_labour * labour_rate).to(price.units)) * labour
    return column(units) * (per_unit_price + per_unit_work) * events


def residual_value(units: Any, price: Any, life: Any, salvage: Any, decline: Any | None,
                   trend: Any, hold: Any, horizon: int) -> Any:
    """What the installed units sell for when the horizon ends [currency].

    Notes: units x price x index(last purchase) x resale share at age
    (horizon - last purchase).
    """
    bought = last_purchase(life, horizon)
    paid = price_at(trend, hold, bought)
    return units * price * paid * resale_share(horizon - bought, salvage, decline)


def book_value(units: Any, price: Any, life: Any, salvage: Any, trend: Any, hold: Any,
               horizon: int) -> Any:
    """Book value of the installed units when the horizon ends (reported, not cash).

    Straight line from the price paid down to the salvage share over the service
    life; with no life given, only the salvage share (no schedule to depreciate on).
    Notes: units x price x index(last purchase) x (salvage + (1 - salvage) x
    remaining life fraction).
    """
    life_years = np.asarray(life.to("year").magnitude, dtype=float)
    bought = last_purchase(life, horizon)
    finite = np.where(np.isinf(life_years), 1.0, life_years)
    remaining = np.where(np.isinf(life_years), 0.0,
                         np.clip(1.0 - (horizon - bought) / finite, 0.0, 1.0))
    s = salvage.to("")
    return units * price * price_at(trend, hold, bought) * (s + (1.0 - s) * remaining)
