"""tco breakeven: hand-worked two-option cases (linear and not), none found, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from analysis_cases import write
from typer.testing import CliRunner

from tco import engine
from tco.analysis import breakeven
from tco.cli import app
from tco.io import loader

runner = CliRunner()


def test_linear_two_options_two_inputs_by_hand(tmp_path: Path):
    # A = X + 10 USD (X its switch, 150), B = Y (its switch, 150): A - B = X + 10 - Y.
    # Over X (Y = 150): zero at X = 140 USD, exactly. Over Y (X = 150): at Y = 160 USD.
    target = write(tmp_path)
    b = breakeven.run(loader.resolve(target), "a", "b", "options.a.switch.price")
    assert (b.method, b.value) == ("linear", pytest.approx(140, abs=1e-9))
    assert b.slope == pytest.approx(1.0)
    y = breakeven.run(loader.resolve(target), "a", "b", "options.b.switch.price")
    assert y.value == pytest.approx(160, abs=1e-9) and y.slope == pytest.approx(-1.0)


def test_not_linear_is_bracketed_by_hand(tmp_path: Path):
    # Energy: A draws 100 W, B nothing; one year at a price p costs 100 W x 8,760 h x p
    # = 876 kWh x p; B's switch costs 150 + 50 = 200 USD (more than A's 160 with module).
    # A - B = 160 + 876 p - 200 = 0 at p = 40 / 876 = 0.0456621 USD/kWh (linear in p).
    target = write(tmp_path, a_power="100 W", b_switch='"200 USD"')
    b = breakeven.run(loader.resolve(target), "a", "b", "analysis.electricity_price")
    assert b.method == "linear" and b.value == pytest.approx(40 / 876, rel=1e-9)
    # over A's power in W ... and over the discount rate, not linear, nothing moves at 0 %
    # horizon 1 year: costs at year 0 (switch) and end of year 1 (energy at 0.07 USD/kWh:
    # 876 kWh x 0.07 = 61.32 USD, discounted by 1 / (1 + r)).
    # A - B = 160 + 61.32 / (1 + r) - 200 = 0 at 1 + r = 61.32 / 40 = 1.533, r = 53.3 %.
    # (A discount rate above 100 % is refused as input.)
    priced = write(tmp_path, a_power="100 W", b_switch='"200 USD"', price='"0.07 USD/kWh"',
                   name="priced.toml")
    r = breakeven.run(loader.resolve(priced), "a", "b", "analysis.discount_rate",
                      between="0..100 %")
    assert r.method == "bracketing"
    assert r.value == pytest.approx(53.3, rel=1e-6)


def test_set_the_break_even_into_compare_and_the_present_values_agree():
    b = breakeven.run(loader.resolve(None), "cpo", "lpo", "options.cpo.switch.price")
    assert b.value is not None
    r = engine.evaluate(loader.load(None, [f"options.cpo.switch.price={b.value!r} USD"]))
    pv = {o.id: float(o.present_value) for o in r.options}
    assert pv["cpo"] == pytest.approx(pv["lpo"], rel=1e-6)


def test_none_says_so_with_the_sign_at_both_ends(tmp_path: Path):
    # A - B = X + 10 - 150 over X from 0 to 100 USD: -140 and -40, never zero
    target = write(tmp_path)
    result = runner.invoke(app, ["breakeven", target, "--option", "a", "--against", "b",
                                 "--vary", "options.a.switch.price", "--between", "0..100 USD"])
    assert result.exit_code == 0, result.output
    assert "No break-even for options.a.switch.price from 0 USD to 100 USD" in result.stdout
    assert "At 0 USD: a costs less than b by 140 USD." in result.stdout
    assert "At 100 USD: a costs less than b by 40 USD." in result.stdout
    # the question: at what electricity price does CPO beat LPO? at every one
    every = runner.invoke(app, ["breakeven", "--option", "cpo", "--against", "lpo",
                                "--vary", "analysis.electricity_price"])
    assert every.exit_code == 0
    assert "No break-even anywhere analysis.electricity_price can go" in every.stdout
    assert "The gap widens as analysis.electricity_price rises" in every.stdout


def test_json_schema_and_errors():
    result = runner.invoke(app, ["breakeven", "--option", "cpo", "--against", "lpo",
                                 "--vary", "options.cpo.switch.price", "-f", "json"])
    doc = json.loads(result.stdout)
    schema = json.loads(runner.invoke(app, ["schema", "--breakeven"]).stdout)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["found"] and doc["method"] == "linear"
    base = ["breakeven", "--option", "cpo", "--against", "lpo"]
    for args, message in ((["--vary", "analysis.nope"], "no such key"),
                          (["--vary", "options.cpo.optics.repair"], "can vary"),
                          (["--vary", "options.cpo.switch.price", "--between", "5..1 USD"],
                           "LOW < HIGH"),
                          (["--vary", "options.cpo.switch.price", "--between", "0..1 W"],
                           "amount of money")):
        r = runner.invoke(app, [*base, *args])
        assert r.exit_code == 2, (args, r.output)
        assert message in r.stderr, (args, r.stderr)
    same = runner.invoke(app, ["breakeven", "--option", "cpo", "--against", "cpo",
                               "--vary", "options.cpo.switch.price"])
    assert same.exit_code == 2
