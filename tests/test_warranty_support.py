"""Warranty per part and support contract per option (issue 7, item 5).

A 2-switch fleet of 51.2 Tbit/s switches (64 x 800G ports, all in use), worked by hand.
Year index y is the time (y - 1, y]; year 0 is the deployment.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hardening import one_error_line, run

from tco import engine
from tco.components import support, warranty
from tco.io import loader
from tco.units import Q

REL = 1e-9

HEAD = """
[analysis]
horizon = "5 year"
electricity_price = "0.1 USD/kWh"
pue = 1.0
labour_rate = "100 USD/hour"
discount_rate = "8 %"

[deployment]
switches = 2
switch_capacity = "51.2 Tbit/s"
port_speed = "800 Gbit/s"
ports_in_use = 64

[options.base.switch]
price = "30000 USD"
power = "100 W"

[options.base.optics]
price = "100 USD"
power = "1 W"
"""

CASE = HEAD + """
[options.x]
support = "8 %"

[options.x.switch]
price = "30000 USD"
power = "100 W"
afr = "2 %"
warranty = "3 year"

[options.x.optics]
price = "100 USD"
power = "1 W"
"""


def _load(text: str, *overrides: str):
    raw = loader.RawScenario(loader.parse_toml(text, "fleet.toml"), "fleet.toml", "scenario")
    return loader.load_raw(raw, list(overrides))


def _run(text: str, *overrides: str, option: str = "x"):
    result = engine.evaluate(_load(text, *overrides))
    return next(o for o in result.options if o.id == option)


def test_two_switches_warranty_and_support_by_hand():
    x = _run(CASE, "analysis.support_escalation=3 %")
    # failures: 2 switches x 2 %/year = 0.04 a year; a switch failure replaces the
    # switch (30,000 USD; the optics are swapped on their own, so not bundled) with
    # 0.5 h (the default repair_labour) x 100 USD/h = 50 USD of labour
    fails = 2 * 0.02
    parts, labour = fails * 30_000, fails * 0.5 * 100
    assert parts == pytest.approx(1200) and labour == pytest.approx(2)
    # repairs: every failure at the year's price (constant here): 1,202 USD a year
    assert x.by_year["repairs"].tolist() == pytest.approx([0] + [1202] * 5, rel=REL)
    # warranty 3 years: years 1, 2, 3 (times 0..3) under warranty, the vendor pays the
    # switch: a credit of 1,200 USD; years 4 and 5 are outside it: nothing
    assert x.by_year["warranty"].tolist() == pytest.approx(
        [0, -1200, -1200, -1200, 0, 0], rel=REL)
    # so repairs net of the warranty: labour only (2 USD) in years 1-3, 1,202 after
    net = x.by_year["repairs"] + x.by_year["warranty"]
    assert net.tolist() == pytest.approx([0, 2, 2, 2, 1202, 1202], rel=REL)
    # support: 8 % a year of the equipment in service at the price paid:
    # 2 x 30,000 (switches) + 2 x 64 x 100 (optics) = 72,800 USD -> 5,824 USD in year 1,
    # rising 3 % a year from year 1: 5,824 x 1.03^(y - 1)
    base = 2 * 30_000 + 2 * 64 * 100
    assert base == 72_800
    yearly = [0.0] + [0.08 * base * 1.03 ** (y - 1) for y in range(1, 6)]
    assert yearly[1] == pytest.approx(5824)
    assert x.by_year["support"].tolist() == pytest.approx(yearly, rel=REL)
    # discounted like every yearly cost: year y / 1.08^y, year 0 undiscounted
    pv = sum(5824 * 1.03 ** (y - 1) / 1.08 ** y for y in range(1, 6))
    assert float(x.category_present_values["support"]) == pytest.approx(pv, rel=REL)
    assert float(x.category_present_values["warranty"]) == pytest.approx(
        -sum(1200 / 1.08 ** y for y in (1, 2, 3)), rel=REL)
    # the baseline has neither: zero rows
    base_opt = _run(CASE, option="base")
    assert float(base_opt.category_totals["support"]) == 0.0
    assert float(base_opt.category_totals["warranty"]) == 0.0


def test_fractional_warranty_refresh_and_handling_by_hand():
    text = CASE.replace('warranty = "3 year"',
                        'warranty = "1.5 year"\nlife = "2 year"\nwarranty_handling = "200 USD"')
    x = _run(text)
    # the switch is bought at 0, 2 and 4 (life 2 years): each purchase is under
    # warranty for 1.5 years, so the share of each year under warranty is
    # year 1 (0..1): 1; year 2 (1..2): 0.5; year 3 (2..3): 1; year 4: 0.5; year 5: 1
    share = [0, 1, 0.5, 1, 0.5, 1]
    # each claim saves the switch less the 200 USD handling: 0.04 x (30,000 - 200)
    credit = [-0.04 * (30_000 - 200) * s for s in share]
    assert x.by_year["warranty"].tolist() == pytest.approx(credit, rel=REL)


def test_failure_modes_each_claim_their_own_repair():
    text = HEAD + """
[options.x.switch]
price = "30000 USD"
power = "100 W"
warranty = "2 year"

[[options.x.switch.failure_modes]]
name = "psu"
afr = "10 %"
repair = "fru"
repair_price = "500 USD"

[[options.x.switch.failure_modes]]
name = "chassis"
afr = "2 %"
repair = "replace_switch"

[options.x.optics]
price = "100 USD"
power = "1 W"
afr = "1 %"
warranty = "6 month"
"""
    x = _run(text)
    # psu (fru): 2 x 10 % = 0.2 a year, each a 500 USD PSU, free under warranty
    # chassis: 2 x 2 % = 0.04 a year, each a 30,000 USD switch
    # optics: 2 x 64 x 1 % = 1.28 a year, each a 100 USD module, warranty half a year
    switch = 0.2 * 500 + 0.04 * 30_000
    optics = 1.28 * 100
    assert switch == pytest.approx(1300)
    # years 1 and 2 inside the switch's warranty; half of year 1 inside the optics'
    expected = [0, -(switch + 0.5 * optics), -switch, 0, 0, 0]
    assert x.by_year["warranty"].tolist() == pytest.approx(expected, rel=REL)


def test_covered_share_and_paid_years():
    inf = Q(math.inf, "year")
    assert warranty.covered_share(Q(3, "year"), inf, 5).tolist() == [0, 1, 1, 1, 0, 0]
    assert warranty.covered_share(Q(2.5, "year"), inf, 4).tolist() == [0, 1, 1, 0.5, 0]
    # a warranty at least as long as the life covers every year
    assert warranty.covered_share(Q(3, "year"), Q(2.5, "year"), 6).tolist() == \
        [0] + [1] * 6
    # price index -20 % a year, refreshed at 2.5: year 3 is half the old units
    # (index 1) and half the new (0.8^2.5)
    paid = support.paid_years(Q(2.5, "year"), Q(-0.2, ""), Q(0, "year"), 5)
    assert paid.tolist() == pytest.approx(
        [0, 1, 1, 0.5 + 0.5 * 0.8 ** 2.5, 0.8 ** 2.5, 0.8 ** 2.5], rel=REL)
    # support from the warranty's end: 1.5 years of each 2-year life left out
    paid = support.paid_years(Q(2, "year"), Q(0, ""), Q(0, "year"), 5, skip=Q(1.5, "year"))
    assert paid.tolist() == pytest.approx([0, 0, 0.5, 0, 0.5, 0], rel=REL)


def test_support_from_warranty_end_by_hand():
    text = CASE.replace('support = "8 %"', 'support = "8 %"\nsupport_from = "warranty_end"')
    x = _run(text)
    # the switches' contract starts after their 3-year warranty: years 4 and 5 only;
    # the optics have no warranty: every year. 8 % x 60,000 = 4,800; 8 % x 12,800 = 1,024
    expected = [0, 1024, 1024, 1024, 4800 + 1024, 4800 + 1024]
    assert x.by_year["support"].tolist() == pytest.approx(expected, rel=REL)


def test_samples_move_support_and_warranty():
    s = _load(CASE)
    from dataclasses import replace

    opt = s.options[1]
    sw = opt.part("switch")
    sampled = replace(opt, support=Q(np.array([0.0, 0.08, 0.16]), ""),
                      parts=(replace(sw, warranty=Q(np.array([0.0, 3.0, 5.0]), "year")),
                             opt.parts[1]))
    r = engine.evaluate(replace(s, options=(s.options[0], sampled)))
    x = r.options[1]
    assert x.category_totals["support"] == pytest.approx([0, 5 * 5824, 5 * 11648], rel=REL)
    assert x.category_totals["warranty"] == pytest.approx([0, -3600, -6000], rel=REL)


# --- properties ---------------------------------------------------------------------

def _totals(o) -> dict[str, float]:
    return {c: float(v) for c, v in o.category_totals.items()}


OPTICS_LIFE = st.one_of(st.none(), st.floats(0.5, 6.0))


@settings(max_examples=20, deadline=None)
@given(afr=st.floats(0.0, 20.0), life=OPTICS_LIFE, trend=st.floats(-30.0, 30.0))
def test_a_zero_warranty_and_support_equal_todays_model(afr, life, trend):
    keys = f'afr = "{afr!r} %"\nprice_trend = "{trend!r} %"\n' + (
        f'life = "{life!r} year"\n' if life is not None else "")
    other = '\n[options.y.switch]\nprice = "1 USD"\npower = "1 W"\n' \
            '[options.y.optics]\nprice = "1 USD"\npower = "1 W"\n'
    plain = HEAD.replace("[options.base.optics]\n", "[options.base.optics]\n" + keys) + other
    zero = plain.replace("[options.base.optics]\n",
                         '[options.base.optics]\nwarranty = "0 year"\n'
                         'warranty_handling = "50 USD"\n').replace(
        "[options.base.switch]\n", '[options.base]\nsupport = "0 %"\n'
                                   "[options.base.switch]\n")
    a, b = _run(plain, option="base"), _run(zero, option="base")
    assert _totals(a) == pytest.approx(_totals(b), rel=REL, abs=1e-9)
    assert _totals(b)["warranty"] == 0.0 and _totals(b)["support"] == 0.0


@settings(max_examples=20, deadline=None)
@given(years=st.floats(0.0, 8.0), life=OPTICS_LIFE)
def test_a_warranty_in_months_days_or_years_is_the_same(years, life):
    def text(w: str) -> str:
        extra = f'life = "{life!r} year"\n' if life is not None else ""
        return CASE.replace('warranty = "3 year"', f'warranty = "{w}"\n{extra}')

    a = _run(text(f"{years!r} year"))
    b = _run(text(f"{years * 12!r} month"))
    c = _run(text(f"{years * 365!r} day"))
    for o in (b, c):
        assert _totals(o) == pytest.approx(_totals(a), rel=1e-9, abs=1e-6)


@settings(max_examples=20, deadline=None)
@given(trend=st.floats(-30.0, 30.0), hold=st.floats(0.0, 3.0))
def test_a_price_change_does_not_move_repairs_inside_the_warranty(trend, hold):
    # the warranty (6 years) outlasts the horizon (5): every failure costs labour only
    text = CASE.replace('warranty = "3 year"', 'warranty = "6 year"')
    moved = text.replace('afr = "2 %"',
                         f'afr = "2 %"\nprice_trend = "{trend!r} %"\nprice_hold = '
                         f'"{hold!r} year"')
    for t in (text, moved):
        x = _run(t)
        net = x.by_year["repairs"] + x.by_year["warranty"]
        # 0.04 failures a year x 0.5 h x 100 USD/h
        assert net.tolist() == pytest.approx([0] + [2.0] * 5, rel=REL)


@settings(max_examples=15, deadline=None)
@given(w=st.floats(0.0, 10.0), afr=st.floats(0.0, 50.0))
def test_the_credit_is_never_more_than_the_parts_repairs_buy(w, afr):
    text = CASE.replace('warranty = "3 year"', f'warranty = "{w!r} year"').replace(
        'afr = "2 %"', f'afr = "{afr!r} %"')
    x = _run(text)
    credit = -x.by_year["warranty"]
    parts = 2 * afr / 100 * 30_000
    assert np.all(credit >= 0) and np.all(credit <= parts * (1 + 1e-12) + 1e-9)


def test_a_warranty_over_the_horizon_leaves_labour_for_pooled_cpo_repairs():
    # CPO: engines integral to the switch, port faults moved to spare ports, the
    # switch swapped when the pool runs out; everything under a 10-year warranty
    # costs what the same fleet costs to repair with every part free
    text = HEAD + """
[options.x.switch]
price = "30000 USD"
power = "100 W"
afr = "2 %"
warranty = "10 year"

[options.x.optics]
price = "500 USD"
power = "1 W"
per_port = 0.125
integral = true
afr = "40 %"
repair = "spare_port"
repair_price = "20 USD"
spares = "2 %"
"""
    free = text.replace('price = "30000 USD"\npower = "100 W"\nafr',
                        'price = "0 USD"\npower = "100 W"\nafr').replace(
        'price = "500 USD"', 'price = "0 USD"').replace('repair_price = "20 USD"',
                                                         'repair_price = "0 USD"')
    x, y = _run(text), _run(free)
    assert float(x.physical["spare_port_swaps_per_year"]) > 0  # the pool runs out
    net = x.by_year["repairs"] + x.by_year["warranty"]
    assert net.tolist() == pytest.approx(y.by_year["repairs"].tolist(), rel=1e-9)


# --- bad input ----------------------------------------------------------------------

BAD = {
    "warranty not a time": ('warranty = "3 year"', 'warranty = "3 USD"',
                            "options.x.switch.warranty"),
    "negative warranty": ('warranty = "3 year"', 'warranty = "-1 year"',
                          "options.x.switch.warranty"),
    "support without %": ('support = "8 %"', "support = 8", "options.x.support"),
    "support over 100 %": ('support = "8 %"', 'support = "150 %"', "options.x.support"),
    "support per time": ('support = "8 %"', 'support = "8 USD"', "options.x.support"),
    "support_from": ('support = "8 %"', 'support = "8 %"\nsupport_from = "never"',
                     "options.x.support_from"),
    "handling not money": ('warranty = "3 year"',
                           'warranty = "3 year"\nwarranty_handling = "2 hour"',
                           "options.x.switch.warranty_handling"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_warranty_and_support_exit_2_with_one_line(case, tmp_path):
    old, new, path = BAD[case]
    assert old in CASE
    (tmp_path / "s.toml").write_text(CASE.replace(old, new, 1))
    one_error_line(run("validate", "s.toml", cwd=tmp_path), path)


def test_an_integral_part_takes_the_switchs_warranty(tmp_path):
    text = CASE.replace('[options.x.optics]\nprice = "100 USD"',
                        '[options.x.optics]\nintegral = true\nwarranty = "1 year"\n'
                        'price = "100 USD"')
    (tmp_path / "s.toml").write_text(text)
    one_error_line(run("validate", "s.toml", cwd=tmp_path), "options.x.optics.warranty")


# --- the analysis commands sample both ---------------------------------------------

def test_sensitivity_moves_support_and_warranty_by_hand(tmp_path):
    from tco.analysis import sensitivity

    (tmp_path / "s.toml").write_text(CASE)
    t = sensitivity.run(loader.resolve(str(tmp_path / "s.toml")), delta=0.2, option="x",
                        against="base")
    rows = {r.input.path: r for r in t.rows}
    # support 8 % -+20 %: 6.4 % and 9.6 %; PV of support is linear in it:
    # swing = (9.6 % - 6.4 %) x 72,800 USD x sum over y = 1..5 of 1 / 1.08^y
    annuity = sum(1 / 1.08 ** y for y in range(1, 6))
    assert rows["options.x.support"].swing == pytest.approx(0.032 * 72_800 * annuity, rel=REL)
    # warranty 3 years -+20 %: 2.4 years (years 1, 2 and 0.4 of year 3 covered) and
    # 3.6 years (years 1-3 and 0.6 of year 4); each covered year saves 1,200 USD
    swing = 1200 * (0.6 / 1.08 ** 3 + 0.6 / 1.08 ** 4)
    assert rows["options.x.switch.warranty"].swing == pytest.approx(swing, rel=REL)


def test_uncertainty_samples_support(tmp_path):
    from tco.analysis import uncertainty

    (tmp_path / "s.toml").write_text(CASE)
    resolved = loader.resolve(str(tmp_path / "s.toml"),
                              ranges=["options.x.support=4..12 %:uniform"])
    u = uncertainty.run(resolved, samples=2000, seed=1)
    # uniform 4..12 %: mean 8 %, so the mean PV of support is that of 8 %:
    # 8 % x 72,800 USD x sum over y = 1..5 of 1 / 1.08^y
    annuity = sum(1 / 1.08 ** y for y in range(1, 6))
    assert u.category_means("x")["support"] == pytest.approx(0.08 * 72_800 * annuity,
                                                             rel=1e-3)


# --- explain ------------------------------------------------------------------------

def test_explain_shows_the_warranty_and_support_arithmetic(tmp_path):
    from tco.explain import FORMULAS, explain, render_text

    text = CASE.replace('[options.x.optics]\nprice = "100 USD"',
                        '[options.x.optics]\nprice = "100 USD"\nafr = "1 %"\n'
                        'warranty = "18 month"\nwarranty_handling = "10 USD"')
    s = _load(text, "analysis.support_escalation=3 %")
    r = engine.evaluate(s)
    e = explain(s, r, "x", "warranty")
    out = render_text(e)
    for line in FORMULAS["warranty"]:
        assert line in out
    # switch: 0.04 failures a year x 30,000 USD in years 1-3; optics: 2 x 64 x 1 % = 1.28
    # failures a year x (100 - 10 USD handling) = 115.2 USD, year 1 and half of year 2
    assert "share of each year under warranty year 1: 1, year 2: 1, year 3: 1, " \
           "year 4: 0, year 5: 0" in out
    assert "year 1: 1, year 2: 0.5, year 3: 0, year 4: 0, year 5: 0" in out
    assert [a for _, a in e.by_year] == pytest.approx(
        [0, -1200 - 115.2, -1200 - 0.5 * 115.2, -1200, 0, 0], rel=REL)
    assert "[options.x.optics.warranty_handling = 10 USD" in out
    # support: 8 % x (60,000 + 12,800) USD, rising 3 % a year from year 1
    e = explain(s, r, "x", "support")
    out = render_text(e)
    assert "switch: equipment in service = 2 switches x 1 unit x 30,000 USD = " \
           "60,000.00 USD" in out
    assert "year 2: 4,944" in out  # 4,800 x 1.03
    assert [a for _, a in e.by_year] == pytest.approx(
        [0] + [5824 * 1.03 ** (y - 1) for y in range(1, 6)], rel=REL)
    one = explain(s, r, "x", "support", year=2)
    assert one.by_year == [(2, pytest.approx(5824 * 1.03))]


def test_explain_cli_takes_the_row_labels(tmp_path):
    (tmp_path / "s.toml").write_text(CASE)
    for item in ("warranty", "Warranty credit", "support", "Support contract"):
        result = run("explain", "s.toml", "--option", "x", "--item", item, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "Formula:" in result.stdout and "Computation:" in result.stdout


def test_a_refresh_to_the_next_product_restarts_its_warranty_and_contract():
    text = HEAD + """
[options.x]
support = "8 %"
refresh_to = "y"

[options.x.switch]
price = "30000 USD"
power = "100 W"
afr = "2 %"
warranty = "1 year"
life = "2 year"

[options.x.optics]
price = "100 USD"
power = "1 W"

[options.y]
support = "8 %"

[options.y.switch]
price = "40000 USD"
power = "100 W"
afr = "2 %"
warranty = "1 year"

[options.y.optics]
price = "100 USD"
power = "1 W"
"""
    x = _run(text, "analysis.support_escalation=3 %")
    # x (2 x 30,000 + 12,800 = 72,800 USD in service) in years 1-2, then y, bought in
    # year 2 (2 x 40,000 + 12,800 = 92,800 USD) in years 3-5; the contract price rises
    # 3 % a year from the deployment's year 1 whichever product it covers
    expected = [0.0] + [0.08 * (72_800 if y <= 2 else 92_800) * 1.03 ** (y - 1)
                        for y in range(1, 6)]
    assert x.by_year["support"].tolist() == pytest.approx(expected, rel=REL)
    # warranty: x's switches in year 1 (0.04 x 30,000), y's bought in year 2 in year 3
    # (0.04 x 40,000)
    assert x.by_year["warranty"].tolist() == pytest.approx(
        [0, -1200, 0, -1600, 0, 0], rel=REL)
    from tco.explain import explain

    s = _load(text, "analysis.support_escalation=3 %")
    r = engine.evaluate(s)
    for category in ("support", "warranty"):
        e = explain(s, r, "x", category)
        assert [a for _, a in e.by_year] == pytest.approx(
            x.by_year[category].tolist(), rel=REL)
