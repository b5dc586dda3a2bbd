"""Cooling by type (air and liquid PUE, capital, fans) and PUE worked out where the
engine runs, against arithmetic written out by hand."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from conftest import BASIC

from tco import engine
from tco.io import loader
from tco.units import Q

REL = 1e-9


def by_id(result):
    return {o.id: o for o in result.options}


def test_air_and_liquid_each_have_a_pue_and_a_capital_cost():
    s = loader.load(str(BASIC), ["options.npo.cooling=liquid",
                                "analysis.cooling_capex_air=600 USD/kW",
                                "analysis.cooling_capex_liquid=400 USD/kW"])
    o = by_id(engine.evaluate(s))
    # pluggable, air: IT 1,000 x (1,050 + 64 x 15) W = 2,010 kW; PUE 1.3 (pue_air)
    assert o["pluggable"].physical["cooling_power_kw"] == pytest.approx(2010 * 0.3, rel=REL)
    assert o["pluggable"].by_year["cooling"][0] == pytest.approx(2010 * 600, rel=REL)
    # npo, liquid: IT 1,000 x (1,000 + 64 x 7) W = 1,448 kW; PUE 1.1 (pue_liquid)
    assert o["npo"].physical["cooling_power_kw"] == pytest.approx(1448 * 0.1, rel=REL)
    assert o["npo"].by_year["cooling"][0] == pytest.approx(1448 * 400, rel=REL)


def test_one_pue_for_every_option_replaces_cooling_by_type():
    s = loader.load(str(BASIC), ["options.npo.cooling=liquid", "analysis.pue=1.5"])
    o = by_id(engine.evaluate(s))
    # 1,448 kW x (1.5 - 1) = 724 kW, liquid or not
    assert o["npo"].physical["cooling_power_kw"] == pytest.approx(724, rel=REL)
    # an option's own PUE wins over the analysis's: 1,448 kW x 0.05
    s = loader.load(str(BASIC), ["analysis.pue=1.5", "options.npo.pue=1.05"])
    assert by_id(engine.evaluate(s))["npo"].physical["cooling_power_kw"] == pytest.approx(
        1448 * 0.05, rel=REL)


def test_a_liquid_cooled_switch_drops_its_fans():
    s = loader.load(str(BASIC), ["options.npo.cooling=liquid",
                                "analysis.switch_fan_share=20 %"])
    o = by_id(engine.evaluate(s))
    # switch 1,000 W x (1 - 20 %) = 800 W; IT = 1,000 x (800 + 64 x 7) W = 1,248 kW
    assert o["npo"].physical["it_power_kw"] == pytest.approx(1248, rel=REL)
    # an air-cooled switch keeps its fans: 1,000 x (1,050 + 960) W = 2,010 kW
    assert o["pluggable"].physical["it_power_kw"] == pytest.approx(2010, rel=REL)


def test_a_sampled_pue_moves_cooling():
    s = loader.load(str(BASIC))
    pues = Q(np.array([1.2, 1.5]), "")
    sampled = dataclasses.replace(s, analysis=dataclasses.replace(s.analysis, pue_air=pues))
    o = by_id(engine.evaluate(sampled))
    # CPO: IT 1,000 x (975 + 64 x 4.3 + 16 x 4.8) W = 1,327 kW; x 0.2 and x 0.5
    assert o["cpo"].physical["cooling_power_kw"] == pytest.approx([265.4, 663.5], rel=REL)
    # the same through analysis.pue, which replaces the per-type PUE
    sampled = dataclasses.replace(s, analysis=dataclasses.replace(s.analysis, pue=pues))
    o = by_id(engine.evaluate(sampled))
    assert o["cpo"].physical["cooling_power_kw"] == pytest.approx([265.4, 663.5], rel=REL)


def test_a_sampled_engine_price_moves_the_switch_repair_price():
    # CPO: a failed switch is replaced with its 64 co-packaged engines (spare_port
    # optics go with it): repair price = 75,000 + 64 x engine price, worked out where
    # the engine runs. 1,000 switches x 2 % = 20 switch failures a year.
    s = loader.load(str(BASIC))
    cpo = next(o for o in s.options if o.id == "cpo")
    engines = dataclasses.replace(cpo.part("optics"), price=Q(np.array([470.0, 570.0]), "USD"))
    cpo = dataclasses.replace(cpo, parts=tuple(engines if p.name == "optics" else p
                                               for p in cpo.parts))
    sampled = dataclasses.replace(s, options=tuple(cpo if o.id == "cpo" else o
                                                   for o in s.options))
    switch = next(p for p in by_id(engine.evaluate(sampled))["cpo"].parts if p.name == "switch")
    # 100 USD more per engine: 20 failures x 64 x 100 USD = 128,000 USD more a year
    year1 = switch.by_year["repairs"][..., 1]
    assert year1[1] - year1[0] == pytest.approx(20 * 64 * 100, rel=REL)
