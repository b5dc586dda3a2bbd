"""[site] inputs in the analyses: sampled, swept, in a tornado and a break-even, with
the GPUs hosted under the cap worked out where the engine runs (hand-worked).

The scenario: tests/data/basic-51t.toml (1,000 switches; DSP pluggable IT 2,010 kW,
CPO 1,327 kW) under a 150 MW site of 65,536 GPUs, GPU value inside the TCO
(power_value = gpus), as tests/test_power_value.py works it out.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from conftest import BASIC
from typer.testing import CliRunner

from tco import engine
from tco.analysis import breakeven, sensitivity, sweep, uncertainty
from tco.analysis.inputs import all_inputs, build_with, varied
from tco.cli.app import app
from tco.io import loader

REL = 1e-9
SITE = ["analysis.power_value=gpus", "site.gpus=65536", "site.power=150 MW",
        "site.gpu_power=1750 W", "site.gpu_cooling=air", "site.utilisation=80 %"]
VALUE = "site.gpu_hour_value=2.5 USD/hour"
#: all-in W per GPU = (1,750 W + network IT W / 65,536 GPUs) x PUE 1.3 x (1 + 10 %)
W_BASE = (1750 + 2_010_000 / 65_536) * 1.3 * 1.1  # 2,546.36 W
W_CPO = (1750 + 1_327_000 / 65_536) * 1.3 * 1.1  # 2,531.46 W


def resolve(*ranges: str, overrides: tuple[str, ...] = (VALUE,)):
    return loader.resolve(str(BASIC), [*SITE, *overrides], ranges=list(ranges))


def compare(*overrides: str):
    r = engine.evaluate(loader.load(str(BASIC), [*SITE, *overrides]))
    return {o.id: o for o in r.options}


def test_a_sweep_of_the_gpu_hour_value_by_hand():
    s = sweep.run(resolve(), ["site.gpu_hour_value=2..3 USD/hour:0.5 USD/hour"])
    assert s.axes[0].values.tolist() == [2.0, 2.5, 3.0]
    ids = s.outcome.ids
    cpo, base = ids.index("cpo"), ids.index("pluggable")
    # CPO hosts floor(150 MW / 2,531.46 W) - floor(150 MW / 2,546.36 W) GPUs more than
    # the baseline: 59,254 - 58,907 = 347, each worth the GPU-hour value x 8,760 h x 80 %
    # a year for 5 years: 0.5 USD/hour more is 347 x 0.5 x 8,760 x 0.8 x 5 = 6,079,440 USD
    extra = math.floor(150e6 / W_CPO) - math.floor(150e6 / W_BASE)
    assert extra == 347
    step = 347 * 0.5 * 8760 * 0.8 * 5
    totals = s.outcome.totals
    assert totals[cpo, 1] - totals[cpo, 2] == pytest.approx(step, rel=REL)
    assert totals[cpo, 0] - totals[cpo, 1] == pytest.approx(step, rel=REL)
    assert totals[base].tolist() == pytest.approx([totals[base, 0]] * 3, rel=1e-12)
    # the point at 3 USD/hour is compare --set site.gpu_hour_value=3 USD/hour, whose GPU
    # category in year 1 is the energy the 347 GPUs draw less their value:
    # 347 x (1,750 + 1,327,000 / 65,536 W) x 1.3 = 798.56 kW x 8,760 h x 0.078 USD/kWh
    # - 347 x 3 USD/hour x 8,760 h x 80 %
    at3 = compare("site.gpu_hour_value=3 USD/hour")
    drawn_kw = 347 * (1750 + 1_327_000 / 65_536) * 1.3 / 1000
    assert at3["cpo"].by_year["gpus"][1] == pytest.approx(
        drawn_kw * 8760 * 0.078 - 347 * 3 * 8760 * 0.8, rel=REL)
    assert [float(at3[i].total) for i in ids] == pytest.approx(totals[:, 2].tolist(),
                                                                 rel=1e-12)
    assert [float(at3[i].present_value) for i in ids] == pytest.approx(
        s.outcome.present_values[:, 2].tolist(), rel=1e-12)


def test_samples_of_the_site_power_move_the_gpus_hosted():
    """The GPUs hosted are worked out in the engine: an array of site powers moves them."""
    resolved = resolve()
    item = all_inputs(resolved)["site.power"]
    v = varied(item, low=item.value, high=item.value)
    r = engine.evaluate(build_with(resolved, {"site.power": (v, np.array([120.0, 150.0]))}))
    by = {o.id: o for o in r.options}
    # 120 MW: floor(120e6 / 2,546.36) = 47,126 and floor(120e6 / 2,531.46) = 47,403
    # 150 MW: 58,907 and 59,254 (tests/test_power_value.py)
    assert (math.floor(120e6 / W_BASE), math.floor(120e6 / W_CPO)) == (47_126, 47_403)
    assert np.asarray(by["pluggable"].physical["gpus_hosted"]).tolist() == [47_126, 58_907]
    assert np.asarray(by["cpo"].physical["gpus_hosted"]).tolist() == [47_403, 59_254]
    assert np.asarray(by["cpo"].physical["extra_gpus"]).tolist() == [277, 347]
    # and a sweep point is compare --set at that power
    s = sweep.run(resolved, ["site.power=120..150 MW:30 MW"])
    at120 = compare(VALUE, "site.power=120 MW")
    assert [float(at120[i].total) for i in s.outcome.ids] == pytest.approx(
        s.outcome.totals[:, 0].tolist(), rel=1e-12)


def test_uncertainty_samples_a_site_range_given_with_range():
    resolved = resolve("site.gpu_hour_value=2..3 USD/hour")
    u = uncertainty.run(resolved, samples=64, seed=3)
    v = next(v for v in u.varied if v.path == "site.gpu_hour_value")
    assert (v.low, v.value, v.high) == (2.0, 2.5, 3.0)
    # the baseline hosts no extra GPU: its totals do not depend on the GPU-hour value;
    # CPO's GPU value moves with each draw (347 GPUs x 8,760 h x 80 % x 5 years each
    # USD/hour), so its totals spread by at most 347 x 1 x 8,760 x 0.8 x 5 = 12,158,880
    # plus what the other ranged inputs move
    cpo = u.outcome.ids.index("cpo")
    assert np.ptp(u.outcome.totals[cpo]) > 0


def test_a_tornado_row_for_the_gpu_hour_value_by_hand():
    t = sensitivity.run(resolve("site.gpu_hour_value=2..3 USD/hour"), option="cpo",
                        against="pluggable")
    row = next(r for r in t.rows if r.input.path == "site.gpu_hour_value")
    # savings = PV(pluggable) - PV(cpo); 1 USD/hour more adds 347 x 8,760 x 0.8 =
    # 2,431,776 USD a year in years 1..5 to CPO's savings, discounted at 8 %:
    # 2,431,776 x (1/1.08 + 1/1.08^2 + ... + 1/1.08^5) = 2,431,776 x 3.99271
    swing = 347 * 8760 * 0.8 * sum(1 / 1.08 ** y for y in range(1, 6))
    assert (row.low, row.high) == (2.0, 3.0)
    assert row.at_high - row.at_low == pytest.approx(swing, rel=1e-9)


def test_break_even_and_correlations_take_site_keys(tmp_path: Path):
    b = breakeven.run(resolve(), "cpo", "pluggable", "site.gpu_hour_value")
    assert b is not None
    scenario = tmp_path / "s.toml"
    scenario.write_text(BASIC.read_text(encoding="utf-8").replace("[analysis]\n", (
        '[analysis]\npower_value = "gpus"\n'
        'job_gpu_hour_value = { value = "2 USD/hour", low = "1 USD/hour", '
        'high = "4 USD/hour" }\njob_gpus = 16384\n'), 1) + (
        '\n[site]\ngpus = 65536\npower = "150 MW"\ngpu_power = "1750 W"\n'
        'gpu_hour_value = { value = "2 USD/hour", low = "1 USD/hour", high = "4 USD/hour" }\n'
        '[[correlations]]\ninputs = ["site.gpu_hour_value", "analysis.job_gpu_hour_value"]\n'
        'rank = 1\n'), encoding="utf-8")
    resolved = loader.resolve(str(scenario))
    assert [(c.first, c.second) for c in resolved.correlations] == [
        ("site.gpu_hour_value", "analysis.job_gpu_hour_value")]
    result = CliRunner().invoke(app, ["sweep", str(scenario), "--vary",
                                      "site.gpu_hour_value=1..4 USD/hour", "-f", "json"])
    assert result.exit_code == 0, result.output


def test_a_site_that_sizes_the_fabric_keeps_it_in_the_analyses(tmp_path: Path):
    """Without fabric.gpus the site fits the fabric once, at the values (tco/site.py: whole
    switches, not an array); the analyses keep that fabric and move what the engine works
    out (the GPUs each option hosts, their value). A sweep point is therefore compare
    --set at that value with fabric.gpus held at the fitted count."""
    from test_site import SITE

    path = tmp_path / "nogpus.toml"
    path.write_text(SITE.format(tiers=2).replace("gpus = 512\n", ""), encoding="utf-8")
    resolved = loader.resolve(str(path))
    # 1 MW at 1,000 W per GPU x PUE 1.25 plus the pluggable network: 735 GPUs
    # (tests/test_site.py)
    assert resolved.fabric["gpus"].value == 735
    s = sweep.run(resolved, ["site.gpu_power=1000..1200 W:200 W"])
    held = engine.evaluate(loader.load(str(path), ["site.gpu_power=1200 W",
                                                   "fabric.gpus=735"]))
    assert [float(o.total) for o in held.options] == pytest.approx(
        s.outcome.totals[:, 1].tolist(), rel=1e-12)
    # compare --set alone fits again: at 1,200 W a GPU, 1 MW holds fewer than 735
    # (1 MW / (1,200 W x 1.25) = 666 before the network)
    assert loader.load(str(path), ["site.gpu_power=1200 W"]).fabric.gpus < 667
