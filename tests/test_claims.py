"""Each published claim, reproduced by a preset through the engine (docs/claims.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tco import claims

# The figure each claim should give, worked out by hand from the presets' inputs.
EXPECTED = {
    # default: CPO engine 4.3 W + lasers 16 x 4.8 W / 64 ports = 5.5 W vs 15 W
    "1a": (1 - (4.3 + 16 * 4.8 / 64) / 15) * 100,
    # ai-cluster-32k: 1.2 ends x 30 W vs 1.2 x 7 W + 0.3 modules x 8 W per switch port
    "1b": (1.2 * 30) / (1.2 * 7 + 0.3 * 8),
    # th6-102t: 17 pJ/bit x 1.6 Tbit/s = 27.2 W vs 6.4 W + 16 x 7.2 W / 64
    "1c": (1 - (6.4 + 16 * 7.2 / 64) / (17 * 1.6)) * 100,
    # default switch systems: 1050 + 64 x 15 = 2010 W vs 975 + 64 x 5.5 = 1327 W
    "2": (1 - (975 + 64 * 5.5) / (1050 + 64 * 15)) * 100,
    "3": ((1050 + 64 * 15) / (975 + 64 * 5.5) - 1) * 100,
    "4a": 4.2 / 15 * 100,
    "4b": (1 - 8.5 / 15) * 100,
    "5a": 1.5,
    "5b": (1 - 4.2 / 11) * 100,
    # 8 lasers per DR8 port vs 16 modules x 8 lasers / 64 ports
    "6": 8 / (16 * 8 / 64),
    # 2,560 switches x 64 ports x 36 W = 5.898 MW for 32,768 GPUs, i.e. 180 W per GPU
    "7a": 2560 * 64 * 1.2 * 30 / 1e6 * 400_000 / 32_768,
    "7b": 2560 * 64 * (1.2 * 7 + 0.3 * 8) / 1e6 * 400_000 / 32_768,
    # per GPU: pluggable 6 x 30 = 180 W; cpo 6 x (7 + 0.25 x 8) = 54 W;
    # cpo_switch 5 x (7 + 0.25 x 8) + 30 = 75 W; (180 - 75) / (180 - 54) = 105 / 126 = 5/6
    "7c": 100 * (180 - 75) / (180 - 54),
}


def test_every_claim_has_a_hand_worked_figure():
    assert sorted(EXPECTED) == sorted(c.id for c in claims.CLAIMS)


@pytest.mark.parametrize("claim", claims.CLAIMS, ids=lambda c: c.id)
def test_claim_reproduced_within_published_range(claim: claims.Claim):
    value = claim.value()
    assert value == pytest.approx(EXPECTED[claim.id], rel=1e-9)
    assert claim.low <= value + 1e-9 and value - 1e-9 <= claim.high, \
        f"{claim.claim}: {value:.4g} {claim.unit} outside {claim.low}-{claim.high}"


def test_claims_page_is_current():
    page = Path(__file__).resolve().parents[1] / "docs" / "claims.md"
    assert page.read_text() == claims.render(), \
        "docs/claims.md is stale: python -m tco.claims > docs/claims.md"
