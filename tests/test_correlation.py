"""Rank correlation between sampled inputs (Iman-Conover): marginals kept, ranks paired."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tco.analysis import correlation, sampling


def _block(n: int, seed: int = 3) -> np.ndarray:
    dists = [sampling.Dist("pert", 1.0, 2.0, 4.0), sampling.Dist("triangular", 10.0, 11.0, 20.0),
             sampling.Dist("uniform", 0.0, 0.5, 1.0)]
    return sampling.draw_chunk(dists, n, np.random.SeedSequence(seed))


def test_score_correlation_for_a_rank_correlation():
    # Spearman's rho of a bivariate normal with Pearson r is (6/pi) asin(r/2), so a rank
    # correlation of 0.5 needs r = 2 sin(pi * 0.5 / 6) = 2 sin(pi/12) = 2 x 0.258819 = 0.517638
    c = correlation.matrix(3, [(0, 2, 0.5)])
    assert math.isclose(c[0, 2], 0.5176380902050415, rel_tol=1e-12)
    assert c[2, 0] == c[0, 2]
    assert c[0, 1] == 0.0 and c[1, 1] == 1.0
    # rho = 1 maps to r = 2 sin(pi/6) = 1
    assert math.isclose(correlation.matrix(2, [(0, 1, 1.0)])[0, 1], 1.0)


def test_inconsistent_targets_are_not_a_correlation_matrix():
    # a ~ b and b ~ c at +0.9 but a ~ c at -0.9 cannot all hold: with r = 2 sin(0.15 pi)
    # = 0.9080, det = 1 - 3 r^2 + 2 r r (-r) = 1 - 2.4734 - 1.4973 < 0
    c = correlation.matrix(3, [(0, 1, 0.9), (1, 2, 0.9), (0, 2, -0.9)])
    assert not correlation.is_valid(c)
    # nor can a ~ b and b ~ c at 0.9 with a ~ c left at 0: det = 1 - 2 r^2 = -0.649
    assert not correlation.is_valid(correlation.matrix(3, [(0, 1, 0.9), (1, 2, 0.9)]))
    # at 0.5 each (r = 0.5176): det = 1 - 2 x 0.2679 = 0.464 > 0
    assert correlation.is_valid(correlation.matrix(3, [(0, 1, 0.5), (1, 2, 0.5)]))


@settings(max_examples=25, deadline=None)
@given(rho=st.floats(-0.9, 0.9), seed=st.integers(0, 2**32 - 1))
def test_reordering_keeps_every_marginal_and_reaches_the_rank_correlation(rho, seed):
    block = _block(4000, seed)
    before = [np.sort(row).copy() for row in block]
    correlation.rank_correlate(block, [0, 1], correlation.matrix(2, [(0, 1, rho)]),
                               np.random.default_rng(seed))
    # only a permutation of each input's samples: the marginals (and the Latin
    # hypercube strata) are exactly the same values
    for row, sorted_before in zip(block, before, strict=True):
        assert np.array_equal(np.sort(row), sorted_before)
    # 4,000 samples: the sampling error of a rank correlation is about 1/sqrt(n) = 0.016
    assert abs(correlation.spearman(block[0], block[1]) - rho) < 0.05
    # the input left out of the target stays independent of both
    assert abs(correlation.spearman(block[0], block[2])) < 0.06


def test_too_few_samples_stay_independent():
    block = _block(3)
    before = block.copy()
    correlation.rank_correlate(block, [0, 1], correlation.matrix(2, [(0, 1, 0.8)]),
                               np.random.default_rng(0))
    assert np.array_equal(block, before)
