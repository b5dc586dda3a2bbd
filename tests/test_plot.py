"""Charts drawn with the optional matplotlib extra (``pip install '.[plot]'``)."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tco import engine
from tco.errors import InputError
from tco.io import loader
from tco.render.plot import plot_results

NEEDS = "the plot extra is not installed: pip install '.[plot]'"
PNG = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def result() -> engine.ScenarioResult:
    return engine.evaluate(loader.load(None))


def test_png(tmp_path: Path, result: engine.ScenarioResult) -> None:
    pytest.importorskip("matplotlib", reason=NEEDS)
    out = tmp_path / "chart.png"
    plot_results([result], str(out))
    data = out.read_bytes()
    assert data.startswith(PNG)
    assert len(data) > 10_000


def test_svg_names_every_option(tmp_path: Path, result: engine.ScenarioResult) -> None:
    pytest.importorskip("matplotlib", reason=NEEDS)
    out = tmp_path / "chart.svg"
    plot_results([result], str(out))
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    # text is kept as <text> elements (not glyph paths) so the labels can be read back
    texts = "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for o in result.options:
        assert o.label in texts
    assert "(baseline)" in texts
    assert f"M {result.currency}" in texts


def test_several_scenarios_and_a_credit(tmp_path: Path, result: engine.ScenarioResult) -> None:
    pytest.importorskip("matplotlib", reason=NEEDS)
    credit = engine.evaluate(loader.load(None))
    for o in credit.options:  # a residual value is a negative amount
        o.category_totals["residual"] = -0.2 * o.category_totals["equipment"]
    out = tmp_path / "two.png"
    plot_results([result, credit], str(out))
    assert out.read_bytes().startswith(PNG)


@pytest.mark.parametrize("name", ["chart.jpg", "chart", "chart.png.txt"])
def test_other_formats_are_refused(tmp_path: Path, result: engine.ScenarioResult,
                                   name: str) -> None:
    path = str(tmp_path / name)
    with pytest.raises(InputError, match=r"use one of \.png, \.svg, \.pdf"):
        plot_results([result], path)
    assert not (tmp_path / name).exists()


def test_without_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            result: engine.ScenarioResult) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` fail
    path = str(tmp_path / "chart.png")
    with pytest.raises(InputError, match=r"\.\[plot\]") as info:
        plot_results([result], path)
    assert info.value.detail.startswith("drawing needs matplotlib: pip install '.[plot]'")
    assert not (tmp_path / "chart.png").exists()


def test_compare_plot_command(run_tco, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason=NEEDS)
    out = tmp_path / "c.png"
    done = run_tco("compare", "--plot", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(PNG)
    assert "drew" in done.stderr
