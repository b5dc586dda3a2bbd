"""Spare ports on a switch with co-packaged optics: a pool per switch that runs out.

A port fault on a switch whose optics are built in (CPO) is repaired by moving
the link to a spare port. Each switch has a pool of S spare ports (bought spare
capacity plus the ports not in use); when a fault finds the pool empty, the
switch is swapped, and the new switch comes with a full pool (so does a switch
refreshed at the end of its life).

Method (in expectation, no sampling): port demand on one switch is a Poisson
process of rate R ports per year, so the demand D(t) of a switch aged t years is
Poisson with mean R t. Faults number S + 1, 2 (S + 1), ... each find the pool
empty and force a swap, which restores it; the expected swaps by age t are

    G(t) = E[floor(D(t) / (S + 1))] = sum over n of P(D(t) = n) x floor(n / (S + 1)).

A switch refreshed every L years has, at time t, lived k = floor(t / L) whole
lives, so its expected swaps up to t are C(t) = k G(L) + G(t - k L); the swaps
in year y are C(y) - C(y - 1). A fault that takes k ports counts as k port
demands (exact when every fault takes one port, an approximation otherwise).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import column, years

_EPS = 1e-9


def pool_size(bought: Any, ports_per_switch: Any, ports_in_use: Any) -> Any:
    """Whole spare ports per switch: bought spare ports plus the ports not in use [count].

    A fraction of a port absorbs no fault: 3.84 spare ports are a pool of 3.

    Notes: floor(bought + ports_per_switch - ports_in_use).
    """
    return np.floor(np.asarray(bought + ports_per_switch - ports_in_use, dtype=float) + _EPS)


def expected_swaps(mean_demand: Any, pool: Any) -> Any:
    """Expected swaps forced by an empty pool, G = E[floor(D / (S + 1))], D ~ Poisson [count].

    ``mean_demand`` is the expected port demand of one switch so far (R t);
    ``pool`` the whole spare ports S. Both broadcast (arrays of samples).

    Notes: sum over n of P(D = n) x floor(n / (S + 1)), with P(D = n) by the
    recurrence P(n) = P(n - 1) x mu / n from exp(-mu), for n up to
    mu + 12 sqrt(mu) + 30 (beyond, the terms are below 1e-20 of the sum); a mean
    above 600 (exp(-mu) would underflow) takes the same sum in logarithms.
    """
    mu, s = np.broadcast_arrays(np.asarray(mean_demand, dtype=float),
                                np.asarray(pool, dtype=float))
    big = mu > _RECURRENCE_MAX
    if not big.any():
        return _by_recurrence(mu, s)
    out = np.empty(mu.shape)
    out[~big] = _by_recurrence(mu[~big], s[~big])
    out[big] = _in_logarithms(mu[big], s[big])
    return out


#: the largest mean demand whose Poisson probabilities are taken by recurrence
_RECURRENCE_MAX = 600.0


def _terms(mu: np.ndarray) -> int:
    top = float(np.max(mu, initial=0.0))
    return int(np.ceil(top + 12.0 * np.sqrt(top) + 30.0))


def _by_recurrence(mu: np.ndarray, s: np.ndarray) -> np.ndarray:
    """:func:`expected_swaps` for means up to :data:`_RECURRENCE_MAX`: one pass per n
    over arrays the size of the sample (none of samples x n). A sample leaves the
    sum once its remaining terms are negligible (n above twice its mean and
    P(n) x n below 1e-25: the rest of its sum is below 2e-25 swaps)."""
    shape = mu.shape
    mu = mu.ravel()
    step = (s + 1.0).ravel()
    if mu.size <= _BLOCK:
        return _recurrence(mu, step).reshape(shape)
    out = np.empty(mu.shape)  # in blocks: the pass per n then runs in the processor's cache
    for start in range(0, mu.size, _BLOCK):
        block = slice(start, start + _BLOCK)
        out[block] = _recurrence(mu[block], step[block])
    return out.reshape(shape)


#: values per block of :func:`_by_recurrence` (its five arrays fit a core's cache)
_BLOCK = 16_384


def _recurrence(mu: np.ndarray, step: np.ndarray) -> np.ndarray:
    """:func:`_by_recurrence` of flat arrays, ``step`` = S + 1."""
    out = np.zeros(mu.shape)
    if mu.size == 0 or not np.any(mu > 0):  # no demand, no swap
        return out
    p = np.exp(-mu)
    acc = np.zeros(mu.shape)
    idx = np.arange(mu.size)
    same = bool(np.all(step == step[0]))  # one pool size: a scalar weight per n
    first = int(np.floor(np.min(step) + _EPS))  # no swap before the pool is used up
    term = np.empty(mu.shape)
    for n in range(1, _terms(mu) + 1):
        np.multiply(p, mu, out=p)
        p /= n
        if n < first:
            continue
        if same:
            w = np.floor(n / step[0] + _EPS)
            if w:
                np.multiply(p, w, out=term)
                acc += term
        else:
            np.floor(n / step + _EPS, out=term)
            term *= p
            acc += term
        if n % 8 == 0:
            keep = (p * n > _NEGLIGIBLE) | (mu * 2.0 >= n)
            if np.count_nonzero(keep) < 0.75 * keep.size:
                done = ~keep
                out[idx[done]] = acc[done]
                idx, mu, p, acc, step = idx[keep], mu[keep], p[keep], acc[keep], step[keep]
                term = term[:idx.size]
                if idx.size == 0:
                    break
    out[idx] = acc
    return out


#: below this, P(n) x n leaves a sample's sum (see :func:`_by_recurrence`)
_NEGLIGIBLE = 1e-25


def _in_logarithms(mu: np.ndarray, s: np.ndarray) -> np.ndarray:
    """:func:`expected_swaps` by P(D = n) = exp(-mu + n ln mu - ln n!) (any mean > 0)."""
    n = np.arange(_terms(mu) + 1, dtype=float)
    log_factorial = np.concatenate(([0.0], np.cumsum(np.log(n[1:]))))
    m = mu[..., np.newaxis]
    log_pmf = -m + n * np.log(m) - log_factorial
    swaps = np.floor(n / (s[..., np.newaxis] + 1.0) + _EPS)
    return np.sum(np.exp(log_pmf) * swaps, axis=-1)


def swaps_by_year(rate: Any, pool: Any, life: Any, horizon: int) -> Any:
    """Expected swaps per switch in each year index 0..horizon (nothing in year 0) [count].

    ``rate`` is the port demand per switch per year [1/year] (a quantity);
    ``life`` the switch's service life [year] (infinite: never refreshed).

    Notes: C(t) = k G(L) + G(t - k L) with k = floor(t / L); swaps in year y =
    C(y) - C(y - 1) (module doc).
    """
    r = column(rate.to("1/year")).magnitude
    life_years = column(life.to("year")).magnitude
    s = np.asarray(pool, dtype=float)[..., np.newaxis]
    t = years(horizon)
    finite = np.isfinite(life_years)
    lives = np.where(finite, np.floor(t / np.where(finite, life_years, 1.0) + _EPS), 0.0)
    lived = np.where(finite, life_years, 0.0)
    age = t - lives * lived
    cumulative = lives * expected_swaps(r * lived, s) + expected_swaps(r * age, s)
    return np.diff(cumulative, axis=-1, prepend=0.0)


def run_out_years(pool: Any, rate: Any) -> Any:
    """Age at which a switch's expected port demand reaches its pool [year].

    Notes: S / R; infinite where no port faults are expected.
    """
    r = np.asarray(rate.to("1/year").magnitude, dtype=float)
    s = np.asarray(pool, dtype=float)
    return np.where(r > 0, s / np.where(r > 0, r, 1.0), np.inf)


def spare_ports_cost(switches: Any, ports_per_switch: Any, spares: Any,
                     price_per_port: Any) -> Any:
    """Spare ports bought up front on switches with built-in optics [currency].

    A spare port on such a switch is switch capacity, priced at the switch
    system's cost per port (switch and built-in parts / ports it has); like other
    spares it is an expected figure, not rounded.

    Notes: switches x spares [fraction] x ports_per_switch x price_per_port.
    """
    return switches * spares * ports_per_switch * price_per_port
