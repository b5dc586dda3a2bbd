"""Warranty: failures inside a unit's warranty cost labour, not the part.

A part with a warranty of W years is replaced (or its sub-unit, a fru) by the
vendor while it is under warranty: the repair still costs the technician's time,
and any handling the part states per claim (shipping, RMA processing), but not
the part. The saving is booked as a credit of its own (the ``warranty`` row), so
the ``repairs`` row keeps the cost of every failure at the year's price and the
credit shows what the warranty is worth.

Ages (methods.md section 3): the units bought at deployment (time 0) are under
warranty for times [0, W]; year index y covers the time (y - 1, y], so with
W = 3 years years 1, 2 and 3 are covered and years 4 and 5 are not; a
fractional W covers the part of a year before it ends, pro rata (failures are
spread evenly over a year at a constant rate). Units bought again at the end of
their service life L restart their warranty: the share of time t in [0, T]
under warranty is

    C(T) = k x min(W, L) + min(T - k L, W),  k = floor(T / L)   (C(T) = min(T, W)
    when the part is never refreshed),

and the share of year y is C(y) - C(y - 1). A unit the vendor sends for a
failure inside the warranty carries the rest of the original warranty (common
RMA practice), so a position's warranty follows its purchase date; a unit bought
after the warranty ends to repair a failure is taken as coming from the spares
held since deployment, whose warranty started with the fleet's (simplification:
a repair purchase that brought a new warranty would add a credit of at most
about AFR x W of the failures after the warranty, about 6 % at 2 %/year and
3 years).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..units import Q
from . import column, years

_EPS = 1e-9


def covered_time(warranty: Any, life: Any, t: Any) -> Any:
    """Time a unit position spends under warranty from 0 to ``t`` [year].

    ``warranty`` and ``life`` are quantities in a time unit (``life`` infinite:
    never refreshed); ``t`` a float or array of times in years, broadcast against
    their magnitudes (add axes to them first where needed).

    Notes: k x min(W, L) + min(t - k L, W), k = floor(t / L); min(t, W) for an
    infinite L.
    """
    w = np.maximum(np.asarray(warranty.to("year").magnitude, dtype=float), 0.0)
    life_years = np.asarray(life.to("year").magnitude, dtype=float)
    t = np.asarray(t, dtype=float)
    finite = np.isfinite(life_years)
    lf = np.where(finite, life_years, 1.0)
    k = np.where(finite, np.floor(t / lf + _EPS), 0.0)
    age = np.maximum(t - k * np.where(finite, lf, 0.0), 0.0)
    return k * np.minimum(w, np.where(finite, lf, 0.0)) + np.minimum(age, w)


def covered_share(warranty: Any, life: Any, horizon: int) -> np.ndarray:
    """Share of each year index 0..horizon that a part's units spend under warranty.

    Notes: C(y) - C(y - 1) with C from :func:`covered_time` (module doc); 0 in
    year 0 (nothing fails at deployment).
    """
    w = column(warranty.to("year"))
    life_col = column(life.to("year"))
    t = years(horizon)
    cumulative = covered_time(w, life_col, t)
    share = np.diff(cumulative, axis=-1, prepend=0.0)
    return np.clip(share, 0.0, 1.0)


def claim_value(repair_price: Any, prices: np.ndarray, handling: Any) -> Any:
    """What one repair under warranty saves, per year index [currency].

    The vendor replaces what the repair would have bought (at that year's price);
    the user pays the handling per claim instead. A claim that would cost more
    than it saves is not made (nothing is saved).

    Notes: max(repair_price x price index(y) - handling, 0).
    """
    cur = repair_price.units
    handling = 0 * repair_price if handling is None else handling
    saved = column(repair_price).magnitude * prices - column(handling.to(cur)).magnitude
    return Q(np.maximum(saved, 0.0), cur)  # not max(...) x unit: that made a flow dense


def warranty_credit_by_year(failures: Any, repair_price: Any, prices: np.ndarray,
                            handling: Any, share: np.ndarray, horizon: int) -> Any:
    """Repair parts the vendor pays for under warranty, per year index [currency].

    ``failures`` per year across the fleet [1/year]; ``share`` from
    :func:`covered_share`. A positive amount: the engine books it as a credit.

    Notes: year y (1..horizon): failures x 1 year x share(y) x claim value(y).
    """
    per_year = column((failures * Q(1.0, "year")).to("")).magnitude
    value = claim_value(repair_price, prices, handling)
    return value * (per_year * share * (years(horizon) >= 1))  # the flows stay factored
