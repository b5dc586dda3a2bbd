"""Issue 11 polish: numbers read without exponents; a sentence starts with a capital."""

from __future__ import annotations

from pathlib import Path

from analysis_cases import write
from typer.testing import CliRunner

from tco.analysis.inputs import Varied
from tco.cli import app
from tco.units import plain

runner = CliRunner()


def test_plain_writes_every_figure_out():
    # from 100,000 up (six significant figures reach the unit): to the unit, separated
    assert plain(1_551_610.2) == "1,551,610"
    assert plain(1_173_180.4) == "1,173,180"
    assert plain(-2.5e6) == "-2,500,000"
    assert plain(1e20) == "100,000,000,000,000,000,000"
    # below: six significant figures, no trailing zeros, never an exponent
    assert plain(1234.5678) == "1,234.57"
    assert plain(0.07) == "0.07"
    assert plain(1.23e-5) == "0.0000123"
    assert plain(8760.0) == "8,760"
    assert plain(-0.0) == "0"


def test_an_input_shows_with_its_unit():
    v = Varied("options.cpo.optics.mtbf", "hour", 2e6, 1e6, 4e6, "pert")
    assert v.show(1_551_610.2) == "1,551,610 hour"
    assert Varied("analysis.pue", "", 1.2, 1.1, 1.5, "pert").show(1.25) == "1.25"


def test_a_large_break_even_is_written_out(tmp_path: Path):
    # A = X + 10 USD (its module), B = 1,234,567.3 USD: equal at X = 1,234,557.3 USD
    target = write(tmp_path, b_switch='"1234567.3 USD"')
    args = ["breakeven", target, "--option", "a", "--against", "b",
            "--vary", "options.a.switch.price"]
    for fmt in ("table", "markdown", "html"):
        result = runner.invoke(app, [*args, "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "options.a.switch.price = 1,234,557 USD" in result.stdout, fmt
        assert "e+06" not in result.stdout, fmt


def test_the_sensitivity_answer_starts_with_a_capital():
    for fmt in ("table", "markdown", "html"):
        out = runner.invoke(app, ["sensitivity", "--format", fmt]).stdout
        assert "Present-value savings of CPO" in out, fmt
        assert "\npresent-value savings of" not in out and ">present-value savings of" \
            not in out, fmt


def test_html_tables_leave_the_text_bars_to_the_charts():
    for args in (["uncertainty", "--samples", "200"], ["sensitivity"],
                 ["compare", "--with", "uncertainty", "--samples", "200"]):
        result = runner.invoke(app, [*args, "--format", "html"])
        assert result.exit_code == 0, result.output
        assert "█" not in result.stdout and "░" not in result.stdout, args
        assert "\u2800" not in result.stdout, args
    # the terminal keeps them: it has no chart
    assert "█" in runner.invoke(app, ["uncertainty", "--samples", "200"]).stdout
