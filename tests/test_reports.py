"""Report formats, --output, CI gates, diff and the chart, through the installed command."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from pathlib import Path

import jsonschema
import pytest
from conftest import BASIC

from tco.render.schema import schema


def _json(run_tco, *args):
    result = run_tco("compare", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_csv_parses_back_to_the_json_totals(run_tco):
    doc = _json(run_tco)
    result = run_tco("compare", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert set(rows[0]) == {"scenario", "option", "label", "year", "category", "value", "unit"}
    totals: dict[str, float] = defaultdict(float)
    by_category: dict[tuple[str, str], float] = defaultdict(float)
    for row in rows:
        assert row["unit"] == "USD"
        totals[row["option"]] += float(row["value"])
        by_category[row["option"], row["category"]] += float(row["value"])
    options = doc["results"][0]["options"]
    # one row per option x year (0..5) x category (every one, capacity and gpus too)
    assert len(rows) == len(options) * 6 * len(doc["results"][0]["categories"])
    for o in options:
        assert totals[o["id"]] == pytest.approx(o["total"], rel=1e-12)
        for cat, figures in o["categories"].items():
            assert by_category[o["id"], cat] == pytest.approx(figures["total"], rel=1e-12,
                                                              abs=1e-6)


def _markdown_tables(text: str) -> list[list[str]]:
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def test_markdown_tables_are_well_formed(run_tco):
    result = run_tco("compare", str(BASIC), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    tables = _markdown_tables(result.stdout)
    assert len(tables) == 3
    for table in tables:
        widths = {line.count("|") - line.count("\\|") for line in table}
        assert len(widths) == 1, "every row has the header's number of cells"
        assert re.fullmatch(r"\|(:?-{3,}:?\|)+", table[1]), table[1]
        assert all(line.endswith("|") for line in table)
    # 235,734,237 before air cooling capital + 2,010 kW x 600 USD/kW = 1,206,000
    assert "| Total | total | 236,940,237 |" in result.stdout


def test_output_file_format_from_extension_and_inputs_protected(run_tco, tmp_path: Path):
    for name, check in (("r.json", lambda t: json.loads(t)["schema_version"].startswith("1.")),
                        ("r.csv", lambda t: t.startswith("scenario,option,label,year")),
                        ("r.md", lambda t: t.startswith("## ")),
                        ("r.txt", lambda t: "Cash flow by year" in t and "\x1b[" not in t)):
        result = run_tco("compare", "--output", name)
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        assert check((tmp_path / name).read_text()), name
    assert run_tco("compare", "--output", "r2.txt", "--format", "json").returncode == 0
    assert json.loads((tmp_path / "r2.txt").read_text())["results"]
    unknown = run_tco("compare", "--output", "r.xyz")
    assert unknown.returncode == 2 and "cannot tell the format" in unknown.stderr
    assert run_tco("init", "mine.toml").returncode == 0
    before = (tmp_path / "mine.toml").read_text()
    clobber = run_tco("compare", "mine.toml", "--output", "mine.toml", "--format", "json")
    assert clobber.returncode == 2
    assert "mine.toml: is one of the inputs: not overwritten" in clobber.stderr
    assert (tmp_path / "mine.toml").read_text() == before


def test_chart_ends_the_table_unless_no_chart(run_tco):
    assert "Total over 5 years (USD), cheapest first" in run_tco("compare").stdout
    assert "cheapest first" not in run_tco("compare", "--no-chart").stdout


# --- gates -----------------------------------------------------------------------------

def test_gate_that_trips_exits_1_after_the_report(run_tco):
    # basic-51t: CPO saves 37.9 % of the pluggable total, so "< 50 %" holds
    result = run_tco("compare", str(BASIC), "--format", "json",
                     "--fail-if", "savings(cpo) < 50 %",
                     "--fail-if", "cpo.npv > pluggable.npv")
    assert result.returncode == 1
    assert json.loads(result.stdout)["results"], "the report is printed first"
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("tco: gate tripped: savings(cpo) < 50 %: savings(cpo) = 37.")


def test_gates_that_do_not_hold_exit_0(run_tco):
    result = run_tco("compare", str(BASIC), "--format", "json",
                     "--fail-if", "savings(cpo) < 20 %",
                     "--fail-if", "cpo.npv > pluggable.npv",
                     "--fail-if", "cpo.total_power_kw > 2000 kW",
                     "--fail-if", "cpo.break_even_year > 3")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_gate_units_convert(run_tco):
    # CPO IT power 1,327 kW = 1.327 MW: holds
    result = run_tco("compare", str(BASIC), "--format", "json",
                     "--fail-if", "cpo.it_power_kw > 1.3 MW")
    assert result.returncode == 1
    assert "cpo.it_power_kw = 1,327 kW > 1,300 kW" in result.stderr


@pytest.mark.parametrize("expr, message", [
    ("cpo.npv", "expected one comparison"),
    ("cpo.npv > > 3", "expected one comparison"),
    ("cpo.npvv > 3 USD", "unknown metric 'npvv' (metrics: total, npv,"),
    ("xx.npv > 3 USD", "unknown option 'xx' in preset 'default' (options: pluggable, lpo, "
                       "npo, cpo)"),
    ("savings(cpo) > 3 USD", "cannot compare"),
    ("cpo.npv > 3", "'3' has no unit: write it with one, such as '3 USD'"),
    ("savings(cpo) < 30", "'30' has no unit: write it with one, such as '30 %'"),
    ("__import__('os') > 1", "expected OPTION.METRIC, FUNCTION(OPTION) or a number"),
    ("gain(cpo) > 1 %", "unknown function 'gain' (functions: savings, pv_savings)"),
    ("1 < 2", "compares two numbers"),
])
def test_malformed_gates_are_bad_input(expr: str, message: str, run_tco):
    result = run_tco("compare", "--fail-if", expr)
    assert result.returncode == 2
    assert result.stdout == "", "nothing is printed before a bad gate is reported"
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr


# --- diff ------------------------------------------------------------------------------

def test_diff_of_an_electricity_price_change_shows_only_energy_and_cooling(run_tco,
                                                                          tmp_path: Path):
    assert run_tco("compare", "-o", "base.json").returncode == 0
    assert run_tco("compare", "-o", "new.json",
                   "--set", "analysis.electricity_price=0.1 USD/kWh").returncode == 0
    result = run_tco("diff", "base.json", "new.json", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema("diff"), cls=jsonschema.Draft202012Validator)
    items = {c["item"] for c in doc["changes"]}
    assert items == {"energy", "cooling", "total", "present_value"}
    energy = next(c for c in doc["changes"] if c["option"] == "pluggable"
                  and c["item"] == "energy")
    # the energy cost scales with the price: 0.1 / 0.078 - 1 = +28.2 %
    assert energy["change_percent"] == pytest.approx((0.1 / 0.078 - 1) * 100, rel=1e-9)
    table = run_tco("diff", "base.json", "new.json")
    assert "Energy" in table.stdout and "Repairs" not in table.stdout
    same = run_tco("diff", "base.json", "base.json")
    assert same.stdout.startswith("No changes")


def test_diff_refuses_unknown_schema_versions(run_tco, tmp_path: Path):
    assert run_tco("compare", "-o", "base.json").returncode == 0
    (tmp_path / "future.json").write_text('{"schema_version": "2.0", "results": []}')
    result = run_tco("diff", "base.json", "future.json")
    assert result.returncode == 2
    assert "future.json: schema_version '2.0' is not one this tco reads (1.x)" in \
        result.stderr
    (tmp_path / "broken.json").write_text("{")
    assert run_tco("diff", "base.json", "broken.json").returncode == 2
    assert run_tco("diff", "base.json", "missing.json").returncode == 2


# --- explain ---------------------------------------------------------------------------

CATEGORY_IDS = ["equipment", "spares", "installation", "energy", "cooling", "repairs",
                "downtime", "replacement", "carbon", "residual"]


@pytest.mark.parametrize("category", CATEGORY_IDS)
def test_explain_figures_equal_compare(category: str, run_tco):
    compared = _json(run_tco)["results"][0]["options"]
    for option in ("pluggable", "cpo"):
        figures = next(o for o in compared if o["id"] == option)["categories"][category]
        result = run_tco("explain", "--option", option, "--item", category)
        assert result.returncode == 0, result.stderr
        text = result.stdout
        assert f"Total over 5 years: {figures['total']:,.2f} USD" in text
        assert f"Present value at 8 %: {figures['present_value']:,.2f} USD" in text
        for year, amount in enumerate(figures["by_year"]):
            line = next(x for x in text.splitlines() if x.startswith(f"  year {year}:"))
            assert line.endswith(f"= {amount:,.2f} USD"), line


def test_explain_bad_names_exit_2(run_tco):
    result = run_tco("explain", "--option", "cpo", "--item", "power")
    assert result.returncode == 2
    assert "unknown --item 'power' (give a category: equipment," in result.stderr
    assert run_tco("explain").returncode == 2


def test_diff_refuses_malformed_and_unlike_results(run_tco, tmp_path: Path):
    assert run_tco("compare", "-o", "base.json").returncode == 0
    assert run_tco("compare", "europe", "-o", "eur.json").returncode == 0
    (tmp_path / "odd.json").write_text('{"schema_version": "1.0", "results": [{}]}')
    odd = run_tco("diff", "base.json", "odd.json")
    assert odd.returncode == 2
    assert "odd.json: not a `tco compare --format json` output: results[0] lacks" in odd.stderr
    unlike = run_tco("diff", "base.json", "eur.json")
    assert unlike.returncode == 2
    assert "currency USD in the base but EUR in the new result" in unlike.stderr
