"""Charts of the analyses (uncertainty, tornado, sweep), drawn with matplotlib on demand.

Needs the optional extra (``pip install 'tco[plot]'``); matplotlib is imported
only when a chart is drawn, and without pyplot's global state.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from .plot import FORMATS, HINT


def _save(path: str, size: tuple[float, float], draw: Callable[[Any], None]) -> None:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"cannot draw to {suffix or 'a file without extension'}: "
                         f"use one of {', '.join(FORMATS)}", source=path)
    try:
        from matplotlib import rc_context
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise InputError(HINT, source=path) from exc
    fig = Figure(figsize=size, layout="constrained")
    draw(fig)
    try:
        with rc_context({"svg.fonttype": "none"}):
            fig.savefig(path, format=suffix[1:], dpi=120)
    except OSError as exc:
        raise InputError(f"cannot write the chart: {exc.strerror or exc}", source=path) from exc


def _scale(values: Any) -> tuple[float, str]:
    top = float(np.max(np.abs(values))) if np.size(values) else 0.0
    return (1e6, "M") if top >= 1e6 else (1e3, "k") if top >= 1e3 else (1.0, "")


def plot_uncertainty(u: Any, path: str) -> None:
    """Histograms of present-value savings per option, and P(cheapest) bars."""
    others = [o for o in u.ids if o != u.baseline] or u.ids
    labels = dict(zip(u.ids, u.outcome.labels, strict=True))

    def draw(fig: Any) -> None:
        left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": (3, 2)})
        fig.suptitle(f"{u.name or u.source}: {u.samples:,} samples, seed {u.seed}",
                     fontweight="bold")
        data = [u.values("pv_savings", o) for o in others]
        scale, unit = _scale(np.concatenate(data))
        for o, values in zip(others, data, strict=True):
            left.hist(values / scale, bins=60, alpha=0.55, label=labels[o])
        left.axvline(0.0, color="black", linewidth=1)
        left.set_xlabel(f"present-value savings against {labels[u.baseline]} "
                        f"({unit} {u.currency}; right of 0: cheaper)")
        left.set_ylabel("samples")
        left.legend(frameon=False)
        shares = 100.0 * u.cheapest_share()
        right.barh([labels[o] for o in u.ids][::-1], shares[::-1], color="#4477aa")
        right.set_xlim(0, 100)
        right.set_xlabel("probability of the lowest present value (%)")
        for y, s in enumerate(shares[::-1]):
            right.text(min(s + 1, 85), y, f"{s:.1f} %", va="center")

    _save(path, (13, 5.5), draw)
