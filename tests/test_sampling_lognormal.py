"""The lognormal range: median at the value, low at the 5th percentile, high at the 95th,
each half fitted to its own end (hand-worked)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tco.analysis.sampling import Dist, quantile

Z95 = 1.6448536269514722  # the standard normal's 95th percentile


def test_lopsided_range_keeps_both_ends():
    # a module MTBF of 0.75 M h, range 0.5 to 2.5 M h: the value is not the geometric
    # mean of the ends (sqrt(0.5 x 2.5) = 1.118), so one sigma for both halves would
    # put the 5th percentile at 0.75 x (0.5 / 2.5)^(1/2) = 0.335 M h, below the low.
    # Below the median sigma = ln(0.75 / 0.5) / 1.6449 = 0.2465; above it
    # ln(2.5 / 0.75) / 1.6449 = 0.7320.
    d = Dist(kind="lognormal", low=0.5, mode=0.75, high=2.5)
    p5, p50, p95 = quantile(d, np.array([0.05, 0.5, 0.95]))
    assert p5 == pytest.approx(0.5, rel=1e-7)
    assert p50 == pytest.approx(0.75, rel=1e-12)
    assert p95 == pytest.approx(2.5, rel=1e-7)
    # the 16th percentile (z = -0.9945): 0.75 x exp(-0.9945 x 0.2465) = 0.5858
    z = -0.994457883209753
    assert quantile(d, np.array([0.16]))[0] == pytest.approx(
        0.75 * math.exp(z * math.log(0.75 / 0.5) / Z95), rel=1e-6)


def test_value_at_high_never_draws_above_it():
    # a laser module's MTBF at its ceiling (0.625 / 2.5 / 2.5 M h): no draw over 2.5
    d = Dist(kind="lognormal", low=0.625, mode=2.5, high=2.5)
    u = (np.arange(10_000) + 0.5) / 10_000
    x = quantile(d, u)
    assert x.max() == pytest.approx(2.5, rel=1e-12)
    # and 5 % fall below the low: the 500th of 10,000 ordered draws sits at it
    assert float(np.mean(x < 0.625)) == pytest.approx(0.05, abs=1e-3)


def test_geometric_mean_value_is_one_lognormal():
    # value 2 between 1 and 4 (sqrt(1 x 4) = 2): one sigma, ln(4 / 1) / (2 x 1.6449)
    d = Dist(kind="lognormal", low=1.0, mode=2.0, high=4.0)
    u = np.array([0.01, 0.3, 0.7, 0.99])
    sigma = math.log(4.0) / (2.0 * Z95)
    from tco.analysis.sampling import normal_quantile
    assert quantile(d, u) == pytest.approx(2.0 * np.exp(sigma * normal_quantile(u)),
                                           rel=1e-12)
