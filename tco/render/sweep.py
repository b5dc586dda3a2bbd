"""`tco sweep` as a JSON document and as a view."""

from __future__ import annotations

from typing import Any

from ..analysis.sweep import Sweep
from .report import Grid
from .views import View, compact, document_head

SCHEMA_VERSION = "1.1"


def _figures(s: Sweep, i: int, j: int) -> dict[str, float]:
    o, b = s.outcome, s.outcome.baseline
    return {"total": float(o.totals[i, j]), "present_value": float(o.present_values[i, j]),
            "savings": float(o.totals[b, j] - o.totals[i, j]),
            "pv_savings": float(o.present_values[b, j] - o.present_values[i, j])}


def document(s: Sweep) -> dict[str, Any]:
    o = s.outcome
    cheapest = s.cheapest()
    return {
        **document_head("sweep", SCHEMA_VERSION, s.name, s.source, o.currency),
        "conventions": {"savings": "baseline minus option: positive means cheaper",
                        "cheapest": "lowest present value at that point"},
        "axes": [{"path": a.input.path, "unit": a.input.unit,
                  "values": [float(v) for v in a.values],
                  "tied": [v.path for v in a.tied]} for a in s.axes],
        "baseline": o.ids[o.baseline],
        "options": [{"id": i, "label": label, "baseline": k == o.baseline}
                    for k, (i, label) in enumerate(zip(o.ids, o.labels, strict=True))],
        "points": [
            {"at": [float(v) for v in point], "cheapest": cheapest[j],
             "options": {oid: _figures(s, i, j) for i, oid in enumerate(o.ids)}}
            for j, point in enumerate(s.points)
        ],
        "crossings": [{"from": c.before, "to": c.after, "between": [c.low, c.high],
                       "at": c.at} for c in s.crossings],
    }


def view(s: Sweep) -> View:
    o = s.outcome
    labels = dict(zip(o.ids, o.labels, strict=True))
    names = [f"{a.input.path} ({a.input.unit})" if a.input.unit else a.input.path
             for a in s.axes]
    cheapest = s.cheapest()
    title = f"Sweep: {s.name or s.source}"
    lines = []
    if len(s.axes) == 1:
        a = s.axes[0]
        span = f"{a.input.show(a.values[0])} to {a.input.show(a.values[-1])}"
        if not s.crossings:
            lines.append(f"{labels[cheapest[0]]} has the lowest present value at every "
                         f"{a.input.path} from {span}.")
        else:
            lines.append(f"As {a.input.path} goes from {span}, the cheapest option changes "
                         f"{len(s.crossings)} time(s):")
            lines += [f"  {labels[c.after]} overtakes {labels[c.before]} at about "
                      f"{a.input.show(c.at)} (between {a.input.show(c.low)} and "
                      f"{a.input.show(c.high)})." for c in s.crossings]
    else:
        winners = sorted(set(cheapest), key=cheapest.index)
        lines.append("Cheapest over the grid: " + ", ".join(
            f"{labels[w]} at {cheapest.count(w)} of {len(cheapest)} points" for w in winners)
            + ".")
    grid = Grid(f"Present value ({o.currency}) at each value", [
        *names, *(labels[i] for i in o.ids), "Cheapest"], text_columns=len(s.axes))
    for j, point in enumerate(s.points):
        grid.add(*(a.input.show(v) for a, v in zip(s.axes, point, strict=True)),
                 *(compact(o.present_values[i, j]) + ("*" if o.ids[i] == cheapest[j] else "")
                   for i in range(len(o.ids))), labels[cheapest[j]])
    grids = [grid]
    if len(s.axes) == 2:
        ax, ay = s.axes
        matrix = Grid(f"Cheapest option: {names[0]} down, {names[1]} across",
                      [names[0], *(ay.input.show(v) for v in ay.values)])
        for r, x in enumerate(ax.values):
            row = cheapest[r * len(ay.values):(r + 1) * len(ay.values)]
            matrix.add(ax.input.show(x), *(labels[w] for w in row))
        matrix.text_columns = 1 + len(ay.values)
        grids.append(matrix)
    notes = ["*: the lowest present value at that point. Every point equals "
             "`tco compare --set KEY=VALUE` at that value."]
    rows: list[tuple[Any, ...]] = []
    for j, point in enumerate(s.points):
        x = [float(v) for v in point] + [None] * (2 - len(point))
        for i, oid in enumerate(o.ids):
            f = _figures(s, i, j)
            rows.append((*x, oid, f["total"], f["present_value"], f["savings"],
                         f["pv_savings"], o.currency))
    header_axes = names + [""] * (2 - len(names))
    return View(title, lines, grids, notes,
                (*(h or "y" for h in header_axes), "option", "total", "present_value",
                 "savings", "pv_savings", "currency"), rows)
