"""Published figures beside our presets (docs/claims.md), each worked out by hand.

Part 1 rows read inputs back; part 2 rows derive a figure from parts. Every
expected figure below is written out from the presets' inputs and the parts of
tco/claims/parts.py, never copied from the code's output; the in/out status is
asserted too, so that an input moved into (or out of) a window shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tco import claims
from tco.claims import derived, parts

# default, switch systems from parts (tco/claims/parts.py TH5), 64 ports:
# pluggable heat 500 ASIC + 150 management + 64 x 15 W = 1,610 W, fans 20 % of the
# total: 1,610 x 20 / 80 = 402.5 W, system 2,012.5 W;
# CPO heat (500 - 120 SerDes) + 150 + 64 x (4.3 + 16 x 4.8 / 64) = 882 W,
# fans 402.5 x (882 / 1,610)^3, system 882 + fans
PLUG_SYSTEM = 500 + 150 + 64 * 15 + (500 + 150 + 64 * 15) * 20 / 80
CPO_HEAT = 380 + 150 + 64 * (4.3 + 16 * 4.8 / 64)
CPO_SYSTEM = CPO_HEAT + 402.5 * (CPO_HEAT / 1610) ** 3
# th6-102t, one 1.6T port: module 17 pJ/bit x 1.6 Tbit/s = 27.2 W; host SerDes saved
# 240 W / 64 ports = 3.75 W; CPO engine 7 W + 16 ELSFPs x 12 W / 64 ports = 10 W
PLUG_1P6, SERDES_1P6, CPO_1P6 = 17 * 1.6, 240 / 64, 7 + 16 * 12 / 64
# Meta's cluster: 16,384 GPUs on 128 x 400G switches, 3 tiers: 16,384 / 64 = 256
# leaves, 256 aggregation, 256 x 64 / 128 = 128 core = 640 switches; 6 x 16,384
# transceivers; default's switch AFR 2 %/yr (the project's year is 8,760 h) and module MTBF 0.75 M h
META_PER_HOUR = 640 * 0.02 / 8760 + 6 * 16_384 / 750_000

EXPECTED = {  # id: (figure, lands in its window?)
    "I1": (15.0, True),
    "I2": (4.2 / 15 * 100, True),
    "I3": ((1 - 8.5 / 15) * 100, True),
    "I4": (4.3 + 16 * 4.8 / 64, True),
    "I5": (8 / (16 * 8 / 64), True),
    "I6": (17 * 1.6, True),
    "I7": (1050.0, True),
    "I8": (1.5, True),  # 1.2 W / 800 Gbit/s
    "I9": ((1 - 2.1 / 11) * 100, False),  # 80.9 % > 68 %
    "D1": ((1 - CPO_SYSTEM / PLUG_SYSTEM) * 100, False),  # ~52.9 % vs 27-33 %
    "D2": ((PLUG_SYSTEM / CPO_SYSTEM - 1) * 100, False),
    "D3": ((1 - CPO_1P6 / PLUG_1P6) * 100, True),  # 63.2 % vs 63-77 %
    "D4": ((1 - CPO_1P6 / (PLUG_1P6 + SERDES_1P6)) * 100, True),  # 67.7 %
    # 400,000 GPUs x 2 planes x 6 ports of 800G, each half a 1.6T port
    "D5": (400_000 * 2 * 6 * (PLUG_1P6 + SERDES_1P6) / 2 / 1e6, True),  # 74.3 MW
    # 5 switch-side ends CPO, the NIC end pluggable
    "D6": (400_000 * 2 * (5 * CPO_1P6 + PLUG_1P6 + SERDES_1P6) / 2 / 1e6, False),
    "D7": (6 * 8, False),  # 6 ports per GPU x 8 lasers (DR8)
    "D8": (5 * (16 * 8 / 64) + 8, False),  # 5 CPO ports x 2 lasers + an 8-laser NIC module
    "D9": (1 / META_PER_HOUR, False),  # ~7.5 h vs 26.6-53.2 h
}


def test_every_row_has_a_hand_worked_figure():
    assert sorted(EXPECTED) == sorted(r.id for r in claims.CLAIMS)
    assert [r.id[0] for r in claims.CLAIMS] == ["I"] * 9 + ["D"] * 9


@pytest.mark.parametrize("row", claims.CLAIMS, ids=lambda r: r.id)
def test_figure_and_status(row: claims.Row):
    figure, inside = EXPECTED[row.id]
    assert row.value() == pytest.approx(figure, rel=1e-9)
    assert row.holds() is inside


def test_a_reason_is_given_exactly_for_rows_out():
    for row in claims.CLAIMS:
        assert bool(row.why_out.strip()) == (not row.holds()), row.id


def test_point_figures_read_as_plus_minus_ten_percent():
    assert claims.around(30.0) == pytest.approx((27.0, 33.0))
    d6 = next(r for r in claims.CLAIMS if r.id == "D6")
    assert (d6.low, d6.high) == pytest.approx((21.6 * 0.9, 21.6 * 1.1))


def test_fabric_counts_follow_the_closed_form():
    # 2 (k/2)^L hosts: k = 64 serves 64, 2,048, 65,536; k = 128: 8,192, 524,288
    assert derived.clos_tiers(65_536, 64) == 3 and derived.clos_tiers(65_537, 64) == 4
    assert derived.clos_tiers(400_000, 128) == 3
    assert derived.optical_ports_per_gpu(3) == 6
    assert derived.optical_ports_per_gpu(3, nic_optical=False) == 4
    # methods.md: 32,768 hosts, k = 64: 1,024 + 1,024 + 512
    assert derived.three_tier_switches(32_768, 64) == 2560


def test_switch_box_from_parts():
    b = parts.box(parts.TH5, 64 * 15)
    assert b["fans"] == pytest.approx(1610 * 0.25)
    assert b["base"] == pytest.approx(500 + 150 + 402.5)
    c = parts.box(parts.TH5, 352, 120, reference_optics_w=64 * 15)
    assert c["fans"] == pytest.approx(402.5 * (882 / 1610) ** 3)


def test_claims_page_is_current():
    page = Path(__file__).resolve().parents[1] / "docs" / "claims.md"
    assert page.read_text() == claims.render(), \
        "docs/claims.md is stale: python -m tco.claims > docs/claims.md"
