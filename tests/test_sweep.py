"""tco sweep: a hand-worked two-option line, grids, equality with compare --set."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from analysis_cases import write
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tco import engine
from tco.analysis import sweep
from tco.cli import app
from tco.io import loader

runner = CliRunner()


def test_two_options_two_inputs_by_hand(tmp_path: Path):
    # A = its switch + 10 USD, B = 150 USD. A's switch from 100 to 200 USD in steps of 50:
    # A = 110, 160, 210; B = 150 each. B is cheaper from 150 USD on; the present values
    # meet where X + 10 = 150, X = 140 USD, between 100 and 150.
    target = write(tmp_path)
    s = sweep.run(loader.resolve(target), ["options.a.switch.price=100..200 USD:50 USD"])
    assert s.axes[0].values.tolist() == [100, 150, 200]
    pvs = s.outcome.present_values.ravel().tolist()
    assert pvs == pytest.approx([110, 160, 210, 150, 150, 150])
    assert s.cheapest() == ["a", "b", "b"]
    (c,) = s.crossings
    assert (c.before, c.after, c.low, c.high) == ("a", "b", 100, 150)
    assert c.at == pytest.approx(140)
    # a grid with B's switch too: 3 x 2 points, the first input varying slowest
    g = sweep.run(loader.resolve(target), ["options.a.switch.price=100..200 USD:50 USD",
                                           "options.b.switch.price=100..200 USD:100 USD"])
    assert g.points == [(100, 100), (100, 200), (150, 100), (150, 200), (200, 100), (200, 200)]
    assert g.outcome.present_values[1].tolist() == pytest.approx([100, 200] * 3)
    # A = 110, 110, 160, 160, 210, 210 against B = 100, 200, 100, 200, 100, 200
    assert g.cheapest() == ["b", "a", "b", "a", "b", "b"]


def test_default_eleven_values_and_whole_years(tmp_path: Path):
    s = sweep.run(loader.resolve(None), ["analysis.electricity_price=0..0.2 USD/kWh"])
    assert s.axes[0].values.tolist() == pytest.approx([0.02 * i for i in range(11)])
    years = sweep.run(loader.resolve(None), ["analysis.horizon=3..7 year"])
    assert years.axes[0].values.tolist() == [3, 4, 5, 6, 7]


@settings(max_examples=8, deadline=None)
@given(price=st.floats(0, 1), switches=st.integers(1, 5000))
def test_a_sweep_point_equals_compare_set(price: float, switches: int):
    s = sweep.run(loader.resolve(None), [f"analysis.electricity_price={price}..1 USD/kWh:1 USD/kWh",
                                         f"deployment.switches={switches}..{switches}"])
    r = engine.evaluate(loader.load(None, [f"analysis.electricity_price={price!r} USD/kWh",
                                           f"deployment.switches={switches}"]))
    assert s.outcome.present_values[:, 0].tolist() == pytest.approx(
        [float(o.present_value) for o in r.options], rel=1e-12)
    assert s.outcome.totals[:, 0].tolist() == pytest.approx(
        [float(o.total) for o in r.options], rel=1e-12)


def test_cli_formats_schema_and_errors():
    doc = json.loads(runner.invoke(app, ["sweep", "--vary",
                                         "options.cpo.switch.price=50000..250000 USD",
                                         "-f", "json"]).stdout)
    schema = json.loads(runner.invoke(app, ["schema", "--sweep"]).stdout)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert len(doc["points"]) == 11 and doc["crossings"][0]["to"] == "lpo"
    table = runner.invoke(app, ["sweep", "--vary", "options.cpo.switch.price=50000..250000 USD"])
    assert "LPO overtakes CPO (external lasers) at about" in table.stdout
    for vary, message in (("analysis.electricity_price=0.2..0.1 USD/kWh", "START <= STOP"),
                          ("analysis.electricity_price=0..1 W", "price per energy"),
                          ("analysis.electricity_price=-1..1 USD/kWh", "at least 0"),
                          ("analysis.nope=1..2", "no such key"),
                          ("analysis.horizon=3..7.5 year", "whole"),
                          ("analysis.electricity_price", "KEY=START..STOP")):
        result = runner.invoke(app, ["sweep", "--vary", vary])
        assert result.exit_code == 2, (vary, result.output)
        assert message in result.stderr, (vary, result.stderr)
