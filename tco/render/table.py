"""Rich tables of the report grids, and a compact cumulative-cost chart.

Tables are printed at least as wide as they need to be, so a number is never
cut, whatever the terminal or pipe width.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from ..engine import ScenarioResult
from . import report


def rich_table(grid: report.Grid) -> Table:
    table = Table(title=grid.title, title_justify="left", header_style="bold")
    for i, header in enumerate(grid.headers):
        table.add_column(header, justify="left" if i < grid.text_columns else "right",
                         no_wrap=True)
    for i, row in enumerate(grid.rows):
        table.add_row(*row, end_section=i in grid.breaks)
    return table


def chart(r: ScenarioResult) -> Any:
    """The totals as sorted bars with their values (tco/render/bars.py)."""
    from .bars import chart as totals_chart

    return totals_chart(r)


def print_tables(console: Console, results: list[ScenarioResult], show_chart: bool = True
                 ) -> None:
    for i, r in enumerate(results):
        if i:
            console.print()
        if r.scenario.description:
            console.print(r.scenario.description, highlight=False, soft_wrap=True)
        print_verdict(console, r)
        for grid in report.grids(r):
            print_wide(console, rich_table(grid))
            console.print()
        if show_chart:
            print_wide(console, chart(r))


def print_verdict(console: Console, r: ScenarioResult, money: Any = None) -> None:
    """The verdict, first: the answer in a sentence, then by how much."""
    from . import verdict

    text = verdict.lines(verdict.verdict(r), money or verdict.full)
    console.print(text[0], style="bold", highlight=False, soft_wrap=False)
    for line in text[1:]:
        console.print(line, highlight=False, soft_wrap=False)
    console.print()


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
