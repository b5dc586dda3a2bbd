"""The engine's path for many samples (flows=False) equals the yearly-flows path.

With ``flows=False`` the engine sums each yearly flow from its factored terms
(:mod:`tco.components.lazy`) instead of the samples x years arrays. Both paths
run the same formulas, so per sample every category total and present value
agree to rounding (1e-9 relative), on a scenario in which every category is
non-zero and every yearly profile differs: sampled discount rate and
escalations, prices falling after a hold, refreshes inside the horizon with
resale, spares, failure modes (a FRU and a chassis mode), a spare-port pool that
runs out, warranties (fractional, restarted by refreshes), support contracts,
cooling capex, facility capacity, carbon with its trends and embodied emissions,
job interruptions with their escalation, capped by the job's availability, and
the switch swaps the empty pool forces counted as interruptions (an availability
that varies by year).
"""

from __future__ import annotations

import numpy as np
import pytest

from tco import engine
from tco.analysis import inputs, sampling, uncertainty
from tco.analysis.inputs import build_with
from tco.components import lazy
from tco.io import loader

EVERYTHING = """
name = "every category"

[analysis]
horizon = "7 year"
discount_rate = { value = "8 %", low = "4 %", high = "12 %" }
electricity_price = { value = "0.08 USD/kWh", low = "0.05 USD/kWh", high = "0.12 USD/kWh" }
electricity_escalation = { value = "2 %", low = "-1 %", high = "5 %" }
labour_rate = { value = "100 USD/hour", low = "60 USD/hour", high = "150 USD/hour" }
labour_escalation = { value = "3 %", low = "0 %", high = "6 %", dist = "uniform" }
pue = { value = 1.3, low = 1.1, high = 1.6 }
cooling_capex_air = { value = "800 USD/kW", low = "600 USD/kW", high = "1200 USD/kW" }
downtime_cost = { value = "50 USD/hour", low = "0 USD/hour", high = "200 USD/hour" }
grid_carbon_intensity = "400 gCO2e/kWh"
grid_carbon_intensity_trend = { value = "-5 %", low = "-10 %", high = "0 %" }
carbon_price = { value = "80 USD/tCO2e", low = "20 USD/tCO2e", high = "150 USD/tCO2e" }
carbon_price_escalation = { value = "4 %", low = "0 %", high = "8 %" }
support_escalation = { value = "3 %", low = "0 %", high = "5 %" }
job_gpus = 1024
job_gpu_hour_value = { value = "2 USD/hour", low = "1 USD/hour", high = "4 USD/hour" }
checkpoint_interval = { value = "1 hour", low = "15 min", high = "3 hour" }
interruption_escalation = { value = "-5 %", low = "-10 %", high = "0 %" }
{power}

[deployment]
switches = 20
switch_capacity = "51.2 Tbit/s"
port_speed = "800 Gbit/s"
ports_in_use = 60

[options.pluggable]
baseline = true
support = { value = "8 %", low = "4 %", high = "12 %" }
[options.pluggable.switch]
price = { value = "100000 USD", low = "80000 USD", high = "130000 USD" }
power = { value = "1000 W", low = "900 W", high = "1100 W" }
life = { value = "4 year", low = "3 year", high = "5 year", dist = "uniform" }
salvage = "10 %"
price_trend = { value = "-8 %", low = "-15 %", high = "0 %" }
price_hold = "1 year"
embodied_carbon = "2 tCO2e"
repair_labour = "2 hour"
time_to_repair = "24 hour"
install_labour = "2 hour"
spares = "2 %"
warranty = { value = "3 year", low = "1 year", high = "5 year" }

[[options.pluggable.switch.failure_modes]]
name = "psu"
afr = { value = "8 %", low = "4 %", high = "12 %" }
repair = "fru"
repair_price = "500 USD"
repair_labour = "0.5 hour"
time_to_repair = "1 hour"

[[options.pluggable.switch.failure_modes]]
name = "chassis"
afr = { value = "2 %", low = "1 %", high = "4 %" }
repair = "replace_switch"
repair_labour = "2 hour"
time_to_repair = "24 hour"

[options.pluggable.optics]
per_port = 1
price = { value = "1000 USD", low = "700 USD", high = "1300 USD" }
power = { value = "15 W", low = "13 W", high = "17 W" }
mtbf = { value = "750000 hour", low = "400000 hour", high = "1500000 hour", dist = "lognormal" }
life = "3 year"
price_trend = { value = "-12 %", low = "-20 %", high = "-5 %" }
resale_decline = "30 %"
embodied_carbon = "0.02 tCO2e"
warranty = { value = "1.5 year", low = "0.5 year", high = "3 year" }
warranty_handling = "30 USD"
repair = "swap"
repair_labour = "0.25 hour"
time_to_repair = "2 hour"
spares = { value = "3 %", low = "1 %", high = "5 %" }
install_labour = "0.1 hour"

[options.cpo]
support = "6 %"
support_from = "warranty_end"
[options.cpo.switch]
warranty = { value = "2.5 year", low = "1 year", high = "4 year" }
price = { value = "90000 USD", low = "70000 USD", high = "120000 USD", dist = "triangular" }
power = { value = "800 W", low = "700 W", high = "900 W" }
life = "5 year"
salvage = "5 %"
afr = { value = "2 %", low = "1 %", high = "4 %" }
repair = "replace_switch"
repair_labour = "2 hour"
time_to_repair = "24 hour"
install_labour = "2 hour"
embodied_carbon = "2.5 tCO2e"

[options.cpo.optics]
integral = true
per_port = 1
price = { value = "300 USD", low = "200 USD", high = "400 USD" }
power = { value = "5 W", low = "4 W", high = "6 W" }
afr = { value = "6 %", low = "2 %", high = "20 %" }
repair = "spare_port"
repair_labour = "0.5 hour"
time_to_repair = "2 hour"
spares = { value = "3 %", low = "0 %", high = "6 %", dist = "uniform" }
"""

ENERGY = ""
CAPACITY = 'power_value = "capacity"\ncapacity_cost = "12 USD/W"'


def _both(power: str, samples: int = 400):
    raw = loader.RawScenario(loader.parse_toml(EVERYTHING.replace("{power}", power),
                                               "every.toml"), "every.toml", "scenario")
    resolved = loader.resolve_raw(raw)
    varied = inputs.ranged(resolved)
    block = sampling.draw([v.as_dist() for v in varied], samples, seed=5)
    for row, v in zip(block, varied, strict=True):
        uncertainty._clip(row, v)
    scenario = build_with(resolved, {v.path: (v, block[i]) for i, v in enumerate(varied)})
    return engine.evaluate(scenario, flows=True), engine.evaluate(scenario, flows=False)


def _close(fast, full, samples):
    fast = np.broadcast_to(np.asarray(fast, dtype=float), (samples,))
    full = np.broadcast_to(np.asarray(full, dtype=float), (samples,))
    scale = np.maximum(np.abs(full), 1e-300)
    return float(np.max(np.abs(fast - full) / scale))


@pytest.mark.parametrize("power", [ENERGY, CAPACITY], ids=["energy", "capacity"])
def test_fast_path_equals_full_flows(power):
    full, fast = _both(power)
    for a, b in zip(full.options, fast.options, strict=True):
        active = [c for c in a.category_totals if np.any(a.category_totals[c] != 0)]
        # the scenario exercises every category the power valuation allows
        expected = set(engine.CATEGORIES) - {"gpus", "capacity" if power == ENERGY else ""}
        assert set(active) == expected, (a.id, sorted(expected - set(active)))
        for c in a.category_totals:
            assert _close(b.category_totals[c], a.category_totals[c], 400) < 1e-9, (a.id, c)
            assert _close(b.category_present_values[c], a.category_present_values[c],
                          400) < 1e-9, (a.id, c)
        assert _close(b.total, a.total, 400) < 1e-9
        assert _close(b.present_value, a.present_value, 400) < 1e-9
        assert b.by_year == {}
        assert _close(b.physical["job_availability_percent"],
                      a.physical["job_availability_percent"], 400) < 1e-9
    cpo = next(o for o in fast.options if o.id == "cpo")
    # the forced swaps are there (the availability per year varies) and cap the cost
    assert np.all(np.asarray(cpo.physical["spare_port_swaps_per_year"]) > 0)
    assert np.all(np.asarray(cpo.physical["job_availability_percent"]) < 100.0)


def test_factored_flows_behave_as_their_dense_value():
    rng = np.random.default_rng(3)
    m, n = rng.random(5), rng.random(5)
    years = np.arange(4.0)
    col = lazy.Column(m)
    dense = m[:, None]
    flow = col * (years >= 1) * 1.5 + lazy.Column(n) * years - 2.0 * col
    expect = dense * (years >= 1) * 1.5 + n[:, None] * years - 2.0 * dense
    assert isinstance(flow, lazy.Flow)
    assert np.allclose(np.asarray(flow), expect, rtol=1e-15, atol=0)
    # anything not kept factored is done on the dense value
    assert np.allclose(np.asarray(flow ** 2), expect ** 2, rtol=1e-15, atol=0)
    assert np.allclose(np.where(flow > 0, flow, 0.0), np.where(expect > 0, expect, 0.0))
    assert flow.shape == expect.shape and flow[:, 1:].shape == (5, 3)
    # totals and present values straight from the terms
    w = rng.random((5, 4))
    assert np.allclose(lazy.weigh(flow, lazy.Weights(w)), (expect * w).sum(axis=-1),
                       rtol=1e-14, atol=0)
    assert np.allclose(flow.sum(axis=-1), expect.sum(axis=-1), rtol=1e-14, atol=0)


def test_flow_products_and_a_floor_that_holds_stay_factored():
    # f = m x [1, 1, 2] - 3 and g = k x [0, 1, 1]: f x g = (m k) [0, 1, 2] - 3 k [0, 1, 1]
    m, k = np.array([4.0, 5.0]), np.array([2.0, 0.5])
    f = lazy.Column(m) * np.array([1.0, 1.0, 2.0]) - 3.0
    g = lazy.Column(k) * np.array([0.0, 1.0, 1.0])
    product = f * g
    assert isinstance(product, lazy.Flow)
    # sample 1: (4 x [1, 1, 2] - 3) x 2 x [0, 1, 1] = [1, 1, 5] x [0, 2, 2] = [0, 2, 10]
    # sample 2: (5 x [1, 1, 2] - 3) x 0.5 x [0, 1, 1] = [2, 2, 7] x [0, 0.5, 0.5] = [0, 1, 3.5]
    assert np.allclose(np.asarray(product), [[0.0, 2.0, 10.0], [0.0, 1.0, 3.5]])
    # max(f, 0): f >= 4 x 1 - 3 = 1 > 0 in every year, so f itself (still factored)
    assert np.maximum(f, 0.0) is f
    # max(f, 2): sample 1 year 0 is 1 < 2: the dense maximum, [2, 2, 5] and [2, 2, 7]
    floored = np.maximum(f, 2.0)
    assert not isinstance(floored, lazy.Flow)
    assert np.array_equal(floored, [[2.0, 2.0, 5.0], [2.0, 2.0, 7.0]])
