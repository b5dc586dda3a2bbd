"""Prices over time: what a purchase after deployment costs in the year it is made.

Conventions (methods.md section 4): a part's price is given for the deployment
(year index 0); bought again in year y it costs price x (1 + trend)^max(0, y - hold)
(trend negative for optics, held flat for ``hold`` years in a shortage). Labour is
priced at deployment too and escalates from it: rate x (1 + escalation)^y. Yearly
prices that start in year 1 (electricity, carbon, support) escalate from year 1:
price x (1 + escalation)^(y - 1). A zero trend and zero escalation give
today's constant prices.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from ..units import Q
from . import column, years

_memo = threading.local()


@contextmanager
def remembering() -> Iterator[None]:
    """Within this block (one engine evaluation, one thread), an index asked for
    again with the same input objects is not computed again: every option and
    part escalates by the same sampled rates."""
    outer = getattr(_memo, "table", None)
    _memo.table = {} if outer is None else outer
    try:
        yield
    finally:
        _memo.table = outer


def _remembered(fn: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    def index(*args: Any) -> np.ndarray:
        table = getattr(_memo, "table", None)
        if table is None:
            return fn(*args)
        key = (fn.__name__, *map(id, args))
        hit = table.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], args, strict=True)):
            return hit[1]
        value = np.asarray(fn(*args))
        value.flags.writeable = False  # shared: never changed in place
        table[key] = (args, value)  # the inputs held: their ids stay theirs
        return value

    index.__doc__, index.__name__, index.__wrapped__ = fn.__doc__, fn.__name__, fn
    return index


def _fraction(q: Any) -> Any:
    """A fraction as a column against the year axis (quantity, float or array)."""
    magnitude = q.to("").magnitude if hasattr(q, "to") else q
    return np.asarray(magnitude, dtype=float)[..., np.newaxis]


@_remembered
def price_index(trend: Any, hold: Any, horizon: int) -> np.ndarray:
    """Price of a part bought in year index y, as a multiple of its deployment price.

    ``trend`` [fraction per year], ``hold`` [year] (no change in the first years).
    Notes: (1 + trend)^max(0, y - hold), y = 0..horizon.
    """
    held = np.asarray(column(hold.to("year")).magnitude if hasattr(hold, "to") else
                      np.asarray(hold, dtype=float)[..., np.newaxis], dtype=float)
    steps = np.maximum(years(horizon) - held, 0.0)
    return (1.0 + _fraction(trend)) ** steps


def price_at(trend: Any, hold: Any, when: Any) -> np.ndarray:
    """Price multiple at a time ``when`` [year index, float or array, may be < 0 -> 1]."""
    held = hold.to("year").magnitude if hasattr(hold, "to") else hold
    steps = np.maximum(np.asarray(when, dtype=float) - np.asarray(held, dtype=float), 0.0)
    t = trend.to("").magnitude if hasattr(trend, "to") else trend
    return (1.0 + np.asarray(t, dtype=float)) ** steps


@_remembered
def labour_index(escalation: Any, horizon: int) -> np.ndarray:
    """Labour rate in year index y as a multiple of today's: (1 + escalation)^y."""
    return (1.0 + _fraction(escalation)) ** years(horizon)


@_remembered
def yearly_index(escalation: Any, horizon: int) -> np.ndarray:
    """A price paid each year 1..horizon, as a multiple of year 1's; 0 in year 0.

    Notes: (1 + escalation)^(y - 1) for y >= 1 (as the electricity price).
    """
    y = years(horizon)
    return np.where(y >= 1, (1.0 + _fraction(escalation)) ** (y - 1.0), 0.0)


def repair_cost_by_year(failures: Any, repair_price: Any, repair_labour: Any,
                        labour_rate: Any, prices: np.ndarray, labour: np.ndarray,
                        horizon: int) -> Any:
    """Cost of repairs per year index, each year's parts and labour at that year's prices.

    ``failures`` [1/year]; ``prices`` and ``labour`` are the indices above.
    Notes: year y (1..horizon): failures x 1 year x (repair_price x prices[y] +
    repair_labour x labour_rate x labour[y]); nothing in year 0.
    """
    per_year = (failures * Q(1.0, "year")).to("")
    parts = column(per_year * repair_price) * prices
    work = column((per_year * repair_labour * labour_rate).to(repair_price.units)) * labour
    return (parts + work) * (years(horizon) >= 1)
