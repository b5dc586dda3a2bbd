"""An exchange rate may carry a range: every value written in that currency follows it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from tco.analysis import uncertainty
from tco.io import loader

#: one switch, one year, no discounting, no energy: a costs 100 USD + 10 EUR, b 150 USD
SCENARIO = """
name = "rate"
[analysis]
currency = "EUR"
exchange_rates = {{ USD = {rate} }}
horizon = "1 year"
discount_rate = "0 %"
electricity_price = "0 EUR/kWh"
pue = 1.0
cooling_capex_air = "0 EUR/kW"
cooling_capex_liquid = "0 EUR/kW"
[deployment]
switches = 1
switch_capacity = "0.8 Tbit/s"
port_speed = "800 Gbit/s"
[options.a]
baseline = true
[options.a.switch]
price = "100 USD"
power = "0 W"
[options.a.optics]
price = "10 EUR"
power = "0 W"
[options.b]
[options.b.switch]
price = "150 USD"
power = "0 W"
[options.b.optics]
price = "0 EUR"
power = "0 W"
"""
RANGED = ('{ value = "0.9 EUR/USD", low = "0.8 EUR/USD", high = "1.0 EUR/USD", '
          'dist = "uniform", source = "test" }')


def _write(tmp_path: Path, rate: str) -> str:
    path = tmp_path / "rate.toml"
    path.write_text(SCENARIO.format(rate=rate), encoding="utf-8")
    return str(path)


def test_sensitivity_moves_every_usd_price_with_the_rate(tmp_path: Path, run_tco):
    # at rate r EUR/USD: a = 100 r + 10, b = 150 r; b's savings = a - b = 10 - 50 r:
    # at 0.8: 10 - 40 = -30 EUR; at 1.0: 10 - 50 = -40 EUR; at 0.9 (the value): -35 EUR
    out = run_tco("sensitivity", _write(tmp_path, RANGED), "--option", "b",
                  "--metric", "savings", "--format", "json")
    assert out.returncode == 0, out.stderr
    row, = [r for r in json.loads(out.stdout)["rows"]
            if r["path"] == "analysis.exchange_rates.USD"]
    assert (row["low"], row["value"], row["high"]) == (0.8, 0.9, 1.0)
    assert abs(row["metric_at_low"] - -30.0) < 1e-9
    assert abs(row["metric_at_high"] - -40.0) < 1e-9


def test_range_from_the_command_line_and_sampling(tmp_path: Path):
    resolved = loader.resolve(_write(tmp_path, '"0.9 EUR/USD"'),
                              ranges=["analysis.exchange_rates.USD=0.8..1.0 EUR/USD:uniform"])
    u = uncertainty.run(resolved, samples=2000, seed=3)
    savings = u.values("savings", "b")  # 10 - 50 r for r uniform on [0.8, 1.0]
    assert savings.min() >= -40.0 - 1e-9 and savings.max() <= -30.0 + 1e-9
    assert abs(float(np.mean(savings)) - -35.0) < 0.05  # mean r 0.9 (Latin hypercube)
    a_total = u.outcome.totals[0]  # 100 r + 10: every sample on that line
    r = (10.0 - savings) / 50.0
    assert np.allclose(a_total, 100.0 * r + 10.0, rtol=1e-12)


def test_compare_uses_the_rate_value(tmp_path: Path, run_tco):
    out = run_tco("compare", _write(tmp_path, RANGED), "--format", "json")
    doc = json.loads(out.stdout)
    totals = {o["id"]: o["total"] for o in doc["results"][0]["options"]}
    assert abs(totals["a"] - (100 * 0.9 + 10)) < 1e-9  # 100 EUR
    assert abs(totals["b"] - 150 * 0.9) < 1e-9  # 135 EUR


def test_a_rate_range_is_checked_like_any_other(tmp_path: Path, run_tco):
    bad = '{ value = "0.9 EUR/USD", low = "0.95 EUR/USD", high = "1.0 EUR/USD" }'
    out = run_tco("validate", _write(tmp_path, bad))
    assert out.returncode == 2
    assert "analysis.exchange_rates.USD.low" in out.stderr and "low <= value <= high" in \
        out.stderr
    wrong = '{ value = "0.9 EUR/USD", low = "0.8 EUR", high = "1.0 EUR/USD" }'
    out = run_tco("validate", _write(tmp_path, wrong))
    assert out.returncode == 2 and "analysis.exchange_rates.USD.low" in out.stderr
