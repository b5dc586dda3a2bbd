"""Rank correlation between sampled inputs (Iman and Conover, 1982), in plain numpy.

Sampled inputs are drawn independently (:mod:`tco.analysis.sampling`). When two
inputs move together in the world (one ASIC market sets the price of every
51.2T switch; CPO maturity moves its price and its failure rate), independent
draws make the spread of the *difference* between options too wide. Iman and
Conover induce a target rank correlation without changing any input's
marginal distribution: each input's samples are only *reordered*.

For a chunk of ``n`` samples of ``k`` correlated inputs:

1. scores ``S`` (n x k): the van der Waerden scores ``Phi^-1(i / (n + 1))``,
   each column in an independent random order;
2. ``E = corr(S)`` and the target ``C`` factor as ``E = F F'`` and ``C = P P'``
   (Cholesky, :func:`tco.model.correlations.cholesky`: the check a scenario's
   correlations pass at load time); ``T = S (F^-1)' P'`` then has correlation ``C`` exactly
   (Pearson, on the scores), and C is set so that the rank correlation of
   normal scores is the one asked for (:func:`matrix`);
3. each input's samples are rearranged so that their ranks equal the ranks of
   ``T``'s column: the rank correlation of the samples approaches ``C``.

Because samples are only permuted within an input, a Latin hypercube stays a
Latin hypercube and every marginal (PERT, triangular, ...) is unchanged.
"""

from __future__ import annotations

import numpy as np

from ..errors import InputError
from ..model.correlations import NOT_POSITIVE_DEFINITE, Correlation, cholesky, score_correlation
from .sampling import Dist, normal_quantile


def matrix(size: int, pairs: list[tuple[int, int, float]]) -> np.ndarray:
    """The ``size x size`` correlation of the normal scores that gives rank correlation
    ``rho`` to each pair (:func:`tco.model.correlations.score_correlation`)."""
    c = np.eye(size)
    for i, j, rho in pairs:
        c[i, j] = c[j, i] = score_correlation(rho)
    return c


def plan(varied_paths: list[str], correlations: list[Correlation]
         ) -> tuple[list[int], np.ndarray, list[tuple[int, int]]] | None:
    """The rows of a sample block that are correlated, their target score matrix, and
    the (leader, follower) rows of the pairs at rank 1 (the same draw)."""
    if not correlations:
        return None
    at_path = varied_paths.index
    joint = [c for c in correlations if not c.same]
    rows = sorted({at_path(p) for c in joint for p in (c.first, c.second)})
    at = {row: k for k, row in enumerate(rows)}
    pairs = [(at[at_path(c.first)], at[at_path(c.second)], float(c.rank.value))
             for c in joint]
    follow = [(at_path(c.first), at_path(c.second)) for c in correlations if c.same]
    return rows, matrix(len(rows), pairs), follow


def induce(block: np.ndarray, joint: tuple[list[int], np.ndarray, list[tuple[int, int]]],
           rng: np.random.Generator, dists: list[Dist]) -> None:
    """Apply a :func:`plan` to a block of samples, in place.

    A follower with the leader's distribution takes the leader's values exactly; with
    another distribution, its own sorted values in the leader's rank order (the same
    stratum of the Latin hypercube: the same probability to within 1/n).
    """
    rows, target, follow = joint
    rank_correlate(block, rows, target, rng)
    for leader, follower in follow:
        if dists[leader] == dists[follower]:
            block[follower] = block[leader]
            continue
        _arrange(block[follower], np.argsort(block[leader]))


def _arrange(row: np.ndarray, order: np.ndarray) -> None:
    """Rearrange ``row`` in place so that its ranks are those of the values ``order``
    sorts: its smallest value where that order starts, and so on."""
    row[order] = np.sort(row)


def rank_correlate(block: np.ndarray, rows: list[int], target: np.ndarray,
                   rng: np.random.Generator) -> None:
    """Reorder ``block[rows]`` (in place) so their rank correlation approaches ``target``.

    ``block`` is ``(inputs, n)`` as drawn by :func:`tco.analysis.sampling.draw_chunk`;
    ``rows`` are the inputs ``target`` (``len(rows)`` square) is about. The small
    matrix products are written with einsum, not BLAS: BLAS's own threads would
    compete with the threads evaluating chunks (and spin while they wait).
    """
    n = block.shape[1]
    k = len(rows)
    if k < 2 or n < k + 2:  # too few samples to carry a correlation: leave independent
        return
    scores = normal_quantile(np.arange(1, n + 1) / (n + 1.0))
    s = np.empty((k, n))
    for col in range(k):
        s[col] = scores[rng.permutation(n)]
    p = cholesky(target.tolist())  # the same check as at load time (tco.model.correlations)
    if p is None:
        raise InputError(NOT_POSITIVE_DEFINITE, key="correlations")
    centred = s - s.mean(axis=1, keepdims=True)
    cov = np.einsum("in,jn->ij", centred, centred)
    sd = np.sqrt(np.diag(cov))
    f = cholesky((cov / np.outer(sd, sd)).tolist())
    if f is None:  # the scores' own correlation is degenerate: leave them independent
        return
    t = np.einsum("jk,kn->jn", np.array(p) @ np.linalg.inv(np.array(f)), s)
    for col, row in enumerate(rows):
        _arrange(block[row], np.argsort(t[col]))
