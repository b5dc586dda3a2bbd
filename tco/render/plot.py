"""Charts of a comparison drawn with matplotlib, to PNG, SVG or PDF.

Needs the optional extra (``pip install '.[plot]'``); matplotlib is imported
only when a chart is drawn, and without pyplot's global state. The panels are
the HTML report's (:mod:`.svg`), with the same colours (:mod:`.palette`): the
totals of the options cheapest first with their savings labelled, the cost by
category stacked in report order (legend in the same order), and the
cumulative cost year by year. Every axis starts at zero; every scenario's
charts carry a subtitle of what they assume. The SVG and PDF are
reproducible: no creation date, fixed element ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..engine import ScenarioResult
from ..errors import InputError
from . import chartdata as cd
from . import palette
from .report import CATEGORY_LABELS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FORMATS = (".png", ".svg", ".pdf")
HINT = "drawing needs matplotlib: pip install '.[plot]' (the plot extra of this project)"
#: what makes the files the same bytes from one run to the next
RC = {"svg.fonttype": "none", "svg.hashsalt": "tco", "pdf.compression": 6}
METADATA = {".svg": {"Date": None}, ".pdf": {"CreationDate": None, "ModDate": None},
            ".png": {}}


def matplotlib_for(path: str) -> tuple[Any, Any]:
    """matplotlib's rc_context and Figure, once the path's format is one we draw.

    Refused in one line: an unknown extension, or the plot extra not installed.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"cannot draw to {suffix or 'a file without extension'}: "
                         f"use one of {', '.join(FORMATS)}", source=path)
    try:
        from matplotlib import rc_context
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise InputError(HINT, source=path) from exc
    return rc_context, Figure


def save(fig: Any, path: str, inputs: Iterable[str] | None = None) -> None:
    """Write a figure in the format of the path's extension: the same bytes every run
    (RC, METADATA), atomically and never onto an input (:mod:`tco.io.output`)."""
    from ..io.output import write

    suffix = Path(path).suffix.lower()
    write(path, lambda f: fig.savefig(f, format=suffix[1:], dpi=120,
                                      metadata=METADATA[suffix]), inputs)


def plot_results(results: list[ScenarioResult], path: str,
                 inputs: Iterable[str | None] = ()) -> None:
    """Draw one block of three panels per scenario result and save it to ``path``.

    The file is written atomically and never onto one of ``inputs``
    (:mod:`tco.io.output`).
    """
    from ..io.output import refuse_inputs

    refuse_inputs(path, inputs)
    rc_context, Figure = matplotlib_for(path)

    colours = palette.option_colours(o.id for r in results for o in r.options)
    rows = max(len(results), 1)
    with rc_context(RC):
        fig = Figure(figsize=(13, 9 * rows), layout="constrained")
        for r, sub in zip(results, fig.subfigures(rows, 1, squeeze=False)[:, 0],
                          strict=False):
            axes = sub.subplot_mosaic([["totals", "categories"],
                                       ["cumulative", "cumulative"]],
                                      height_ratios=(1, 1.1))
            sub.suptitle(f"{r.scenario.name or 'Scenario'}\n{cd.assumptions(r)}",
                         fontsize="large")
            items = cd.bars(r, colours)
            _totals(axes["totals"], r, items)
            _categories(axes["categories"], r, items)
            _cumulative(axes["cumulative"], r, colours)
        try:
            save(fig, path, inputs)
        finally:
            fig.clear()


def _unit(r: ScenarioResult, top: float) -> tuple[float, str]:
    div, prefix = cd.scale(top)
    return div, f"{prefix} {r.currency}".strip()


def _totals(ax: Axes, r: ScenarioResult, items: list[cd.Bar]) -> None:
    div, unit = _unit(r, max(abs(b.total) for b in items))
    y = list(range(len(items)))
    ax.barh(y, [b.total / div for b in items], color=[b.colour for b in items], height=0.6)
    top = max(b.total for b in items) / div
    for i, b in enumerate(items):
        ax.annotate(f"{cd.compact(b.total)}  ·  {b.note}", (max(b.total, 0.0) / div, i),
                    xytext=(4, 0), textcoords="offset points", va="center",
                    fontsize="small", fontweight="bold" if i == 0 else "normal")
    ax.set_yticks(y, [cd.label(b) for b in items])
    ax.invert_yaxis()  # cheapest on top
    ax.set_xlim(min(0.0, min(b.total for b in items) / div), top * 1.6)  # room for labels
    ax.set_xlabel(f"Total over {r.horizon} years ({unit})")
    ax.set_title(f"Total cost over {r.horizon} years, cheapest first", loc="left")
    ax.axvline(0, color=palette.INK, linewidth=0.8)
    ax.xaxis.set_major_formatter("{x:,g}")
    ax.grid(axis="x", color=palette.GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def _categories(ax: Axes, r: ScenarioResult, items: list[cd.Bar]) -> None:
    cats = cd.shown_categories(items)
    pos = max(sum(v for v in b.categories.values() if v > 0) for b in items)
    div, unit = _unit(r, pos)
    y = list(range(len(items)))
    up, down = [0.0] * len(items), [0.0] * len(items)
    for c in cats:  # stacked left to right in report order; credits go left of zero
        values = [b.categories[c] / div for b in items]
        left = [u if v >= 0 else d + v for u, d, v in zip(up, down, values, strict=True)]
        ax.barh(y, [abs(v) for v in values], left=left, height=0.6, label=CATEGORY_LABELS[c],
                color=palette.category_colour(c), edgecolor="white", linewidth=0.5)
        up = [u + max(v, 0.0) for u, v in zip(up, values, strict=True)]
        down = [d + min(v, 0.0) for d, v in zip(down, values, strict=True)]
    if any(down):  # credits counted: mark the net total
        ax.scatter([b.total / div for b in items], y, marker="|", s=300, linewidths=2.5,
                   color=palette.INK, zorder=3, label="Net total")
    ax.set_yticks(y, [cd.label(b) for b in items])
    ax.invert_yaxis()
    ax.axvline(0, color=palette.INK, linewidth=0.8)
    ax.set_xlim(min(0.0, min(down)) * 1.05, max(up) * 1.05)
    ax.set_xlabel(f"Total over {r.horizon} years by category ({unit})")
    ax.set_title("Where the money goes: cost by category", loc="left")
    ax.xaxis.set_major_formatter("{x:,g}")
    ax.grid(axis="x", color=palette.GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    # the legend reads left to right, row by row, in the order the segments are stacked
    handles, labels = ax.get_legend_handles_labels()
    net = [i for i, text in enumerate(labels) if text == "Net total"]
    keep = [i for i in range(len(labels)) if i not in net] + net  # the marker after the stack
    handles, labels = [handles[i] for i in keep], [labels[i] for i in keep]
    cols = min(len(handles), 4)
    order = row_major(len(handles), cols)
    ax.legend([handles[i] for i in order], [labels[i] for i in order], loc="upper center",
              bbox_to_anchor=(0.5, -0.18), ncols=cols, fontsize="small", frameon=False)


def row_major(n: int, cols: int) -> list[int]:
    """The order to hand ``n`` legend entries to matplotlib, which fills column by column,
    so that they read row by row: entry ``row * cols + col`` goes in that row and column.
    """
    rows = -(-n // cols)
    return [row * cols + col for col in range(cols) for row in range(rows)
            if row * cols + col < n]


def _cumulative(ax: Axes, r: ScenarioResult, colours: dict[str, str]) -> None:
    from matplotlib.ticker import MaxNLocator

    opts = sorted(r.options, key=lambda o: -cd.series(o.cumulative)[-1])
    top = max(float(cd.series(o.cumulative).max()) for o in opts)
    low = min(float(cd.series(o.cumulative).min()) for o in opts)
    div, unit = _unit(r, max(abs(top), abs(low)))
    for o in opts:  # legend from the highest line to the lowest, as they end
        line = cd.series(o.cumulative) / div
        ax.plot(range(len(line)), line, marker="o", markersize=3, color=colours[o.id],
                linewidth=2.5 if o.is_baseline else 1.8,
                linestyle="--" if o.is_baseline else "-", label=cd.label(o))
    ax.set_title(f"Cumulative cost, year 0 to {r.horizon}", loc="left")
    ax.set_xlabel("Year (0 is the deployment)")
    ax.set_ylabel(f"Cumulative cost ({unit})")
    ax.set_xlim(0, r.horizon)
    ax.set_ylim(min(0.0, low / div * 1.05), top / div * 1.08)  # from zero, never cut
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter("{x:,g}")
    ax.grid(color=palette.GRID, linewidth=0.6)
    ax.legend(fontsize="small", loc="lower right")
