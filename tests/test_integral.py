"""Parts built into the switch (co-packaged optics) and their spare-port pool (issue 7, item 2).

A 2-switch fleet of 51.2 Tbit/s switches (64 x 800G ports), worked by hand.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import run_option, two_switch_fleet
from hypothesis import given, settings
from hypothesis import strategies as st

from tco.components import spare_ports
from tco.errors import InputError
from tco.units import Q

REL = 1e-9

FLEET = two_switch_fleet(60, "free") + """
[options.cpo.switch]
price = "10000 USD"
power = "100 W"
life = "3 year"
salvage = "10 %"
repair_labour = "2 hour"
time_to_repair = "24 hour"

[options.cpo.optics]
integral = true
per_port = 1
price = "100 USD"
power = "1 W"
afr = "1.5625 %"
repair = "spare_port"
repair_labour = "0.5 hour"
time_to_repair = "2 hour"
spares = "6.25 %"
"""


def _run(overrides=(), text=FLEET):
    return run_option(text, "cpo", overrides)


def test_count_follows_capacity_not_ports_in_use():
    _, cpo = _run()
    # 64 engines per switch (51.2 Tbit/s / 800 Gbit/s), though only 60 ports are used:
    # equipment = 2 x (10,000 + 64 x 100) = 32,800
    assert float(cpo.category_totals["equipment"]) == pytest.approx(2 * (10_000 + 64 * 100),
                                                                    rel=REL)


def test_spares_are_spare_ports_at_system_cost_per_port():
    _, cpo = _run()
    # system cost per port = (10,000 + 64 x 100) / 64 ports = 256.25 USD
    # spare ports = 6.25 % x 64 = 4 per switch: 2 x 4 x 256.25 = 2,050 USD
    assert (10_000 + 64 * 100) / 64 == 256.25
    assert float(cpo.category_totals["spares"]) == pytest.approx(2 * 4 * 256.25, rel=REL)


def test_refreshed_and_salvaged_with_the_switch():
    s, cpo = _run()
    # the switch's life (3 years) and salvage (10 %) apply to its engines:
    # year 3: 2 x 10,000 x 0.9 + 2 x 64 x 100 x 0.9 = 18,000 + 11,520
    assert float(cpo.by_year["replacement"][3]) == pytest.approx(18_000 + 11_520, rel=REL)
    # at year 5 the units (bought again at year 3) are resold at the switch's salvage
    # share, 10 % (no resale_decline given): (2 x 10,000 + 2 x 64 x 100) x 0.1
    assert float(cpo.category_totals["residual"]) == pytest.approx(
        -(2 * 10_000 + 2 * 64 * 100) * 0.1, rel=REL)
    assert s.inputs["options.cpo.optics.life"].origin == "derived"


def test_pool_that_never_runs_dry_costs_only_its_ports():
    # pool = floor(4 bought + 4 not in use) = 8 spare ports per switch; with the
    # rate divided by 1e6 the chance of 9 faults on a switch is ~1e-60
    _, cpo = _run(["options.cpo.optics.afr=0.0000015625 %"])
    fails = 2 * 64 * 0.015625e-6  # per year
    # repairs: every fault is a port move at 0 + 0.5 h x 100 USD/h = 50 USD
    assert float(cpo.by_year["repairs"][1]) == pytest.approx(fails * 50, rel=1e-6)
    # downtime: fails x 1 link x 2 h x 10 USD/h
    assert float(cpo.by_year["downtime"][1]) == pytest.approx(fails * 1 * 2 * 10, rel=1e-6)
    assert float(cpo.physical["spare_ports_per_switch"]) == 8
    # runs out at age 8 / (64 x 0.015625e-6) years
    assert float(cpo.physical["spare_ports_run_out_years"]) == pytest.approx(
        8 / (64 * 0.015625e-6), rel=REL)


def test_empty_pool_every_fault_swaps_the_switch():
    # all 64 ports in use, no spares bought: pool 0, so every fault is a swap
    _, cpo = _run(["deployment.ports_in_use=64", "options.cpo.optics.spares=0 %"])
    # 64 x 1.5625 % = 1 fault per switch a year, 2 a year in the fleet
    # a swap = switch with its 64 engines, 10,000 + 64 x 100 = 16,400, + 2 h x 100 USD/h
    assert float(cpo.by_year["repairs"][1]) == pytest.approx(2 * (16_400 + 200), rel=REL)
    # every year alike (the refresh at year 3 restores an empty pool: still 0)
    assert float(cpo.by_year["repairs"][5]) == pytest.approx(2 * 16_600, rel=REL)
    # downtime: 2 swaps x 64 links x 24 h x 10 USD/h = 30,720 USD a year
    assert float(cpo.by_year["downtime"][1]) == pytest.approx(2 * 64 * 24 * 10, rel=REL)
    assert float(cpo.physical["spare_ports_run_out_years"]) == 0.0


def test_one_spare_port_in_closed_form():
    # 63 of 64 ports in use, no spares bought, no switch life: a pool of 1 port.
    # Demand per switch D ~ Poisson(t) (64 x 1.5625 % = 1 a year); a swap at faults 2, 4, ...
    # E[floor(D / 2)] = (E[D] - P(D odd)) / 2, P(D odd) = (1 - e^(-2t)) / 2
    text = FLEET.replace('life = "3 year"\n', "")
    _, cpo = _run(["deployment.ports_in_use=63", "options.cpo.optics.spares=0 %"], text)

    def g(t):
        return (t - (1 - math.exp(-2 * t)) / 2) / 2

    for y in (1, 2, 5):
        swaps = 2 * (g(y) - g(y - 1))  # fleet of 2 switches
        # each swap costs 16,600 instead of a 50 USD port move; 2 faults a year in all
        assert float(cpo.by_year["repairs"][y]) == pytest.approx(
            2 * 50 + swaps * (16_600 - 50), rel=1e-9)
        # a swap takes the 63 links in use down for 24 h instead of 1 link for 2 h
        assert float(cpo.by_year["downtime"][y]) == pytest.approx(
            (2 * 1 * 2 + swaps * (63 * 24 - 1 * 2)) * 10, rel=1e-9)
    assert float(cpo.physical["spare_ports_run_out_years"]) == pytest.approx(1.0, rel=REL)


def test_integral_life_is_refused_and_switch_cannot_be_integral():
    with pytest.raises(InputError, match="options.cpo.optics.life"):
        _run(["options.cpo.optics.life=2 year"])
    with pytest.raises(InputError, match="options.cpo.switch.integral"):
        _run(["options.cpo.switch.integral=true"])


@settings(max_examples=30, deadline=None)
@given(st.floats(0.0, 40.0), st.integers(0, 12))
def test_expected_swaps_match_a_direct_sum(mu, pool):
    # E[floor(D / (S + 1))] = sum over k >= 1 of P(D >= k (S + 1))
    pmf = [math.exp(-mu + n * math.log(mu) - math.lgamma(n + 1)) if mu > 0 else float(n == 0)
           for n in range(400)]
    direct = sum(sum(pmf[k * (pool + 1):]) for k in range(1, 400 // (pool + 1) + 1))
    assert float(spare_ports.expected_swaps(mu, pool)) == pytest.approx(direct, abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(st.floats(0.0, 20.0), st.integers(0, 6), st.sampled_from([1.5, 2.0, 3.0, math.inf]))
def test_swaps_in_samples_equal_swaps_one_by_one(rate, pool, life):
    rates = Q(np.array([rate, 2 * rate]), "1/year")
    both = spare_ports.swaps_by_year(rates, np.array([pool, pool + 1]), Q(life, "year"), 5)
    one = spare_ports.swaps_by_year(Q(rate, "1/year"), pool, Q(life, "year"), 5)
    two = spare_ports.swaps_by_year(Q(2 * rate, "1/year"), pool + 1, Q(life, "year"), 5)
    assert both[0] == pytest.approx(one, abs=1e-12)
    assert both[1] == pytest.approx(two, abs=1e-12)
    # total swaps never exceed the faults: rate x years
    assert float(np.sum(one)) <= rate * 5 + 1e-9
