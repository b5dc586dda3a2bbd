"""A refresh that buys the next generation (options.X.refresh_to): by hand, and the
property that refreshing to the same product is today's end-of-life replacement."""

from __future__ import annotations

import pytest
from conftest import BASIC
from hypothesis import given
from hypothesis import strategies as st
from test_properties import FAST, OPTION_IDS, _num, by_id
from typer.testing import CliRunner

from tco import engine
from tco.cli import app
from tco.errors import InputError
from tco.io import loader

REL = 1e-9

TWO = """
[analysis]
horizon = "5 year"
discount_rate = "0 %"
electricity_price = "0.1 USD/kWh"
pue = 1.0
cooling_capex_air = "100 USD/kW"
labour_rate = "100 USD/hour"
labour_escalation = "10 %"

[deployment]
switches = 2
switch_capacity = "51.2 Tbit/s"
port_speed = "800 Gbit/s"

[options.old]
label = "Old"
refresh_to = "{target}"
[options.old.switch]
price = "10000 USD"
power = "1000 W"
life = "3 year"
salvage = "20 %"
install_labour = "2 hour"
afr = "10 %"
[options.old.optics]
price = "100 USD"
power = "10 W"

[options.new]
label = "New"
[options.new.switch]
price = "20000 USD"
power = "{new_power}"
price_trend = "-10 %"
salvage = "10 %"
install_labour = "2 hour"
afr = "5 %"
[options.new.optics]
price = "50 USD"
power = "5 W"
price_trend = "-20 %"
"""


def two(tmp_path, target="new", new_power="500 W", sets=()):
    path = tmp_path / "two.toml"
    path.write_text(TWO.format(target=target, new_power=new_power))
    return by_id(engine.evaluate(loader.load(str(path), list(sets))))


def test_two_switches_refreshed_at_year_3_to_a_cheaper_lower_power_product(tmp_path):
    o = two(tmp_path)["old"]
    assert o.label == "Old, then New from year 3"
    eq, inst, energy, cool, rep, repl, resid = (
        o.by_year[c].tolist() for c in ("equipment", "installation", "energy", "cooling",
                                        "repairs", "replacement", "residual"))
    # years 0..3: Old. Equipment 2 x 10,000 + 2 x 64 x 100 = 20,000 + 12,800 = 32,800
    assert eq == pytest.approx([32_800, 0, 0, 0, 0, 0], rel=REL)
    # installation 2 switches x 2 h x 100 USD/h = 400 (the optics take no time)
    assert inst == pytest.approx([400, 0, 0, 0, 0, 0], rel=REL)
    # IT power 2 x 1,000 W + 128 x 10 W = 3.28 kW: 3.28 x 8,760 h x 0.1 = 2,873.28 a year;
    # from year 4 New: 2 x 500 W + 128 x 5 W = 1.64 kW: 1,436.64 a year
    assert energy == pytest.approx([0, 2873.28, 2873.28, 2873.28, 1436.64, 1436.64],
                                   rel=REL)
    # cooling capital 3.28 kW x 100 USD/kW = 328 at deployment; at the refresh only the
    # power beyond Old's is built: max(0, 1.64 - 3.28) = 0 (PUE 1: no cooling energy)
    assert cool == pytest.approx([328, 0, 0, 0, 0, 0], rel=REL)
    # repairs: Old 2 x 10 % = 0.2 switch swaps a year x (10,000 + 0.5 h x 100 x 1.1^y):
    #   y1 0.2 x 10,055 = 2,011; y2 0.2 x 10,060.5 = 2,012.1; y3 0.2 x 10,066.55 = 2,013.31
    # New 2 x 5 % = 0.1 a year x (20,000 x 0.9^y + 50 x 1.1^y):
    #   y4 0.1 x (13,122 + 73.205) = 1,319.5205; y5 0.1 x (11,809.8 + 80.5255) = 1,189.03255
    assert rep == pytest.approx([0, 2011, 2012.1, 2013.31, 1319.5205, 1189.03255], rel=REL)
    # the refresh in year 3, booked as a replacement:
    #   New switches 2 x 20,000 x 0.9^3 = 2 x 14,580 = 29,160
    #   New optics 128 x 50 x 0.8^3 = 128 x 25.6 = 3,276.8
    #   installed 2 x 2 h x 100 x 1.1^3 = 532.4
    #   less Old's switches sold at their salvage share: 2 x 10,000 x 20 % = 4,000
    #   29,160 + 3,276.8 + 532.4 - 4,000 = 28,969.2
    assert repl == pytest.approx([0, 0, 0, 28_969.2, 0, 0], rel=REL)
    # at the horizon New's switches, age 2, sell for 10 %: 2 x 14,580 x 10 % = 2,916
    assert resid == pytest.approx([0, 0, 0, 0, 0, -2916], rel=REL)
    # 32,800 + 400 + 3 x 2,873.28 + 2 x 1,436.64 + 328 + 8,544.96305 + 28,969.2 - 2,916
    assert o.total == pytest.approx(79_619.28305, rel=REL)


def test_a_refresh_to_a_product_drawing_more_builds_cooling_for_the_increase(tmp_path):
    o = two(tmp_path, new_power="2000 W")["old"]
    # New: 2 x 2,000 W + 128 x 5 W = 4.64 kW, Old 3.28 kW: (4.64 - 3.28) x 100 = 136 in year 3
    assert o.by_year["cooling"].tolist() == pytest.approx([328, 0, 0, 136, 0, 0], rel=REL)


def test_a_capacity_valuation_charges_the_facility_increase_at_the_refresh(tmp_path):
    o = two(tmp_path, new_power="2000 W", sets=[
        "analysis.power_value=capacity", "analysis.capacity_cost=1000 USD/kW"])["old"]
    # year 0: 3.28 kW x PUE 1 x 1,000 = 3,280; year 3: (4.64 - 3.28) x 1,000 = 1,360
    assert o.by_year["capacity"].tolist() == pytest.approx([3280, 0, 0, 1360, 0, 0],
                                                           rel=REL)


def test_refresh_to_itself_is_the_same_product_bought_again(tmp_path):
    own = two(tmp_path, target="old")["old"]
    assert own.label == "Old"
    # the switch life (3 years) replaces the whole option: 2 x 10,000 + 128 x 100 at 1,
    # installed 2 x 2 h x 100 x 1.1^3 = 532.4, less 4,000: 32,800 + 532.4 - 4,000
    assert own.by_year["replacement"][3] == pytest.approx(29_332.4, rel=REL)


def test_the_report_and_json_name_the_next_product(tmp_path):
    import json
    path = tmp_path / "two.toml"
    path.write_text(TWO.format(target="new", new_power="500 W"))
    out = CliRunner().invoke(app, ["compare", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)["results"][0]
    old = next(o for o in doc["options"] if o["id"] == "old")
    assert old["label"] == "Old, then New from year 3"
    assert old["refresh"] == [{"option": "new", "year": 3, "calendar_year": 2029}]


@pytest.mark.parametrize("text, key, words", [
    ('refresh_to = "nope"', "options.old.refresh_to", "unknown option 'nope'"),
    ('refresh_to = "new"\n[options.new.x]\nprice = "1 USD"\npower = "1 W"\ncount = 1\n'
     '[options.new.y]\nprice = "1 USD"\npower = "1 W"\ncount = 1\n', None, None),
])
def test_refresh_to_names_a_known_option(tmp_path, text, key, words):
    path = tmp_path / "bad.toml"
    path.write_text(TWO.format(target="new", new_power="500 W").replace(
        'refresh_to = "new"', text))
    if key is None:  # a target with other parts is fine: its parts are bought
        loader.load(str(path))
        return
    with pytest.raises(InputError) as info:
        loader.load(str(path))
    assert info.value.key == key and words in str(info.value)


def test_a_cycle_of_refreshes_is_refused(tmp_path):
    path = tmp_path / "cycle.toml"
    text = TWO.format(target="new", new_power="500 W").replace(
        '[options.new]\nlabel = "New"\n', '[options.new]\nlabel = "New"\nrefresh_to = "old"\n')
    text = text.replace('price_trend = "-10 %"\n', 'price_trend = "-10 %"\nlife = "1 year"\n', 1)
    path.write_text(text)
    with pytest.raises(InputError) as info:
        loader.load(str(path))
    assert info.value.key == "options.old.refresh_to"
    assert "refresh_to cycles: old -> new -> old" in str(info.value)


@pytest.mark.parametrize("life, key, words", [
    (None, "options.old.switch.life", "needs the switch's service life"),
    ('"2.5 year"', "options.old.switch.life", "whole number of years"),
])
def test_the_refresh_year_is_the_switch_life_in_whole_years(tmp_path, life, key, words):
    text = TWO.format(target="new", new_power="500 W")
    text = text.replace('life = "3 year"\n', "" if life is None else f"life = {life}\n")
    path = tmp_path / "life.toml"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        loader.load(str(path))
    assert info.value.key == key and words in str(info.value)


def test_bad_refresh_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(TWO.format(target="nope", new_power="500 W"))
    out = CliRunner().invoke(app, ["compare", str(path)])
    assert out.exit_code == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "options.old.refresh_to" in lines[0]


def test_leaving_the_next_product_out_with_only_says_so(tmp_path):
    path = tmp_path / "two.toml"
    path.write_text(TWO.format(target="new", new_power="500 W") + '\n[options.third]\n'
                    '[options.third.switch]\nprice = "1 USD"\npower = "1 W"\n'
                    '[options.third.optics]\nprice = "1 USD"\npower = "1 W"\n')
    out = CliRunner().invoke(app, ["compare", str(path), "--only", "old,third"])
    assert out.exit_code == 2
    assert "left out by --only" in out.stderr


# --------------------------------------------------------------------------------------
# property: refresh_to = the option itself is today's end-of-life replacement
# --------------------------------------------------------------------------------------

pct = st.floats(0.0, 30.0, allow_nan=False)


@st.composite
def same_life(draw):
    """Every part of every option with the switch's (whole) life and one price trend."""
    life = draw(st.integers(1, 6))
    trend = _num(draw(st.floats(-30.0, 10.0)))
    hold = _num(draw(st.floats(0.0, 4.0)))
    out = [f"analysis.horizon={draw(st.integers(1, 10))} year",
           f"analysis.electricity_escalation={_num(draw(st.floats(-5.0, 10.0)))} %",
           f"analysis.labour_escalation={_num(draw(pct))} %",
           f"analysis.carbon_price={_num(draw(st.floats(0.0, 200.0)))} USD/tCO2e",
           f"analysis.carbon_price_escalation={_num(draw(pct))} %",
           f"analysis.grid_carbon_intensity_trend={_num(-draw(pct))} %",
           f"analysis.downtime_cost={_num(draw(st.floats(0.0, 100.0)))} USD/hour"]
    for key in OPTION_IDS:
        for part in ("switch", "optics", *(("lasers",) if key == "cpo" else ())):
            p = f"options.{key}.{part}"
            out += [f"{p}.life={life} year", f"{p}.price_trend={trend} %",
                    f"{p}.price_hold={hold} year",
                    f"{p}.spares={_num(draw(pct))} %", f"{p}.salvage={_num(draw(pct))} %",
                    f"{p}.embodied_carbon={_num(draw(st.floats(0.0, 500.0)))} kgCO2e",
                    f"{p}.install_labour={_num(draw(st.floats(0.0, 3.0)))} hour"]
            if draw(st.booleans()):
                out.append(f"{p}.resale_decline={_num(draw(st.floats(1.0, 60.0)))} %")
    return out


@FAST
@given(same_life())
def test_refresh_to_itself_is_todays_refresh(overrides):
    today = by_id(engine.evaluate(loader.load(str(BASIC), overrides)))
    own = by_id(engine.evaluate(loader.load(str(BASIC), [
        *overrides, *(f"options.{k}.refresh_to={k}" for k in OPTION_IDS)])))
    for key in OPTION_IDS:
        a, b = today[key], own[key]
        assert b.label == a.label
        for c, total in a.category_totals.items():
            assert float(b.category_totals[c]) == pytest.approx(float(total), rel=1e-9,
                                                                abs=1e-6), c
            assert b.by_year[c] == pytest.approx(a.by_year[c], rel=1e-9, abs=1e-6), c
        assert float(b.present_value) == pytest.approx(float(a.present_value), rel=1e-9)


def test_explain_follows_each_product_and_agrees_with_the_engine(tmp_path):
    from tco.engine import CATEGORIES
    from tco.explain import explain, render_text

    path = tmp_path / "two.toml"
    path.write_text(TWO.format(target="new", new_power="2000 W"))
    s = loader.load(str(path))
    r = engine.evaluate(s)
    for c in CATEGORIES:  # each checks itself against the engine
        explain(s, r, "old", c)
    e = explain(s, r, "old", "replacement")
    # 29,160 + 3,276.8 + 532.4 - 4,000 (test above)
    assert e.total == pytest.approx(28_969.2, rel=REL)
    text = render_text(e)
    assert "Old, then New from year 3" in text
    assert "years 3 to 5: New (new), bought in year 3" in text
    assert "refresh_to: at the switch's life" in text
    cooling = render_text(explain(s, r, "old", "cooling"))
    # (4.64 - 3.28) kW x 100 USD/kW
    assert "built for the power drawn beyond Old's only = 136.00 USD" in cooling


def test_explain_of_a_refresh_to_itself_keeps_the_spares(tmp_path):
    from tco.explain import explain

    s = loader.load(str(BASIC), ["options.pluggable.refresh_to=pluggable",
                                 "options.pluggable.switch.life=2 year",
                                 "options.pluggable.optics.spares=3 %"])
    r = engine.evaluate(s)
    e = explain(s, r, "pluggable", "spares")
    # bought once, at deployment: 1,000 x 64 x 3 % x the module price
    assert [y for y, amount in e.by_year if amount] == [0]
    assert "the same product: its spares serve on" in " ".join(st.text for st in e.steps)
