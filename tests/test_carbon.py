"""Carbon kept honest: a grid path, embodied emissions, a shadow price; by hand.

The frozen basic-51t scenario: the DSP pluggable fleet draws 1,000 x (1,050 +
64 x 15) W = 2,010 kW of IT power at PUE 1.3, on a grid of 481 gCO2e/kWh.
"""

from __future__ import annotations

import pytest
from conftest import BASIC

from tco import engine
from tco.io import loader

REL = 1e-9
# (2,010 kW x 1.3) x 8,760 h x 0.481 kg/kWh / 1,000 = 11,010.0 t a year
TONNES = 2010 * 1.3 * 8760 * 0.481 / 1000


def run(*overrides: str):
    r = engine.evaluate(loader.load(str(BASIC), list(overrides)))
    return {o.id: o for o in r.options}, r


def test_a_grid_path_lowers_operational_emissions_year_by_year():
    o, _ = run("analysis.carbon_price=100 USD/tCO2e", "analysis.grid_carbon_intensity_trend=-10 %")
    c = o["pluggable"].by_year["carbon"]
    assert c[1] == pytest.approx(TONNES * 100, rel=REL)
    assert c[2] == pytest.approx(TONNES * 0.9 * 100, rel=REL)
    # 1 + 0.9 + 0.81 + 0.729 + 0.6561 = 4.0951 years' worth of year-1 emissions
    assert o["pluggable"].physical["emissions_t_total"] == pytest.approx(TONNES * 4.0951,
                                                                         rel=REL)


def test_embodied_emissions_come_with_the_units_bought():
    o, _ = run("analysis.carbon_price=100 USD/tCO2e",
               "options.pluggable.optics.embodied_carbon=20 kgCO2e")
    # 64,000 modules + 2 % spares = 65,280 x 20 kg = 1,305.6 t in year 0, x 100 USD/t
    assert o["pluggable"].physical["embodied_t_total"] == pytest.approx(1305.6, rel=REL)
    assert o["pluggable"].by_year["carbon"][0] == pytest.approx(130_560, rel=REL)
    assert o["lpo"].physical["embodied_t_total"] == 0.0


def test_a_shadow_carbon_price_is_shown_but_not_in_the_total():
    cash, _ = run("analysis.carbon_price=100 USD/tCO2e")
    shadow, r = run("analysis.carbon_price=100 USD/tCO2e", "analysis.carbon_price_kind=shadow")
    p, q = cash["pluggable"], shadow["pluggable"]
    # the line is the same: 5 years x 11,010 t x 100 USD/t
    assert q.category_totals["carbon"] == pytest.approx(TONNES * 100 * 5, rel=REL)
    assert q.category_totals["carbon"] == p.category_totals["carbon"]
    # the total leaves it out
    assert q.total == pytest.approx(p.total - TONNES * 100 * 5, rel=REL)
    assert sum(q.year_totals) == pytest.approx(q.total, rel=REL)


def test_europe_no_longer_adds_the_ets_on_top_of_its_electricity_price():
    r = engine.evaluate(loader.load("europe"))
    assert r.scenario.analysis.carbon_price_kind == "shadow"
    for o in r.options:
        cash = sum(float(v) for c, v in o.category_totals.items() if c != "carbon")
        assert float(o.total) == pytest.approx(cash, rel=REL)
