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
# pluggable heat 500 ASIC + 150 management + 64 x 17 W = 1,738 W, fans 20 % of the
# total: 1,738 x 20 / 80 = 434.5 W, system 2,172.5 W;
# CPO heat (500 - 120 SerDes) + 150 + 64 x (4.3 + 16 x 4.8 / 64) = 882 W,
# fans 434.5 x (882 / 1,738)^3, system 882 + fans
PLUG_SYSTEM = 500 + 150 + 64 * 17 + (500 + 150 + 64 * 17) * 20 / 80
CPO_HEAT = 380 + 150 + 64 * (4.3 + 16 * 4.8 / 64)
CPO_SYSTEM = CPO_HEAT + 434.5 * (CPO_HEAT / 1738) ** 3
# th6-102t, one 1.6T port: module 17 pJ/bit x 1.6 Tbit/s = 27.2 W; host SerDes saved
# 240 W / 64 ports = 3.75 W; CPO engine 7 W + 16 ELSFPs x 12 W / 64 ports = 10 W
PLUG_1P6, SERDES_1P6, CPO_1P6 = 17 * 1.6, 240 / 64, 7 + 16 * 12 / 64
# Fabric builder, 400k GPUs: a 1.6T NIC port as 2 x 800G links on 2 planes of
# 128-port switches: per plane 400,000 host links, 6,250 leaves (64 down, 64 up),
# ceil(6,250 / 64) = 98 pods of 64 spines = 6,272 spines, 6,250 x 64 = 400,000
# leaf-spine links, 6,272 x 64 = 401,408 spine-core links; switch-side ends per plane
# 400,000 + 2 x 400,000 + 2 x 401,408 = 2,002,816, two planes 4,005,632; NIC ends
# 400,000 (one 1.6T module each). A switch-side 800G end draws half a 1.6T port.
SW_400K, NIC_400K = 2 * (400_000 + 2 * 400_000 + 2 * 401_408), 400_000
# Lambda, 131,072 GPUs on 144-port switches: ceil(131,072 / 72) = 1,821 leaves,
# ceil(1,821 / 72) = 26 pods x 72 = 1,872 spines; 1,821 x 72 = 131,112 and
# 1,872 x 72 = 134,784 links above the leaf
SW_128K = 131_072 + 2 * 131_112 + 2 * 134_784
# ai-cluster-32k's DSP pluggable fabric (its [fabric]: 2,560 switches, 6 link ends per
# GPU = 196,608 modules): switch PSU and fan faults (1.2 %/yr, fru, no link down: 0 %),
# chassis faults 0.8 %/yr taking its links down (100 %, the default where links go
# down); modules at MTBF 0.75 M h = 8,760 / 750,000 a year, one link each, 100 % (the
# preset's interrupt_probability). The project's year is 8,760 h.
AI32K_PER_YEAR = 2_560 * 0.012 * 0.0 + 2_560 * 0.008 * 1.0 + 196_608 * 8_760 / 750_000 * 1.0
# Meta: 35 interruptions of one 16,384-GPU job in 54 x 24 = 1,296 h: one per
# 1,296 / 35 = 37.03 h, compared job for job with the preset's 16,384-GPU job (no scaling);
# the window a factor of 3 either way: 12.34-111.09 h
META_H = 1_296 / 35
# the preset's job (16,384 of its 32,768 GPUs) sees half the fabric's interruptions:
# 2,316.86 / 2 = 1,158.43 a year, one per 8,760 / 1,158.43 = 7.56 h
AI32K_JOB_PER_YEAR = AI32K_PER_YEAR * 16_384 / 32_768

EXPECTED = {  # id: (figure, lands in its window?)
    "I1": (17.0, True),
    "I2": (4.76 / 17 * 100, True),
    "I3": ((1 - 8.5 / 17) * 100, True),  # 50 %: the top of the window
    "I4": (4.3 + 16 * 4.8 / 64, True),
    "I5": (8 / (16 * 8 / 64), True),
    "I6": (17 * 1.6, True),
    "I7": (1084.0, True),
    "I8": (1.5, True),  # 1.2 W / 800 Gbit/s
    "I9": ((1 - 2.1 / 11) * 100, False),  # 80.9 % > 68 %
    "D1": ((1 - CPO_SYSTEM / PLUG_SYSTEM) * 100, False),  # ~56.8 % vs 27-33 %
    "D2": ((PLUG_SYSTEM / CPO_SYSTEM - 1) * 100, False),
    "D3": ((1 - CPO_1P6 / PLUG_1P6) * 100, True),  # 63.2 % vs 63-77 %
    "D4": ((1 - CPO_1P6 / (PLUG_1P6 + SERDES_1P6)) * 100, True),  # 67.7 %
    "D5": ((SW_400K * (PLUG_1P6 + SERDES_1P6) / 2 + NIC_400K * (PLUG_1P6 + SERDES_1P6))
           / 1e6, True),  # 74.4 MW
    # the switch-side ends CPO, the NIC ends pluggable
    "D6": ((SW_400K * CPO_1P6 / 2 + NIC_400K * (PLUG_1P6 + SERDES_1P6)) / 1e6, False),
    "D7": ((SW_128K + 131_072) * 8 / 131_072, False),  # ~6.06 ends x 8 lasers (DR8)
    # CPO ports x 2 lasers (16 ELSFPs x 8 / 64 ports) + an 8-laser NIC module
    "D8": ((SW_128K * (16 * 8 / 64) + 131_072 * 8) / 131_072, False),
    "D9": (8_760 / AI32K_JOB_PER_YEAR, False),  # ~7.56 h vs 12.34-111.09 h
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


def test_fabric_counts_from_the_builder():
    # one plane holds k, k^2/2, k^3/4 host ports: k = 64 -> 65,536 in 3 tiers; k = 128 -> 524,288
    assert derived.clos_tiers(65_536, 64) == 3 and derived.clos_tiers(2_048, 64) == 2
    # 400k GPUs x 2 links on 2 planes: 400,000 per plane <= 524,288
    fab = derived.build(400_000, 128, links_per_nic_port=2, planes=2)
    assert len(fab.tiers) == 3
    # 3 tiers all optical: 2 (L - 1) + 1 switch-side ends and 1 NIC end per host port
    assert derived.ends(fab) == (SW_400K, NIC_400K)
    # 16,384 GPUs on 128 x 400G, non-blocking (a builder case; Meta's own cluster is not:
    # its aggregation is oversubscribed): 256 leaves + 256 spines + 128 cores
    meta = derived.build(16_384, 128)
    assert meta.switches == 256 + 256 + 128 and sum(derived.ends(meta)) == 6 * 16_384


def test_interruption_row_compares_the_jobs_mtbi_with_metas_job():
    d9 = next(r for r in claims.CLAIMS if r.id == "D9")
    # Meta's 37.03 h as it is (one 16,384-GPU job), a factor of 3 either way
    assert (d9.low, d9.high) == pytest.approx((META_H / 3, META_H * 3), rel=1e-12)
    assert (d9.low, d9.high) == pytest.approx((12.342857, 111.085714), rel=1e-6)
    s = claims.run("ai-cluster-32k").scenario
    assert s.fabric.gpus == derived.CLUSTER_GPUS == 32_768
    assert float(s.analysis.job_gpus) == derived.CLUSTER_JOB_GPUS == 16_384 == derived.META_GPUS
    # 7.56 h: about 4.9x as often as Meta's 37.03 h, below 12.34 h: OUT
    assert pytest.approx(7.562, abs=5e-4) == 8_760 / AI32K_JOB_PER_YEAR
    assert not d9.holds() and d9.why_out
    # what-if, Alibaba's field rate, 2.5 M h: 20.48 + 196,608 x 8,760 / 2,500,000 = 709.39
    # a year across the fabric, 354.69 for the job, one per 8,760 / 354.69 = 24.70 h: inside
    alibaba = 8_760 / ((2_560 * 0.008 + 196_608 * 8_760 / 2_500_000) * 16_384 / 32_768)
    assert pytest.approx(24.697, abs=5e-3) == alibaba
    assert derived._job_hours(("options.pluggable.optics.mtbf=2500000 hour",)) == \
        pytest.approx(alibaba, rel=1e-9)
    assert d9.low <= alibaba <= d9.high
    # what-if, half of the module failures stop the job: 20.48 + 2,296.38 x 0.5 = 1,168.67
    # a year, 584.33 for the job, one per 8,760 / 584.33 = 14.99 h: inside too
    half = 8_760 / ((2_560 * 0.008 + 196_608 * 8_760 / 750_000 * 0.5) * 16_384 / 32_768)
    assert pytest.approx(14.992, abs=5e-3) == half
    assert derived._job_hours(("options.pluggable.optics.interrupt_probability=50 %",)) \
        == pytest.approx(half, rel=1e-9)
    assert d9.low <= half <= d9.high


def test_switch_box_from_parts():
    b = parts.box(parts.TH5, 64 * 17)
    assert b["fans"] == pytest.approx(1738 * 0.25)
    assert b["base"] == pytest.approx(500 + 150 + 434.5)
    c = parts.box(parts.TH5, 352, 120)
    assert c["fans"] == pytest.approx(434.5 * (882 / 1738) ** 3)
    # the range: every corner of ASIC 450-500, management 100-200, fans 15-25 %:
    # lowest 450 + 100 + (450 + 100 + 1,088) x 15 / 85; highest 500 + 200 + 1,788 / 3
    value, low, high = parts.base_range(parts.TH5, 64 * 17)
    assert (value, low, high) == pytest.approx(
        (1084.5, 550 + 1638 * 15 / 85, 700 + 1788 * 25 / 75))


def test_claims_page_is_current():
    page = Path(__file__).resolve().parents[1] / "docs" / "claims.md"
    assert page.read_text() == claims.render(), \
        "docs/claims.md is stale: python -m tco.claims > docs/claims.md"
