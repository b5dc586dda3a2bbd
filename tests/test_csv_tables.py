"""CSV of every table: summary, cashflow, physical and inputs, one file each with -o DIR/."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_table_as_csv_matches_the_json(run_tco, tmp_path: Path):
    doc = json.loads(run_tco("compare", "-f", "json").stdout)["results"][0]
    result = run_tco("compare", "-o", "tables/")
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert files == ["cashflow.csv", "inputs.csv", "physical.csv", "summary.csv"]
    summary = _rows((tmp_path / "tables" / "summary.csv").read_text())
    got = {(r["option"], r["item"]): r for r in summary}
    physical = _rows((tmp_path / "tables" / "physical.csv").read_text())
    for o in doc["options"]:
        assert float(got[o["id"], "total"]["value"]) == pytest.approx(o["total"], rel=1e-12)
        assert float(got[o["id"], "present_value"]["value"]) == pytest.approx(
            o["present_value"], rel=1e-12)
        assert got[o["id"], "total"]["unit"] == "USD"
        metrics = {r["metric"]: r["value"] for r in physical if r["option"] == o["id"]}
        for key, value in o["physical"].items():
            if value is None:  # undefined (never, infinite): an empty cell
                assert metrics[key] == ""
            else:
                assert float(metrics[key]) == pytest.approx(value, rel=1e-12)
    inputs = {r["key"]: r for r in _rows((tmp_path / "tables" / "inputs.csv").read_text())}
    price = inputs["analysis.electricity_price"]
    assert (float(price["value"]), price["unit"]) == (
        doc["inputs"]["analysis.electricity_price"]["value"], "USD/kWh")
    one = run_tco("compare", "-f", "csv", "--table", "physical")
    assert one.stdout.startswith("scenario,option,label,metric,value,unit\n")
    bad = run_tco("compare", "-f", "csv", "--table", "nope")
    assert bad.returncode == 2 and "expected one of summary, cashflow" in bad.stderr


def test_diff_says_whether_the_winner_changed(run_tco):
    assert run_tco("compare", "-o", "base.json").returncode == 0
    assert run_tco("compare", "-o", "new.json", "--set",
                   "analysis.electricity_price=0.1 USD/kWh").returncode == 0
    doc = json.loads(run_tco("compare", "-f", "json").stdout)["results"][0]
    best = min(doc["options"], key=lambda o: o["total"])
    out = run_tco("diff", "base.json", "new.json").stdout
    lines = out.splitlines()
    assert lines[0] == f"Scenario: {doc['scenario']['name']}"  # named once, first
    assert any(x.startswith(f"Winner unchanged: {best['label']} (total") for x in lines)
    assert "+" in out.split("Change")[-1], "changes are signed"
    flipped = run_tco("compare", "-o", "flip.json", "--only", best["id"] + ",lpo",
                      "--set", f"options.{best['id']}.switch.price=10000000 USD")
    assert flipped.returncode == 0, flipped.stderr
    moved = run_tco("diff", "base.json", "flip.json").stdout
    assert f"Winner changed: {best['label']} -> LPO" in moved
