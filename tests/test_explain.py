"""`tco explain`: each figure is derived from the inputs and equals the engine's."""

from __future__ import annotations

import re

import pytest
from conftest import BASIC, load_text, two_switch_fleet

from tco import engine
from tco.errors import InputError
from tco.explain import FORMULAS, explain, render_text
from tco.io import loader

CATEGORIES = list(engine.CATEGORIES)
LIFE = ["options.pluggable.optics.life=3 year", "options.pluggable.optics.salvage=10 %"]
CITATION = re.compile(r"\[(analysis|deployment|options)\.[\w.-]+ = [^\]]*source: [^\]]+\]")


@pytest.fixture(scope="module")
def default():
    s = loader.load(str(BASIC))
    return s, engine.evaluate(s)


@pytest.fixture(scope="module")
def with_life():
    s = loader.load(str(BASIC), overrides=LIFE)
    return s, engine.evaluate(s)


def _check_against_engine(s, r, option_id: str, category: str) -> str:
    e = explain(s, r, option_id, category)
    o = next(o for o in r.options if o.id == option_id)
    assert [y for y, _ in e.by_year] == list(range(r.horizon + 1))
    assert [a for _, a in e.by_year] == pytest.approx(list(o.by_year[category]), rel=1e-12,
                                                      abs=1e-9)
    assert e.total == pytest.approx(float(o.category_totals[category]), rel=1e-12, abs=1e-9)
    assert e.present_value == pytest.approx(float(o.category_present_values[category]),
                                            rel=1e-12, abs=1e-9)
    return render_text(e)


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_of_every_option_equals_the_engine(default, category):
    s, r = default
    for o in s.options:
        text = _check_against_engine(s, r, o.id, category)
        for line in FORMULAS[category]:
            assert line in text
        assert CITATION.search(text), text
        assert "\x1b" not in text


@pytest.mark.parametrize("name", loader.preset_names())
def test_every_preset_equals_the_engine(name):
    # other presets bring lasers, liquid cooling, a priced carbon, EUR ...
    s = loader.load(name, overrides=["analysis.carbon_price=90 USD/tCO2e"])
    r = engine.evaluate(s)
    for o in s.options:
        for category in CATEGORIES:
            _check_against_engine(s, r, o.id, category)


def test_printed_year_amounts_match_the_engine_to_the_cent(default):
    s, r = default
    e = explain(s, r, "cpo", "energy")
    amounts = r.options[3].by_year["energy"]
    assert r.options[3].id == "cpo"
    for y, line in enumerate(e.year_lines):
        assert line.startswith(f"year {y}: ")
        assert line.endswith(f"= {float(amounts[y]):,.2f} USD")
    text = render_text(e)
    assert f"Total over 5 years: {float(r.options[3].category_totals['energy']):,.2f} USD" \
        in text
    pv = float(r.options[3].category_present_values["energy"])
    assert f"Present value at 8 %: {pv:,.2f} USD" in text


def test_equipment_by_hand(default):
    s, r = default
    text = render_text(explain(s, r, "pluggable", "equipment"))
    # 1,000 switches x 1 switch x 120,000 USD = 120,000,000 USD
    assert 1_000 * 1 * 120_000 == 120_000_000
    assert "switch: 1,000 switches x 1 unit x 120,000 USD = 120,000,000.00 USD" in text
    # 1,000 switches x 64 modules x 1,250 USD = 80,000,000 USD
    assert 1_000 * 64 * 1_250 == 80_000_000
    assert "optics: 1,000 switches x 64 units x 1,250 USD = 80,000,000.00 USD" in text
    assert "year 0: switch 120,000,000.00 USD + optics 80,000,000.00 USD = " \
           "200,000,000.00 USD" in text
    assert "[options.pluggable.optics.price = 1,250 USD, source: reseller list prices" in text
    assert "[options.pluggable.optics.count = 64, derived]" in text
    assert "[deployment.switches = 1,000, source: assumption: fleet size" in text


def test_energy_part_lines_and_sources(default):
    s, r = default
    text = render_text(explain(s, r, "pluggable", "energy"))
    # 1,000 x 64 x 15 W = 960,000 W = 960 kW; (1,050 + 960) kW x 8,760 h = 17,607.6 MWh
    assert "optics: 1,000 switches x 64 units x 15 W = 960 kW" in text
    assert "[options.pluggable.optics.power = 15 W, source: NVIDIA 800G SR8" in text
    assert "IT power = switch + optics = 2,010 kW" in text
    assert "annual energy = 2,010 kW x 8,760 h = 17,607.6 MWh/year" in text
    # year 1: 17,607,600 kWh x 0.078 USD/kWh = 1,373,392.80 USD
    assert "year 1: 17,607.6 MWh/year x 1 year x 0.078 USD/kWh x (1 + 2 %)^0 = " \
           "1,373,392.80 USD" in text


def test_repairs_and_downtime_by_hand(default):
    s, r = default
    repairs = render_text(explain(s, r, "pluggable", "repairs"))
    # 2 % AFR x 1,000 switches = 20 a year, each 120,000 + 0.5 h x 100 USD/h = 120,050 USD
    assert "switch: failures per year = 1,000 switches x 1 unit x 0.02 /year = 20 /year" \
        in repairs
    assert "cost per repair (replace_switch) = 120,000 USD + 0.5 h x 100 USD/h = " \
           "120,050.00 USD" in repairs
    assert "[options.pluggable.switch.repair_price = 120,000 USD, derived]" in repairs
    assert "[options.pluggable.switch.repair_labour = 0.5 h, default]" in repairs
    assert 20 * 120_050 == 2_401_000
    assert "year 3: switch 2,401,000.00 USD + optics " in repairs
    downtime = render_text(explain(s, r, "pluggable", "downtime"))
    # 20 failures x 64 links x 24 h = 30,720 link-hours x 50 USD = 1,536,000 USD
    assert "20 /year x 64 links x 24 h = 30,720 h/year" in downtime
    assert "per year = 30,720 h/year x 50 USD/h = 1,536,000 USD/year" in downtime


def test_cooling_and_carbon_cite_pue_and_intensity(default):
    s, r = default
    cooling = render_text(explain(s, r, "cpo", "cooling"))
    # 1,327 kW x 0.3 = 398.1 kW
    assert "cooling power = 1,327 kW x (PUE - 1 = 0.3) = 398.1 kW" in cooling
    assert "[analysis.pue_air = 1.3, source: Uptime Institute" in cooling
    # air cooling is not free: 1,327 kW x 600 USD/kW = 796,200 USD
    assert "cooling capital (air) = 1,327 kW x 600 USD/kW = 796,200.00 USD" in cooling
    carbon = render_text(explain(s, r, "cpo", "carbon"))
    assert "[analysis.grid_carbon_intensity = 0.481 kgCO2e/kWh, source: Ember" in carbon
    assert "[analysis.carbon_price = 0 USD/tCO2e, source: assumption: not priced]" in carbon


def test_year_selects_one_year(default):
    s, r = default
    e = explain(s, r, "lpo", "energy", year=3)
    o = next(o for o in r.options if o.id == "lpo")
    assert e.by_year == [(3, pytest.approx(float(o.by_year["energy"][3]), rel=1e-12))]
    assert e.total == pytest.approx(float(o.category_totals["energy"]), rel=1e-12)
    text = render_text(e)
    assert "By year (year 3 only):" in text
    assert len(e.year_lines) == 1 and e.year_lines[0].startswith("year 3: ")
    assert [line.strip() for line in text.splitlines() if line.startswith("  year ")] == \
        e.year_lines
    assert explain(s, r, "lpo", "equipment", year=0).by_year[0][1] == \
        pytest.approx(float(o.by_year["equipment"][0]), rel=1e-12)
    assert explain(s, r, "lpo", "repairs", year=5).by_year[0][0] == 5


@pytest.mark.parametrize(("option", "category", "year", "names"), [
    ("nope", "energy", None, ["pluggable", "lpo", "npo", "cpo"]),
    ("cpo", "power", None, CATEGORIES),
    ("cpo", "energy", 6, ["0 to 5"]),
    ("cpo", "energy", -1, ["0 to 5"]),
])
def test_errors_list_the_valid_names(default, option, category, year, names):
    s, r = default
    with pytest.raises(InputError) as err:
        explain(s, r, option, category, year)
    message = str(err.value)
    assert "\n" not in message
    for name in names:
        assert name in message


def test_replacement_and_residual_with_a_life(with_life):
    s, r = with_life
    for category in ("replacement", "residual"):
        _check_against_engine(s, r, "pluggable", category)
    repl = explain(s, r, "pluggable", "replacement")
    # a 3-year life in a 5-year horizon: replaced once, in year 3, the retired
    # modules' 10 % salvage credited:
    # 1,000 x 64 x (1,250 USD x (1 - 10 %) + 0 h x 100 USD/h) = 72,000,000 USD
    assert 1_000 * 64 * (1_250 * 0.9 + 0 * 100) == 72_000_000
    assert [a for _, a in repl.by_year] == pytest.approx([0, 0, 0, 72_000_000, 0, 0],
                                                         rel=1e-12)
    text = render_text(repl)
    assert "optics: life 3 year: replaced in year 3" in text
    assert "switch: no life given: never replaced within 5 years" in text
    assert "[options.pluggable.optics.life = 3 year, set with --set]" in text
    res = explain(s, r, "pluggable", "residual")
    # replaced at year 3, 2 years old at year 5; with no resale_decline a used module
    # sells for its 10 % salvage share: 1,000 x 64 x 1,250 USD x 10 % = 8,000,000 USD
    assert res.by_year[-1] == (5, pytest.approx(-8_000_000, rel=1e-12))
    assert all(a == 0 for _, a in res.by_year[:-1])
    text = render_text(res)
    assert "in service at year 5: bought in year 3 (life 3 year), age 2; resale share 0.1" \
        in text
    assert "optics: 1,000 switches x 64 units x 1,250 USD x price index 1 x 0.1 " \
           "= 8,000,000.00 USD" in text
    assert "year 5: switch 0.00 USD + optics -8,000,000.00 USD = -8,000,000.00 USD" in text
    assert "[options.pluggable.optics.salvage = 10 %, set with --set]" in text


def test_a_result_of_other_inputs_is_refused(default):
    s, _ = default
    other = engine.evaluate(loader.load(str(BASIC), overrides=["analysis.electricity_price="
                                                         "'0.1 USD/kWh'"]))
    with pytest.raises(AssertionError, match="disagrees with the engine"):
        explain(s, other, "cpo", "energy")


IDLE = two_switch_fleet(64, "free") + """
[options.cpo.switch]
price = "10000 USD"
power = "100 W"

[options.cpo.optics]
integral = true
per_port = 1
price = "100 USD"
power = "1 W"
afr = "1 %"
repair = "spare_port"
spares = "5 %"
"""


def test_idle_ports_are_a_whole_count():
    # 51.2 Tbit/s / 800 Gbit/s is 64.00000000000001 in floating point; every one of the
    # 64 ports is in use, so 0 are idle (not 1.42e-14): pool = floor(5 % x 64 = 3.2
    # bought + 0 idle) = 3
    s = load_text(IDLE)
    text = render_text(explain(s, engine.evaluate(s), "cpo", "repairs"))
    assert "spare ports per switch = floor(3.2 bought + 0 not in use) = 3" in text, text
    assert "e-1" not in text


@pytest.mark.parametrize(("args", "expected"), [
    (["explain", "default"], "tco: error: --option: which option? one of pluggable, lpo, npo, "
                             "cpo; for example: tco explain default --option pluggable "
                             "--item total"),
    (["explain"], "tco: error: --option: which option? one of pluggable, lpo, npo, cpo; for "
                  "example: tco explain --option pluggable --item total"),
    (["explain", "--item", "energy"], "tco: error: --option: which option?"),
    (["explain", "--option", "CPO (external lasers)"],
     "tco: error: --item: what to explain? total, present_value, savings, a cost category such "
     "as energy, or a physical metric; for example: tco explain --option 'CPO (external "
     "lasers)' --item total"),
])
def test_explain_without_option_or_item_is_one_short_line(args, expected, tmp_path):
    from test_hardening import run

    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected), lines
    assert len(lines[0]) < 200  # it listed every item before: 378 characters
