"""Sentences on a terminal wrap between words, never between a figure and its unit."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from tco import engine
from tco.io import loader
from tco.render.table import print_tables, print_words

#: a figure at the end of a line and its unit or scale at the start of the next
SPLIT = re.compile(r"\d\n\s*(?:[kMBT]\b|%|[A-Z]{3}\b|years?\b)")


def _terminal(width: int = 80) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=width, color_system=None,
                   highlight=False, soft_wrap=False), out


def test_a_figure_keeps_its_unit_at_80_columns():
    console, out = _terminal()
    # 74 characters up to "128.9": a plain wrap at 80 leaves "M)." alone on the next line
    line = ("CPO (external lasers) is cheapest: 134.4 M USD over 5 years (present value "
            "128.9 M).")
    print_words(console, line)
    lines = out.getvalue().splitlines()
    assert lines == ["CPO (external lasers) is cheapest: 134.4 M USD over 5 years (present value",
                     "128.9 M)."]
    assert all(len(x) <= 80 for x in lines)


def test_a_scale_keeps_its_currency():
    console, out = _terminal(width=30)
    print_words(console, "It saves a lot: 25.0 M USD (15.7 %) from year 0.")
    text = out.getvalue()
    assert "25.0 M USD" in text and "15.7 %" in text
    assert not SPLIT.search(text)


def test_not_a_terminal_prints_the_line_whole():
    out = io.StringIO()
    console = Console(file=out, width=40, color_system=None)
    line = "CPO is cheapest: 134,393,210 USD over 5 years (present value 128,903,957)."
    print_words(console, line)
    assert out.getvalue() == line + "\n"


@pytest.mark.parametrize("preset", ["default", "th6-102t", "europe"])
def test_the_verdict_of_presets_at_80_columns(preset: str):
    console, out = _terminal()
    print_tables(console, [engine.evaluate(loader.load(preset))], show_chart=False)
    text = out.getvalue()
    verdict = "\n".join(text.splitlines()[:9])  # the name, verdict and header lines
    assert not SPLIT.search(verdict), verdict
    assert max(len(x) for x in text.splitlines()) <= 80
