"""Cost components, finance and one tiny scenario, each against arithmetic worked by hand.

Every expected value is written out as the arithmetic that produces it; no
number the code produced is compared with itself.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from tco import engine, finance
from tco.components import (
    at_end,
    at_start,
    capital,
    carbon,
    cooling,
    downtime,
    energy,
    every_year,
    repairs,
    replacement,
)
from tco.io import loader
from tco.model import derived
from tco.units import HOURS_PER_YEAR, Q

REL = 1e-9
INF = float("inf")


def usd(q):
    """Magnitude of a money quantity in USD (floats or arrays)."""
    return np.asarray(q.to("USD").magnitude, dtype=float)


# --------------------------------------------------------------------------------------
# conventions
# --------------------------------------------------------------------------------------


def test_year_is_8760_hours():
    # 365 days x 24 hours
    assert HOURS_PER_YEAR == 365 * 24
    assert Q(1, "year").to("hour").magnitude == pytest.approx(8760, rel=REL)


def test_year_placement_helpers():
    # index 0 is the deployment; every_year books a rate at the end of years 1..horizon
    assert at_start(Q(7.0, "USD"), 3).to("USD").magnitude.tolist() == [7.0, 0.0, 0.0, 0.0]
    assert at_end(Q(7.0, "USD"), 3).to("USD").magnitude.tolist() == [0.0, 0.0, 0.0, 7.0]
    # 12 USD/month = 144 USD/year
    yearly = every_year(Q(12.0, "USD/month"), 3)
    assert usd(yearly) == pytest.approx([0.0, 144.0, 144.0, 144.0], rel=REL)


# --------------------------------------------------------------------------------------
# capital
# --------------------------------------------------------------------------------------


def test_equipment_cost():
    # 1000 switches x 64 optics x 1250 USD = 80,000,000 USD
    cost = capital.equipment_cost(Q(1000, ""), Q(64, ""), Q(1250, "USD"))
    assert usd(cost) == pytest.approx(1000 * 64 * 1250, rel=REL)


def test_spares_cost_percent_input():
    # 1000 switches x 64 optics x 2 % x 1250 USD = 1,600,000 USD (an expected figure, not rounded)
    cost = capital.spares_cost(Q(1000, ""), Q(64, ""), Q(1250, "USD"), Q(2, "%"))
    assert usd(cost) == pytest.approx(1000 * 64 * 0.02 * 1250, rel=REL)


def test_spares_cost_is_not_rounded_to_whole_units():
    # 3 switches x 1 unit x 10 % = 0.3 spare units x 1000 USD = 300 USD
    cost = capital.spares_cost(Q(3, ""), Q(1, ""), Q(1000, "USD"), Q(10, "%"))
    assert usd(cost) == pytest.approx(0.3 * 1000, rel=REL)


def test_installation_cost():
    # 10 switches x 64 units x 0.1 hour x 100 USD/hour = 6,400 USD
    cost = capital.installation_cost(Q(10, ""), Q(64, ""), Q(0.1, "hour"), Q(100, "USD/hour"))
    assert usd(cost) == pytest.approx(10 * 64 * 0.1 * 100, rel=REL)
    # labour given in minutes: 6 minutes = 0.1 hour, same cost
    cost_min = capital.installation_cost(Q(10, ""), Q(64, ""), Q(6, "minute"),
                                         Q(100, "USD/hour"))
    assert usd(cost_min) == pytest.approx(10 * 64 * 0.1 * 100, rel=REL)


# --------------------------------------------------------------------------------------
# energy
# --------------------------------------------------------------------------------------


def test_it_power():
    # 1000 switches x 64 ports x 15 W = 960,000 W = 960 kW
    p = energy.it_power(Q(1000, ""), Q(64, ""), Q(15, "W"))
    assert str(p.units) == "kilowatt"
    assert p.magnitude == pytest.approx(1000 * 64 * 15 / 1000, rel=REL)


def test_annual_energy_uses_8760_hours():
    # 960 kW x 8760 h = 8,409,600 kWh = 8,409.6 MWh per year
    e = energy.annual_energy(Q(960, "kW"))
    assert e.to("MWh/year").magnitude == pytest.approx(960 * 8760 / 1000, rel=REL)


def test_energy_cost_flat_price():
    # 100 kW x 8760 h = 876,000 kWh/year x 0.078 USD/kWh = 68,328 USD each year, none in year 0
    annual = energy.annual_energy(Q(100, "kW"))
    cost = energy.energy_cost_by_year(annual, Q(0.078, "USD/kWh"), Q(0.0, ""), 3)
    year_one = 100 * 8760 * 0.078
    assert usd(cost) == pytest.approx([0.0, year_one, year_one, year_one], rel=REL)


def test_energy_cost_escalation_year_by_year_fraction_input():
    # year 1 at the stated price; +2 % a year after that:
    # y1 = 876,000 kWh x 0.078 = 68,328; y2 = 68,328 x 1.02; y3 = 68,328 x 1.02^2; ...
    annual = energy.annual_energy(Q(100, "kW"))
    cost = energy.energy_cost_by_year(annual, Q(0.078, "USD/kWh"), Q(0.02, ""), 4)
    y1 = 100 * 8760 * 0.078
    assert usd(cost) == pytest.approx(
        [0.0, y1, y1 * 1.02, y1 * 1.02 * 1.02, y1 * 1.02 * 1.02 * 1.02], rel=REL)


def test_energy_cost_escalation_percent_quantity():
    # the same escalation as above, written as a percent quantity: 2 % == 0.02
    # (regression: the magnitude 2 used to be read as a fraction, +200 % a year)
    annual = energy.annual_energy(Q(100, "kW"))
    cost = energy.energy_cost_by_year(annual, Q(0.078, "USD/kWh"), Q(2, "%"), 3)
    y1 = 100 * 8760 * 0.078
    assert usd(cost) == pytest.approx([0.0, y1, y1 * 1.02, y1 * 1.02 * 1.02], rel=REL)


def test_energy_cost_price_in_other_units():
    # 78 USD/MWh is 0.078 USD/kWh: 50 kW x 8760 h x 0.078 = 34,164 USD in year 1
    annual = energy.annual_energy(Q(50, "kW"))
    cost = energy.energy_cost_by_year(annual, Q(78, "USD/MWh"), Q(0.0, ""), 1)
    assert usd(cost) == pytest.approx([0.0, 50 * 8760 * 0.078], rel=REL)


# --------------------------------------------------------------------------------------
# cooling
# --------------------------------------------------------------------------------------


def test_cooling_power_from_pue_overhead():
    # PUE 1.3: overhead 0.3 x 960 kW = 288 kW
    assert cooling.cooling_power(Q(960, "kW"), Q(0.3, "")).magnitude == pytest.approx(
        960 * 0.3, rel=REL)
    # the same written as a cooling energy fraction of 30 %, IT power in W
    p = cooling.cooling_power(Q(960_000, "W"), Q(30, "%"))
    assert p.to("kW").magnitude == pytest.approx(960 * 0.3, rel=REL)


def test_cooling_capex():
    # 960 kW of heat x 400 USD/kW = 384,000 USD
    capex = cooling.cooling_capex(Q(960, "kW"), Q(400, "USD/kW"))
    assert usd(capex) == pytest.approx(960 * 400, rel=REL)
    # power in W: 960,000 W = 960 kW, same capex
    capex_w = cooling.cooling_capex(Q(960_000, "W"), Q(400, "USD/kW"))
    assert usd(capex_w) == pytest.approx(960 * 400, rel=REL)


# --------------------------------------------------------------------------------------
# repairs
# --------------------------------------------------------------------------------------


def test_failures_per_year_from_afr():
    # 1000 switches x 64 units x 2 %/year = 1,280 failures/year
    f = repairs.failures_per_year(Q(1000, ""), Q(64, ""), Q(2, "%") / Q(1, "year"))
    assert f.to("1/year").magnitude == pytest.approx(1000 * 64 * 0.02, rel=REL)


def test_failures_per_year_from_mtbf_and_fit():
    # MTBF 750,000 h: 8760 / 750,000 failures per unit-year;
    # 1000 x 64 units -> 64,000 x 8760 / 750,000 = 747.52 failures/year
    expected = 1000 * 64 * 8760 / 750_000
    f_mtbf = repairs.failures_per_year(Q(1000, ""), Q(64, ""), 1 / Q(750_000, "hour"))
    assert f_mtbf.magnitude == pytest.approx(expected, rel=REL)
    # the same rate in FIT (failures per 1e9 device-hours): 1e9 / 750,000 FIT
    f_fit = repairs.failures_per_year(Q(1000, ""), Q(64, ""), Q(1e9 / 750_000, "FIT"))
    assert f_fit.magnitude == pytest.approx(expected, rel=REL)


def test_cost_per_repair_and_per_year():
    # one repair: 1250 USD part + 0.25 hour x 100 USD/hour = 1,275 USD
    per = repairs.cost_per_repair(Q(1250, "USD"), Q(0.25, "hour"), Q(100, "USD/hour"))
    assert usd(per) == pytest.approx(1250 + 0.25 * 100, rel=REL)
    # 12.8 failures/year x 1,275 USD = 16,320 USD/year
    yearly = repairs.repair_cost_per_year(Q(12.8, "1/year"), per)
    assert yearly.to("USD/year").magnitude == pytest.approx(12.8 * 1275, rel=REL)


# --------------------------------------------------------------------------------------
# downtime
# --------------------------------------------------------------------------------------


def test_link_hours_and_downtime_cost():
    # 0.1 switch failures/year x 64 links x 24 h = 153.6 link-hours/year
    lh = downtime.link_hours_per_year(Q(0.1, "1/year"), Q(64, ""), Q(24, "hour"))
    assert lh.to("hour/year").magnitude == pytest.approx(0.1 * 64 * 24, rel=REL)
    # x 50 USD per link-hour = 7,680 USD/year
    cost = downtime.downtime_cost_per_year(lh, Q(50, "USD/hour"))
    assert cost.to("USD/year").magnitude == pytest.approx(0.1 * 64 * 24 * 50, rel=REL)


def test_link_hours_time_to_repair_in_minutes():
    # 12 failures/year x 1 link x 126 minutes (2.1 h) = 25.2 link-hours/year
    lh = downtime.link_hours_per_year(Q(12, "1/year"), Q(1, ""), Q(126, "minute"))
    assert lh.magnitude == pytest.approx(12 * 1 * 2.1, rel=REL)


# --------------------------------------------------------------------------------------
# carbon
# --------------------------------------------------------------------------------------


def test_emissions_and_carbon_cost():
    # 1,000 MWh/year x 481 gCO2e/kWh = 1,000,000 kWh x 0.481 kg = 481 tCO2e/year
    em = carbon.emissions_per_year(Q(1000, "MWh/year"), Q(481, "gCO2e/kWh"))
    assert str(em.units) == "tonne_CO2e / year"
    assert em.magnitude == pytest.approx(1000 * 1000 * 481 / 1e6, rel=REL)
    # 481 t/year x 80 USD/tCO2e = 38,480 USD/year
    cost = carbon.carbon_cost_per_year(em, Q(80, "USD/tCO2e"))
    assert cost.to("USD/year").magnitude == pytest.approx(481 * 80, rel=REL)


# --------------------------------------------------------------------------------------
# replacement
# --------------------------------------------------------------------------------------


def test_replacements_life_3_in_5_years():
    # replaced at t = 3 (booked in year 3); the next one, t = 6, is past the horizon
    ev = replacement.replacements_by_year(Q(3, "year"), 5)
    assert ev.tolist() == [0, 0, 0, 1, 0, 0]


def test_replacements_life_2_5_in_5_years():
    # t = 2.5 falls in year 3 (2 < 2.5 <= 3); t = 5.0 is the horizon end, not booked
    ev = replacement.replacements_by_year(Q(2.5, "year"), 5)
    assert ev.tolist() == [0, 0, 0, 1, 0, 0]


def test_replacements_life_equal_to_horizon():
    # worn out exactly when the analysis ends: no replacement inside the horizon
    ev = replacement.replacements_by_year(Q(5, "year"), 5)
    assert ev.tolist() == [0, 0, 0, 0, 0, 0]


def test_replacements_life_half_year_over_two_years():
    # t = 0.5 and 1.0 in year 1 (0 < t <= 1); t = 1.5 in year 2; t = 2.0 is the horizon end
    ev = replacement.replacements_by_year(Q(0.5, "year"), 2)
    assert ev.tolist() == [0, 2, 1]


def test_replacements_life_in_months():
    # 18 months = 1.5 years over 4 years: t = 1.5 (year 2), 3.0 (year 3); 4.5 is past the end
    ev = replacement.replacements_by_year(Q(18, "month"), 4)
    assert ev.tolist() == [0, 0, 1, 1, 0]


def test_replacements_third_of_a_year_no_rounding_slip():
    # life 1/3 year over 1 year: t = 1/3, 2/3 inside; t = 3/3 = 1 is the horizon end
    ev = replacement.replacements_by_year(Q(1 / 3, "year"), 1)
    assert ev.tolist() == [0, 2]
    # life 0.1 year over 3 years: 10 in year 1 (0.1..1.0), 10 in year 2 (1.1..2.0),
    # 9 in year 3 (2.1..2.9); 30 x 0.1 = 3.0 is the horizon end
    ev = replacement.replacements_by_year(Q(0.1, "year"), 3)
    assert ev.tolist() == [0, 10, 10, 9]


def test_replacements_life_in_weeks_lands_on_a_year_end():
    # 73 weeks = 511 days = 1.4 years; 7 / 1.4 comes out as 4.999999999999999 in floating
    # point, yet the fifth replacement is at t = 5 x 1.4 = 7.0, the end of year 7.
    # t = 1.4, 2.8, 4.2, 5.6, 7.0, 8.4, 9.8 -> years 2, 3, 5, 6, 7, 9, 10
    ev = replacement.replacements_by_year(Q(73, "week"), 10)
    assert ev.tolist() == [0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1]


def test_replacements_life_in_months_not_at_the_horizon_end():
    # 5 months = 5/12 year over 5 years: t = k x 5/12 for k = 1..11 (k = 12 is t = 5.0,
    # the horizon end, even though 5 / (5/12) comes out as 12.000000000000002):
    # year 1: k = 1, 2; year 2: k = 3, 4; year 3: k = 5, 6, 7; year 4: k = 8, 9;
    # year 5: k = 10, 11
    ev = replacement.replacements_by_year(Q(5, "month"), 5)
    assert ev.tolist() == [0, 2, 2, 3, 2, 2]


def test_replacements_infinite_life():
    ev = replacement.replacements_by_year(Q(INF, "year"), 5)
    assert ev.tolist() == [0, 0, 0, 0, 0, 0]


def test_replacement_cost_by_year():
    # events in year 3: 10 switches x 64 units x (1000 USD + 0.1 hour x 100 USD/hour)
    #                   = 640 x 1010 = 646,400 USD
    ev = replacement.replacements_by_year(Q(3, "year"), 5)
    cost = replacement.replacement_cost_by_year(ev, Q(10, ""), Q(64, ""), Q(1000, "USD"),
                                                Q(0.1, "hour"), Q(100, "USD/hour"))
    assert usd(cost) == pytest.approx([0, 0, 0, 10 * 64 * (1000 + 0.1 * 100), 0, 0], rel=REL)


def test_remaining_life_fraction():
    # life 4 in 6 years: replaced at 4, age 2 at the end -> 1 - 2/4 = 0.5
    assert float(replacement.remaining_life_fraction(Q(4, "year"), 6)) == pytest.approx(
        1 - 2 / 4, rel=REL)
    # life 10 in 5 years: never replaced, age 5 -> 1 - 5/10 = 0.5
    assert float(replacement.remaining_life_fraction(Q(10, "year"), 5)) == pytest.approx(
        1 - 5 / 10, rel=REL)
    # life 3 in 4 years: replaced at 3, age 1 -> 1 - 1/3 = 2/3
    assert float(replacement.remaining_life_fraction(Q(3, "year"), 4)) == pytest.approx(
        1 - 1 / 3, rel=REL)
    # life 2.5 in 5 years: replaced at 2.5, worn out at 5 -> 0
    assert float(replacement.remaining_life_fraction(Q(2.5, "year"), 5)) == pytest.approx(
        0.0, abs=1e-12)
    # life equal to the horizon -> 0
    assert float(replacement.remaining_life_fraction(Q(5, "year"), 5)) == pytest.approx(
        0.0, abs=1e-12)
    # 36 months = 3 years in 4 years -> 2/3, as above
    assert float(replacement.remaining_life_fraction(Q(36, "month"), 4)) == pytest.approx(
        2 / 3, rel=REL)
    # life 5 months over 5 years: 5 / (5/12) is 12.000000000000002 in floating point, but
    # the 12th replacement would be at 5.0, the horizon end; the last inside is the 11th,
    # at 55/12, worn out exactly at 5.0 -> 0
    assert float(replacement.remaining_life_fraction(Q(5, "month"), 5)) == pytest.approx(
        0.0, abs=1e-9)
    # infinite life: no schedule to depreciate on -> 0
    assert float(replacement.remaining_life_fraction(Q(INF, "year"), 6)) == 0.0


def test_residual_value_with_salvage():
    # 10 x 64 units x 1000 USD x (10 % + 90 % x 0.5) = 640,000 x 0.55 = 352,000 USD
    rv = replacement.residual_value(Q(10, ""), Q(64, ""), Q(1000, "USD"), Q(10, "%"),
                                    np.asarray(0.5))
    assert usd(rv) == pytest.approx(10 * 64 * 1000 * (0.10 + 0.90 * 0.5), rel=REL)
    # nothing left of the life: only the salvage share, 640,000 x 10 % = 64,000 USD
    rv0 = replacement.residual_value(Q(10, ""), Q(64, ""), Q(1000, "USD"), Q(0.1, ""),
                                     np.asarray(0.0))
    assert usd(rv0) == pytest.approx(10 * 64 * 1000 * 0.10, rel=REL)
    # no salvage, whole life left: the full price, 640,000 USD
    rv1 = replacement.residual_value(Q(10, ""), Q(64, ""), Q(1000, "USD"), Q(0, "%"),
                                     np.asarray(1.0))
    assert usd(rv1) == pytest.approx(10 * 64 * 1000, rel=REL)


# --------------------------------------------------------------------------------------
# numpy-array inputs: one value per sample
# --------------------------------------------------------------------------------------


def test_energy_arrays_broadcast_to_samples_by_years():
    # three fleets: 10, 100, 1000 switches x 64 x 15 W -> 9.6, 96, 960 kW
    sw = Q(np.array([10.0, 100.0, 1000.0]), "")
    p = energy.it_power(sw, Q(64, ""), Q(15, "W"))
    assert p.magnitude == pytest.approx([9.6, 96.0, 960.0], rel=REL)
    annual = energy.annual_energy(p)
    # and three prices, three escalations
    price = Q(np.array([0.05, 0.10, 0.20]), "USD/kWh")
    esc = Q(np.array([0.0, 0.1, -0.5]), "")
    cost = usd(energy.energy_cost_by_year(annual, price, esc, 2))
    assert cost.shape == (3, 3)
    expected = []
    for kw, pr, e in [(9.6, 0.05, 0.0), (96.0, 0.10, 0.1), (960.0, 0.20, -0.5)]:
        y1 = kw * 8760 * pr
        expected.append([0.0, y1, y1 * (1 + e)])
    assert cost == pytest.approx(np.array(expected), rel=REL)


def test_replacement_arrays_broadcast():
    lives = Q(np.array([3.0, 2.5, 5.0, INF]), "year")
    ev = replacement.replacements_by_year(lives, 5)
    assert ev.shape == (4, 6)
    assert ev.tolist() == [
        [0, 0, 0, 1, 0, 0],  # life 3: t = 3
        [0, 0, 0, 1, 0, 0],  # life 2.5: t = 2.5 (year 3); t = 5 not booked
        [0, 0, 0, 0, 0, 0],  # life = horizon
        [0, 0, 0, 0, 0, 0],  # never
    ]
    # one switch count per sample as well: 1, 2, 3, 4 switches x 1 unit x 100 USD
    cost = usd(replacement.replacement_cost_by_year(
        ev, Q(np.array([1.0, 2.0, 3.0, 4.0]), ""), Q(1, ""), Q(100, "USD"), Q(0, "hour"),
        Q(100, "USD/hour")))
    assert cost.shape == (4, 6)
    assert cost[:, 3].tolist() == pytest.approx([1 * 100, 2 * 100, 0, 0], rel=REL)
    assert cost.sum() == pytest.approx(300, rel=REL)

    # remaining life in 6 years: life 4 -> 0.5; life 3 -> replaced at 3, worn out at 6 -> 0;
    # life 12 -> 1 - 6/12 = 0.5; infinite -> 0
    rem = replacement.remaining_life_fraction(Q(np.array([4.0, 3.0, 12.0, INF]), "year"), 6)
    assert rem.shape == (4,)
    assert rem == pytest.approx([0.5, 0.0, 0.5, 0.0], abs=1e-12)


def test_every_year_and_at_start_with_arrays():
    # two samples of a yearly rate: 10 and 20 USD/year over 2 years
    flows = usd(every_year(Q(np.array([10.0, 20.0]), "USD/year"), 2))
    assert flows.tolist() == [[0.0, 10.0, 10.0], [0.0, 20.0, 20.0]]
    start = usd(at_start(Q(np.array([5.0, 6.0]), "USD"), 2))
    assert start.tolist() == [[5.0, 0.0, 0.0], [6.0, 0.0, 0.0]]
    end = usd(at_end(Q(np.array([5.0, 6.0]), "USD"), 2))
    assert end.tolist() == [[0.0, 0.0, 5.0], [0.0, 0.0, 6.0]]


# --------------------------------------------------------------------------------------
# finance
# --------------------------------------------------------------------------------------


def test_discount_factors():
    # (1.1)^-y for y = 0..3
    f = finance.discount_factors(0.1, 3)
    assert f == pytest.approx([1.0, 1 / 1.1, 1 / 1.1 ** 2, 1 / 1.1 ** 3], rel=REL)
    # one row per rate
    f2 = finance.discount_factors(np.array([0.0, 0.5]), 2)
    assert f2.shape == (2, 3)
    assert f2 == pytest.approx(np.array([[1, 1, 1], [1, 1 / 1.5, 1 / 2.25]]), rel=REL)


def test_present_value_at_zero_is_the_plain_sum():
    flows = np.array([1000.0, 250.0, -75.5, 300.25])
    # 1000 + 250 - 75.5 + 300.25 = 1474.75
    assert float(finance.present_value(flows, 0.0)) == pytest.approx(1474.75, rel=REL)


def test_present_value_discounts_from_year_one_not_year_zero():
    # 1000 at t=0 is not discounted; 110 at end of year 1 -> 100; 121 at end of year 2 -> 100
    flows = np.array([1000.0, 110.0, 121.0])
    assert float(finance.present_value(flows, 0.10)) == pytest.approx(1000 + 100 + 100, rel=REL)


def test_present_value_arrays():
    # two samples, each with its own rate: row 0 at 0 % -> 3 + 3 + 3 = 9;
    # row 1 at 100 % -> 4 + 4/2 + 4/4 = 7
    flows = np.array([[3.0, 3.0, 3.0], [4.0, 4.0, 4.0]])
    pv = finance.present_value(flows, np.array([0.0, 1.0]))
    assert pv.shape == (2,)
    assert pv == pytest.approx([9.0, 7.0], rel=REL)


def test_break_even_never():
    # the option costs more every year: cumulative 200, 300, 400 vs 100, 150, 200
    be = finance.break_even_year(np.array([200.0, 100.0, 100.0]), np.array([100.0, 50.0, 50.0]))
    assert int(be) == -1


def test_break_even_from_the_start():
    # cheaper at deployment and every year after: cumulative 80, 120, 160 vs 100, 150, 200
    be = finance.break_even_year(np.array([80.0, 40.0, 40.0]), np.array([100.0, 50.0, 50.0]))
    assert int(be) == 0
    # identical costs count as "at or below": break-even from the start
    same = np.array([100.0, 50.0, 50.0])
    assert int(finance.break_even_year(same, same.copy())) == 0


def test_break_even_crossing():
    # option: more capex, less opex.
    # cumulative option 150, 170, 190, 210; baseline 100, 150, 200, 250
    # year 1: 170 > 150; year 2: 190 <= 200 and stays below -> 2
    opt = np.array([150.0, 20.0, 20.0, 20.0])
    base = np.array([100.0, 50.0, 50.0, 50.0])
    assert int(finance.break_even_year(opt, base)) == 2


def test_break_even_crossing_back_above_is_never():
    # cumulative option 150, 160, 170, 270 vs baseline 100, 150, 200, 250:
    # below in year 2 but back above in year 3, so it does not stay below -> -1
    opt = np.array([150.0, 10.0, 10.0, 100.0])
    base = np.array([100.0, 50.0, 50.0, 50.0])
    assert int(finance.break_even_year(opt, base)) == -1


def test_break_even_exact_tie_at_a_year():
    # cumulative option 120, 150, 180 vs baseline 100, 150, 200: equal in year 1 -> 1
    opt = np.array([120.0, 30.0, 30.0])
    base = np.array([100.0, 50.0, 50.0])
    assert int(finance.break_even_year(opt, base)) == 1


def test_break_even_arrays_per_sample():
    base = np.array([100.0, 50.0, 50.0, 50.0])
    opt = np.array([
        [80.0, 40.0, 40.0, 40.0],     # always cheaper -> 0
        [150.0, 20.0, 20.0, 20.0],    # crosses in year 2 (see above) -> 2
        [200.0, 100.0, 100.0, 100.0],  # never
    ])
    be = finance.break_even_year(opt, base)
    assert be.shape == (3,)
    assert be.tolist() == [0, 2, -1]


# --------------------------------------------------------------------------------------
# engine: a tiny scenario worked by hand
# --------------------------------------------------------------------------------------

TINY = """
name = "tiny"

[analysis]
horizon = "4 year"
discount_rate = "0 %"
electricity_price = "0.1 USD/kWh"
electricity_escalation = "10 %"
pue = 1.5
cooling_capex_air = "100 USD/kW"
cooling_capex_liquid = "400 USD/kW"
grid_carbon_intensity = "0.5 kgCO2e/kWh"
carbon_price = "100 USD/tCO2e"
downtime_cost = "50 USD/hour"
labour_rate = "100 USD/hour"

[deployment]
switches = 10
switch_capacity = "51.2 Tbit/s"
port_speed = "800 Gbit/s"

[options.base]
baseline = true
cooling = "air"

[options.base.switch]
price = "100000 USD"
power = "1000 W"
afr = "1 %"
repair = "replace_switch"
repair_price = "100000 USD"
repair_labour = "2 hour"
time_to_repair = "24 hour"
links_per_failure = 64
life = "3 year"
spares = "0 %"
salvage = "0 %"
install_labour = "4 hour"

[options.base.optics]
per_port = 1
price = "1000 USD"
power = "10 W"
afr = "2 %"
repair = "swap"
repair_price = "1000 USD"
repair_labour = "0.5 hour"
time_to_repair = "2 hour"
links_per_failure = 1
life = "2.5 year"
spares = "5 %"
salvage = "10 %"
install_labour = "0.1 hour"

[options.other]
cooling = "liquid"
pue = 1.2

[options.other.switch]
price = "80000 USD"
power = "900 W"
afr = "2 %"

[options.other.optics]
price = "500 USD"
power = "5 pJ/bit"
afr = "1 %"
repair = "spare_port"
spares = "10 %"

[options.other.lasers]
count = 16
price = "400 USD"
power = "0.625 pJ/bit"
afr = "4 %"
"""

# ---- option "base", worked by hand (10 switches, 64 ports of 800G, 4 years) ----------
# equipment: 10 x (1 switch x 100,000 + 64 optics x 1,000) = 10 x 164,000
BASE_EQUIPMENT = 10 * (1 * 100_000 + 64 * 1_000)
# spares: switch 0 %; optics 10 x 64 x 5 % x 1,000
BASE_SPARES = 10 * 1 * 0.0 * 100_000 + 10 * 64 * 0.05 * 1_000
# installation: 10 x 1 x 4 h x 100 + 10 x 64 x 0.1 h x 100
BASE_INSTALL = 10 * 1 * 4 * 100 + 10 * 64 * 0.1 * 100
# IT power: 10 x (1000 W + 64 x 10 W) = 16,400 W = 16.4 kW
BASE_IT_KW = 10 * (1000 + 64 * 10) / 1000
# escalation 10 %: year y pays 1.1^(y-1) times the year-1 price
GROWTH = [0.0, 1.0, 1.1, 1.1 ** 2, 1.1 ** 3]
# energy year 1: 16.4 kW x 8760 h x 0.1 USD/kWh = 14,366.4 USD
BASE_ENERGY_Y1 = BASE_IT_KW * 8760 * 0.1
# cooling: PUE 1.5 -> overhead 0.5 x 16.4 kW = 8.2 kW; 8.2 x 8760 x 0.1 = 7,183.2 USD in year 1
BASE_COOL_KW = BASE_IT_KW * (1.5 - 1)
BASE_COOL_ENERGY_Y1 = BASE_COOL_KW * 8760 * 0.1
# cooling capacity, air: 16.4 kW of heat x 100 USD/kW = 1,640 USD at deployment
BASE_COOL_CAPEX = BASE_IT_KW * 100
# repairs per year:
#   switch: 10 x 1 % = 0.1 failures x (100,000 + 2 h x 100) = 10,020
#   optics: 10 x 64 x 2 % = 12.8 failures x (1,000 + 0.5 h x 100) = 13,440
BASE_REPAIRS_PER_YEAR = 10 * 0.01 * (100_000 + 2 * 100) + 10 * 64 * 0.02 * (1_000 + 0.5 * 100)
# downtime per year: (0.1 x 64 links x 24 h + 12.8 x 1 link x 2 h) link-hours x 50 USD
BASE_DOWNTIME_PER_YEAR = (10 * 0.01 * 64 * 24 + 10 * 64 * 0.02 * 1 * 2) * 50
# replacement, all in year 3:
#   switch life 3 -> t = 3: 10 x 1 x (100,000 + 4 h x 100)
#   optics life 2.5 -> t = 2.5 (year 3; t = 5 is past the 4-year horizon), the
#       retired units' 10 % salvage credited: 10 x 64 x (1,000 x (1 - 10 %) + 0.1 h x 100)
BASE_REPLACEMENT_Y3 = 10 * 1 * (100_000 + 4 * 100) + 10 * 64 * (1_000 * 0.9 + 0.1 * 100)
# book value at the end of year 4 (reported, not cash):
#   switch: replaced at 3, age 1 of 3 -> 2/3 left, salvage 0: 10 x 100,000 x 2/3
#   optics: replaced at 2.5, age 1.5 of 2.5 -> 0.4 left; salvage 10 %:
#           10 x 64 x 1,000 x (0.1 + 0.9 x 0.4)
BASE_BOOK = 10 * 100_000 * (1 - 1 / 3) + 10 * 64 * 1_000 * (0.1 + 0.9 * (1 - 1.5 / 2.5))
# residual at the end of year 4 (a credit): what the used units sell for; with no
# resale_decline only the salvage share: switch 0 %, optics 10 x 64 x 1,000 x 10 %
BASE_RESIDUAL = 10 * 64 * 1_000 * 0.1
# carbon: (16.4 + 8.2) kW x 8760 h = 215,496 kWh x 0.5 kg = 107.748 t x 100 USD/t per year
BASE_CARBON_PER_YEAR = (BASE_IT_KW + BASE_COOL_KW) * 8760 * 0.5 / 1000 * 100

# ---- option "other": derived defaults ------------------------------------------------
# switch: repair replace_switch (default) -> repair_price = switch price 80,000,
#   repair_labour 0.5 h (default), time_to_repair 24 h, links_per_failure = 64 ports
# optics: per_port 1 (default) -> 64; 5 pJ/bit x 800 Gbit/s = 4 W; spare_port -> repair
#   price 0, time_to_repair 2.1 h, links = 64 / 64 = 1
# lasers: 16 modules share 64 x 800 Gbit/s = 51.2 Tbit/s, 3.2 Tbit/s each:
#   0.625 pJ/bit x 3.2 Tbit/s = 2 W; swap (default) -> repair price 400;
#   time_to_repair 2.1 h; links = 64 / 16 = 4
OTHER_EQUIPMENT = 10 * (80_000 + 64 * 500 + 16 * 400)
OTHER_SPARES = 10 * 64 * 0.10 * 500
# IT power: 10 x (900 + 64 x 4 + 16 x 2) W = 11,880 W = 11.88 kW
OTHER_IT_KW = 10 * (900 + 64 * (5e-12 * 800e9) + 16 * (0.625e-12 * 3.2e12)) / 1000
OTHER_COOL_KW = OTHER_IT_KW * (1.2 - 1)
OTHER_COOL_CAPEX = OTHER_IT_KW * 400  # liquid
# the switch is replaced with its 64 optics (not swapped on their own): 80,000 + 64 x 500
OTHER_REPAIRS_PER_YEAR = (10 * 0.02 * (80_000 + 64 * 500 + 0.5 * 100)  # switch: 0.2 failures
                          + 10 * 64 * 0.01 * (0 + 0.5 * 100)   # optics: 6.4 failures
                          + 10 * 16 * 0.04 * (400 + 0.5 * 100))  # lasers: 6.4 failures
OTHER_DOWNTIME_PER_YEAR = (10 * 0.02 * 64 * 24
                           + 10 * 64 * 0.01 * 1 * 2.1
                           + 10 * 16 * 0.04 * 4 * 2.1) * 50


@pytest.fixture(scope="module")
def tiny_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("tiny") / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tiny(tiny_path):
    scenario = loader.load(str(tiny_path))
    return scenario, engine.evaluate(scenario)


def _option(result, key):
    return next(o for o in result.options if o.id == key)


def test_tiny_scenario_derived_inputs(tiny):
    scenario, _ = tiny
    assert scenario.analysis.horizon_years == 4
    # 51.2 Tbit/s / 800 Gbit/s = 64 ports
    assert scenario.deployment.ports_in_use.magnitude == 64
    other = next(o for o in scenario.options if o.id == "other")
    sw, optics, lasers = other.part("switch"), other.part("optics"), other.part("lasers")
    assert sw.repair == "replace_switch"
    # a replaced switch comes with its 64 optics, which are not swapped on their own
    # (spare_port): 80,000 + 64 x 500 = 112,000 USD
    assert usd(sw.repair_price) == pytest.approx(80_000 + 64 * 500, rel=REL)
    assert sw.time_to_repair.to("hour").magnitude == pytest.approx(24, rel=REL)
    assert sw.links_per_failure.magnitude == pytest.approx(64, rel=REL)
    assert sw.repair_labour.to("hour").magnitude == pytest.approx(0.5, rel=REL)
    assert optics.count.magnitude == pytest.approx(64, rel=REL)
    # the power as given; the engine multiplies it by the bit rate of one unit
    assert str(optics.power.units) == "picojoule / bit"
    resolved = derived.resolve_option(other, scenario.deployment)
    optics, lasers = resolved.part("optics"), resolved.part("lasers")
    # an optics unit (per port) carries one port: 800 Gbit/s
    assert optics.bit_rate.to("Gbit/s").magnitude == pytest.approx(800, rel=REL)
    # 5 pJ/bit x 800 Gbit/s = 5e-12 J/bit x 8e11 bit/s = 4 W
    assert optics.power.to("W").magnitude == pytest.approx(5e-12 * 800e9, rel=REL)
    assert usd(optics.repair_price) == pytest.approx(0.0, abs=1e-12)
    assert optics.time_to_repair.to("hour").magnitude == pytest.approx(2.1, rel=REL)
    assert optics.links_per_failure.magnitude == pytest.approx(1, rel=REL)
    assert lasers.power.to("W").magnitude == pytest.approx(0.625e-12 * 51.2e12 / 16, rel=REL)
    assert lasers.repair == "swap"
    assert usd(lasers.repair_price) == pytest.approx(400, rel=REL)
    assert lasers.links_per_failure.magnitude == pytest.approx(64 / 16, rel=REL)
    # no life given: never replaced
    assert math.isinf(optics.life.to("year").magnitude)


def test_tiny_base_category_totals(tiny):
    _, result = tiny
    base = _option(result, "base")
    t = {c: float(v) for c, v in base.category_totals.items()}
    assert t["equipment"] == pytest.approx(1_640_000, rel=REL)
    assert t["equipment"] == pytest.approx(BASE_EQUIPMENT, rel=REL)
    assert t["spares"] == pytest.approx(32_000, rel=REL)
    assert t["spares"] == pytest.approx(BASE_SPARES, rel=REL)
    assert t["installation"] == pytest.approx(4_000 + 6_400, rel=REL)
    assert t["installation"] == pytest.approx(BASE_INSTALL, rel=REL)
    # 1 + 1.1 + 1.21 + 1.331 = 4.641 years' worth of year-1 energy
    assert t["energy"] == pytest.approx(14_366.4 * 4.641, rel=REL)
    assert t["energy"] == pytest.approx(BASE_ENERGY_Y1 * sum(GROWTH), rel=REL)
    assert t["cooling"] == pytest.approx(7_183.2 * 4.641 + 1_640, rel=REL)
    assert t["cooling"] == pytest.approx(
        BASE_COOL_ENERGY_Y1 * sum(GROWTH) + BASE_COOL_CAPEX, rel=REL)
    assert t["repairs"] == pytest.approx((10_020 + 13_440) * 4, rel=REL)
    assert t["repairs"] == pytest.approx(BASE_REPAIRS_PER_YEAR * 4, rel=REL)
    # (153.6 + 25.6) link-hours x 50 = 8,960 per year
    assert t["downtime"] == pytest.approx(8_960 * 4, rel=REL)
    assert t["downtime"] == pytest.approx(BASE_DOWNTIME_PER_YEAR * 4, rel=REL)
    assert t["replacement"] == pytest.approx(1_004_000 + 582_400, rel=REL)
    assert t["replacement"] == pytest.approx(BASE_REPLACEMENT_Y3, rel=REL)
    assert t["residual"] == pytest.approx(-64_000, rel=REL)
    assert t["residual"] == pytest.approx(-BASE_RESIDUAL, rel=REL)
    # book value is kept apart: 1,000,000 x 2/3 + 294,400
    assert base.book_value == pytest.approx(1_000_000 * 2 / 3 + 294_400, rel=REL)
    assert base.book_value == pytest.approx(BASE_BOOK, rel=REL)
    assert t["carbon"] == pytest.approx(10_774.8 * 4, rel=REL)
    assert t["carbon"] == pytest.approx(BASE_CARBON_PER_YEAR * 4, rel=REL)


def test_tiny_base_year_by_year(tiny):
    _, result = tiny
    base = _option(result, "base")
    by = base.by_year
    assert by["equipment"] == pytest.approx([BASE_EQUIPMENT, 0, 0, 0, 0], rel=REL)
    assert by["energy"] == pytest.approx([BASE_ENERGY_Y1 * g for g in GROWTH], rel=REL)
    assert by["cooling"] == pytest.approx(
        [BASE_COOL_CAPEX] + [BASE_COOL_ENERGY_Y1 * g for g in GROWTH[1:]], rel=REL)
    assert by["replacement"] == pytest.approx([0, 0, 0, BASE_REPLACEMENT_Y3, 0], rel=REL)
    assert by["residual"] == pytest.approx([0, 0, 0, 0, -BASE_RESIDUAL], rel=REL)
    assert by["repairs"] == pytest.approx([0] + [BASE_REPAIRS_PER_YEAR] * 4, rel=REL)
    assert by["carbon"] == pytest.approx([0] + [BASE_CARBON_PER_YEAR] * 4, rel=REL)
    # year 0: everything bought at deployment
    assert base.year_totals[0] == pytest.approx(
        BASE_EQUIPMENT + BASE_SPARES + BASE_INSTALL + BASE_COOL_CAPEX, rel=REL)
    # year 3: running costs plus both replacements
    assert base.year_totals[3] == pytest.approx(
        (BASE_ENERGY_Y1 + BASE_COOL_ENERGY_Y1) * 1.1 ** 2 + BASE_REPAIRS_PER_YEAR
        + BASE_DOWNTIME_PER_YEAR + BASE_CARBON_PER_YEAR + BASE_REPLACEMENT_Y3, rel=REL)


def test_tiny_base_physical(tiny):
    _, result = tiny
    ph = _option(result, "base").physical
    assert ph["it_power_kw"] == pytest.approx(16.4, rel=REL)
    assert ph["cooling_power_kw"] == pytest.approx(8.2, rel=REL)
    # (16.4 + 8.2) kW x 8760 h = 215.496 MWh/year; x 0.5 kg/kWh = 107.748 t/year
    assert ph["total_energy_mwh_per_year"] == pytest.approx(24.6 * 8760 / 1000, rel=REL)
    assert ph["emissions_t_per_year"] == pytest.approx(24.6 * 8760 * 0.5 / 1000, rel=REL)
    # failures: 0.1 switch + 12.8 optics = 12.9 a year
    assert ph["failures_per_year"] == pytest.approx(0.1 + 12.8, rel=REL)
    assert ph["downtime_link_hours_per_year"] == pytest.approx(153.6 + 25.6, rel=REL)


def test_tiny_other_category_totals(tiny):
    _, result = tiny
    other = _option(result, "other")
    t = {c: float(v) for c, v in other.category_totals.items()}
    # 10 x (80,000 + 32,000 + 6,400)
    assert t["equipment"] == pytest.approx(1_184_000, rel=REL)
    assert t["equipment"] == pytest.approx(OTHER_EQUIPMENT, rel=REL)
    assert t["spares"] == pytest.approx(OTHER_SPARES, rel=REL)
    assert t["installation"] == pytest.approx(0.0, abs=1e-9)
    assert other.physical["it_power_kw"] == pytest.approx(11.88, rel=REL)
    assert t["energy"] == pytest.approx(OTHER_IT_KW * 8760 * 0.1 * sum(GROWTH), rel=REL)
    # liquid: 11.88 kW x 400 USD/kW = 4,752; overhead 0.2 x 11.88 = 2.376 kW
    assert t["cooling"] == pytest.approx(
        4_752 + 2.376 * 8760 * 0.1 * sum(GROWTH), rel=REL)
    assert t["cooling"] == pytest.approx(
        OTHER_COOL_CAPEX + OTHER_COOL_KW * 8760 * 0.1 * sum(GROWTH), rel=REL)
    # 0.2 x 112,050 + 320 + 2,880 = 22,410 + 320 + 2,880 = 25,610 a year
    assert t["repairs"] == pytest.approx(25_610 * 4, rel=REL)
    assert t["repairs"] == pytest.approx(OTHER_REPAIRS_PER_YEAR * 4, rel=REL)
    # (307.2 + 13.44 + 53.76) link-hours x 50 = 18,720 a year
    assert t["downtime"] == pytest.approx(18_720 * 4, rel=REL)
    assert t["downtime"] == pytest.approx(OTHER_DOWNTIME_PER_YEAR * 4, rel=REL)
    assert t["replacement"] == pytest.approx(0.0, abs=1e-9)
    assert t["residual"] == pytest.approx(0.0, abs=1e-9)
    assert t["carbon"] == pytest.approx(
        (OTHER_IT_KW + OTHER_COOL_KW) * 8760 * 0.5 / 1000 * 100 * 4, rel=REL)


def test_tiny_totals_savings_and_break_even(tiny):
    _, result = tiny
    base, other = _option(result, "base"), _option(result, "other")
    base_total = (BASE_EQUIPMENT + BASE_SPARES + BASE_INSTALL
                  + (BASE_ENERGY_Y1 + BASE_COOL_ENERGY_Y1) * sum(GROWTH) + BASE_COOL_CAPEX
                  + 4 * (BASE_REPAIRS_PER_YEAR + BASE_DOWNTIME_PER_YEAR + BASE_CARBON_PER_YEAR)
                  + BASE_REPLACEMENT_Y3 - BASE_RESIDUAL)
    assert float(base.total) == pytest.approx(base_total, rel=REL)
    # discount 0 %: present value = total
    assert float(base.present_value) == pytest.approx(base_total, rel=REL)
    other_total = (OTHER_EQUIPMENT + OTHER_SPARES
                   + (OTHER_IT_KW + OTHER_COOL_KW) * 8760 * 0.1 * sum(GROWTH)
                   + OTHER_COOL_CAPEX
                   + 4 * (OTHER_REPAIRS_PER_YEAR + OTHER_DOWNTIME_PER_YEAR)
                   + 4 * (OTHER_IT_KW + OTHER_COOL_KW) * 8760 * 0.5 / 1000 * 100)
    assert float(other.total) == pytest.approx(other_total, rel=REL)
    assert float(other.savings) == pytest.approx(base_total - other_total, rel=REL)
    assert float(other.savings_percent) == pytest.approx(
        100 * (base_total - other_total) / base_total, rel=REL)
    # per port: 10 switches x 64 ports = 640; per Tbit/s: 640 x 0.8 = 512
    assert float(other.cost_per_port) == pytest.approx(other_total / 640, rel=REL)
    assert float(other.cost_per_tbps) == pytest.approx(other_total / 512, rel=REL)
    # "other" is cheaper at deployment (1,220,752 vs 1,684,040) and the yearly gaps never
    # close that lead (its downtime is 9,760 a year higher, its other running costs lower):
    # break-even from the start
    assert base.break_even_year is None
    assert int(other.break_even_year) == 0


def test_tiny_present_value_at_ten_percent(tiny_path):
    scenario = loader.load(str(tiny_path), overrides=["analysis.discount_rate=10 %"])
    base = _option(engine.evaluate(scenario), "base")
    flows = [BASE_EQUIPMENT + BASE_SPARES + BASE_INSTALL + BASE_COOL_CAPEX]
    for y in range(1, 5):
        flows.append((BASE_ENERGY_Y1 + BASE_COOL_ENERGY_Y1) * GROWTH[y]
                     + BASE_REPAIRS_PER_YEAR + BASE_DOWNTIME_PER_YEAR + BASE_CARBON_PER_YEAR
                     + (BASE_REPLACEMENT_Y3 if y == 3 else 0.0)
                     - (BASE_RESIDUAL if y == 4 else 0.0))
    # year 0 undiscounted; year y divided by 1.1^y
    pv = sum(f / 1.1 ** y for y, f in enumerate(flows))
    assert float(base.present_value) == pytest.approx(pv, rel=REL)
    assert float(base.total) == pytest.approx(sum(flows), rel=REL)
    assert float(base.category_present_values["replacement"]) == pytest.approx(
        BASE_REPLACEMENT_Y3 / 1.1 ** 3, rel=REL)


def test_tiny_engine_with_sampled_inputs(tiny):
    # three electricity prices (one per sample): energy flows become (3, horizon + 1)
    scenario, _ = tiny
    prices = np.array([0.05, 0.10, 0.20])
    analysis = dataclasses.replace(scenario.analysis,
                                   electricity_price=Q(prices, "USD/kWh"))
    result = engine.evaluate(dataclasses.replace(scenario, analysis=analysis))
    base = _option(result, "base")
    assert base.by_year["energy"].shape == (3, 5)
    # energy in year y = 16.4 kW x 8760 h x price x 1.1^(y-1)
    expected = np.array([[BASE_IT_KW * 8760 * p * g for g in GROWTH] for p in prices])
    assert base.by_year["energy"] == pytest.approx(expected, rel=REL)
    # costs that do not depend on the price broadcast to the same shape, unchanged
    assert base.by_year["equipment"].shape == (3, 5)
    assert base.category_totals["equipment"] == pytest.approx([BASE_EQUIPMENT] * 3, rel=REL)
    assert base.total.shape == (3,)


def test_tiny_engine_with_sampled_lives(tiny):
    # optics life per sample: 2.5, 3 and 5 years over the 4-year horizon
    scenario, _ = tiny
    base_opt = next(o for o in scenario.options if o.id == "base")
    optics = dataclasses.replace(base_opt.part("optics"),
                                 life=Q(np.array([2.5, 3.0, 5.0]), "year"))
    parts = tuple(optics if p.name == "optics" else p for p in base_opt.parts)
    options = tuple(dataclasses.replace(o, parts=parts) if o.id == "base" else o
                    for o in scenario.options)
    base = _option(engine.evaluate(dataclasses.replace(scenario, options=options)), "base")
    switch_repl = 10 * (100_000 + 4 * 100)  # the switch (life 3) in year 3, every sample
    optics_repl = 10 * 64 * (1_000 * (1 - 0.1) + 0.1 * 100)  # 10 % salvage credited
    assert base.by_year["replacement"].shape == (3, 5)
    assert base.by_year["replacement"] == pytest.approx(np.array([
        [0, 0, 0, switch_repl + optics_repl, 0],  # optics t = 2.5 (year 3)
        [0, 0, 0, switch_repl + optics_repl, 0],  # optics t = 3
        [0, 0, 0, switch_repl, 0],                # optics life 5 > 4: none
    ]), rel=REL)
    # book value: optics remaining life at year 4: 1 - 1.5/2.5 = 0.4, 1 - 1/3, 1 - 4/5 = 0.2
    switch_book = 10 * 100_000 * (2 / 3)
    optics_book = [10 * 64 * 1_000 * (0.1 + 0.9 * r) for r in (0.4, 2 / 3, 0.2)]
    assert base.book_value == pytest.approx([switch_book + o for o in optics_book], rel=REL)
    # resale: the salvage share only (no resale_decline), whatever the age
    assert base.category_totals["residual"] == pytest.approx([-64_000] * 3, rel=REL)


def test_replacement_credits_the_salvage_of_retired_units():
    # life 2 years over 5: replaced in years 2 and 4; each time 10 switches x 4 units x
    # (1,000 USD x (1 - 10 %) + 0.5 h x 100 USD/h) = 40 x 950 = 38,000 USD
    events = replacement.replacements_by_year(Q(2, "year"), 5)
    cost = replacement.replacement_cost_by_year(events, Q(10, ""), Q(4, ""), Q(1000, "USD"),
                                                Q(0.5, "hour"), Q(100, "USD/hour"), Q(10, "%"))
    assert usd(cost) == pytest.approx([0, 0, 38_000, 0, 38_000, 0], rel=REL)
