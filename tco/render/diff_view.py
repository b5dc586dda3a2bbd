"""`tco diff` as grids: the inputs that changed, then totals, present value, savings
and rank, the cost categories and physical metrics that changed.

Takes the :class:`tco.diff.ScenarioDiff` objects (read by attribute). On a terminal
money is compact (146.4 M) and tables fit the width; in a pipe or a file, in full.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from . import report, verdict

Money = Callable[[float], str]


def _plain(fmt: Money) -> Money:
    return lambda x: "-" if x is None or not math.isfinite(x) else fmt(x)


def _signed(fmt: Money) -> Money:
    def show(x: float | None) -> str:
        if x is None or not math.isfinite(x):
            return "-"
        text = fmt(x)
        return text if x < 0 or text.strip("0.,") == "" else f"+{text}"

    return show


def _pct(x: float | None) -> str:
    return "-" if x is None or not math.isfinite(x) else f"{x:+.1f} %"


def _rank(rank: tuple[int | None, int | None]) -> str:
    b, n = ("-" if r is None else str(r) for r in rank)
    return n if b == n else f"{b} -> {n}"


def heading(d: Any) -> str:
    return f"Scenario: {d.name}"


def winner(d: Any, money: Money) -> str:
    """``Winner unchanged: CPO`` with the winner's total before and after."""
    line = d.winner_line[0].upper() + d.winner_line[1:]
    best = next(o for o in d.options if o.id == d.winner[1])
    t = best.total
    if t.base is not None and t.new is not None:
        line += (f" (total {_plain(money)(t.base)} -> {_plain(money)(t.new)} {d.currency}, "
                 f"{_signed(money)(t.change)})")
    return line


def grids(d: Any, money: Money = verdict.full) -> list[report.Grid]:
    """The grids of one scenario's diff, in reading order (the inputs first)."""
    plain, signed, cur = _plain(money), _signed(money), d.currency
    out = []
    inputs = report.Grid("Inputs that changed", ["Input", "Base", "New"], text_columns=3,
                         name="inputs")
    for c in d.inputs:
        inputs.add(c.path, c.base_given or "-", c.new_given or "-")
    if not d.inputs_recorded:
        inputs.notes.append("A file does not record its inputs (saved by an older tco): "
                            "save both again with `tco compare --format json`.")
    elif not d.inputs:
        inputs.notes.append("No input changed.")
    out.append(inputs)

    years = f"{d.horizon[1]} years" if d.horizon[0] == d.horizon[1] \
        else f"{d.horizon[0]} -> {d.horizon[1]} years"
    totals = report.Grid(f"Total over {years} ({cur}); rank 1 is the cheapest",
                         ["Option", "Id", "Rank", "Base", "New", "Change", "Change, %"],
                         text_columns=2, name="totals")
    pv = report.Grid(f"Present value ({cur})",
                     ["Option", "Id", "Base", "New", "Change", "Change, %"], text_columns=2,
                     name="present_value")
    b_base, n_base = (d.labels[i] for i in d.baseline)
    against = n_base if b_base == n_base else f"{b_base} in the base, {n_base} in the new"
    savings = report.Grid(f"Savings against the baseline, {against} ({cur})",
                          ["Option", "Id", "Base", "New", "Change"], text_columns=2,
                          name="savings")
    for o in d.options:
        t, p, s = o.total, o.present_value, o.savings
        totals.add(o.label, o.id, _rank(o.rank), plain(t.base), plain(t.new), signed(t.change),
                   _pct(t.change_percent))
        pv.add(o.label, o.id, plain(p.base), plain(p.new), signed(p.change),
               _pct(p.change_percent))
        savings.add(o.label, o.id, plain(s.base), plain(s.new), signed(s.change))
    totals.notes.append("Change: new minus base (+ costs more). Savings: the baseline's "
                        "total minus the option's (+ saves more).")
    out += [totals, pv, savings]

    if d.categories:
        cats = report.Grid(f"Cost categories that changed ({cur})",
                           ["Option / category", "Id", "Base", "New", "Change", "Change, %"],
                           text_columns=2, name="categories")
        for oid in dict.fromkeys(c.option for c in d.categories):
            cats.add(d.labels[oid], oid, "", "", "", "")
            for c in (c for c in d.categories if c.option == oid):
                cats.add(f"  {report.category_label(c.item)}", c.item, plain(c.base),
                         plain(c.new), signed(c.change), _pct(c.change_percent))
        out.append(cats)
    if d.physical:
        phys = report.Grid("Physical metrics that changed",
                           ["Option / metric", "Id", "Base", "New", "Change"],
                           text_columns=2, name="physical")
        for oid in dict.fromkeys(m.option for m in d.physical):
            phys.add(d.labels[oid], oid, "", "", "")
            for m in (m for m in d.physical if m.option == oid):
                label, fmt = report.physical_label(m.metric)
                fmt_plain = _plain(fmt.format)
                phys.add(f"  {label.strip()}", m.metric, fmt_plain(m.base), fmt_plain(m.new),
                         _signed(fmt.format)(m.change))
        out.append(phys)
    return out


def print_diff(console: Any, found: list[Any], wide: bool = False) -> None:
    """Every scenario's diff on a rich console (fitted to a terminal's width)."""
    from .table import print_grid, print_words

    fit = console.is_terminal
    money = verdict.compact if fit and not wide else verdict.full
    for i, d in enumerate(found):
        if i:
            console.print()
        print_words(console, heading(d), style="bold")
        console.print()
        parts = grids(d, money)
        print_grid(console, parts[0], fit)
        console.print()
        print_words(console, winner(d, money), style="bold")
        console.print()
        for grid in parts[1:]:
            print_grid(console, grid, fit)
            console.print()


def markdown(found: list[Any]) -> str:
    from .markdown import grid_markdown

    blocks = []
    for d in found:
        parts = grids(d)
        blocks += [f"### {heading(d)}", grid_markdown(parts[0]), f"**{winner(d, verdict.full)}**",
                   *(grid_markdown(g) for g in parts[1:])]
    return "\n\n".join(blocks) + "\n"


#: the columns of `tco diff --format csv`: one row per figure, tidy
CSV_COLUMNS = ("scenario", "section", "option", "item", "unit", "base", "new", "change",
               "change_percent")


def csv_text(found: list[Any]) -> str:
    """`tco diff --format csv`: the sections of the table (inputs, winner, totals with rank,
    present_value, savings, categories, physical) as one tidy table, a row per figure;
    ``section`` names the table a row comes from, ``item`` the input path, category or
    metric id. Money in the scenario's currency; numbers in full; change is new minus base."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for d in found:
        for row in _csv_rows(d):
            writer.writerow((d.name, *(_cell(x) for x in row)))
    return out.getvalue()


def _csv_rows(d: Any) -> list[tuple[Any, ...]]:
    """(section, option, item, unit, base, new, change, change_percent) of one scenario."""
    rows: list[tuple[Any, ...]] = []
    for c in d.inputs:
        parts = c.path.split(".")
        option = parts[1] if parts[0] == "options" and len(parts) > 2 else ""
        rows.append(("inputs", option, c.path, c.unit or "", *_numbers(c.base, c.new)))
    rows.append(("winner", "", "winner", "", *d.winner, "", ""))
    rows.append(("winner", "", "baseline", "", *d.baseline, "", ""))
    cur = d.currency
    for o in d.options:
        rows.append(("totals", o.id, "total", cur, *_numbers(o.total.base, o.total.new)))
        rank = _numbers(*o.rank, percent=False)  # whole numbers, written as such
        rows.append(("totals", o.id, "rank", "", *(x if x is None else str(x) for x in rank)))
    rows += [("present_value", o.id, "present_value", cur,
              *_numbers(o.present_value.base, o.present_value.new)) for o in d.options]
    rows += [("savings", o.id, "savings", cur,
              *_numbers(o.savings.base, o.savings.new, percent=False)) for o in d.options]
    rows += [("categories", c.option, c.item, cur, *_numbers(c.base, c.new))
             for c in d.categories]
    rows += [("physical", m.option, m.metric, m.unit, *_numbers(m.base, m.new, percent=False))
             for m in d.physical]
    return rows


def _numbers(base: Any, new: Any, percent: bool = True) -> tuple[Any, Any, Any, Any]:
    """base, new, change (new minus base) and change_percent (against |base|; where the
    table shows one) where both are numbers; other values (text, lists) as they are."""
    def number(x: Any) -> bool:
        return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)

    if not (number(base) and number(new)):
        return base, new, None, None
    change = new - base
    return base, new, change, (100.0 * change / abs(base) if base and percent else None)


def _cell(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, (int, float)):
        return repr(float(x))  # in full, one way (a JSON 60 and 60.0 alike)
    if isinstance(x, (list, dict)):
        import json

        return json.dumps(x)
    return str(x)
