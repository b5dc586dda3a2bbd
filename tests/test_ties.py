"""Inputs tied at rank 1 in [[correlations]] (the same draw) move together: as one row of
the tornado, and with the key a sweep or a break-even varies (when of the same value)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from analysis_cases import A_RANGE, B_RANGE, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tco.analysis import breakeven, sensitivity, sweep
from tco.cli import app
from tco.io import loader

runner = CliRunner()
A, B = "options.a.switch.price", "options.b.switch.price"


def tie(path: str, first: str = A, second: str = B, rank: str = "1") -> str:
    with open(path, "a", encoding="utf-8") as f:
        f.write(f'\n[[correlations]]\ninputs = ["{first}", "{second}"]\nrank = {rank}\n'
                'source = "assumption: the same switch"\n')
    return path


def test_a_tied_pair_is_one_row_by_hand(tmp_path: Path):
    # A (baseline) = X + 10 USD, B = Y; X in 100..200, Y in 120..180, both 150 at the value.
    # Metric: PV savings of B against A = X + 10 - Y; base 150 + 10 - 150 = 10.
    # Tied at rank 1, one row, each at its own end:
    #   both low:  X = 100, Y = 120: 100 + 10 - 120 = -10
    #   both high: X = 200, Y = 180: 200 + 10 - 180 =  30      swing |30 - (-10)| = 40
    # Alone (what the tornado said before): X 100..200 with Y at 150: -40..60, swing 100;
    # Y 120..180 with X at 150: 40..-20, swing 60. Neither is a world the tie allows.
    t = sensitivity.run(loader.resolve(tie(write(tmp_path, a_switch=A_RANGE,
                                                  b_switch=B_RANGE))))
    assert (t.option, t.against) == ("b", "a") and t.base == pytest.approx(10)
    (row,) = t.rows
    assert row.keys == [A, B] and row.label == f"{A} + 1 tied"
    assert (row.low, row.high) == pytest.approx((100, 200))
    assert [(v.path, v.low, v.high) for v in row.tied] == [(B, 120, 180)]
    assert (row.at_low, row.at_high, row.swing) == pytest.approx((-10, 30, 40))
    alone = sensitivity.run(loader.resolve(write(tmp_path, a_switch=A_RANGE,
                                                 b_switch=B_RANGE, name="alone.toml")))
    assert [r.swing for r in alone.rows] == pytest.approx([100, 60])  # not 40


def test_a_partial_correlation_still_moves_alone(tmp_path: Path):
    # rank 0.5: not the same draw; the rows are the one-at-a-time ones (swings 100 and 60)
    t = sensitivity.run(loader.resolve(tie(write(tmp_path, a_switch=A_RANGE,
                                                 b_switch=B_RANGE), rank="0.5")))
    assert [(r.keys, r.swing) for r in t.rows] == [([A], pytest.approx(100)),
                                                    ([B], pytest.approx(60))]


def test_cli_names_the_group_and_json_lists_every_key(tmp_path: Path):
    target = tie(write(tmp_path, a_switch=A_RANGE, b_switch=B_RANGE))
    table = runner.invoke(app, ["sensitivity", target])
    assert table.exit_code == 0, table.output
    assert f"{A} + 1 tied" in table.stdout
    assert "partial correlations" in table.stdout and "move together" in table.stdout
    done = runner.invoke(app, ["sensitivity", target, "-f", "json"])
    doc = json.loads(done.stdout)
    schema = json.loads(runner.invoke(app, ["schema", "--sensitivity"]).stdout)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["schema_version"] == "1.2"
    (row,) = doc["rows"]
    assert row["keys"] == [A, B] and row["path"] == A
    assert [(x["path"], x["low"], x["high"]) for x in row["tied"]] == [(B, 120, 180)]


def scenario(tmp_path: Path, value: int, low: int, high: int, na: int, nb: int) -> str:
    """A's and B's module price tied at rank 1 with one range; A has ``na`` modules per
    port, B ``nb``; one port: A = 150 + na x P, B = 150 + nb x P."""
    price = (f'{{ value = "{value} USD", low = "{low} USD", high = "{high} USD", '
             'dist = "uniform" }')
    path = Path(write(tmp_path, a_optics="10 USD", name="modules.toml"))
    text = path.read_text(encoding="utf-8")
    text = text.replace('price = "10 USD"', f"price = {price}\nper_port = {na}")
    text = text.replace('price = "0 USD"', f"price = {price}\nper_port = {nb}")
    path.write_text(text, encoding="utf-8")
    return tie(str(path), "options.a.optics.price", "options.b.optics.price")


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(low=st.integers(0, 500), width=st.integers(1, 500), at=st.floats(0, 1),
       na=st.integers(1, 4), nb=st.integers(1, 4))
def test_a_tied_row_swings_as_a_sweep_of_both(tmp_path: Path, low: int, width: int,
                                             at: float, na: int, nb: int):
    high = low + width
    value = int(round(low + at * width))
    resolved = loader.resolve(scenario(tmp_path, value, low, high, na, nb))
    t = sensitivity.run(resolved, option="b", against="a")
    (row,) = [r for r in t.rows if r.tied]
    assert row.keys == ["options.a.optics.price", "options.b.optics.price"]
    s = sweep.run(resolved, [f"options.a.optics.price={low}..{high} USD"])
    assert [v.path for a in s.axes for v in a.tied] == ["options.b.optics.price"]
    pv = s.outcome.present_values
    ia, ib = s.outcome.ids.index("a"), s.outcome.ids.index("b")
    ends = (pv[ia] - pv[ib])[[0, -1]]  # savings of B against A at P = low and P = high
    assert row.swing == pytest.approx(abs(ends[1] - ends[0]), abs=1e-6)
    # by hand: A - B = (150 + na P) - (150 + nb P) = (na - nb) P: swing |na - nb| (high - low)
    assert row.swing == pytest.approx(abs(na - nb) * width, abs=1e-6)
    assert np.allclose(pv[ia] - pv[ib], (na - nb) * s.axes[0].values)


def test_sweep_moves_a_tied_key_of_the_same_value(tmp_path: Path):
    target = tie(write(tmp_path, a_switch=A_RANGE, b_switch=B_RANGE))
    # X = Y at every step (both 150 at the value: the same quantity): A - B = X + 10 - X = 10
    s = sweep.run(loader.resolve(target), [f"{A}=100..200 USD"])
    assert [v.path for v in s.axes[0].tied] == [B]
    pv = s.outcome.present_values
    assert np.allclose(pv[0] - pv[1], 10.0)
    assert np.allclose(pv[1], s.axes[0].values)  # B = Y = X
    done = runner.invoke(app, ["sweep", target, "--vary", f"{A}=100..200 USD"])
    assert done.exit_code == 0, done.output
    assert f"tco: note: {A} is tied at rank 1" in done.stderr and B in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    doc = json.loads(runner.invoke(app, ["sweep", target, "--vary", f"{A}=100..200 USD",
                                         "-f", "json"]).stdout)
    jsonschema.validate(doc, json.loads(runner.invoke(app, ["schema", "--sweep"]).stdout),
                        cls=jsonschema.Draft202012Validator)
    assert doc["schema_version"] == "1.1" and doc["axes"][0]["tied"] == [B]
    both = runner.invoke(app, ["sweep", target, "--vary", f"{A}=100..200 USD",
                               "--vary", f"{B}=100..200 USD"])
    assert both.exit_code == 2 and "vary one of them" in both.stderr


def test_breakeven_of_a_tied_key(tmp_path: Path):
    # Untied: A - B = X + 10 - 150 = 0 at X = 140.
    alone = breakeven.run(loader.resolve(write(tmp_path, a_switch=A_RANGE,
                                               b_switch=B_RANGE, name="alone.toml")),
                          "a", "b", A)
    assert alone.value == pytest.approx(140) and alone.note is None
    # Tied, the same value (150): Y follows X, A - B = X + 10 - X = 10 everywhere: none.
    same = breakeven.run(loader.resolve(tie(write(tmp_path, a_switch=A_RANGE,
                                                  b_switch=B_RANGE))), "a", "b", A)
    assert same.value is None and [v.path for v in same.tied] == [B]
    assert same.gap_now == pytest.approx(10)
    doc = json.loads(runner.invoke(app, ["breakeven", str(tmp_path / "two.toml"), "--option",
                                         "a", "--against", "b", "--vary", A,
                                         "-f", "json"]).stdout)
    jsonschema.validate(doc, json.loads(runner.invoke(app, ["schema", "--breakeven"]).stdout),
                        cls=jsonschema.Draft202012Validator)
    assert doc["input"]["tied"] == [B] and doc["found"] is False
    # Tied, B at 160 (another value: not moved, said so): A - B = X + 10 - 160 = 0 at 150.
    other = B_RANGE.replace('value = "150 USD"', 'value = "160 USD"')
    target = tie(write(tmp_path, a_switch=A_RANGE, b_switch=other, name="other.toml"))
    diff = breakeven.run(loader.resolve(target), "a", "b", A)
    assert diff.value == pytest.approx(150) and diff.tied == ()
    assert f"{B}, which has another value and stays at it" in (diff.note or "")
    done = runner.invoke(app, ["breakeven", target, "--option", "a", "--against", "b",
                               "--vary", A])
    assert done.exit_code == 0, done.output
    assert "has another value" in done.stderr


def test_only_keeps_a_tie_whose_lead_is_left_out():
    # ai-cluster-32k ties cpo_switch's switch and engine prices to cpo.switch.price (the
    # lead). --only without cpo left pairs naming cpo's keys (uncertainty: an internal
    # error); now the first follower kept leads, and pairs with a key left out go.
    from tco.model import select

    resolved = select.resolved_options(loader.resolve("ai-cluster-32k"),
                                       "cpo_switch,pluggable")
    pairs = {(c.first, c.second) for c in resolved.correlations if c.same}
    assert ("options.cpo_switch.switch.price", "options.cpo_switch.optics.price") in pairs
    assert not [c for c in resolved.correlations
                if "options.cpo." in c.first or "options.cpo." in c.second]
    done = runner.invoke(app, ["uncertainty", "ai-cluster-32k", "--only",
                               "cpo_switch,pluggable", "--samples", "100"])
    assert done.exit_code == 0, done.output
    row = next(r for r in sensitivity.run(resolved).rows
               if r.input.path == "options.cpo_switch.switch.price")
    assert "options.cpo_switch.optics.price" in row.keys
