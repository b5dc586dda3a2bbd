"""Discounting and break-even, with the timing convention stated once.

Timing convention: index 0 of a cash-flow array is the deployment (time 0,
not discounted); index y is the end of year y, discounted by (1 + r)^-y.
This differs from a spreadsheet NPV(), which discounts its first value too.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def discount_factors(rate: Any, horizon: int) -> np.ndarray:
    """(1 + rate)^-y for y = 0..horizon; ``rate`` is a fraction (float or array)."""
    r = np.asarray(rate, dtype=float)[..., np.newaxis]
    return (1.0 + r) ** -np.arange(horizon + 1, dtype=float)


def present_value(flows: np.ndarray, rate: Any) -> np.ndarray:
    """Present value of flows over the year axis (the last axis)."""
    flows = np.asarray(flows, dtype=float)
    return np.sum(flows * discount_factors(rate, flows.shape[-1] - 1), axis=-1)


def break_even_year(option_flows: np.ndarray, baseline_flows: np.ndarray) -> np.ndarray:
    """First year from which the option's cumulative cost stays at or below the baseline's.

    Undiscounted cumulative costs are compared at each year index 0..horizon.
    Returns the year index, or -1 where the option never breaks even.
    """
    cum_option = np.cumsum(option_flows, axis=-1)
    cum_base = np.cumsum(baseline_flows, axis=-1)
    tolerance = 1e-9 * np.maximum(np.abs(cum_base), 1.0)
    ok = cum_option <= cum_base + tolerance
    stays = np.logical_and.accumulate(ok[..., ::-1], axis=-1)[..., ::-1]
    first = np.argmax(stays, axis=-1)
    return np.where(stays[..., -1], first, -1)
