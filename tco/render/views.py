"""What the analysis commands share in output: a view of lines, grids and rows.

Each analysis renderer (uncertainty, sensitivity, sweep, breakeven) builds one
:class:`View` from its result object; this module writes it as a terminal
table, Markdown or tidy CSV, and the JSON document as text. None of them
computes a figure: they format what the view holds.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from .report import Grid

BAR = "█"
HALF = "▌"


@dataclass
class View:
    title: str
    #: sentences said first (the answer), then the grids
    lines: list[str] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    #: notes said after the grids (caveats, what was left out)
    notes: list[str] = field(default_factory=list)
    #: tidy CSV: a header and rows of plain values
    csv_header: tuple[str, ...] = ()
    csv_rows: list[tuple[Any, ...]] = field(default_factory=list)



def document_head(kind: str, schema_version: str, name: str, source: str,
                  currency: str) -> dict[str, Any]:
    """The keys every analysis document starts with, in this order."""
    return {"schema_version": schema_version, "kind": kind,
            "tool": {"name": "tco", "version": __version__},
            "scenario": {"name": name, "source": source}, "currency": currency}

def compact(x: float) -> str:
    """Money for the screen: 146.4 M, 12.3 k, 950."""
    value = float(x)
    for scale, suffix in ((1e9, " G"), (1e6, " M"), (1e3, " k")):
        if abs(value) >= scale:
            return f"{value / scale:,.1f}{suffix}"
    return f"{value:,.0f}"


def share(x: float) -> str:
    """A probability (a fraction) as a percentage for the screen."""
    return f"{100.0 * float(x):.1f} %"


def bar(value: float, top: float, width: int = 20) -> str:
    """A horizontal bar of ``value`` against ``top`` (half blocks for resolution)."""
    if top <= 0 or not math.isfinite(value):
        return ""
    halves = round(2 * width * min(abs(value), top) / top)
    return BAR * (halves // 2) + HALF * (halves % 2)


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def markdown(view: View) -> str:
    from .markdown import grid_markdown

    out = [f"## {view.title}", ""]
    if view.lines:
        out += [f"**{view.lines[0]}**" + "".join(f" {line}" for line in view.lines[1:]), ""]
    for grid in view.grids:
        out += [grid_markdown(grid), ""]
    out += [f"_{note}_" for note in view.notes]
    return "\n".join(out).rstrip("\n") + "\n"


def csv_text(view: View) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(view.csv_header)
    for row in view.csv_rows:
        writer.writerow(["" if v is None else (repr(v) if isinstance(v, float) else v)
                         for v in row])
    return out.getvalue()


def print_view(console: Any, view: View) -> None:
    from .table import print_grid, print_words

    if view.lines:
        print_words(console, view.lines[0], style="bold")
        for line in view.lines[1:]:
            print_words(console, line)
        console.print()
    for grid in view.grids:  # on a terminal, split into tables that fit its width
        print_grid(console, grid, fit=console.is_terminal)
        console.print()
    for note in view.notes:
        print_words(console, note, style="dim")
