"""tco sensitivity: a hand-worked tornado of two options and two inputs, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from analysis_cases import A_RANGE, B_RANGE, write
from typer.testing import CliRunner

from tco.analysis import sensitivity
from tco.cli import app
from tco.io import loader

runner = CliRunner()


def test_two_options_two_inputs_by_hand(tmp_path: Path):
    # A (baseline) = X + 10 USD, B = Y, at the values X = Y = 150: B is the cheapest.
    # Metric: PV savings of B against A = A - B = X + 10 - Y; base 150 + 10 - 150 = 10.
    # X at 100: 100 + 10 - 150 = -40; at 200: 200 + 10 - 150 = 60; swing 100.
    # Y at 120: 160 - 120 = 40; at 180: 160 - 180 = -20; swing 60.
    t = sensitivity.run(loader.resolve(write(tmp_path, a_switch=A_RANGE, b_switch=B_RANGE)))
    assert (t.option, t.against, t.metric) == ("b", "a", "pv_savings")
    assert t.base == pytest.approx(10)
    (x, y) = t.rows
    assert x.input.path == "options.a.switch.price"
    assert (x.low, x.high, x.at_low, x.at_high, x.swing) == pytest.approx((100, 200, -40, 60, 100))
    assert y.input.path == "options.b.switch.price"
    assert (y.at_low, y.at_high, y.swing) == pytest.approx((40, -20, 60))
    assert sensitivity.hinge(loader.resolve(
        write(tmp_path, a_switch=A_RANGE, b_switch=B_RANGE))).input.path == x.input.path


def test_delta_adds_inputs_without_a_range(tmp_path: Path):
    # A's module (10 USD, no range) at -+20 %: 8 and 12 USD -> savings 8 and 12, swing 4.
    t = sensitivity.run(loader.resolve(write(tmp_path, a_switch=A_RANGE, b_switch=B_RANGE)),
                        delta=0.2)
    row = next(r for r in t.rows if r.input.path == "options.a.optics.price")
    assert (row.origin, row.low, row.high) == ("delta", pytest.approx(8), pytest.approx(12))
    assert (row.at_low, row.at_high, row.swing) == pytest.approx((8, 12, 4))
    # the PUE of 1.0 cannot go below its minimum of 1: its low end is clipped there
    pue = next(r for r in t.rows if r.input.path == "analysis.pue")
    assert (pue.low, pue.high) == pytest.approx((1.0, 1.2))
    assert "analysis.electricity_price" in t.zero  # 0 USD/kWh has no +-20 % to take
    assert [r.swing for r in t.rows] == sorted((r.swing for r in t.rows), reverse=True)


def test_metric_option_against(tmp_path: Path):
    target = write(tmp_path, a_switch=A_RANGE, b_switch=B_RANGE)
    t = sensitivity.run(loader.resolve(target), metric="present_value", option="a")
    # PV of A = X + 10: the row of Y does not move it
    assert t.base == pytest.approx(160) and t.against is None
    assert [(r.input.path, r.swing) for r in t.rows] == \
        [("options.a.switch.price", pytest.approx(100)), ("options.b.switch.price", 0)]
    reverse = sensitivity.run(loader.resolve(target), option="a", against="b")
    assert reverse.base == pytest.approx(-10)


def test_cli_table_json_and_errors(tmp_path: Path):
    target = write(tmp_path, a_switch=A_RANGE, b_switch=B_RANGE)
    table = runner.invoke(app, ["sensitivity", target])
    assert table.exit_code == 0, table.output
    assert "hinges most on options.a.switch.price" in table.stdout
    assert "One input at a time" in table.stdout  # the caveat, once
    assert table.stdout.count("One input at a time") == 1
    assert "█" in table.stdout
    doc = json.loads(runner.invoke(app, ["sensitivity", "--delta", "20%", "-f", "json"]).stdout)
    schema = json.loads(runner.invoke(app, ["schema", "--sensitivity"]).stdout)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["rows"][0]["swing"] >= doc["rows"][-1]["swing"]
    for args, message in ((["--delta", "20"], "with %"), (["--option", "zz"], "unknown option"),
                          (["--metric", "volume"], "--metric"),
                          (["--option", "cpo", "--against", "cpo"], "itself")):
        result = runner.invoke(app, ["sensitivity", *args])
        assert result.exit_code == 2, args
        assert message in result.stderr


RATE = "options.cpo.optics.failure_rate"
LIFE = "options.pluggable.optics.mtbf"
WRITTEN = ["--set", f'{RATE}={{ value = "400 FIT", low = "200 FIT", high = "1600 FIT" }}',
           "--set", f'{LIFE}={{ value = "100 year", low = "50 year", high = "200 year" }}',
           "--top", "40"]


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_low_and_high_show_in_the_unit_they_were_written_in(fmt: str, tmp_path: Path):
    from test_hardening import run

    done = run("sensitivity", "--format", fmt, *WRITTEN, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = done.stdout.replace("\u00a0", " ")  # HTML keeps numbers with their units
    assert "200 FIT" in text and "1,600 FIT" in text
    assert "50 year" in text and "200 year" in text
    assert "1/year" not in text  # 200 FIT is not shown as 0.001752 1/year


def test_json_keeps_the_key_unit_and_names_the_written_one(tmp_path: Path):
    from test_hardening import run

    done = run("sensitivity", "--format", "json", *WRITTEN, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    jsonschema.validate(doc, loader_schema("sensitivity"))
    rows = {r["path"]: r for r in doc["rows"]}
    rate, life = rows[RATE], rows[LIFE]
    # 1 FIT = 1e-9 per hour; a year is 8,760 h: 200 FIT = 200e-9 x 8,760 = 0.001752 1/year,
    # 1,600 FIT = 0.014016 1/year
    assert (rate["unit"], rate["written_unit"]) == ("1/year", "FIT")
    assert rate["low"] == pytest.approx(0.001752) and rate["high"] == pytest.approx(0.014016)
    # 50 year = 50 x 8,760 = 438,000 hour; 200 year = 1,752,000 hour
    assert (life["unit"], life["written_unit"]) == ("hour", "year")
    assert life["low"] == pytest.approx(438_000) and life["high"] == pytest.approx(1_752_000)
    price = rows["options.cpo.switch.price"]  # written in the key's unit: no second unit
    assert (price["unit"], price["written_unit"]) == ("USD", None)


def loader_schema(name: str) -> dict:
    from tco.render.schema import schema

    return schema(name)
