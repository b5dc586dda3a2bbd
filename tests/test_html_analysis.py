"""The analyses in HTML: `compare --with uncertainty,sensitivity` and the analysis pages.

Small sample counts keep these fast. Pages are checked as in tests/test_html.py:
well-formed, self-contained, the same bytes for the same seed.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_html import SVG, _text, _tree
from typer.testing import CliRunner

from tco.cli import app

SAMPLES = "300"


def _run(*args: str):
    return CliRunner(env={"COLUMNS": "100"}).invoke(app, list(args))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("with") / "r.html"
    done = _run("compare", "-o", str(path), "--with", "uncertainty,sensitivity",
                "--samples", SAMPLES)
    assert done.exit_code == 0, done.stderr
    return path.read_text(encoding="utf-8")


def _urls(page: str) -> set[str]:
    return set(re.findall(r"(?:https?:)?//[^\s\"'<>)]+", page))


def test_report_with_analyses_is_well_formed_and_self_contained(report: str) -> None:
    root = _tree(report)
    assert not list(root.iter("script"))
    assert _urls(report) == {"http://www.w3.org/2000/svg"}
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    # one verdict per scenario; the analyses' answers are findings, not verdicts
    assert len([d for d in root.iter("div") if d.get("class") == "verdict"]) == 1


def test_sections_after_the_charts_before_the_tables(report: str) -> None:
    section = _tree(report).find(".//section")
    assert section is not None
    heads = [(c.get("id"), _text(c)) for c in section if c.tag == "h3"]
    order = [h for _, h in heads]
    assert [i for i, _ in heads if i] == ["s1-uncertainty", "s1-sensitivity"]
    u = next(i for i, h in enumerate(order) if h.startswith("How sure"))
    assert order.index("Charts") < u < order.index("Tables")
    assert order[u + 1].startswith("What drives the answer")
    assert f"{int(SAMPLES):,} samples" in order[u]


def _charts(report: str) -> dict[str, ET.Element]:
    root = _tree(report)
    return {s.find(f"{SVG}title").get("id"): s for s in root.iter(f"{SVG}svg")}


def test_uncertainty_charts_and_tornado(report: str) -> None:
    charts = _charts(report)
    assert {"s1-u-cheapest-t", "s1-u-savings-t", "s1-tornado-t"} <= set(charts)
    doc = json.loads(_run("uncertainty", "-n", SAMPLES, "-f", "json").stdout)
    # P(cheapest): one bar per option, its share written beside it as in the JSON
    labels = ["".join(t.itertext()) for t in charts["s1-u-cheapest-t"].iter(f"{SVG}text")]
    for o in doc["options"]:
        assert f"{100 * o['prob_cheapest']:.1f} %" in labels
    # the histogram: per option, the bins' sample counts add up to the samples
    counts: dict[str, int] = {}
    for rect in charts["s1-u-savings-t"].iter(f"{SVG}rect"):
        tip = rect.find(f"{SVG}title")
        m = re.match(r"(.+): ([\d,]+) of ([\d,]+) samples", tip.text if tip is not None else "")
        if m:
            counts[m[1]] = counts.get(m[1], 0) + int(m[2].replace(",", ""))
            assert m[3] == f"{int(SAMPLES):,}"
    others = [o["label"] for o in doc["options"] if not o["baseline"]]
    assert counts == {label: int(SAMPLES) for label in others}


def test_verdict_names_the_top_row_of_the_tornado_and_how_sure(report: str) -> None:
    root = _tree(report)
    verdict = _text(next(d for d in root.iter("div") if d.get("class") == "verdict"))
    compare = json.loads(_run("compare", "-f", "json").stdout)["results"][0]["verdict"]
    tornado = json.loads(_run("sensitivity", "--option", compare["cheapest"], "--against",
                              compare["runner_up"], "-f", "json").stdout)
    top = tornado["rows"][0]["path"]
    assert f"The answer hinges most on {top} (" in verdict
    # the tornado chart's first row is that input (with "+ N tied" when inputs tied to it
    # at rank 1 in the preset's correlations move with it)
    chart = _charts(report)["s1-tornado-t"]
    rows = [t.text for t in chart.iter(f"{SVG}text") if t.get("text-anchor") == "end"
            and re.fullmatch(r"[\w.]+( \+ \d+ tied)?", t.text or "")]
    tied = len(tornado["rows"][0]["tied"])
    assert rows[0] == top + (f" + {tied} tied" if tied else "")
    assert f"How sure: over {int(SAMPLES):,} samples of the ranged inputs (seed 0)" in verdict
    # and the one-at-a-time caveat is said under the tornado
    assert "One input at a time, the others at their values" in _text(root)


def test_same_seed_same_bytes_other_seed_other_bytes(report: str, tmp_path: Path) -> None:
    again, other = tmp_path / "again.html", tmp_path / "other.html"
    for path, seed in ((again, "0"), (other, "7")):
        done = _run("compare", "-o", str(path), "--with", "uncertainty,sensitivity",
                    "--samples", SAMPLES, "--seed", seed)
        assert done.exit_code == 0, done.stderr
    assert again.read_text(encoding="utf-8") == report
    assert other.read_text(encoding="utf-8") != report


def test_with_in_markdown_and_table() -> None:
    md = _run("compare", "-f", "markdown", "--with", "sensitivity")
    assert md.exit_code == 0, md.stderr
    assert "The answer hinges most on" in md.stdout
    assert "\n### Sensitivity: " in md.stdout and "One input at a time" in md.stdout
    table = _run("compare", "--no-chart", "--with", "uncertainty", "--samples", "50")
    assert table.exit_code == 0, table.stderr
    assert "How sure: over 50 samples" in table.stdout
    assert "Uncertainty: " in table.stdout and "Savings against" in table.stdout


def test_several_scenarios_each_with_its_analyses() -> None:
    done = _run("compare", "default", "europe", "-f", "html", "--with", "sensitivity")
    assert done.exit_code == 0, done.stderr
    root = _tree(done.stdout)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert {"s1-sensitivity", "s2-sensitivity", "s1-tornado-t", "s2-tornado-t"} <= set(ids)
    verdicts = [d for d in root.iter("div") if d.get("class") == "verdict"]
    assert len(verdicts) == 2
    assert all("The answer hinges most on" in _text(v) for v in verdicts)


def test_with_completes_its_values() -> None:
    from tco.cli.compare_with import complete

    assert complete("") == ["uncertainty", "sensitivity"]
    assert complete("sens") == ["sensitivity"]
    assert complete("uncertainty,") == ["uncertainty,sensitivity"]


@pytest.mark.parametrize(("args", "said"), [
    (["--with", "tornado"], "--with 'tornado': expected uncertainty or sensitivity"),
    (["--samples", "10"], "--samples sets the uncertainty analysis: add --with uncertainty"),
    (["--with", "sensitivity", "--seed", "1"], "--seed sets the uncertainty analysis"),
    (["--with", "uncertainty", "-f", "json"], "--with adds sections to the table, Markdown"),
    (["--range", "analysis.discount_rate=5%..9%"], "--range: compare ignores ranges"),
])
def test_with_refuses_what_it_cannot_do(args: list[str], said: str) -> None:
    done = _run("compare", *args)
    assert done.exit_code == 2
    assert said in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_compare_without_with_loads_no_analysis_code(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom typer.testing import CliRunner\nfrom tco.cli import app\n"
            "r = CliRunner().invoke(app, ['compare', '-f', 'html'])\nassert r.exit_code == 0\n"
            "print(sorted(m for m in sys.modules if m.startswith('tco.analysis')\n"
            "             or m in ('tco.render.svg_analysis', 'tco.render.html_analysis')))")
    # from an empty folder: `python -c` puts the working directory first on sys.path, and
    # the source tree's tco/ (no presets inside) would shadow the installed package
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# --- the analysis commands' own pages ----------------------------------------------------

def _page(tmp_path: Path, *args: str) -> tuple[str, ET.Element]:
    path = tmp_path / "a.html"
    done = _run(*args, "-o", str(path))
    assert done.exit_code == 0, done.stderr
    text = path.read_text(encoding="utf-8")
    assert _urls(text) == {"http://www.w3.org/2000/svg"}
    root = _tree(text)
    assert not list(root.iter("script"))
    return text, root


def _subtitle(chart: ET.Element) -> str:
    return [t.text for t in chart.iter(f"{SVG}text")][1]


def test_uncertainty_page_charts_the_same_bytes_for_the_same_seed(report: str,
                                                                  tmp_path: Path) -> None:
    text, root = _page(tmp_path, "uncertainty", "-n", SAMPLES)
    charts = {s.find(f"{SVG}title").get("id"): s for s in root.iter(f"{SVG}svg")}
    assert set(charts) == {"u-cheapest-t", "u-savings-t"}
    # the subtitle says what compare's charts assume
    compare = _charts(report)["s1-totals-t"]
    assert _subtitle(charts["u-cheapest-t"]) == _subtitle(compare)
    again, _ = _page(tmp_path, "uncertainty", "-n", SAMPLES)
    assert again == text


def test_sweep_page_marks_where_the_cheapest_changes(tmp_path: Path) -> None:
    vary = "options.cpo.switch.price=50000..250000 USD"
    _, root = _page(tmp_path, "sweep", "--vary", vary)
    doc = json.loads(_run("sweep", "--vary", vary, "-f", "json").stdout)
    (crossing,) = doc["crossings"]
    labels = {o["id"]: o["label"] for o in doc["options"]}
    chart = next(root.iter(f"{SVG}svg"))
    said = [t.text for t in chart.iter(f"{SVG}text")]
    assert f"{labels[crossing['to']]} cheapest from ≈ {crossing['at']:,.6g} USD" in said
    from tco.render import palette

    colours = palette.option_colours(labels)
    lines = {p.find(f"{SVG}title").text: p.get("stroke") for p in chart.iter(f"{SVG}polyline")
             if p.find(f"{SVG}title") is not None}
    baseline = next(o["id"] for o in doc["options"] if o["baseline"])
    assert lines == {labels[i] + (" (baseline)" if i == baseline else ""): colours[i]
                     for i in labels}


def test_sweep_grid_page_colours_each_point_by_its_cheapest_option(tmp_path: Path) -> None:
    args = ("sweep", "--vary", "analysis.horizon=3..5 year",
            "--vary", "options.cpo.switch.price=50000..150000 USD:50000 USD")
    _, root = _page(tmp_path, *args)
    doc = json.loads(_run(*args, "-f", "json").stdout)
    from tco.render import palette

    colours = palette.option_colours(o["id"] for o in doc["options"])
    chart = next(root.iter(f"{SVG}svg"))
    cells = [r for r in chart.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    # one rectangle per run of the same cheapest option along a row: 3 rows
    winners = [p["cheapest"] for p in doc["points"]]
    runs = sum(1 + sum(a != b for a, b in zip(row, row[1:], strict=False))
               for row in (winners[i:i + 3] for i in range(0, 9, 3)))
    assert len(cells) == runs
    assert {c.get("fill") for c in cells} == {colours[w] for w in winners}


def test_breakeven_page_draws_the_gap_through_zero_at_the_break_even(tmp_path: Path) -> None:
    args = ("breakeven", "--option", "cpo", "--against", "lpo", "--vary",
            "options.cpo.switch.price")
    _, root = _page(tmp_path, *args)
    doc = json.loads(_run(*args, "-f", "json").stdout)
    chart = next(root.iter(f"{SVG}svg"))
    marker = next(c for c in chart.iter(f"{SVG}circle"))
    assert marker.find(f"{SVG}title").text == f"break-even: {doc['value']:,.6g} USD"
    # the gap line: evaluated through the break-even (gap 0) and the input's value
    from tco.analysis import breakeven, curve
    from tco.io import loader

    resolved = loader.resolve(None)
    b = breakeven.run(resolved, "cpo", "lpo", "options.cpo.switch.price")
    xs, gaps = curve.gaps(resolved, b)
    assert xs == sorted(xs) and len(xs) >= curve.POINTS
    at = dict(zip(xs, gaps, strict=True))
    assert abs(at[doc["value"]]) <= 1e-6 * abs(doc["points"][0]["against_present_value"])
    assert at[b.input.value] == pytest.approx(doc["gap_at_value"], rel=1e-9)


def test_histogram_bins_by_hand() -> None:
    """One option, four samples of savings: -1, 1, 1 and 3 M USD.

    The axis runs over round values from -1 M to 3 M (ticks -1, 0, 1, 2, 3), so 40 bins
    of 0.1 M: -1 M falls in bin 0, 1 M (a bin's left edge) twice in bin 20, 3 M (the
    last edge, included) in bin 39. The tallest bar (2 samples) is PEAK high, the
    others half that.
    """
    import numpy as np

    from tco.analysis.evaluate import Outcome
    from tco.analysis.uncertainty import UncertaintyResult
    from tco.render import svg_analysis

    base = np.full(4, 10e6)
    savings = np.array([-1e6, 1e6, 1e6, 3e6])
    outcome = Outcome(["b", "x"], ["Base", "X"], 0, "USD", np.vstack([base, base - savings]),
                      np.vstack([base, base - savings]), np.zeros((2, 1)), ["equipment"])
    u = UncertaintyResult("test", "t", 4, 0, [], outcome)
    chart = ET.fromstring(svg_analysis.histograms(u, {"b": "#000000", "x": "#00ff00"}, "h"))
    bars = [(r.find(f"{SVG}title").text, float(r.get("height")))
            for r in chart.iter(f"{SVG}rect")]
    assert bars == [("X: 1 of 4 samples from -1.0 M to -900.0 k USD", svg_analysis.PEAK / 2),
                    ("X: 2 of 4 samples from 1.0 M to 1.1 M USD", svg_analysis.PEAK),
                    ("X: 1 of 4 samples from 2.9 M to 3.0 M USD", svg_analysis.PEAK / 2)]
