"""Rich tables of the report grids, and a compact chart of the totals.

On a terminal, money is compact (146.4 M) and a table too wide for the terminal
is split into several, each repeating the row labels; in a pipe or a file (or with
--wide), figures are in full and tables as wide as they need. A number is never
cut, whatever the width or TERM: a table narrower than one column is printed whole.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace
from typing import Any

import numpy as np
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..engine import ScenarioResult
from . import report
from .header import lines as header_lines


def _same(label: str, ident: str) -> bool:
    """Whether an id says nothing the label does not (``LPO`` and ``lpo``)."""
    def norm(t: str) -> str:
        return "".join(ch for ch in t.lower() if ch.isalnum())

    return norm(label) == norm(ident)


def rich_table(grid: report.Grid, columns: list[int] | None = None, fit: bool = False,
               part: tuple[int, int] = (1, 1), fold: bool = False) -> Table:
    """The grid as a rich table: its text columns and the value ``columns`` (all by default).

    With ``fit``, a row's id goes under its label (where it differs), the label may
    wrap and option headers break into lines, so that the table can be narrow;
    figures never wrap. Ids are shown in brackets: ``[present_value]``. With ``fold``
    (a key longer than the terminal leaves room for), the label may also break inside
    a word: a long key path rather than a table wider than the terminal.
    """
    n_text = grid.text_columns
    merge = fit and n_text == 2 and grid.headers[1] == "Id"
    text = [0] if merge else list(range(n_text))
    shown = text + (columns if columns is not None
                    else list(range(n_text, len(grid.headers))))
    title = grid.title + (f" ({part[0]} of {part[1]})" if part[1] > 1 else "")
    table = Table(title=title, title_justify="left", header_style="bold")
    for i in shown:
        header, cid = grid.headers[i], grid.header_id(i)
        if fit and i >= n_text:
            cells = [row[i] for row in grid.rows]
            widest = max([len(c) for c in cells] + [len(cid) + 2, 8]
                         + [len(w) for w in header.split()])
            header = "\n".join(textwrap.wrap(header, widest, break_on_hyphens=False))
        head = Text(header, style="bold")
        if cid and not _same(grid.headers[i], cid):
            head.append(f"\n[{cid}]", style="dim")
        # a label may wrap between words, never inside one (a key, a name)
        words = [w for row in grid.rows for w in (row[i] + " [" + row[1] + "]"
                                                   if merge else row[i]).split()]
        least = max([len(w) for w in words + header.split()], default=None) \
            if fit and i == 0 and not fold else None
        table.add_column(head, justify="left" if i < n_text else "right",
                         no_wrap=not (fit and i == 0), overflow="fold", min_width=least)
    for r, row in enumerate(grid.rows):
        cells = [Text(row[i]) for i in shown]
        if merge and row[1] and not _same(row[0], row[1]):
            cells[0].append(f"\n[{row[1]}]", style="dim")
        table.add_row(*cells, end_section=r in grid.breaks)
    return table


#: the narrowest a label column gets when its keys may break inside (``fold``)
FOLDED = 24


def fits(console: Console, renderable: Any, width: int, fold: bool = False) -> bool:
    """Whether it prints within ``width`` without cutting a cell: a table's columns
    that may not wrap (figures) at their widest, the others at their narrowest (with
    ``fold``, the first at most :data:`FOLDED`: rich breaks its words to fit)."""
    options = console.options.update_width(100_000)
    if not isinstance(renderable, Table):
        return Measurement.get(console, options, renderable).minimum <= width
    needed = renderable._extra_width
    for k, column in enumerate(renderable.columns):
        least, most = renderable._measure_column(console, options, column)
        if fold and k == 0:
            least = min(least, FOLDED)
        needed += most if column.no_wrap else least
    return needed <= width


#: block characters of the text bars, and what an ASCII console draws instead
_ASCII_BARS = str.maketrans({"█": "#", "▉": "#", "▊": "#", "▋": "#", "▌": "#", "▍": "",
                             "▎": "", "▏": "", "░": "-", "│": "|", "\u2800": " "})


def ascii_bars(grid: report.Grid) -> report.Grid:
    """The grid with its text-bar columns in ASCII (headers and cells)."""
    if not grid.text_bars:
        return grid
    rows = [[c.translate(_ASCII_BARS) if i in grid.text_bars else c for i, c in enumerate(r)]
            for r in grid.rows]
    headers = [h.translate(_ASCII_BARS) if i in grid.text_bars else h
               for i, h in enumerate(grid.headers)]
    return replace(grid, rows=rows, headers=headers)


def print_grid(console: Console, grid: report.Grid, fit: bool) -> None:
    """Print a grid; with ``fit``, split its value columns into tables that fit the width.
    On a console that is not UTF-8 (a terminal: tco/cli/app.py) its bars are ASCII."""
    if not console.encoding.lower().startswith("utf"):
        grid = ascii_bars(grid)
    if not fit:
        print_wide(console, rich_table(grid))
    elif grid.text_columns >= len(grid.headers):  # text only (sweep's matrix)
        print_split(console, rich_table(grid))
    else:
        width = console.width
        chunks: list[list[int]] = [[]]
        for c in range(grid.text_columns, len(grid.headers)):
            trial = chunks[-1] + [c]
            if chunks[-1] and not fits(console, rich_table(grid, trial, fit=True), width):
                chunks.append([c])
            else:
                chunks[-1] = trial
        for i, chunk in enumerate(chunks):
            if i:
                console.print()
            table = rich_table(grid, chunk, fit=True, part=(i + 1, len(chunks)))
            if not fits(console, table, width):  # a long key: let it break inside
                table = rich_table(grid, chunk, fit=True, part=(i + 1, len(chunks)),
                                   fold=True)
            if fits(console, table, width, fold=table.columns[0].min_width is None):
                console.print(table)
            else:  # narrower than one column: print it whole, never cut a number
                print_wide(console, table)
    for note in grid.notes:
        console.print(note, highlight=False, markup=False)  # "[capacity]" is text


def chart(r: ScenarioResult) -> Any:
    """The totals as sorted bars with their values (tco/render/bars.py)."""
    from .bars import chart as totals_chart

    return totals_chart(r)


def print_tables(console: Console, results: list[ScenarioResult], show_chart: bool = True,
                 wide: bool = False) -> None:
    """Every scenario's report. On a terminal, tables fit the width and money is compact
    (in full with ``wide``); in a pipe or a file, full precision at the width they need."""
    from . import verdict

    fit = console.is_terminal
    money = verdict.compact if fit and not wide else verdict.full
    cells = _compact_money if fit and not wide else report.money
    for i, r in enumerate(results):
        if i:
            console.print()
        head = header_lines(r)
        print_words(console, head[0], style="bold")
        print_verdict(console, r, money)
        for line in head[1:]:
            print_words(console, line)
        console.print()
        for grid in report.grids(r, cells):
            print_grid(console, grid, fit)
            console.print()
        if show_chart:
            print_wide(console, chart(r))


def _compact_money(x: Any) -> str:
    from . import verdict

    return verdict.compact(float(np.mean(x)))


def print_verdict(console: Console, r: ScenarioResult, money: Any = None) -> None:
    """The verdict, first: the answer in a sentence, then by how much."""
    from . import verdict

    text = verdict.lines(verdict.verdict(r), money or verdict.full)
    print_words(console, text[0], style="bold")
    for line in text[1:]:
        print_words(console, line)


#: a space that must not break a line: after a figure, before its unit or scale
#: (``128.9 M``, ``7.0 %``, ``5 years``), and between a scale and a currency (``M USD``)
_GLUE = re.compile(r"(?<=\d) (?=[A-Za-z%])|(?<=\d [kMBT]) (?=[A-Z]{3}\b)")


def print_words(console: Console, line: str, style: str | None = None) -> None:
    """A sentence. On a terminal, wrapped at its width between words, never between a
    figure and its unit (``128.9 M`` stays on one line); elsewhere one line, whole."""
    if not console.is_terminal:
        console.print(line, style=style, highlight=False, soft_wrap=True)
        return
    glued = _GLUE.sub("\u00a0", line)
    for piece in textwrap.wrap(glued, max(console.width, 20), break_long_words=False,
                               break_on_hyphens=False) or [""]:
        console.print(piece.replace("\u00a0", " "), style=style, highlight=False,
                      soft_wrap=True)


def print_fitted(console: Console, table: Any) -> None:
    """On a terminal, at its width (text columns wrap); elsewhere as wide as needed."""
    if console.is_terminal and fits(console, table, console.width):
        console.print(table)
    else:
        print_wide(console, table)


def print_wide(console: Console, renderable: Any) -> None:
    """Print at the width the renderable needs, if the console is narrower."""
    options = console.options.update_width(100_000)
    needed = Measurement.get(console, options, renderable).maximum
    if needed <= console.width:
        console.print(renderable)
        return
    saved = console.width
    console.width = needed
    try:
        console.print(renderable, crop=False)
    finally:
        console.width = saved


def print_split(console: Console, table: Table) -> None:
    """A rich table on a terminal: whole if it fits, else its columns split into tables
    that each fit (the first column repeated in each); a column too wide alone prints
    whole, never cut. In a pipe or a file, as wide as it needs."""
    width = console.width
    if not console.is_terminal or fits(console, table, width) or len(table.columns) < 3:
        print_wide(console, table)
        return
    chunks: list[list[int]] = [[]]
    for c in range(1, len(table.columns)):
        if chunks[-1] and not fits(console, _columns_of(table, chunks[-1] + [c]), width):
            chunks.append([c])
        else:
            chunks[-1].append(c)
    for i, chunk in enumerate(chunks):
        if i:
            console.print()
        print_wide(console, _columns_of(table, chunk, (i + 1, len(chunks))))


def _columns_of(table: Table, columns: list[int], part: tuple[int, int] = (1, 1)) -> Table:
    """A copy of ``table`` with its first column and ``columns`` only."""
    title = table.title
    if part[1] > 1 and isinstance(title, str):
        title = f"{title} ({part[0]} of {part[1]})"
    out = Table(title=title, title_justify=table.title_justify, header_style=table.header_style,
                show_header=table.show_header, box=table.box, padding=table.padding,
                caption=table.caption if part[0] == part[1] else None,
                caption_justify=table.caption_justify)
    kept = [table.columns[0]] + [table.columns[c] for c in columns]
    for col in kept:
        out.add_column(col.header, justify=col.justify, no_wrap=col.no_wrap,
                       overflow=col.overflow, min_width=col.min_width)
    cells = [list(col._cells) for col in kept]
    for r, row in enumerate(table.rows):
        out.add_row(*(c[r] for c in cells), end_section=row.end_section)
    return out
