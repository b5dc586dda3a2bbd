"""Draw samples of the ranged inputs: Latin hypercube, in plain numpy.

A Latin hypercube of ``n`` samples cuts each input's probability range into
``n`` equal strata, draws one point in each, and shuffles the strata of every
input independently (beyond 65,536 samples, replicated: see
:func:`draw_chunks`). The points are then mapped through each input's inverse
cumulative distribution (its quantile function):

- ``pert``: Beta(1 + 4(m - a)/(b - a), 1 + 4(b - m)/(b - a)) scaled to [a, b],
  a = low, m = value, b = high (methods.md section 5). The quantile function of
  a beta has no closed form without scipy; it is tabulated once per input on a
  fine grid of the exact density (integrated by the trapezoid rule) and read
  back by linear interpolation.
- ``triangular``: min low, mode value, max high (closed form).
- ``uniform``: low to high.
- ``lognormal``: median at value, low at the 5th percentile and high at the
  95th: ln(value) + z sigma, z the standard normal quantile, with sigma =
  ln(value/low) / 1.6449 below the median and ln(high/value) / 1.6449 above it
  (one sigma, ln(high/low) / (2 x 1.6449), when value is the geometric mean of
  low and high; two halves otherwise, so that neither stated end is overrun by
  a tail fitted to the other). Samples fall outside [low, high] (10 % of them,
  5 % each side; none above high when value = high): that is the point of a
  heavy tail.

Every function here is pure and takes an explicit ``numpy.random.Generator``:
the same seed gives the same samples.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

#: the 95th percentile of a standard normal
Z95 = 1.6448536269514722
#: points of the tabulated PERT density, and of its quantile function: read back
#: by linear interpolation, accurate to about 1e-5 of the range (less in the
#: outer 1e-5 of probability, where the quantile function is steepest)
_GRID = 8193
_INVERSE_GRID = 65537


@dataclass(frozen=True)
class Dist:
    """One input's distribution, as magnitudes in its canonical unit."""

    kind: str  # pert | triangular | uniform | lognormal
    low: float
    mode: float
    high: float

    @property
    def collapsed(self) -> bool:
        return self.low == self.high


def latin_hypercube(n: int, dims: int, rng: np.random.Generator) -> np.ndarray:
    """``(dims, n)`` uniforms in [0, 1]: one point per stratum, strata shuffled per row."""
    u = np.empty((dims, n))
    for row in u:
        _lhs_row(row, rng)
    return u


def _lhs_row(row: np.ndarray, rng: np.random.Generator) -> None:
    """One row of a Latin hypercube, in place: ``(perm[j] + r[j]) / n``.

    The strata are put in a random order by sorting random keys: the high bits of
    a 64-bit random word, the stratum's index in the low bits (a sort of whole
    words, faster than a shuffle, and two keys are never equal). With n up to
    65,536 that leaves 48 random bits a key: two strata share them with
    probability below 1e-5 a row, and then keep their order.
    """
    n = row.shape[0]
    bits = max(1, (n - 1).bit_length())
    low = np.uint64((1 << bits) - 1)
    keys = rng.bit_generator.random_raw(n)
    keys &= ~low
    keys |= np.arange(n, dtype=np.uint64)
    keys.sort()
    keys &= low
    rng.random(out=row)
    row += keys.astype(float)  # a cast, then a plain float add: faster than a mixed add
    row /= n


def quantile(d: Dist, u: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """The values at probabilities ``u`` of distribution ``d`` (into ``out`` if given:
    it may be ``u`` itself)."""
    u = np.asarray(u, dtype=float)
    if d.kind == "pert" and not d.collapsed:
        return _pert(d, u, out)
    value = _quantile(d, u)
    if out is None:
        return value
    out[...] = value
    return out


def _quantile(d: Dist, u: np.ndarray) -> np.ndarray:
    if d.collapsed:
        return np.full(u.shape, float(d.mode))
    if d.kind == "uniform":
        return d.low + (d.high - d.low) * u
    if d.kind == "triangular":
        return _triangular(d, u)
    if d.kind == "lognormal":
        z = normal_quantile(u)
        below = math.log(d.mode / d.low) / Z95  # sigma of the half under the median
        above = math.log(d.high / d.mode) / Z95  # and of the half over it
        return d.mode * np.exp(z * np.where(z < 0.0, below, above))
    if d.kind == "pert":
        return _pert(d, u)
    raise ValueError(f"unknown distribution {d.kind!r}")


def _triangular(d: Dist, u: np.ndarray) -> np.ndarray:
    a, c, b = d.low, d.mode, d.high
    split = (c - a) / (b - a)
    left = a + np.sqrt(u * (b - a) * (c - a))
    right = b - np.sqrt((1.0 - u) * (b - a) * (b - c))
    return np.where(u < split, left, right)


def pert_shape(d: Dist) -> tuple[float, float]:
    """The beta exponents (alpha, beta) of a PERT distribution."""
    span = d.high - d.low
    return 1.0 + 4.0 * (d.mode - d.low) / span, 1.0 + 4.0 * (d.high - d.mode) / span


def _pert(d: Dist, u: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    x = _lookup(_pert_inverse(*pert_shape(d)), u, out)
    x *= d.high - d.low
    x += d.low
    return x


@lru_cache(maxsize=256)
def _pert_inverse(alpha: float, beta: float) -> np.ndarray:
    """The Beta(alpha, beta) quantile function on a uniform grid of probabilities, side
    by side with its steps to the next grid point (0 after the last): ``(len, 2)``."""
    x, cdf = _pert_table(alpha, beta)
    table = np.interp(np.linspace(0.0, 1.0, _INVERSE_GRID), cdf, x)
    return np.stack([table, np.append(np.diff(table), 0.0)], axis=-1)


def _lookup(pairs: np.ndarray, u: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Linear interpolation in a table over a uniform grid of [0, 1] (no search).

    Notes: with pos = u x (len - 1) and i its whole part, table[i] + (pos - i) x
    steps[i], steps[i] = table[i + 1] - table[i] (0 at the last point). A point's
    value and step sit side by side: one read from memory per sample.
    """
    last = len(pairs) - 1
    pos = np.multiply(u, last, out=out)
    np.clip(pos, 0.0, last, out=pos)
    whole = np.floor(pos)
    at = pairs.take(whole.astype(np.intp), axis=0)
    pos -= whole
    pos *= at[..., 1]
    pos += at[..., 0]
    return pos


def _pert_table(alpha: float, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """Beta(alpha, beta) CDF on a grid of [0, 1] (alpha, beta >= 1: a bounded density).

    The grid is denser near the ends, where the density of a skewed beta bends most.
    """
    t = np.linspace(0.0, 1.0, _GRID)
    x = 0.5 - 0.5 * np.cos(np.pi * t)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_pdf = (alpha - 1.0) * np.log(x) + (beta - 1.0) * np.log1p(-x)
    if alpha == 1.0:
        log_pdf[0] = 0.0
    if beta == 1.0:
        log_pdf[-1] = 0.0
    pdf = np.exp(log_pdf - log_pdf.max())
    cdf = np.concatenate(([0.0], np.cumsum(0.5 * (pdf[1:] + pdf[:-1]) * np.diff(x))))
    return x, cdf / cdf[-1]


def normal_quantile(u: np.ndarray) -> np.ndarray:
    """Quantile of the standard normal (Acklam's rational approximation, rel. error < 1.2e-9)."""
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
         1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
         6.680131188771972e01, -1.328068155288572e01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
         -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
    e = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00,
         3.754408661907416e00)
    u = np.asarray(u, dtype=float)
    shape = u.shape
    u = np.clip(u.reshape(-1), 1e-300, 1.0 - 1e-16)
    low = 0.02425
    q = u - 0.5
    r = q * q
    out = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / \
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0)
    tails = np.abs(q) > 0.5 - low  # about 5 % of the points: the tail formula on those only
    qt, ut = q[tails], u[tails]
    s = np.sqrt(-2.0 * np.log(np.where(qt < 0, ut, 1.0 - ut)))
    tail = (((((c[0] * s + c[1]) * s + c[2]) * s + c[3]) * s + c[4]) * s + c[5]) / \
        ((((e[0] * s + e[1]) * s + e[2]) * s + e[3]) * s + 1.0)
    out[tails] = np.where(qt < 0, tail, -tail)
    return out.reshape(shape)


def draw(dists: list[Dist], n: int, seed: int) -> np.ndarray:
    """``(len(dists), n)`` samples: a Latin hypercube through each quantile function."""
    return np.concatenate(list(draw_chunks(dists, n, seed, n)), axis=1) if n else \
        np.empty((len(dists), 0))


def plan(n: int, seed: int, chunk: int) -> list[tuple[int, int, np.random.SeedSequence]]:
    """The chunks of a run of ``n`` samples: (start, size, seed sequence) each."""
    starts = range(0, n, chunk)
    return [(start, min(chunk, n - start), seq) for start, seq in
            zip(starts, np.random.SeedSequence(seed).spawn(len(starts)), strict=True)]


def draw_chunk(dists: list[Dist], size: int, seq: np.random.SeedSequence) -> np.ndarray:
    """One chunk's samples: a Latin hypercube of ``size`` through each quantile function."""
    rng = np.random.default_rng(seq)
    u = np.empty((len(dists), size))
    for d, row in zip(dists, u, strict=True):  # row by row, in place: it stays in cache
        _lhs_row(row, rng)
        quantile(d, row, out=row)
    return u


def draw_chunks(dists: list[Dist], n: int, seed: int, chunk: int) -> Iterator[np.ndarray]:
    """The samples of :func:`draw`, ``chunk`` columns at a time.

    Each chunk is a Latin hypercube of its own (replicated Latin hypercube
    sampling): with n <= chunk that is one Latin hypercube of n samples; beyond,
    every stratum of 1/chunk holds the same number of samples. Each chunk draws
    from a generator of its own, spawned from the seed, so the same seed and
    chunk size give the same samples, whatever order the chunks are drawn in,
    and memory does not grow with n.
    """
    for _, size, seq in plan(n, seed, chunk):
        yield draw_chunk(dists, size, seq)


def as_dist(kind: str, low: Any, mode: Any, high: Any) -> Dist:
    """A :class:`Dist` from magnitudes or quantities (all in the same unit)."""
    def mag(q: Any) -> float:
        return float(getattr(q, "magnitude", q))

    return Dist(kind, mag(low), mag(mode), mag(high))
