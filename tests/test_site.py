"""A power-capped site: the GPUs each option fits, worked out by hand."""

from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from tco import engine
from tco.cli import app
from tco.io import loader
from tco.render.schema import schema

SITE = """
[analysis]
electricity_price = "0.1 USD/kWh"
pue = 1.25

[fabric]
gpus = 512
nic_speed = "800 Gbit/s"
tiers = {tiers}
switch_capacity = "51.2 Tbit/s"

[site]
power = "1 MW"
gpu_power = "1000 W"
planning_margin = "0 %"
gpu_hour_value = "1 USD/hour"
utilisation = "50 %"

[options.pluggable.switch]
price = "10000 USD"
power = "1000 W"
[options.pluggable.optics]
price = "500 USD"
power = "10 W"

[options.free.switch]
price = "10000 USD"
power = "1000 W"
[options.free.optics]
price = "500 USD"
power = "0 W"
"""


def load(tmp_path, tiers: int = 2):
    path = tmp_path / "site.toml"
    path.write_text(SITE.format(tiers=tiers))
    return str(path)


def test_gpus_that_fit_under_the_cap(tmp_path):
    r = engine.evaluate(loader.load(load(tmp_path)))
    # facility W = (n x 1,000 W + network W) x PUE 1.25 x (1 + 0 %) <= 1 MW,
    # i.e. n x 1,000 + network <= 800,000 W.
    # pluggable, n = 735: leaves ceil(735 / 32) = 23, spines ceil(23 x 32 / 64) = 12;
    # switches 35 x 1,000 W = 35,000 W; link ends 2 x 735 + 2 x 23 x 32 = 2,942 x 10 W
    # = 29,420 W; 735,000 + 35,000 + 29,420 = 799,420 <= 800,000.
    # n = 736: leaves 23, spines 12; ends 1,472 + 1,472 = 2,944: 736,000 + 35,000 +
    # 29,440 = 800,440 > 800,000.
    plug = r.site["pluggable"]
    assert plug.fit.gpus == 735
    assert plug.fit.switches == 35
    assert plug.fit.facility_w == pytest.approx(799_420 * 1.25)
    assert plug.network_w_per_gpu == pytest.approx((35_000 + 29_420) / 735)
    # optics at 0 W: n = 764: leaves ceil(764 / 32) = 24, spines 12: 764,000 + 36,000
    # = 800,000 (fits exactly); n = 765: 765,000 + 36,000 > 800,000
    free = r.site["free"]
    assert free.fit.gpus == 764 and free.fit.limited_by == "power"
    # the extra GPUs and their value are the engine's (test_the_gpus_are_valued_...)
    assert plug.value == 0


def test_a_fabric_too_small_for_the_cap_says_so(tmp_path):
    # one tier of 64-port switches holds 64 GPUs, far under what 1 MW powers
    r = engine.evaluate(loader.load(_one_tier(tmp_path)))
    assert r.site["pluggable"].fit.gpus == 64
    assert r.site["pluggable"].fit.limited_by == "fabric"


def _one_tier(tmp_path):
    path = tmp_path / "one.toml"
    path.write_text(SITE.format(tiers=1).replace("gpus = 512", "gpus = 64"))
    return str(path)


def test_site_in_json_table_and_schema(tmp_path):
    runner = CliRunner(env={"COLUMNS": "100"})
    result = runner.invoke(app, ["compare", load(tmp_path), "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema(), cls=jsonschema.Draft202012Validator)
    site = doc["results"][0]["site"]
    assert site["options"]["free"]["gpus"] == 764
    assert site["options"]["free"]["extra_gpus"] == 28  # the engine's count
    table = runner.invoke(app, ["compare", load(tmp_path), "--no-chart"]).stdout
    assert "Power-capped site: 1 MW" in table and "764" in table


def test_a_site_with_a_deployment_needs_the_gpus_it_connects():
    result = CliRunner().invoke(app, ["validate", "default", "--set", "site.power=1 MW",
                                      "--set", "site.gpu_power=1000 W"])
    assert result.exit_code == 2
    assert "site.gpus: missing required key" in result.stderr


def test_without_gpus_the_site_sizes_the_fabric_for_the_baseline(tmp_path):
    path = tmp_path / "nogpus.toml"
    path.write_text(SITE.format(tiers=2).replace("gpus = 512\n", ""))
    s = loader.load(str(path))
    # the pluggable baseline fits 735 GPUs (test above): 23 leaves + 12 spines
    assert s.fabric.gpus == 735
    assert s.inputs["fabric.gpus"].origin == "derived"
    assert s.deployment.switches.magnitude == 35
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert "derived from [fabric] (735 GPUs): 35 switches" in result.stdout


def test_gpus_are_required_without_a_site(tmp_path):
    path = tmp_path / "nogpus.toml"
    text = SITE.format(tiers=2).replace("gpus = 512\n", "")
    path.write_text(text[:text.index("[site]")] + text[text.index("[options"):])
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "fabric.gpus: missing required key" in result.stderr


def test_no_second_valuation_when_the_tco_values_gpus(tmp_path):
    # analysis.power_value = gpus puts the GPUs' value in the TCO: the site block then
    # shows the fabric that fits (764 GPUs, as above) and values none of them
    path = tmp_path / "pv.toml"
    path.write_text(SITE.format(tiers=2).replace(
        'pue = 1.25', 'pue = 1.25\npower_value = "gpus"'))
    r = engine.evaluate(loader.load(str(path)))
    assert r.site["free"].fit.gpus == 764
    assert r.site["free"].value is None and r.site["free"].present_value is None
    # the GPUs hosted, one count in the engine (tco.power): network W per GPU of the
    # fleet as built for 512 GPUs. pluggable: 2 tiers, 512 GPUs: 16 leaves, 8 spines =
    # 24 switches x 1,000 W + link ends 2 x 512 + 2 x 16 x 32 = 2,048 x 10 W = 44,480 W,
    # 86.875 W per GPU; all-in (1,000 + 86.875) x 1.25 x 1.0 = 1,358.59375 W;
    # floor(1,000,000 / 1,358.59375) = floor(736.06) = 736
    # free: 24,000 W / 512 = 46.875 W; (1,046.875) x 1.25 = 1,308.59375 W; floor(764.18)
    # = 764: 28 extra GPUs (the whole-switch fit above: 764 - 735 = 29)
    o = {x.id: x for x in r.options}
    assert o["pluggable"].physical["gpus_hosted"] == 736
    assert o["free"].physical["gpus_hosted"] == 764
    assert o["free"].physical["extra_gpus"] == 28 == r.site["free"].extra_gpus
    # valued in the TCO: 28 x 1 USD/hour x 8,760 h x 50 % = 122,640 USD a year, less
    # the energy they draw: 28 x 1,308.59375 / 1.0 W (no margin) ... = 28 x 1,308.59375 W
    # = 36.640625 kW x 8,760 h x 0.1 USD/kWh = 32,097.1875 USD a year
    assert o["free"].by_year["gpus"][1] == pytest.approx(32_097.1875 - 122_640)


def test_the_gpus_are_valued_beside_the_tco_under_energy(tmp_path):
    r = engine.evaluate(loader.load(load(tmp_path)))
    o = {x.id: x for x in r.options}
    # the same 28 extra GPUs as above, valued beside the TCO, net of their energy:
    # (122,640 - 32,097.1875) x 5 years = 452,713.4375; never in the TCO
    assert r.site["free"].extra_gpus == 28
    assert r.site["free"].value == pytest.approx(5 * (122_640 - 32_097.1875))
    assert o["free"].category_totals["gpus"] == 0.0
    assert "gpus" in {n.category for n in r.not_counted}
