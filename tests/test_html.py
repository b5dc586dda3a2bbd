"""The HTML report: one self-contained, well-formed file with the verdict, charts, tables, inputs.

The browser test (tests/test_html_browser.py) loads it in a real headless chromium.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tco import engine
from tco.io import loader
from tco.render import chartdata, html, palette, report
from tco.render.json_out import value_with_unit

XHTML_FREE = re.compile(r"<!DOCTYPE html>\n", re.IGNORECASE)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def result() -> engine.ScenarioResult:
    return engine.evaluate(loader.load(None))


@pytest.fixture(scope="module")
def page(result: engine.ScenarioResult) -> str:
    return html.render([result])


def _tree(text: str) -> ET.Element:
    """The page parsed as XML: every element closed, every attribute quoted, entities valid."""
    assert text.startswith("<!DOCTYPE html>\n")
    return ET.fromstring(XHTML_FREE.sub("", text, count=1))


def _text(node: ET.Element) -> str:
    return " ".join("".join(node.itertext()).split())


def test_well_formed_with_the_html5_essentials(page: str) -> None:
    root = _tree(page)
    assert root.tag == "html" and root.get("lang") == "en"
    head = root.find("head")
    assert head is not None
    assert head.find("meta[@charset='utf-8']") is not None
    viewport = head.find("meta[@name='viewport']")
    assert viewport is not None and "width=device-width" in viewport.get("content", "")
    assert head.find("title") is not None and head.find("style") is not None
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "element ids must be unique"


def test_self_contained_and_scriptless(page: str) -> None:
    root = _tree(page)
    assert not list(root.iter("script"))
    assert not list(root.iter("link")) and not list(root.iter("img"))
    assert not list(root.iter("iframe"))
    # the only URL is the SVG namespace, which is a name, never fetched
    urls = set(re.findall(r"(?:https?:)?//[^\s\"'<>)]+", page))
    assert urls == {"http://www.w3.org/2000/svg"}
    assert "@import" not in page and "url(" not in page


def test_print_and_phone_styles(page: str) -> None:
    style = _tree(page).find("head/style")
    assert style is not None and style.text
    assert "@media print" in style.text
    assert "@media (max-width:" in style.text


def test_verdict_first(result: engine.ScenarioResult, page: str) -> None:
    root = _tree(page)
    section = root.find(".//section")
    assert section is not None
    verdict = section.find("div[@class='verdict']")
    assert verdict is not None
    children = [c.tag for c in section]
    # after the heading and description comes the verdict, before any chart or table
    assert children.index("div") < children.index("figure")
    cheapest = min(result.options, key=lambda o: float(o.total))
    answer = _text(verdict)
    assert answer.startswith(f"{cheapest.label} is cheapest: "
                             f"{chartdata.compact(float(cheapest.total))} {result.currency}")


def test_charts_tables_and_totals(result: engine.ScenarioResult, page: str) -> None:
    root = _tree(page)
    svgs = list(root.iter(f"{SVG}svg"))
    assert len(svgs) == 3
    for s in svgs:
        assert s.get("role") == "img" and s.find(f"{SVG}title") is not None
    tables = {_text(t.find("caption")) for t in root.iter("table")}
    for grid in report.grids(result):
        assert grid.title in tables
    text = _text(root)
    for o in result.options:  # totals at full precision in the summary table
        assert report.money(o.total) in text


def test_one_colour_per_option_everywhere(result: engine.ScenarioResult, page: str) -> None:
    root = _tree(page)
    colours = palette.option_colours(o.id for o in result.options)
    fills = {r.get("fill") for s in root.iter(f"{SVG}svg") for r in s.iter(f"{SVG}rect")}
    strokes = {p.get("stroke") for p in root.iter(f"{SVG}polyline")}
    assert strokes == set(colours.values())
    assert set(colours.values()) <= fills
    swatches = [s.get("style") for s in root.iter("span") if s.get("class") == "swatch"]
    assert {s.split(":")[1] for s in swatches} == set(colours.values())


def test_every_input_with_unit_origin_and_source(result: engine.ScenarioResult,
                                                 page: str) -> None:
    root = _tree(page)
    table = next(t for t in root.iter("table") if t.get("class") == "inputs")
    rows = {}
    for tr in table.iter("tr"):
        cells = [_text(c) for c in tr]
        if len(cells) == 6 and tr.find("th/code") is not None:
            rows[cells[0]] = cells
    shown = {p: i for p, i in result.scenario.inputs.items() if i.value is not None}
    assert set(rows) == set(shown)
    price = rows["analysis.electricity_price"]
    item = shown["analysis.electricity_price"]
    value, unit = value_with_unit(item.value, item.unit)
    assert price[1] == f"{value:,.6g}" and price[2] == unit
    assert price[4] == item.origin
    assert item.source and item.source in price[5]


def test_several_scenarios_one_verdict_each() -> None:
    results = [engine.evaluate(loader.load(name)) for name in ("default", "europe")]
    root = _tree(html.render(results))
    sections = list(root.iter("section"))
    assert len(sections) == 2
    assert all(s.find("div[@class='verdict']") is not None for s in sections)
    assert root.find("body/main/nav") is not None or root.find(".//nav") is not None
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_same_bytes_every_time(result: engine.ScenarioResult) -> None:
    assert html.render([result]) == html.render([result])


def test_compare_output_html(run_tco, tmp_path: Path) -> None:
    done = run_tco("compare", "-o", "report.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    _tree(text)
    assert "wrote report.html" in done.stderr
    piped = run_tco("compare", "--format", "html")
    assert piped.returncode == 0 and piped.stdout == text


@pytest.mark.parametrize("command", [["sensitivity"], ["uncertainty", "-n", "200"]])
def test_analysis_commands_write_html(run_tco, tmp_path: Path, command: list[str]) -> None:
    done = run_tco(*command, "-o", "a.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    root = _tree((tmp_path / "a.html").read_text(encoding="utf-8"))
    said = run_tco(*command, "--format", "json", cwd=tmp_path)
    assert said.returncode == 0, said.stderr
    verdict = root.find(".//div[@class='verdict']")
    assert verdict is not None  # the answer first, as in the terminal view
    assert list(root.iter("table")), "the analysis tables"
    assert not list(root.iter("script"))


def test_sensitivity_html_has_a_tornado_after_the_answer(run_tco, tmp_path: Path) -> None:
    done = run_tco("sensitivity", "-o", "s.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    root = _tree((tmp_path / "s.html").read_text(encoding="utf-8"))
    section = root.find(".//section")
    assert section is not None
    tags = [c.tag for c in section]
    assert tags.index("div") < tags.index("figure")  # the answer, then the chart
    chart = section.find(f"figure/{SVG}svg")
    assert chart is not None
    title = chart.find(f"{SVG}title")
    assert title is not None and "What drives the answer" in (title.text or "")
    labels = ["".join(t.itertext()) for t in chart.iter(f"{SVG}text")]
    assert "0" in labels  # zero is on the axis


@pytest.mark.parametrize(("text", "kept"), [
    ("it saves 9.5 M USD (P50)", "it saves 9.5\u00a0M\u00a0USD (P50)"),
    ("from 52,960 USD to 128,320 USD", "from 52,960\u00a0USD to 128,320\u00a0USD"),
    ("17 W, 20 %, 0.20 EUR/kWh", "17\u00a0W, 20\u00a0%, 0.20\u00a0EUR/kWh"),
    ("P10 -3.2 M EUR; 1.2e6 USD", "P10 -3.2\u00a0M\u00a0EUR; 1.2e6\u00a0USD"),
    ("10 min, 8 hour", "10\u00a0min, 8\u00a0hour"),
    # a second unit only after a magnitude; words after numbers stay breakable
    ("5 % EUR", "5\u00a0% EUR"),
    ("year 3 of 5 with 3 options", "year 3 of 5 with 3 options"),
    ("v1.2 M USD", "v1.2 M USD"),
])
def test_numbers_keep_their_units(text: str, kept: str):
    assert html.nowrap_units(text) == kept


def test_no_number_of_the_page_can_wrap_from_its_unit():
    """On a phone "9.5 M USD" wrapped as "9.5 / M USD": every number of the page's text
    (verdict, ranking, analyses, tables, inputs; not the SVG, which never wraps) keeps its
    unit with a non-breaking space."""
    from tco.analysis import sensitivity, uncertainty

    resolved = loader.resolve("europe")
    r = engine.evaluate(loader.load("europe"))
    extra = html.Analyses(uncertainty.run(resolved, 200, 0), sensitivity.run(resolved))
    text = html.render([r], [extra])
    text = re.sub(r"<style>.*?</style>|<svg.*?</svg>", "", text, flags=re.S)
    nodes = " | ".join(re.findall(r">([^<]+)<", text))
    broken = re.findall(r"\d (?:[kMGT]|bn|USD|EUR|W|%|hour|min)(?![\w/])", nodes)
    assert broken == []
    assert re.search(r"\d\u00a0M\u00a0EUR", nodes)  # the verdict's money
    assert re.search(r"\d\u00a0%", nodes)
