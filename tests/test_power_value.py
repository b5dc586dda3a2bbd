"""What a watt is worth: energy, facility capacity, GPUs under a site cap.

Hand-worked cases write their arithmetic out; properties run under hypothesis.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import BASIC
from hypothesis import given
from hypothesis import strategies as st
from test_properties import FAST, _num, by_id, evaluate, varied

from tco import engine
from tco.components import capacity
from tco.errors import InputError
from tco.io import loader
from tco.units import Q

REL = 1e-9
CAPACITY = ["analysis.power_value=capacity", "analysis.capacity_cost=11.7 MUSD/MW"]
GPUS = ["analysis.power_value=gpus", "site.gpus=65536", "site.power=150 MW",
        "site.gpu_power=1750 W", "site.gpu_cooling=air", "site.gpu_hour_value=2.5 USD/hour",
        "site.utilisation=80 %"]


def run(*overrides: str):
    return by_id(engine.evaluate(loader.load(str(BASIC), list(overrides))))


# --------------------------------------------------------------------------------------
# hand-worked
# --------------------------------------------------------------------------------------


def test_capacity_is_charged_per_kw_of_facility_power_at_deployment():
    o = run(*CAPACITY)
    # DSP pluggable: IT 1,000 x (1,050 + 64 x 15) W = 2,010 kW; facility 2,010 x 1.3 = 2,613 kW
    # 2,613 kW x 11.7 MUSD/MW = 2,613 x 11,700 USD = 30,572,100 USD, in year 0 only
    assert o["pluggable"].by_year["capacity"][0] == pytest.approx(2613 * 11_700, rel=REL)
    assert o["pluggable"].by_year["capacity"][1:].tolist() == [0.0] * 5
    # CPO: 1,327 kW x 1.3 = 1,725.1 kW x 11,700 = 20,183,670 USD
    assert o["cpo"].category_totals["capacity"] == pytest.approx(1725.1 * 11_700, rel=REL)
    # the cooling plant is inside the capacity cost: no cooling capital in year 0
    assert o["pluggable"].by_year["cooling"][0] == 0.0


def test_energy_valuation_is_todays_model():
    o, e = run(*CAPACITY), run()
    # energy mode: no capacity, cooling capital 2,010 kW x 600 USD/kW = 1,206,000 USD
    assert e["pluggable"].category_totals["capacity"] == 0.0
    assert e["pluggable"].by_year["cooling"][0] == pytest.approx(2010 * 600, rel=REL)
    # energy is the same whichever way capacity is valued
    assert o["cpo"].category_totals["energy"] == e["cpo"].category_totals["energy"]


def test_gpus_under_a_site_cap_hand_worked():
    o = run(*GPUS)
    # all-in W per GPU = (1,750 W x PUE 1.3 (air-cooled GPUs) + network W per GPU x the
    # option's PUE 1.3) x (1 + 10 % margin)
    w_base = (1750 + 2_010_000 / 65_536) * 1.3 * 1.1  # 2,546.36 W
    w_cpo = (1750 + 1_327_000 / 65_536) * 1.3 * 1.1  # 2,531.46 W
    hosted_base = math.floor(150e6 / w_base)  # 58,907
    hosted_cpo = math.floor(150e6 / w_cpo)  # 59,254
    assert (hosted_base, hosted_cpo) == (58_907, 59_254)
    assert o["pluggable"].physical["gpus_hosted"] == 58_907
    assert o["cpo"].physical["gpus_hosted"] == 59_254
    extra = 59_254 - 58_907  # 347 GPUs
    # revenue: 347 x 2.5 USD/h x 8,760 h x 80 % = 6,079,440 USD a year
    revenue = 347 * 2.5 * 8760 * 0.8
    # the energy they draw: 347 x (1,750 + 20.248 W) x 1.3 = 798.56 kW, 8,760 h at 0.078
    drawn_kw = extra * (1750 + 1_327_000 / 65_536) * 1.3 / 1000
    year1 = drawn_kw * 8760 * 0.078
    assert o["cpo"].by_year["gpus"][0] == 0.0
    assert o["cpo"].by_year["gpus"][1] == pytest.approx(year1 - revenue, rel=REL)
    # the escalation (2 %) applies to the energy, not to the GPU-hour value
    assert o["cpo"].by_year["gpus"][2] == pytest.approx(year1 * 1.02 - revenue, rel=REL)
    # the baseline gains nothing over itself
    assert o["pluggable"].category_totals["gpus"] == 0.0


def test_gpus_valued_as_avoided_capacity():
    o = run(*GPUS, "site.gpu_valuation=capacity", "analysis.capacity_cost=11.7 MUSD/MW")
    # 347 extra GPUs x 2,531.46 W all-in x 11,700 USD/kW, credited in year 0
    w_cpo = (1750 + 1_327_000 / 65_536) * 1.3 * 1.1
    assert o["cpo"].by_year["gpus"][0] == pytest.approx(-347 * w_cpo / 1000 * 11_700, rel=REL)


def test_functions_for_a_power_capped_fabric():
    # (1,000 W x 1.2 + 20 W x 1.2) x (1 + 10 %) = 1,346.4 W; floor(1 MW / 1,346.4 W)
    # = floor(742.7) = 742
    w = capacity.facility_watts_per_gpu(Q(1000, "W"), 1.2, Q(20, "W"), Q(0.2, ""))
    assert w.to("W").magnitude == pytest.approx(1346.4, rel=REL)
    assert capacity.gpus_hosted(Q(1, "MW"), w) == 742
    # arrays of samples broadcast
    hosted = capacity.gpus_hosted(Q(np.array([1.0, 2.0]), "MW"), w)
    assert hosted.tolist() == [742, 1485]  # floor(2e6 / 1,346.4) = floor(1485.4)


@pytest.mark.parametrize("overrides, key", [
    (["analysis.power_value=capacity"], "analysis.capacity_cost"),
    (["analysis.power_value=gpus", "site.power=1 MW", "site.gpu_power=1 kW",
      "site.gpu_hour_value=2 USD/hour"], "site.gpus"),
    (["analysis.power_value=gpus", "site.power=1 MW", "site.gpu_power=1 kW",
      "site.gpus=1000"], "site.gpu_hour_value"),
    (["analysis.power_value=gpus", "site.power=1 MW", "site.gpu_power=1 kW",
      "site.gpus=1000", "site.gpu_valuation=capacity"], "analysis.capacity_cost"),
])
def test_a_valuation_without_its_inputs_names_the_key(overrides, key):
    with pytest.raises(InputError) as info:
        loader.load(str(BASIC), overrides)
    assert info.value.key == key


def test_json_and_report_say_which_valuation(run_tco):
    import json
    out = run_tco("compare", str(BASIC), "--format", "json", *sum((["--set", s] for s in GPUS), []))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)["results"][0]
    assert doc["power_value"]["method"] == "gpus"
    assert doc["options"][3]["physical"]["gpus_hosted"] == 59_254
    table = run_tco("compare", str(BASIC), *sum((["--set", s] for s in CAPACITY), []))
    assert "Power valued as capacity" in table.stdout


# --------------------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------------------


@FAST
@given(varied(), st.floats(min_value=0.0, max_value=900.0), st.floats(1.0, 50_000.0))
def test_capacity_value_is_linear_in_power_saved(overrides, saved, cost):
    """Facility capacity saved = switches x W saved per switch x PUE x capacity cost."""
    base = [*overrides, "analysis.power_value=capacity",
            f"analysis.capacity_cost={_num(cost)} USD/kW",
            "options.lpo.switch.power=1050 W", "options.lpo.optics.power=15 W"]
    same = by_id(evaluate(base))
    less = by_id(evaluate([*base, f"options.lpo.switch.power={_num(1050 - saved)} W"]))
    switches = float(next(s for s in overrides if s.startswith("deployment.switches")
                          ).split("=")[1])
    pue = float(next(s for s in overrides if s.startswith("analysis.pue=")).split("=")[1])
    expected = switches * saved / 1000 * pue * cost
    got = same["lpo"].category_totals["capacity"] - less["lpo"].category_totals["capacity"]
    assert got == pytest.approx(expected, rel=1e-7, abs=1e-6)


@FAST
@given(varied(), st.floats(1.0, 5.0), st.sampled_from(["revenue", "capacity"]))
def test_gpus_with_an_unlimited_site_equals_energy(overrides, value, how):
    energy_only = evaluate(overrides)
    # an unlimited site is no [site]: no power cap, so a watt saved hosts no GPU
    gpus = evaluate([*overrides, "analysis.power_value=gpus",
                     "analysis.capacity_cost=10 MUSD/MW"])
    # a [site] under power_value = energy counts GPUs beside the TCO, never in it
    site = [f"site.gpu_hour_value={_num(value)} USD/hour", f"site.gpu_valuation={how}",
            "site.power=100 MW", "site.gpu_power=1750 W", "site.gpus=50000"]
    beside = evaluate([*overrides, *site, "analysis.capacity_cost=10 MUSD/MW"])
    for a, b, c in zip(energy_only.options, gpus.options, beside.options, strict=True):
        assert float(a.total) == float(b.total) == float(c.total)
        assert float(a.present_value) == float(b.present_value) == float(c.present_value)
        assert "gpus_hosted" in c.physical and "gpus_hosted" not in a.physical


# --------------------------------------------------------------------------------------
# a category zero because of a valuation choice is "not counted", with the choice's key
# --------------------------------------------------------------------------------------


def test_capacity_cost_under_energy_is_not_counted_not_a_row_of_zeros():
    from tco.render import report

    r = engine.evaluate(loader.load(str(BASIC), ["analysis.capacity_cost=11.7 MUSD/MW"]))
    left = {n.category: n for n in r.not_counted}
    # capacity_cost is given, but power_value = "energy" values power by its energy only
    assert left["capacity"].key == "analysis.power_value"
    assert left["capacity"].hint.startswith('= "capacity"')
    assert 'now "energy"' in left["capacity"].hint
    assert "analysis.capacity_cost given but unused" in left["capacity"].hint
    assert left["gpus"].key == "analysis.power_value"
    summary = report.summary(r)
    assert "capacity" not in [row[1] for row in summary.rows]  # no row of zeros
    assert any(n.startswith("Not counted: Facility capacity [capacity]; give "
                            "analysis.power_value") for n in summary.notes)


def test_the_chosen_valuation_counts_its_category():
    r = engine.evaluate(loader.load(str(BASIC), CAPACITY))
    assert "capacity" not in {n.category for n in r.not_counted}
    # the GPUs are still not counted, and capacity_cost is not called unused there
    gpus = next(n for n in r.not_counted if n.category == "gpus")
    assert gpus.key == "analysis.power_value" and "unused" not in gpus.hint


def test_capacity_under_gpus_valued_as_capacity_is_not_called_unused():
    r = engine.evaluate(loader.load(str(BASIC), [
        *GPUS, "site.gpu_valuation=capacity", "analysis.capacity_cost=11.7 MUSD/MW"]))
    capacity_note = next(n for n in r.not_counted if n.category == "capacity")
    assert capacity_note.hint == '= "capacity" with a capacity_cost per kW of facility ' \
                                 'power; now "gpus"'


def test_json_lists_the_choice_that_would_count_a_category(run_tco):
    import json
    out = run_tco("compare", str(BASIC), "--format", "json", "--set",
                  "analysis.capacity_cost=11.7 MUSD/MW")
    assert out.returncode == 0, out.stderr
    left = {n["category"]: n for n in json.loads(out.stdout)["results"][0]["not_counted"]}
    assert left["capacity"]["key"] == "analysis.power_value"


def test_the_terminal_note_keeps_the_category_in_brackets():
    from typer.testing import CliRunner

    from tco.cli import app
    out = CliRunner(env={"COLUMNS": "200"}).invoke(
        app, ["compare", str(BASIC), "--no-chart", "--set",
              "analysis.capacity_cost=11.7 MUSD/MW"]).stdout
    # "[capacity]" is text, not console markup to strip
    assert "Not counted: Facility capacity [capacity]; give analysis.power_value" in out


# --------------------------------------------------------------------------------------
# one mechanism for a power-capped site: [site]; the extra GPUs' emissions are counted
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("old, new", [
    ("analysis.site_power=150 MW", "site.power"),
    ("analysis.gpu_hour_value=2 USD/hour", "site.gpu_hour_value"),
    ("analysis.planning_margin=1.1", "site.planning_margin"),
    ("analysis.gpu_utilisation=80 %", "site.utilisation"),
])
def test_the_former_analysis_site_keys_name_their_new_place(old, new):
    with pytest.raises(InputError) as info:
        loader.load(str(BASIC), [old])
    assert info.value.key == old.split("=")[0]
    assert f"moved to [site]: write {new}" in str(info.value)


def test_a_former_site_key_is_one_line_and_exit_2(tmp_path):
    from typer.testing import CliRunner

    from tco.cli import app
    path = tmp_path / "old.toml"
    path.write_text(BASIC.read_text().replace(
        "[analysis]", '[analysis]\npower_value = "gpus"\nsite_power = "150 MW"', 1))
    out = CliRunner().invoke(app, ["compare", str(path)])
    assert out.exit_code == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "analysis.site_power: moved to [site]" in lines[0]


def test_the_extra_gpus_energy_and_emissions_are_counted():
    o = run(*GPUS, "analysis.carbon_price=100 USD/tCO2e")
    plain = run(*GPUS)
    # 347 extra GPUs draw 347 x (1,750 + 20.248 W) x 1.3 = 798.56 kW (test above):
    # 798.56 kW x 8,760 h x 481 gCO2e/kWh = 3,364.8 tCO2e a year
    drawn_kw = 347 * (1750 + 1_327_000 / 65_536) * 1.3 / 1000
    tonnes = drawn_kw * 8760 * 0.481 / 1000
    assert o["cpo"].physical["extra_gpus_emissions_t_per_year"] == pytest.approx(tonnes,
                                                                               rel=REL)
    # priced in the carbon category from year 1: (the network's tonnes + the extra
    # GPUs') x 100 USD/t
    network = o["cpo"].physical["emissions_t_per_year"]
    assert o["cpo"].by_year["carbon"][1] == pytest.approx((network + tonnes) * 100, rel=REL)
    assert plain["cpo"].category_totals["carbon"] == 0.0
    # the baseline hosts no extra GPU: nothing added to its carbon line
    assert o["pluggable"].physical["extra_gpus_emissions_t_per_year"] == 0.0


def test_a_shadow_carbon_price_leaves_the_extra_gpus_emissions_out_of_the_total():
    cash = run(*GPUS, "analysis.carbon_price=100 USD/tCO2e")
    shadow = run(*GPUS, "analysis.carbon_price=100 USD/tCO2e",
                 "analysis.carbon_price_kind=shadow")
    # the same carbon line, left out of the total
    assert shadow["cpo"].category_totals["carbon"] == cash["cpo"].category_totals["carbon"]
    assert shadow["cpo"].total == pytest.approx(
        cash["cpo"].total - cash["cpo"].category_totals["carbon"], rel=REL)


def test_explain_shows_the_site_and_the_extra_gpus_emissions():
    from tco.explain import explain, render_text

    s = loader.load(str(BASIC), [*GPUS, "analysis.carbon_price=100 USD/tCO2e"])
    r = engine.evaluate(s)
    gpus = render_text(explain(s, r, "cpo", "gpus"))
    assert "hosted floor(150 MW / " in gpus and "site.gpu_hour_value" in gpus
    carbon = render_text(explain(s, r, "cpo", "carbon"))  # checked against the engine
    assert "extra GPUs under the cap (347) draw" in carbon


def test_explain_of_the_site_metrics_shows_both_hostings():
    from tco import explain_summary

    r = engine.evaluate(loader.load(str(BASIC), GPUS))
    text = explain_summary.explain(r, "cpo", "extra_gpus")
    # 59,254 - 58,907 (the hand-worked case above)
    assert "hosted floor(150 MW / 2,531.46 W) = 59,254" in text
    assert "hosted floor(150 MW / 2,546.36 W) = 58,907" in text
    assert text.rstrip().endswith("= 347")
