"""Charts of the analyses (needs the plot extra); the files are real PNG / SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tco.cli import app

runner = CliRunner()
NEEDS = "the plot extra is not installed: pip install '.[plot]'"


@pytest.mark.parametrize("args", [
    ["uncertainty", "-n", "500"],
    ["sensitivity"],
    ["sweep", "--vary", "options.cpo.switch.price=50000..250000 USD"],
    ["sweep", "--vary", "analysis.horizon=3..5 year", "--vary",
     "analysis.electricity_price=0.05..0.15 USD/kWh"],
])
def test_analysis_charts(tmp_path: Path, args: list[str]):
    pytest.importorskip("matplotlib", reason=NEEDS)
    svg = tmp_path / "chart.svg"
    result = runner.invoke(app, [*args, "--plot", str(svg), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert f"tco: drew {svg}" in result.stderr
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    png = tmp_path / "chart.png"
    assert runner.invoke(app, [*args, "--plot", str(png), "-f", "csv"]).exit_code == 0
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_bad_chart_name_exits_2(tmp_path: Path):
    result = runner.invoke(app, ["sensitivity", "--plot", str(tmp_path / "chart.gif")])
    assert result.exit_code == 2
    assert ".gif" in result.stderr
