"""--only and --baseline on the analysis commands, options by id or label in any case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from analysis_cases import write
from typer.testing import CliRunner

from tco.cli import app

runner = CliRunner()

#: a third option: one 300 USD switch, nothing else
GAMMA = """
[options.c]
label = "Gamma"
[options.c.switch]
price = "300 USD"
power = "0 W"
[options.c.optics]
price = "0 USD"
power = "0 W"
"""


def three(tmp_path: Path) -> str:
    """a = 150 + 10 = 160 USD (the baseline), b = 150 + 0 = 150 USD, c = 300 USD;
    one year, no discounting, no energy: present value = total = the prices."""
    path = Path(write(tmp_path))
    path.write_text(path.read_text(encoding="utf-8") + GAMMA, encoding="utf-8")
    return str(path)


def run(*args: str) -> dict:
    result = runner.invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_uncertainty_only_and_baseline_by_label(tmp_path: Path):
    doc = run("uncertainty", three(tmp_path), "-n", "8", "--only", "b,c",
              "--baseline", "GAMMA")
    assert doc["baseline"] == "c"
    opts = {o["id"]: o for o in doc["options"]}
    assert list(opts) == ["b", "c"]  # a left out
    # savings of b against c: 300 - 150 = 150 USD in every sample (nothing ranged)
    assert opts["b"]["pv_savings"]["p50"] == pytest.approx(300 - 150)
    assert opts["b"]["prob_cheapest"] == 1.0


def test_sweep_only_keeps_the_order_given(tmp_path: Path):
    doc = run("sweep", three(tmp_path), "--vary", "options.a.switch.price=100..300 USD:100 USD",
              "--only", "gamma,A")
    assert [o["id"] for o in doc["options"]] == ["c", "a"]
    # a's baseline flag stays (it was the scenario's baseline and is kept)
    assert doc["baseline"] == "a"
    # a = X + 10: 110, 210, 310 USD; c = 300 USD; savings of c against a = a - c
    points = doc["points"]
    assert [p["options"]["a"]["present_value"] for p in points] == [110, 210, 310]
    assert [p["options"]["c"]["pv_savings"] for p in points] == [110 - 300, 210 - 300,
                                                                  310 - 300]
    assert [p["cheapest"] for p in points] == ["a", "a", "c"]


def test_sensitivity_against_defaults_to_the_baseline_given(tmp_path: Path):
    # --baseline b: savings of the cheapest at the values (b, 150 USD) against b itself
    # would be nil, so it is measured against the runner-up among a and b: a (160 USD),
    # 160 - 150 = 10 USD
    doc = run("sensitivity", three(tmp_path), "--only", "a,b", "--baseline", "B")
    assert (doc["metric"]["option"], doc["metric"]["against"]) == ("b", "a")
    assert doc["metric"]["base"] == pytest.approx(160 - 150)


def test_breakeven_takes_labels_and_only(tmp_path: Path):
    # a - c = (X + 10) - 300 = 0 at X = 290 USD
    doc = run("breakeven", three(tmp_path), "--option", "A", "--against", "gamma",
              "--vary", "options.a.switch.price", "--only", "a,c")
    assert doc["value"] == pytest.approx(290, abs=1e-9)


@pytest.mark.parametrize("args, words", [
    (["--only", "a,nope"], "unknown option 'nope'"),
    (["--only", "a"], "at least two"),
    (["--baseline", "zz"], "unknown option 'zz'"),
])
def test_bad_selection_is_one_line_exit_2(tmp_path: Path, args: list[str], words: str):
    result = runner.invoke(app, ["uncertainty", three(tmp_path), "-n", "4", *args])
    assert result.exit_code == 2 and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_option_unknown_after_only_names_the_flag(tmp_path: Path):
    result = runner.invoke(app, ["sensitivity", three(tmp_path), "--only", "a,b",
                                 "--option", "gamma"])
    assert result.exit_code == 2 and "--option: unknown option 'gamma'" in result.stderr
