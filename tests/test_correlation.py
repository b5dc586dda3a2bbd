"""Rank correlation between sampled inputs (Iman-Conover): marginals kept, ranks paired."""

from __future__ import annotations

import json
import math
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from analysis_cases import A_RANGE, B_RANGE, write
from hypothesis import given, settings
from hypothesis import strategies as st

from tco.analysis import correlation, sampling, uncertainty
from tco.io import loader
from tco.model.correlations import Correlation, consistent
from tco.model.validate_values import Input
from tco.render.schema import schema


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation of two samples without ties (Pearson of the ranks)."""
    rx = np.empty(len(x))
    ry = np.empty(len(y))
    rx[np.argsort(x, kind="stable")] = np.arange(len(x))
    ry[np.argsort(y, kind="stable")] = np.arange(len(y))
    return float(np.corrcoef(rx, ry)[0, 1])


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


def _pairs(*pairs: tuple[str, str, float]) -> list[Correlation]:
    return [Correlation(a, b, Input(f"correlations[{k}].rank", rank))
            for k, (a, b, rank) in enumerate(pairs, start=1)]


def test_inconsistent_targets_are_not_a_correlation_matrix():
    # a ~ b and b ~ c at +0.9 but a ~ c at -0.9 cannot all hold: with r = 2 sin(0.15 pi)
    # = 0.9080, det = 1 - 3 r^2 + 2 r r (-r) = 1 - 2.4734 - 1.4973 < 0
    assert not consistent(_pairs(("a", "b", 0.9), ("b", "c", 0.9), ("a", "c", -0.9)))
    # nor can a ~ b and b ~ c at 0.9 with a ~ c left at 0: det = 1 - 2 r^2 = -0.649
    assert not consistent(_pairs(("a", "b", 0.9), ("b", "c", 0.9)))
    # at 0.5 each (r = 0.5176): det = 1 - 2 x 0.2679 = 0.464 > 0
    assert consistent(_pairs(("a", "b", 0.5), ("b", "c", 0.5)))
    # all three at 0.9: det = 1 - 3 r^2 + 2 r^3 = 1 - 2.4734 + 1.4973 = 0.0239 > 0
    assert consistent(_pairs(("a", "b", 0.9), ("b", "c", 0.9), ("a", "c", 0.9)))



def test_one_cholesky_for_loading_and_sampling():
    """The load-time check and the sampler factor with one function (tco.model): the same
    verdict and, for a target that cannot hold, the same message."""
    from tco.errors import InputError
    from tco.model.correlations import NOT_POSITIVE_DEFINITE, cholesky

    # [[4, 2], [2, 3]] = L L' with L = [[2, 0], [1, sqrt(2)]]: 2 x 2 = 4, 2 x 1 = 2,
    # 1 x 1 + sqrt(2) x sqrt(2) = 3
    low = cholesky([[4.0, 2.0], [2.0, 3.0]])
    assert low is not None
    assert low[0] == [2.0, 0.0]
    assert low[1][0] == 1.0 and math.isclose(low[1][1], math.sqrt(2.0))
    # [[1, 2], [2, 1]]: the second pivot 1 - 2 x 2 = -3 is negative
    assert cholesky([[1.0, 2.0], [2.0, 1.0]]) is None
    assert cholesky([[float("nan")]]) is None
    # the sampler refuses a target that cannot hold with the load-time message
    r = 2 * math.sin(math.pi * 0.9 / 6)  # rank 0.9 as a score correlation
    target = np.array([[1.0, r, -r], [r, 1.0, r], [-r, r, 1.0]])
    with pytest.raises(InputError) as caught:
        correlation.rank_correlate(_block(200), [0, 1, 2], target, np.random.default_rng(0))
    assert caught.value.detail == NOT_POSITIVE_DEFINITE


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
    assert abs(spearman(block[0], block[1]) - rho) < 0.05
    # the input left out of the target stays independent of both
    assert abs(spearman(block[0], block[2])) < 0.06


def test_too_few_samples_stay_independent():
    block = _block(3)
    before = block.copy()
    correlation.rank_correlate(block, [0, 1], correlation.matrix(2, [(0, 1, 0.8)]),
                               np.random.default_rng(0))
    assert np.array_equal(block, before)


# -- [[correlations]] in a scenario -------------------------------------------------

def _scenario(tmp_path: Path, correlations: str) -> str:
    path = write(tmp_path, a_switch=A_RANGE, b_switch=B_RANGE)
    with open(path, "a", encoding="utf-8") as f:
        f.write(correlations)
    return path


PAIR = """
[[correlations]]
inputs = ["options.a.switch.price", "options.b.switch.price"]
rank = {rank}
source = "assumption: one ASIC market prices both switches"
"""


def test_a_correlation_narrows_the_savings_as_the_variance_of_a_difference(tmp_path: Path):
    # A's switch is uniform 100-200 USD (sd 100/sqrt(12) = 28.868), B's uniform 120-180
    # (sd 60/sqrt(12) = 17.321); B saves A - B + 10 USD (A's module). For uniform
    # marginals the rank correlation is the Pearson correlation, so
    # Var(A - B) = 28.868^2 + 17.321^2 - 2 rho 28.868 x 17.321 = 1133.33 - 1000 rho:
    # (2 x 28.868 x 17.321 = 1000): independent, sd sqrt(1133.33) = 33.665; at rho = 0.9,
    # sd sqrt(1133.33 - 900) = sqrt(233.33) = 15.275
    for rank, sd in (("0.0", 33.665), ("0.9", 15.275)):
        text = PAIR.format(rank=rank) if rank != "0.0" else ""
        u = uncertainty.run(loader.resolve(_scenario(tmp_path, text)), samples=20_000, seed=1)
        savings = u.values("savings", "b")
        assert abs(float(np.std(savings)) - sd) < 0.03 * sd, rank
        assert abs(float(np.mean(savings)) - 10.0) < 0.5
        a = u.outcome.totals[0]
        assert np.ptp(a) > 99.0  # A still spans its whole range: only the order changed


def test_correlations_are_reported_in_json_and_table(tmp_path: Path, run_tco):
    path = _scenario(tmp_path, PAIR.format(rank="0.8"))
    out = run_tco("uncertainty", path, "--samples", "500", "--format", "json")
    doc = json.loads(out.stdout)
    jsonschema.validate(doc, schema("uncertainty"))
    assert doc["correlations"] == [
        {"inputs": ["options.a.switch.price", "options.b.switch.price"], "rank": 0.8,
         "source": "assumption: one ASIC market prices both switches"}]
    table = run_tco("uncertainty", path, "--samples", "500").stdout
    assert "options.a.switch.price ~ options.b.switch.price +0.80" in " ".join(table.split())


@pytest.mark.parametrize("text, key, message", [
    ('inputs = ["options.a.switch.price"]\nrank = 0.5', "correlations[1].inputs",
     "expected two key paths"),
    ('inputs = ["options.a.switch.price", "options.a.switch.price"]\nrank = 0.5',
     "correlations[1].inputs", "the same input twice"),
    ('inputs = ["options.a.switch.price", "options.c.switch.price"]\nrank = 0.5',
     "correlations[1].inputs", "no such key in the scenario"),
    ('inputs = ["options.a.switch.price", "options.a.optics.price"]\nrank = 0.5',
     "correlations[1].inputs", "has no range"),
    ('inputs = ["options.a.switch.price", "options.b.switch.price"]\nrank = 1.5',
     "correlations[1].rank", ""),
    ('inputs = ["options.a.switch.price", "options.b.switch.price"]', "correlations[1].rank",
     "missing required key"),
    ('inputs = ["options.a.switch.price", "options.b.switch.price"]\nrank = 0.5\nrho = 1',
     "correlations[1].rho", "unknown key"),
])
def test_bad_correlations_are_one_line_naming_the_key(tmp_path: Path, run_tco, text, key,
                                                      message):
    path = _scenario(tmp_path, f"\n[[correlations]]\n{text}\n")
    out = run_tco("uncertainty", path, "--samples", "10")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
    assert key in out.stderr and message in out.stderr


def test_pairs_that_cannot_hold_together_are_refused(tmp_path: Path, run_tco):
    # three pairs over A's switch, B's switch and A's module: +0.9, +0.9, -0.9 (see
    # test_inconsistent_targets_are_not_a_correlation_matrix for the determinant)
    a, b = "options.a.switch.price", "options.b.switch.price"
    c = "options.a.optics.price"
    text = "".join(f'\n[[correlations]]\ninputs = ["{x}", "{y}"]\nrank = {r}\n'
                   for x, y, r in ((a, b, 0.9), (b, c, 0.9), (a, c, -0.9)))
    path = _scenario(tmp_path, text)
    out = run_tco("uncertainty", path, "--samples", "10",
                  "--range", f"{c}=5..15 USD")
    assert out.returncode == 2 and "cannot hold together" in out.stderr
    assert "correlations" in out.stderr


def test_rank_one_is_the_same_draw(tmp_path: Path):
    # the same box priced in two options: B's switch with A's range, rank 1. Each sample
    # then has B's switch = A's switch, so B saves exactly A's module, 10 USD, always
    path = write(tmp_path, a_switch=A_RANGE, b_switch=A_RANGE)
    with open(path, "a", encoding="utf-8") as f:
        f.write(PAIR.format(rank="1"))
    u = uncertainty.run(loader.resolve(path), samples=3000, seed=2)
    assert np.allclose(u.values("savings", "b"), 10.0, rtol=0, atol=1e-9)  # float sums only


def test_rank_one_with_another_distribution_is_comonotonic(tmp_path: Path):
    # B's range differs (120-180 vs 100-200): B follows A's rank order, so the ranks of
    # the two switch prices agree in every sample (Spearman 1) and each keeps its range
    u = uncertainty.run(loader.resolve(_scenario(tmp_path, PAIR.format(rank="1"))),
                        samples=3000, seed=2)
    a_switch = u.outcome.totals[0] - 10.0
    b_switch = u.outcome.totals[1]
    assert spearman(a_switch, b_switch) > 1.0 - 1e-12
    assert a_switch.min() >= 100.0 and a_switch.max() <= 200.0
    assert b_switch.min() >= 120.0 and b_switch.max() <= 180.0


def test_an_input_that_follows_is_in_no_other_pair(tmp_path: Path, run_tco):
    a, b, c = "options.a.switch.price", "options.b.switch.price", "options.a.optics.price"
    text = (f'\n[[correlations]]\ninputs = ["{a}", "{b}"]\nrank = 1\n'
            f'\n[[correlations]]\ninputs = ["{b}", "{c}"]\nrank = 0.5\n')
    out = run_tco("uncertainty", _scenario(tmp_path, text), "--samples", "10",
                  "--range", f"{c}=5..15 USD")
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    assert "correlations[2].inputs" in out.stderr
    assert f"{b} follows {a}" in out.stderr


def test_a_pair_whose_input_set_gives_one_value_is_dropped(tmp_path: Path, run_tco):
    # --set replaces A's ranged price by one value: nothing left to correlate, so the
    # pair is dropped (compare and uncertainty both run) instead of refusing the --set
    path = _scenario(tmp_path, PAIR.format(rank="0.8"))
    setting = ("--set", 'options.a.switch.price="150 USD"')
    assert run_tco("compare", path, *setting).returncode == 0
    out = run_tco("uncertainty", path, "--samples", "50", "--format", "json", *setting)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["correlations"] == []


def test_a_scenario_extending_a_preset_may_fix_a_correlated_price(tmp_path: Path, run_tco):
    # default pairs the pluggable and CPO switch prices; a file that extends it and
    # knows its CPO price (one value) drops that pair and keeps the others
    path = tmp_path / "mine.toml"
    path.write_text('extends = "default"\n[options.cpo.switch]\nprice = "75000 USD"\n',
                    encoding="utf-8")
    out = run_tco("uncertainty", str(path), "--samples", "50", "--format", "json")
    assert out.returncode == 0, out.stderr
    pairs = [c["inputs"] for c in json.loads(out.stdout)["correlations"]]
    assert pairs and all("options.cpo.switch.price" not in p for p in pairs)
