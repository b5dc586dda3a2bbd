"""Charts of a comparison: cumulative cost over the years and cost by category.

Needs the optional extra (``pip install 'tco[plot]'``); matplotlib is imported
only when a chart is drawn, and without pyplot's global state.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..engine import CATEGORIES, ScenarioResult
from ..errors import InputError
from .report import CATEGORY_LABELS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FORMATS = (".png", ".svg")
HINT = "drawing needs matplotlib: pip install 'tco[plot]'"


def plot_results(results: list[ScenarioResult], path: str,
                 inputs: Iterable[str | None] = ()) -> None:
    """Draw one row of two panels per scenario result and save it to ``path``.

    The file is written atomically and never onto one of ``inputs``
    (:mod:`tco.io.output`).
    """
    from ..io.output import refuse_inputs, write

    refuse_inputs(path, inputs)
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"cannot draw to {suffix or 'a file without extension'}: "
                         f"use one of {', '.join(FORMATS)}", source=path)
    try:
        from matplotlib import rc_context
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise InputError(HINT, source=path) from exc

    rows = max(len(results), 1)
    fig = Figure(figsize=(13, 5.5 * rows), layout="constrained")
    for r, sub in zip(results, fig.subfigures(rows, 1, squeeze=False)[:, 0], strict=False):
        left, right = sub.subplots(1, 2, gridspec_kw={"width_ratios": (3, 2)})
        sub.suptitle(r.scenario.name or "Scenario", fontweight="bold")
        scale, unit = _scale(r)
        _cumulative(left, r, scale, unit)
        _categories(right, r, scale, unit)
    try:  # SVG text stays text: searchable, and the labels can be read back
        with rc_context({"svg.fonttype": "none"}):
            write(path, lambda f: fig.savefig(f, format=suffix[1:], dpi=120), inputs)
    finally:
        fig.clear()


def _mean(x: Any) -> np.ndarray:
    """Years along the last axis; sampled inputs are drawn as their mean."""
    a = np.asarray(x, dtype=float)
    return a.reshape(-1, a.shape[-1]).mean(axis=0) if a.ndim > 1 else a


def _scale(r: ScenarioResult) -> tuple[float, str]:
    top = max((float(np.max(np.abs(_mean(o.cumulative)))) for o in r.options), default=0.0)
    if top >= 1e6:
        return 1e6, f"M {r.currency}"
    return (1e3, f"k {r.currency}") if top >= 1e3 else (1.0, r.currency)


def _label(o: Any) -> str:
    return f"{o.label} (baseline)" if o.is_baseline else o.label


def _cumulative(ax: Axes, r: ScenarioResult, scale: float, unit: str) -> None:
    from matplotlib.ticker import MaxNLocator

    for o in r.options:
        y = _mean(o.cumulative) / scale
        ax.plot(np.arange(len(y)), y, marker="o", markersize=3,
                linewidth=2.5 if o.is_baseline else 1.5,
                linestyle="--" if o.is_baseline else "-", label=_label(o))
    ax.set_title(f"Cumulative cost over {r.horizon} years")
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Cumulative cost ({unit})")
    ax.set_xlim(0, r.horizon)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter("{x:,g}")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")


def _categories(ax: Axes, r: ScenarioResult, scale: float, unit: str) -> None:
    x = np.arange(len(r.options))
    up, down = np.zeros(len(x)), np.zeros(len(x))
    for i, c in enumerate(CATEGORIES):
        v = np.array([float(np.mean(o.category_totals[c])) for o in r.options]) / scale
        if not np.any(v):
            continue
        base = np.where(v >= 0, up, down)
        ax.bar(x, v, 0.6, bottom=base, label=CATEGORY_LABELS[c], color=f"C{i % 10}",
               edgecolor="white", linewidth=0.5)
        up, down = np.where(v >= 0, up + v, up), np.where(v < 0, down + v, down)
    ax.axhline(0, color="black", linewidth=0.8)
    if np.any(down):  # credits below zero: mark what is left once they are counted
        ax.scatter(x, up + down, marker="D", s=30, color="black", zorder=3, label="Net total")
    ax.set_xticks(x, [_label(o) for o in r.options], rotation=15, ha="right")
    ax.set_title("Cost by category")
    ax.set_ylabel(f"Total over {r.horizon} years ({unit})")
    ax.yaxis.set_major_formatter("{x:,g}")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize="x-small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
