"""Prices over time and honest end of life, against arithmetic written out by hand.

The frozen basic-51t scenario: 1,000 switches of 64 x 800G; the DSP pluggable's
module costs 1,250 USD, fails at an MTBF of 750,000 h and is swapped with 0.25 h of
labour at 100 USD/h; horizon 5 years.
"""

from __future__ import annotations

import pytest
from conftest import BASIC
from hypothesis import given
from hypothesis import strategies as st
from test_properties import FAST, _num, evaluate, varied

from tco import engine
from tco.components import pricing, resale
from tco.io import loader
from tco.units import Q

REL = 1e-9
MODULES = 1000 * 64
FAILS = MODULES * 8760 / 750_000  # 747.52 module failures a year


def pluggable(*overrides: str):
    r = engine.evaluate(loader.load(str(BASIC), list(overrides)))
    return next(o for o in r.options if o.id == "pluggable"), r


def optics(option):
    return next(p for p in option.parts if p.name == "optics")


def test_indices():
    # -20 % a year held 1 year: years 0..3 -> 1, 1, 0.8, 0.64
    idx = pricing.price_index(Q(-0.2, ""), Q(1, "year"), 3)
    assert idx.tolist() == pytest.approx([1, 1, 0.8, 0.64], rel=REL)
    # labour +10 %: 1, 1.1, 1.21
    assert pricing.labour_index(Q(0.1, ""), 2).tolist() == pytest.approx([1, 1.1, 1.21])
    # a yearly price from year 1: 0, 1, 1.1
    assert pricing.yearly_index(Q(0.1, ""), 2).tolist() == pytest.approx([0, 1, 1.1])


def test_repairs_buy_at_the_year_price_with_escalating_labour():
    o, _ = pluggable("options.pluggable.optics.price_trend=-20 %",
                     "options.pluggable.optics.price_hold=1 year",
                     "analysis.labour_escalation=10 %")
    rep = optics(o).by_year["repairs"]
    # year y: 747.52 failures x (1,250 x 0.8^max(0, y - 1) + 0.25 h x 100 x 1.1^y)
    assert rep[0] == 0.0
    assert rep[1] == pytest.approx(FAILS * (1250 * 1.0 + 25 * 1.1), rel=REL)
    assert rep[3] == pytest.approx(FAILS * (1250 * 0.8 ** 2 + 25 * 1.1 ** 3), rel=REL)
    # equipment at deployment is at today's price: 64,000 x 1,250
    assert optics(o).by_year["equipment"][0] == pytest.approx(MODULES * 1250, rel=REL)


def test_replacement_and_residual_follow_the_resale_curve():
    o, _ = pluggable("options.pluggable.optics.life=2 year",
                     "options.pluggable.optics.salvage=10 %",
                     "options.pluggable.optics.resale_decline=40 %",
                     "options.pluggable.optics.price_trend=-20 %")
    part = optics(o)
    # replaced at t = 2 and 4; the retired modules are 2 years old and sell for
    # max(10 %, 0.6^2 = 36 %) of what they cost when bought
    # year 2: 64,000 x (1,250 x 0.8^2 - 1,250 x 0.8^0 x 0.36) = 64,000 x (800 - 450)
    # year 4: 64,000 x (1,250 x 0.8^4 - 1,250 x 0.8^2 x 0.36) = 64,000 x (512 - 288)
    assert part.by_year["replacement"].tolist() == pytest.approx(
        [0, 0, MODULES * 350, 0, MODULES * 224, 0], rel=REL)
    # residual: bought at 4 for 512 USD, 1 year old at 5: 0.6 of it
    assert part.by_year["residual"][5] == pytest.approx(-MODULES * 512 * 0.6, rel=REL)
    # book value apart: straight line to 10 % over 2 years, half left:
    # 64,000 x 512 x (10 % + 90 % x 0.5)
    assert part.book_value == pytest.approx(MODULES * 512 * 0.55, rel=REL)
    assert o.book_value == pytest.approx(MODULES * 512 * 0.55, rel=REL)  # switch: 0


def test_resale_share():
    # new: the whole price; without a decline: the salvage share at any age
    assert resale.resale_share(0.0, Q(0.1, ""), None) == 1.0
    assert resale.resale_share(3.0, Q(0.1, ""), None) == pytest.approx(0.1)
    # 30 % a year: 0.7^3 = 0.343, floored at 40 % salvage
    assert resale.resale_share(3.0, Q(0.1, ""), Q(0.3, "")) == pytest.approx(0.343)
    assert resale.resale_share(3.0, Q(0.4, ""), Q(0.3, "")) == pytest.approx(0.4)


def test_carbon_price_escalates_from_year_one():
    o, _ = pluggable("analysis.carbon_price=100 USD/tCO2e",
                     "analysis.carbon_price_escalation=10 %")
    c = o.by_year["carbon"]
    assert c[0] == 0.0
    # the same emissions each year, priced 1, 1.1, 1.21 x the year-1 price
    assert c[2] == pytest.approx(c[1] * 1.1, rel=REL)
    assert c[3] == pytest.approx(c[1] * 1.21, rel=REL)


def test_warnings_when_the_horizon_outlives_the_parts(run_tco):
    _, r = pluggable("analysis.horizon=7 year")
    assert len(r.warnings) == 1
    assert "nothing is replaced within 7 years" in r.warnings[0]
    _, r = pluggable("analysis.horizon=7 year", "options.pluggable.optics.life=5 year")
    assert any(w.startswith("options.pluggable: switch never replaced within 7 years")
               for w in r.warnings)
    assert not any("options.pluggable.optics.life" in w for w in r.warnings)
    _, r = pluggable()  # 5 years: within the 5-6 years network gear serves
    assert r.warnings == []
    out = run_tco("compare", str(BASIC), "--years", "7", "--no-chart")
    assert out.returncode == 0
    assert "tco: warning: nothing is replaced within 7 years" in out.stderr


@FAST
@given(varied(), st.floats(0.0, 5.0), st.sampled_from(["pluggable", "lpo", "npo", "cpo"]))
def test_a_zero_trend_equals_todays_model(overrides, hold, key):
    today = evaluate(overrides)
    flat = evaluate([*overrides, f"options.{key}.optics.price_trend=0 %",
                     f"options.{key}.optics.price_hold={_num(hold)} year",
                     "analysis.labour_escalation=0 %",
                     "analysis.carbon_price_escalation=0 %"])
    for a, b in zip(today.options, flat.options, strict=True):
        for c in a.by_year:
            assert (a.by_year[c] == b.by_year[c]).all(), c


@FAST
@given(varied(), st.floats(-50.0, -0.1))
def test_a_falling_price_never_raises_a_cost(overrides, trend):
    today = evaluate(overrides)
    falling = evaluate([*overrides, f"options.pluggable.optics.price_trend={_num(trend)} %"])
    a = next(o for o in today.options if o.id == "pluggable")
    b = next(o for o in falling.options if o.id == "pluggable")
    for c in ("equipment", "spares", "repairs"):
        assert float(b.category_totals[c]) <= float(a.category_totals[c]) * (1 + 1e-12) + 1e-9


def test_the_json_names_the_deployment_year(run_tco):
    import json

    out = run_tco("compare", str(BASIC), "-f", "json", "--set", "analysis.deployment_year=2027")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["results"][0]["deployment_year"] == 2027
