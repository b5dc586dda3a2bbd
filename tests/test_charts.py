"""Charts: one palette everywhere, sorted bars from zero, savings labelled, reproducible files."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.console import Console

from tco import engine
from tco.engine import CATEGORIES
from tco.io import loader
from tco.render import bars, chartdata, palette, svg
from tco.render.report import CATEGORY_LABELS

SVG = "{http://www.w3.org/2000/svg}"
NEEDS = "the plot extra is not installed: pip install '.[plot]'"


@pytest.fixture(scope="module")
def result() -> engine.ScenarioResult:
    return engine.evaluate(loader.load(None))


def _colours(r: engine.ScenarioResult) -> dict[str, str]:
    return palette.option_colours(o.id for o in r.options)


# --- the palette -------------------------------------------------------------------------

def test_options_and_categories_never_share_a_colour() -> None:
    options = set(palette.OPTION_COLOURS.values()) | set(palette.SPARE_OPTION_COLOURS)
    categories = set(palette.CATEGORY_COLOURS.values())
    assert not options & categories
    assert len(categories) == len(CATEGORIES)
    assert set(palette.CATEGORY_COLOURS) == set(CATEGORIES)


def test_an_option_keeps_its_colour_whatever_else_is_in_the_report() -> None:
    alone = palette.option_colours(["cpo"])
    crowded = palette.option_colours(["pluggable", "mine", "cpo", "lpo"])
    assert alone["cpo"] == crowded["cpo"] == palette.OPTION_COLOURS["cpo"]
    # an unknown id takes a colour no other option of the report has
    assert crowded["mine"] not in {crowded["pluggable"], crowded["cpo"], crowded["lpo"]}
    assert crowded["mine"] not in palette.CATEGORY_COLOURS.values()
    many = palette.option_colours(f"x{i}" for i in range(5))
    assert len(set(many.values())) == 5


# --- what the charts show ----------------------------------------------------------------

def test_nice_ticks_hand_worked() -> None:
    # 0..235.7 in about 5 steps: 235.7 / 5 = 47.1 -> the next round step is 50
    assert chartdata.nice_ticks(0, 235.7) == [0, 50, 100, 150, 200, 250]
    # -20..140: 160 / 5 = 32 -> 50; the first tick at or below -20 is -50; zero is kept
    assert chartdata.nice_ticks(-20, 140) == [-50, 0, 50, 100, 150]
    # 0..0.3: 0.3 / 5 = 0.06 -> 0.1
    assert chartdata.nice_ticks(0, 0.3) == pytest.approx([0, 0.1, 0.2, 0.3])
    # an axis always includes zero: 120..140 is drawn from 0
    assert chartdata.nice_ticks(120, 140)[0] == 0


def test_compact_money() -> None:
    assert chartdata.compact(146_434_083) == "146.4 M"  # 146,434,083 / 1e6 = 146.43
    assert chartdata.compact(950_000) == "950.0 k"
    assert chartdata.compact(3_683) == "3,683"  # under 10,000: as is
    assert chartdata.compact(2.5e9) == "2.5 B"


def test_assumptions_state_fleet_horizon_and_prices(result: engine.ScenarioResult) -> None:
    inputs = result.scenario.inputs
    text = chartdata.assumptions(result)
    switches = inputs["deployment.switches"].value  # 1000 in the default preset
    price = inputs["analysis.electricity_price"].value.magnitude
    assert f"{switches:,.0f} switches" in text
    assert f"{result.horizon} years" in text
    assert f"electricity {price:g} {result.currency}/kWh" in text
    assert "discount rate" in text


def test_bars_are_sorted_and_word_the_savings(result: engine.ScenarioResult) -> None:
    items = chartdata.bars(result)
    totals = [b.total for b in items]
    assert totals == sorted(totals)
    for b in items:
        o = next(o for o in result.options if o.id == b.id)
        if o.is_baseline:
            assert b.note == "baseline"
        else:
            # the engine's saving, in words: 89.3 M (37.9 %) below baseline
            pct = abs(float(o.savings_percent))
            word = "below" if o.savings > 0 else "above"
            assert b.note == (f"{chartdata.compact(abs(float(o.savings)))} ({pct:.1f} %) "
                              f"{word} baseline")


# --- the SVG of the HTML report ----------------------------------------------------------

def _parse(text: str) -> ET.Element:
    return ET.fromstring(text)


def test_svg_totals_from_zero_in_option_colours(result: engine.ScenarioResult) -> None:
    colours = _colours(result)
    root = _parse(svg.totals(result, colours, "t"))
    rects = list(root.iter(f"{SVG}rect"))
    items = chartdata.bars(result)
    assert len(rects) == len(items)
    # every bar starts at the same x (zero) and its length is proportional to its total
    assert len({r.get("x") for r in rects}) == 1
    per_unit = [float(r.get("width")) / b.total for r, b in zip(rects, items, strict=True)]
    assert max(per_unit) == pytest.approx(min(per_unit), rel=1e-3)
    assert [r.get("fill") for r in rects] == [colours[b.id] for b in items]
    texts = [("".join(t.itertext())) for t in root.iter(f"{SVG}text")]
    labels = [t for t in texts if t in {chartdata.label(b) for b in items}]
    assert labels == [chartdata.label(b) for b in items]  # cheapest on top
    for b in items:
        assert any(b.note in t for t in texts)
    assert chartdata.assumptions(result) in texts  # the subtitle
    assert "0" in texts  # the axis starts at zero


def test_svg_category_legend_in_stack_order(result: engine.ScenarioResult) -> None:
    root = _parse(svg.categories(result, _colours(result), "c"))
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    shown = chartdata.shown_categories(chartdata.bars(result))
    legend = [t for t in texts if t in {CATEGORY_LABELS[c] for c in shown}]
    assert legend == [CATEGORY_LABELS[c] for c in shown]
    # the segments of each bar are stacked left to right in the same order
    first = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    fills = [r.get("fill") for r in first[:len(shown)]]
    assert fills == [palette.category_colour(c) for c in shown]


def test_svg_is_the_same_bytes_every_time(result: engine.ScenarioResult) -> None:
    colours = _colours(result)
    assert svg.charts(result, colours, "s1") == svg.charts(result, colours, "s1")


def test_svg_cumulative_starts_at_zero(result: engine.ScenarioResult) -> None:
    root = _parse(svg.cumulative(result, _colours(result), "k"))
    ticks = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "0" in ticks
    strokes = {p.get("stroke") for p in root.iter(f"{SVG}polyline")}
    assert strokes == set(_colours(result).values())


# --- the terminal chart ------------------------------------------------------------------

@pytest.mark.parametrize("width", [60, 80, 200])
def test_terminal_bars_sorted_with_values(result: engine.ScenarioResult, width: int) -> None:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, force_terminal=False)
    console.print(bars.chart(result))
    lines = out.getvalue().splitlines()
    assert all(len(line) <= width for line in lines)
    items = chartdata.bars(result)
    rows = [next(line for line in lines if line.startswith(chartdata.label(b) + " "))
            for b in items]
    for b, row in zip(items, rows, strict=True):
        assert chartdata.compact(b.total) in row
    lengths = [len(re.sub(r"[^█▏▎▍▌▋▊▉]", "", row)) for row in rows]
    assert lengths == sorted(lengths)  # cheapest (shortest) on top
    text = out.getvalue()
    for b in items:
        assert b.note in text


def test_bar_glyphs_hand_worked() -> None:
    # 0.5 of 10 cells = 5 cells = 40 eighths: five full blocks
    assert bars.bar(0.5, 10) == "█████"
    # 0.55 of 10 cells = 5.5 cells = 44 eighths: five full and a half block
    assert bars.bar(0.55, 10) == "█████▌"
    assert bars.bar(0.55, 10, unicode=False) == "######"  # round(5.5) = 6 (to even)
    assert bars.bar(0.0, 10) == ""


# --- matplotlib ------------------------------------------------------------------------

def test_legend_row_major_order() -> None:
    from tco.render.plot import row_major

    # 6 entries in 5 columns: matplotlib fills columns, the first one 2 high;
    # to read 0..4 on the first row and 5 on the second, column 0 gets [0, 5]
    assert row_major(6, 5) == [0, 5, 1, 2, 3, 4]
    assert row_major(3, 4) == [0, 1, 2]


@pytest.mark.parametrize("suffix", [".svg", ".pdf"])
def test_plot_is_reproducible(tmp_path: Path, result: engine.ScenarioResult,
                              suffix: str) -> None:
    pytest.importorskip("matplotlib", reason=NEEDS)
    from tco.render.plot import plot_results

    a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    plot_results([result], str(a))
    plot_results([result], str(b))
    assert a.read_bytes() == b.read_bytes()
    if suffix == ".svg":
        text = a.read_text()
        assert "<dc:date>" not in text
        assert chartdata.assumptions(result) in text  # the subtitle
        for b_ in chartdata.bars(result):
            assert b_.note in text  # savings labelled
    else:
        assert a.read_bytes().startswith(b"%PDF")
        assert b"CreationDate" not in a.read_bytes()


def test_analysis_chart_svg_is_reproducible(run_tco, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason=NEEDS)
    for name in ("a.svg", "b.svg"):
        done = run_tco("uncertainty", "-n", "200", "--plot", name, "-f", "json", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    a, b = (tmp_path / "a.svg").read_bytes(), (tmp_path / "b.svg").read_bytes()
    assert a == b
    # the options in their palette colours (matplotlib writes fills as #rrggbb)
    for colour in (palette.OPTION_COLOURS["cpo"], palette.OPTION_COLOURS["lpo"]):
        assert colour.encode() in a
