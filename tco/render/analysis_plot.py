"""Charts of the analyses (uncertainty, tornado, sweep), drawn with matplotlib on demand.

Needs the optional extra (``pip install '.[plot]'``); matplotlib is imported
only when a chart is drawn, and without pyplot's global state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from . import palette
from .plot import RC, matplotlib_for, save


def _save(path: str, size: tuple[float, float], draw: Callable[[Any], None]) -> None:
    rc_context, Figure = matplotlib_for(path)
    fig = Figure(figsize=size, layout="constrained")
    draw(fig)
    with rc_context(RC):
        save(fig, path)


def _scale(values: Any) -> tuple[float, str]:
    top = float(np.max(np.abs(values))) if np.size(values) else 0.0
    return (1e6, "M") if top >= 1e6 else (1e3, "k") if top >= 1e3 else (1.0, "")


def plot_uncertainty(u: Any, path: str) -> None:
    """Histograms of present-value savings per option, and P(cheapest) bars."""
    others = [o for o in u.ids if o != u.baseline] or u.ids
    labels = dict(zip(u.ids, u.outcome.labels, strict=True))
    colours = palette.option_colours(u.ids)  # the colours of every other chart

    def draw(fig: Any) -> None:
        left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": (3, 2)})
        fig.suptitle(f"{u.name or u.source}: {u.samples:,} samples, seed {u.seed}",
                     fontweight="bold")
        data = [u.values("pv_savings", o) for o in others]
        scale, unit = _scale(np.concatenate(data))
        for o, values in zip(others, data, strict=True):
            left.hist(values / scale, bins=60, alpha=0.55, label=labels[o], color=colours[o])
        left.axvline(0.0, color="black", linewidth=1)
        left.set_xlabel(f"present-value savings against {labels[u.baseline]} "
                        f"({unit} {u.currency}; right of 0: cheaper)")
        left.set_ylabel("samples")
        left.legend(frameon=False)
        shares = 100.0 * u.cheapest_share()
        right.barh([labels[o] for o in u.ids][::-1], shares[::-1],
                   color=[colours[o] for o in u.ids][::-1])
        right.set_xlim(0, 100)
        right.set_xlabel("probability of the lowest present value (%)")
        for y, s in enumerate(shares[::-1]):
            right.text(min(s + 1, 85), y, f"{s:.1f} %", va="center")

    _save(path, (13, 5.5), draw)


def plot_tornado(t: Any, path: str, top: int = 15) -> None:
    """Horizontal tornado bars: the metric with each input at its low and at its high."""
    rows = [r for r in t.rows if r.swing > 0][:top][::-1]

    def draw(fig: Any) -> None:
        ax = fig.subplots()
        fig.suptitle(f"{t.name or t.source}: {t.description}", fontweight="bold")
        scale, unit = _scale([t.base, *(r.at_low for r in rows), *(r.at_high for r in rows)])
        for y, r in enumerate(rows):
            for value, colour in ((r.at_low, "#88bbee"), (r.at_high, "#224488")):
                ax.barh(y, (value - t.base) / scale, left=t.base / scale, color=colour)
        ax.set_yticks(range(len(rows)), [r.label for r in rows], fontsize=8)
        ax.axvline(t.base / scale, color="black", linewidth=1)
        ax.set_xlabel(f"{unit} {t.currency} (light: input at its low; dark: at its high)")
        ax.set_title("one input at a time; interactions are not shown", fontsize=9)

    _save(path, (11, 1.5 + 0.35 * max(len(rows), 1)), draw)


def plot_sweep(s: Any, path: str) -> None:
    """Present value per option along the swept input, crossings marked (grid: one panel
    per value of the second input, at most six)."""
    o = s.outcome
    labels = o.labels
    colours = palette.option_colours(o.ids)
    x_axis = s.axes[0]
    panels = [None] if len(s.axes) == 1 else list(range(min(len(s.axes[1].values), 6)))

    def draw(fig: Any) -> None:
        axes = fig.subplots(1, len(panels), squeeze=False)[0]
        fig.suptitle(f"{s.name or s.source}: present value as {x_axis.input.path} varies",
                     fontweight="bold")
        scale, unit = _scale(o.present_values)
        n = len(x_axis.values)
        for ax, panel in zip(axes, panels, strict=True):
            cols = np.arange(n) if panel is None else \
                np.arange(n) * len(s.axes[1].values) + panel
            for i, label in enumerate(labels):
                ax.plot(x_axis.values, o.present_values[i, cols] / scale, marker=".",
                        label=label, color=colours[o.ids[i]])
            for c in s.crossings if panel is None else []:
                ax.axvline(c.at, color="grey", linestyle="--", linewidth=1)
                ax.annotate(f"{c.at:,.4g}", (c.at, ax.get_ylim()[1]), fontsize=8,
                            ha="left", va="top")
            if panel is not None:
                ax.set_title(f"{s.axes[1].input.path} = "
                             f"{s.axes[1].input.show(s.axes[1].values[panel])}", fontsize=9)
            ax.set_xlabel(f"{x_axis.input.path} ({x_axis.input.unit})")
            ax.set_ylabel(f"present value ({unit} {o.currency})")
        axes[0].legend(frameon=False)

    _save(path, (6 + 4 * (len(panels) - 1), 5), draw)
