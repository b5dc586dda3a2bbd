"""Support contracts: a yearly share of the price of the equipment in service.

An option's ``support`` (a share per year, e.g. 8 %) is charged on the equipment
in service (the installed units of every part, switch, optics and lasers; spares
held are not under contract) at the price paid for it: the deployment price, and
after an end-of-life refresh the price of the units bought then (their price
index). Yearly prices start in year 1 (methods.md section 4), so the contract
for year y (the time (y - 1, y]) is booked at its end, and rises by
``support_escalation`` from year 1, as electricity:

    support(y) = support x value in service during year y x (1 + escalation)^(y - 1)

The value in service during a year is the price paid for the units in service,
integrated over the year (a refresh inside a year counts each purchase for the
part of the year it is in service). With ``support_from = "warranty_end"`` the
contract starts when a unit's warranty ends (each purchase's own warranty): the
time a unit spends under warranty is left out.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import column, years
from .pricing import price_at, yearly_index

_EPS = 1e-9
#: most purchases of one part followed over a horizon (a sanity bound on tiny lives)
_MAX_PURCHASES = 10_000


def paid_years(life: Any, trend: Any, hold: Any, horizon: int,
               skip: Any = None) -> np.ndarray:
    """Price multiple x years in service, per year index 0..horizon [year].

    One unit position: bought at 0, again at L, 2L, ... (never for an infinite
    ``life``), each purchase at its price index (1 + trend)^max(0, t - hold).
    ``skip`` [year] (a warranty, or None) leaves out the first ``skip`` of each
    purchase's service. Year index y holds the integral over (y - 1, y]; index 0
    holds nothing.

    Notes: P(t) = sum over purchases j of index(j L) x clip(t - j L - s, 0, L - min(s, L));
    year y = P(y) - P(y - 1).
    """
    life_years = column(life.to("year")).magnitude  # (..., 1)
    held = column(hold.to("year")).magnitude if hasattr(hold, "to") else \
        np.asarray(hold, dtype=float)[..., np.newaxis]
    tr = column(trend.to("")).magnitude if hasattr(trend, "to") else \
        np.asarray(trend, dtype=float)[..., np.newaxis]
    s = np.zeros(1) if skip is None else column(skip.to("year")).magnitude
    s = np.maximum(s, 0.0)
    t = years(horizon)
    finite = np.isfinite(life_years)
    lf = np.where(finite, life_years, np.inf)
    shortest = float(np.min(lf)) if np.any(finite) else np.inf
    count = 1 if not np.isfinite(shortest) else \
        min(int(np.ceil(horizon / shortest + _EPS)) + 1, _MAX_PURCHASES)
    cumulative = np.zeros(np.broadcast_shapes(lf.shape, s.shape, tr.shape, held.shape,
                                              t.shape))
    for j in range(count):
        start = np.where(finite, j * np.where(finite, lf, 0.0), 0.0 if j == 0 else np.inf)
        span = np.where(finite, np.maximum(lf - np.minimum(s, lf), 0.0), np.inf)
        served = np.clip(t - start - s, 0.0, span)
        served = np.where(np.isfinite(start), served, 0.0)
        index = price_at(tr, held, np.where(np.isfinite(start), start, 0.0))
        cumulative = cumulative + index * served
    return np.diff(cumulative, axis=-1, prepend=0.0)


def escalation_index(escalation: Any, horizon: int, offset: int = 0) -> np.ndarray:
    """The support price in year index y as a multiple of year 1's; 0 in year 0.

    ``offset`` [whole years] is how far year index 0 is from the deployment (a
    product bought at a refresh to the next generation, :mod:`tco.refresh`): the
    contract price rises from the deployment's year 1 all the same.

    Notes: (1 + escalation)^(offset + y - 1) for y >= 1.
    """
    rise = (1.0 + np.asarray(escalation.to("").magnitude, dtype=float)) ** offset
    return yearly_index(escalation, horizon) * np.asarray(rise)[..., np.newaxis]


def support_by_year(support: Any, units: Any, price: Any, paid: np.ndarray,
                    escalation: np.ndarray) -> Any:
    """Support contract of one part's installed units, per year index [currency].

    ``support`` a share per year [fraction]; ``paid`` from :func:`paid_years`;
    ``escalation`` the yearly index (1 + support_escalation)^(y - 1), 0 in year 0.

    Notes: support x units x price x paid(y) x escalation(y).
    """
    share = column(support.to("") if hasattr(support, "to") else support)
    return share * column(units * price) * paid * escalation
