"""The HTML report in a real browser: Debian's chromium, headless, driven by Playwright.

No browser is downloaded: Playwright drives the system's chromium
(``/usr/bin/chromium``, or ``TCO_CHROMIUM``), which ``.ci/run`` installs. Where
chromium or the playwright package is missing the test is skipped with the
reason, except under CI (``CI=true``), where it fails.

The page is opened from a file with every request other than that file
refused and recorded: a self-contained report asks for nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tco import engine
from tco.io import loader
from tco.render import html, report

CHROMIUM = os.environ.get("TCO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
#: as the machine notes start it: no sandbox as root, and no background connections
#: (this machine's network is closed; chromium would try Google's hosts at every start)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]

#: each money or unit figure of the verdicts and ranking ("9.5 M USD", "17 W"), and how
#: many are drawn over more than one line (the rectangles of its text at two heights)
NUMBERS_ON_ONE_LINE = r"""(() => {
  const re = /\d[\d,.]*[ \u00a0](?:(?:[kMGT]|bn)[ \u00a0])?(?:[A-Z]{3}|%|k?W)(?![\w])/g;
  const out = {numbers: 0, split: []};
  for (const box of document.querySelectorAll('.verdict, .finding, ol.ranking')) {
    const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      for (const m of node.data.matchAll(re)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        out.numbers += 1;
        if (tops.size > 1) out.split.push(m[0]);
      }
    }
  }
  return out;
})()"""

#: every chart scales to the screen: no figure scrolls sideways
FIGURES_FIT = ("[...document.querySelectorAll('figure')].every("
               "f => f.scrollWidth <= f.clientWidth + 1)")


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"no chromium at {CHROMIUM} (apt-get install -y chromium, or set TCO_CHROMIUM)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the browser test must run under CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _say(request: pytest.FixtureRequest, line: str) -> None:
    """A line in pytest's own output (not captured), so the screenshot can be found."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(line)
    print(line)


def _open(browser, path: Path, **context):
    page = browser.new_context(**context).new_page()
    problems: list[str] = []
    asked: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def route(r):
        if r.request.url == path.as_uri():
            r.continue_()
        else:
            asked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri(), wait_until="load")
    return page, problems, asked


def test_report_in_chromium(browser, tmp_path: Path, request: pytest.FixtureRequest,
                            record_property) -> None:
    results = [engine.evaluate(loader.load(name)) for name in ("default", "europe")]
    path = tmp_path / "report.html"
    path.write_text(html.render(results), encoding="utf-8")

    page, problems, asked = _open(browser, path, viewport={"width": 1280, "height": 900})
    assert problems == []
    assert asked == [], "the report must fetch nothing"
    # the verdict opens the report, visible without scrolling
    answer = page.locator(".verdict .answer").first
    assert answer.is_visible()
    cheapest = min(results[0].options, key=lambda o: float(o.total))
    assert answer.inner_text().startswith(f"{cheapest.label} is cheapest:")
    box = answer.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900
    # the totals: the summary table's Total row, every option's total in full
    total_row = page.locator("section#s1 table").first.locator("tr", has=page.locator(
        "th", has_text="Total")).first
    total_row.scroll_into_view_if_needed()
    assert total_row.is_visible()
    cells = total_row.locator("td").all_inner_texts()  # an id column may come first
    totals = [report.money(o.total) for o in results[0].options]
    assert cells[-len(totals):] == totals
    # the charts are drawn (an SVG with a size), three per scenario
    charts = page.locator("figure svg")
    assert charts.count() == 6
    assert all((charts.nth(i).bounding_box() or {}).get("height", 0) > 100 for i in range(6))
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG")

    # on a phone: nothing wider than the screen but the scrolling tables and charts
    phone, problems, _ = _open(browser, path, viewport={"width": 390, "height": 844},
                               device_scale_factor=2, is_mobile=True, has_touch=True)
    assert problems == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.evaluate(FIGURES_FIT), "a chart scrolls sideways on a phone"
    assert phone.locator(".verdict .answer").first.is_visible()
    # no number wraps apart from its unit ("9.5 / M USD"): each one sits on one line
    together = phone.evaluate(NUMBERS_ON_ONE_LINE)
    assert together["numbers"] > 10 and together["split"] == [], together
    phone_shot = tmp_path / "report-phone.png"
    phone.screenshot(path=str(phone_shot))

    # printed: the print styles apply and a PDF comes out; nothing is cut at the page edge
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")

    record_property("screenshot", str(shot))
    _say(request, f"\nscreenshots of the HTML report: {shot} {phone_shot}; printed: {pdf}")


def test_report_with_analyses_in_chromium(browser, tmp_path: Path,
                                          request: pytest.FixtureRequest) -> None:
    """compare --with uncertainty,sensitivity, and the analysis commands' own pages."""
    from typer.testing import CliRunner

    from tco.cli import app

    pages = {
        "report": ["compare", "--with", "uncertainty,sensitivity", "--samples", "200"],
        "uncertainty": ["uncertainty", "-n", "200"],
        "sweep": ["sweep", "--vary", "options.cpo.switch.price=50000..250000 USD"],
        "breakeven": ["breakeven", "--option", "cpo", "--against", "lpo", "--vary",
                      "options.cpo.switch.price"],
    }
    shots = []
    for name, args in pages.items():
        path = tmp_path / f"{name}.html"
        done = CliRunner().invoke(app, [*args, "-o", str(path)])
        assert done.exit_code == 0, done.stderr
        page, problems, asked = _open(browser, path, viewport={"width": 1280, "height": 900})
        assert problems == [] and asked == []
        answer = page.locator(".verdict .answer").first
        assert answer.is_visible()
        charts = page.locator("figure svg")
        assert charts.count() >= 1
        for i in range(charts.count()):
            charts.nth(i).scroll_into_view_if_needed()
            assert charts.nth(i).is_visible()
            assert (charts.nth(i).bounding_box() or {}).get("height", 0) > 100
        if name == "report":
            verdict = page.locator(".verdict").first.inner_text()
            assert "The answer hinges most on" in verdict and "How sure:" in verdict
            tornado = page.locator("svg[aria-labelledby^='s1-tornado']")
            tornado.scroll_into_view_if_needed()
            assert tornado.is_visible()
            assert "What drives the answer" in (tornado.text_content() or "")
        shot = tmp_path / f"{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.read_bytes().startswith(b"\x89PNG")
        shots.append(str(shot))
    # the report on a phone: nothing wider than the screen but what scrolls
    phone, problems, _ = _open(browser, tmp_path / "report.html",
                               viewport={"width": 390, "height": 844}, device_scale_factor=2,
                               is_mobile=True, has_touch=True)
    assert problems == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.evaluate(FIGURES_FIT), "a chart scrolls sideways on a phone"
    # printed: nothing cut at the page edge, a PDF comes out
    page, _, _ = _open(browser, tmp_path / "report.html", viewport={"width": 1280, "height": 900})
    page.emulate_media(media="print")
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")
    _say(request, f"\nscreenshots of the analysis reports: {' '.join(shots)}; printed: {pdf}")
