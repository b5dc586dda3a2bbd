"""`tco sensitivity` (a tornado) as a JSON document and as a view."""

from __future__ import annotations

from typing import Any

from ..analysis.sensitivity import CAVEAT, Tornado
from .report import Grid
from .views import View, compact, document_head

SCHEMA_VERSION = "1.2"
HALF_WIDTH = 12
#: an empty bar cell: blank, but not whitespace (tables strip trailing whitespace)
BLANK = "\u2800"


def document(t: Tornado) -> dict[str, Any]:
    return {
        **document_head("sensitivity", SCHEMA_VERSION, t.name, t.source, t.currency),
        "metric": {"id": t.metric, "option": t.option, "against": t.against,
                   "description": t.description, "base": t.base},
        "delta_percent": None if t.delta is None else 100.0 * t.delta,
        "caveat": CAVEAT,
        "rows": [
            {"path": r.input.path, "unit": r.input.unit,
             "written_unit": r.input.written_unit() or None, "origin": r.origin,
             "value": r.input.value, "low": r.low, "high": r.high,
             "metric_at_low": r.at_low, "metric_at_high": r.at_high, "swing": r.swing,
             "source": r.input.source, "keys": r.keys,
             "tied": [{"path": v.path, "unit": v.unit,
                       "written_unit": v.written_unit() or None, "value": v.value,
                       "low": v.low, "high": v.high, "source": v.source} for v in r.tied]}
            for r in t.rows
        ],
        "left_at_zero": t.zero,
    }


def tornado_bar(at_low: float, at_high: float, base: float, top: float) -> str:
    """Two half-bars around a centre line: ░ where the input is at its low, █ at its high."""
    left = [BLANK] * HALF_WIDTH
    right = [BLANK] * HALF_WIDTH
    for change, mark in ((at_low - base, "░"), (at_high - base, "█")):
        cells = round(HALF_WIDTH * min(abs(change), top) / top) if top > 0 else 0
        side = right if change > 0 else left
        for i in range(cells):
            index = i if side is right else HALF_WIDTH - 1 - i
            if side[index] == BLANK:
                side[index] = mark
    return "".join(left) + "│" + "".join(right)


def view(t: Tornado, top_rows: int = 15) -> View:
    labels = t.labels
    shown = [r for r in t.rows if r.swing > 0][:top_rows]
    moving = sum(1 for r in t.rows if r.swing > 0)
    title = f"Sensitivity: {t.name or t.source}"
    opening = t.description[:1].upper() + t.description[1:]  # it starts a sentence
    lines = [f"{opening}: {compact(t.base)} {t.currency} with every input at its value."]
    if shown:
        r = shown[0]
        tied = f" (+ {len(r.tied)} tied at rank 1)" if r.tied else ""
        lines.append(f"It hinges most on {r.input.path}{tied}: from {r.input.show(r.low)} to "
                     f"{r.input.show(r.high)} it moves from {compact(r.at_low)} to "
                     f"{compact(r.at_high)} (a swing of {compact(r.swing)}).")
        flips = [x for x in t.rows if (x.at_low - 0.0) * (x.at_high - 0.0) < 0]
        if t.metric in ("pv_savings", "savings") and flips:
            lines.append(f"Within its range, {len(flips)} input(s) alone can flip the answer "
                         f"({', '.join(x.label for x in flips[:3])}"
                         f"{', ...' if len(flips) > 3 else ''}).")
        elif t.metric in ("pv_savings", "savings"):
            lines.append(f"No single input within its range flips the answer "
                         f"({labels[t.option]} stays "
                         f"{'cheaper' if t.base > 0 else 'dearer'} than "
                         f"{labels.get(t.against or '', '')}).")
    else:
        lines.append("No input moves it: give ranges (low/high, --range) or use --delta 20%.")
    biggest = max((max(abs(r.at_low - t.base), abs(r.at_high - t.base)) for r in shown),
                  default=0.0)
    grid = Grid(f"Tornado ({t.currency}): {t.description}",
                ["Input", "Low", "High", "At low", "At high", "Swing",
                 "░ low  █ high".center(2 * HALF_WIDTH + 1)], text_columns=1,
                text_bars={6})
    for r in shown:
        grid.add(r.label + (" (+-)" if r.origin == "delta" else ""),
                 r.input.show(r.low), r.input.show(r.high), compact(r.at_low),
                 compact(r.at_high), compact(r.swing),
                 tornado_bar(r.at_low, r.at_high, t.base, biggest))
    notes = [CAVEAT]
    tied = [r for r in shown if r.tied]
    if tied:
        notes.append("+ N tied: inputs tied at rank 1 in the scenario's correlations (the "
                     "same draw) move with the row's input, each to its own low and high: "
                     + "; ".join(f"{r.input.path} with {', '.join(v.path for v in r.tied)}"
                                 for r in tied) + ".")
    if t.metric in ("pv_savings", "savings"):
        notes.append("Savings: the cost of the option measured against minus the option's "
                     "(positive: the option is cheaper).")
    if moving > len(shown):
        notes.append(f"{moving - len(shown)} more input(s) move it less (all in --format json;"
                     " --top N shows more).")
    if t.delta is not None:
        notes.append(f"(+-): an input without a range, at its value -/+ {100 * t.delta:g} % "
                     "(within the values its key allows).")
    if t.zero:
        notes.append(f"{len(t.zero)} input(s) at zero have no +- {100 * (t.delta or 0):g} % "
                     "to take and were left at zero.")
    rows = [(r.input.path, r.origin, r.input.unit, r.low, r.high, r.at_low, r.at_high,
             r.swing, t.currency, ";".join(v.path for v in r.tied)) for r in t.rows]
    return View(title, lines, [grid], notes,
                ("input", "origin", "input_unit", "low", "high", "metric_at_low",
                 "metric_at_high", "swing", "unit", "tied"), rows)
