"""Cost components: pure functions, one module per component.

Conventions shared by all of them:

- Arguments are pint Quantities; magnitudes may be numpy arrays with one value
  per sample, and results broadcast over them.
- A per-year result has a trailing year axis of length ``horizon + 1``:
  index 0 is the deployment (time 0), index y the end of year y.
- Fleet-level results count every switch: ``switches x count`` units.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..units import Q
from .lazy import Column, Flow


def column(q: Any) -> Any:
    """``q`` with a trailing axis added, to broadcast against the year axis.

    The magnitude is a :class:`~tco.components.lazy.Column`: it behaves as
    ``magnitude[..., newaxis]``, and a product with a yearly profile stays
    factored (see :mod:`tco.components.lazy`).
    """
    magnitude = q.magnitude
    if isinstance(magnitude, Column):
        return q
    if isinstance(magnitude, Flow):  # already has a year axis: as the dense array did
        return Q(magnitude.dense()[..., np.newaxis], q.units)
    return Q(Column(np.asarray(magnitude, dtype=float)), q.units)


def years(horizon: int) -> np.ndarray:
    """Year indices 0..horizon."""
    return np.arange(horizon + 1, dtype=float)


def at_start(amount: Any, horizon: int) -> Any:
    """An amount spent once, at deployment (year index 0)."""
    return column(amount) * (years(horizon) == 0)


def at_end(amount: Any, horizon: int) -> Any:
    """An amount booked at the end of the last year (index ``horizon``)."""
    return column(amount) * (years(horizon) == horizon)


def every_year(amount_per_year: Any, horizon: int) -> Any:
    """A yearly amount booked at the end of each year 1..horizon.

    ``amount_per_year`` is a rate (e.g. USD/year); the result is an amount per
    year index, with nothing in year 0.
    """
    amount = (amount_per_year * Q(1.0, "year")).to_reduced_units()
    return column(amount) * (years(horizon) >= 1)
