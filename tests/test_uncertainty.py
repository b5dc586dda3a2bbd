"""tco uncertainty: a hand-worked two-option, two-input case, properties, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from analysis_cases import A_RANGE, B_RANGE, write
from conftest import BASIC
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tco import engine
from tco.analysis import uncertainty
from tco.cli import app
from tco.io import loader

runner = CliRunner()


def test_two_options_two_inputs_by_hand(tmp_path: Path):
    # A = X + 10 USD (module), X ~ U(100, 200); B = Y, Y ~ U(120, 180); A is the baseline.
    # A Latin hypercube puts one point in each 1/n of X's range, so A's percentiles are
    # those of U(110, 210) to within 100/n: P10 = 110 + 0.1 x 100 = 120, P50 = 160,
    # P90 = 200; B's: P10 = 120 + 0.1 x 60 = 126, P50 = 150, P90 = 174.
    # B is cheaper when Y < X + 10: averaging over Y, P = E[(210 - Y) / 100]
    # = (210 - 150) / 100 = 0.6; so P(A cheapest) = 0.4.
    target = write(tmp_path, a_switch=A_RANGE, b_switch=B_RANGE)
    u = uncertainty.run(loader.resolve(target), samples=20_000, seed=7)
    assert [u.percentile("total", "a", p) for p in (10, 50, 90)] == \
        pytest.approx([120, 160, 200], abs=0.05)
    assert [u.percentile("present_value", "b", p) for p in (10, 50, 90)] == \
        pytest.approx([126, 150, 174], abs=0.05)
    assert u.prob_cheapest("b") == pytest.approx(0.6, abs=0.015)
    assert u.prob_cheapest("a") == pytest.approx(0.4, abs=0.015)
    assert u.prob_beats_baseline("b") == pytest.approx(0.6, abs=0.015)
    # savings of B = X + 10 - Y: mean 150 + 10 - 150 = 10
    assert u.mean("savings", "b") == pytest.approx(10, abs=0.5)
    assert [v.path for v in u.varied] == ["options.a.switch.price", "options.b.switch.price"]


def test_collapsed_ranges_give_compare_to_the_cent():
    resolved = loader.resolve(None)
    for item in (i for t in _tables(resolved) for i in t.values() if i.ranged):
        item.low = item.high = item.value
    u = uncertainty.run(resolved, samples=64, seed=1)
    r = engine.evaluate(loader.load(None))
    for o in r.options:
        for metric, exact in (("present_value", o.present_value), ("total", o.total)):
            assert round(u.percentile(metric, o.id, 50), 2) == round(float(exact), 2)


def _tables(resolved):
    out = [resolved.analysis, resolved.deployment]
    for key, opt, parts in resolved.options:
        out += [opt, *parts.values()]
        for name in parts:  # failure modes carry ranges too (the presets' switch modes)
            out += resolved.modes.get(f"options.{key}.{name}", [])
    return out


def test_same_seed_same_bytes_and_another_seed_differs():
    args = ["uncertainty", "-n", "500", "--format", "json"]
    first = runner.invoke(app, [*args, "--seed", "3"])
    second = runner.invoke(app, [*args, "--seed", "3"])
    other = runner.invoke(app, [*args, "--seed", "4"])
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    assert first.stdout != other.stdout


def test_json_validates_against_its_schema():
    result = runner.invoke(app, ["uncertainty", "-n", "300", "--format", "json"])
    doc = json.loads(result.stdout)
    schema = json.loads(runner.invoke(app, ["schema", "--uncertainty"]).stdout)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["kind"] == "uncertainty" and doc["samples"] == 300
    assert abs(sum(o["prob_cheapest"] for o in doc["options"]) - 1.0) < 1e-12
    assert len(doc["inputs"]) >= 20


def test_gates_on_percentiles_and_probabilities(tmp_path: Path):
    target = write(tmp_path, a_switch=A_RANGE, b_switch=B_RANGE)
    base = ["uncertainty", target, "-n", "2000"]
    # P(B cheapest) is about 60 %: below 80 % trips, below 50 % does not
    tripped = runner.invoke(app, [*base, "--fail-if", "prob_cheapest(b) < 80 %"])
    assert tripped.exit_code == 1
    assert "gate tripped: prob_cheapest(b) < 80 %" in tripped.stderr
    held = runner.invoke(app, [*base, "--fail-if", "prob_cheapest(b) < 50 %"])
    assert held.exit_code == 0, held.stderr
    # the P10 of B's savings (X + 10 - Y) is below zero
    assert runner.invoke(app, [*base, "--fail-if", "p10(savings(b)) < 0 USD"]).exit_code == 1
    for bad in ("b.npv > 1 USD", "p10(savings(b)) < 0 W", "p101(pv(b)) < 1 USD",
                "prob_cheapest(zz) < 1 %", "p10(volume(b)) < 1 USD"):
        result = runner.invoke(app, [*base, "--fail-if", bad])
        assert result.exit_code == 2, bad
        assert result.stderr.startswith("tco: error: --fail-if"), result.stderr


def test_compare_refuses_statistics():
    result = runner.invoke(app, ["compare", "--fail-if", "p10(savings(cpo)) < 0 USD"])
    assert result.exit_code == 2
    assert "tco uncertainty" in result.stderr


def test_formats_and_no_ranges_says_so(tmp_path: Path):
    target = write(tmp_path)
    table = runner.invoke(app, ["uncertainty", target, "-n", "10"])
    assert table.exit_code == 0, table.output
    assert "No input has a range" in table.stdout
    csv = runner.invoke(app, ["uncertainty", target, "-n", "10", "-f", "csv"]).stdout
    assert csv.splitlines()[0] == "option,metric,statistic,value,unit"
    md = runner.invoke(app, ["uncertainty", target, "-n", "10", "-f", "markdown"]).stdout
    assert md.startswith("## Uncertainty") and "| Option |" in md


def test_clipped_samples_are_counted_and_reported(tmp_path: Path):
    # a lognormal PUE from 1.0 to 4.0 puts 5 % of the samples below 1.0 (the minimum):
    # they are clipped to 1.0 and counted
    path = Path(write(tmp_path))
    path.write_text(path.read_text().replace(
        "pue = 1.0", 'pue = { value = 2.0, low = 1.0, high = 4.0, dist = "lognormal" }'))
    result = runner.invoke(app, ["uncertainty", str(path), "-n", "1000", "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    clipped = doc["inputs"][0]["clipped"]
    assert 30 <= clipped <= 70
    assert f"{clipped:,} of 1,000 samples of analysis.pue" in result.stderr


def test_a_sample_that_breaks_a_rule_between_inputs_exits_2(tmp_path: Path):
    target = write(tmp_path)
    result = runner.invoke(app, ["uncertainty", str(BASIC), "-n", "200",
                                 "--range", "options.pluggable.optics.dsp_power=3..14.9 W:uniform",
                                 "--range", "options.pluggable.optics.power=4..15 W:uniform"])
    assert result.exit_code == 2
    assert "options.pluggable.optics.dsp_power" in result.stderr
    assert "Traceback" not in result.output
    assert target


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 300),
       low=st.floats(0, 140), high=st.floats(150, 400))
def test_properties(tmp_path_factory, seed: int, n: int, low: float, high: float):
    tmp = tmp_path_factory.mktemp("u")
    ranged = f'{{ value = "150 USD", low = "{low} USD", high = "{high} USD" }}'
    # electricity price is shared by both options: identical options see identical draws
    price = '{ value = "0.1 USD/kWh", low = "0 USD/kWh", high = "0.3 USD/kWh" }'
    same = uncertainty.run(loader.resolve(write(tmp, price=price, a_power="100 W",
                                                b_power="100 W", a_optics="0 USD")),
                           samples=n, seed=seed)
    assert same.values("total", "a").std() > 0 or n == 1  # the draws do vary
    for metric in ("savings", "pv_savings"):
        assert np.all(same.values(metric, "a") == 0.0)  # the baseline against itself
        assert np.all(same.values(metric, "b") == 0.0)  # an identical option
    u = uncertainty.run(loader.resolve(write(tmp, a_switch=ranged, b_switch=ranged)),
                        samples=n, seed=seed)
    for metric in uncertainty.METRICS:
        for option in u.ids:
            ps = [u.percentile(metric, option, p) for p in uncertainty.PERCENTILES]
            assert ps == sorted(ps)
    assert u.cheapest_share().sum() == pytest.approx(1.0, abs=1e-12)


def test_threads_and_chunks_do_not_change_the_numbers(monkeypatch):
    from tco.analysis import evaluate as chunked

    resolved = loader.resolve(None)
    two = uncertainty.run(resolved, samples=3000, seed=5, chunk=1000)
    monkeypatch.setattr(chunked, "WORKERS", 1)
    one = uncertainty.run(resolved, samples=3000, seed=5, chunk=1000)
    assert np.array_equal(one.outcome.present_values, two.outcome.present_values)
    assert np.array_equal(one.outcome.category_pv_sums, two.outcome.category_pv_sums)


def test_no_progress_bar_in_a_pipe():
    result = runner.invoke(app, ["uncertainty", "-n", "40000", "-f", "json"])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_progress_bar_on_a_terminal_only_for_a_long_run(monkeypatch):
    # a pseudo-terminal as stderr and a clock we move by hand: a run whose first
    # tenth took 0.5 s (5 s expected in all) shows a bar, one whose first tenth
    # took 0.01 s (0.1 s in all) shows none
    import fcntl
    import os
    import pty
    import struct
    import sys
    import termios
    from types import SimpleNamespace

    from tco.cli import analysis as cli_analysis

    def shown(step_seconds: float) -> str:
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        clock = [0.0]
        with os.fdopen(follower, "w") as terminal:
            monkeypatch.setattr(sys, "stderr", terminal)
            monkeypatch.setattr(cli_analysis, "time",
                                SimpleNamespace(perf_counter=lambda: clock[0]))
            monkeypatch.setenv("TERM", "xterm-256color")
            with cli_analysis._progress("1,000,000 samples") as update:
                assert update is not None
                for done in range(1, 11):
                    clock[0] += step_seconds
                    update(done * 100_000, 1_000_000)
            monkeypatch.undo()
        os.set_blocking(leader, False)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # nothing more (or the terminal closed)
                break
            if not data:
                break
            chunks.append(data)
        os.close(leader)
        return b"".join(chunks).decode(errors="replace")

    assert "1,000,000 samples" in shown(0.5)
    assert shown(0.01) == ""
