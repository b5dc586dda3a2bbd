"""Charts of the analyses as inline SVG, written by hand like :mod:`.svg` (whose pieces
they use): no matplotlib, no script, the same bytes for the same result.

- :func:`histograms`: present-value savings against the baseline over the samples,
  one strip per option on one shared axis (zero marked: right of it is cheaper);
- :func:`cheapest`: the share of the samples in which each option is the cheapest;
- sweeps and break-evens: :mod:`.svg_lines`.

Options keep their colour of every other chart (:mod:`.palette`). Money axes
start at zero, or say in the chart that they are broken; an input's own axis
spans the values analysed.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..units import plain
from . import chartdata as cd
from . import palette
from .svg import BAR, ROW, SMALL, TOP, WIDTH, _axis, _domain, _num, _rect, _svg, _text, _w

#: bins of a savings histogram
BINS = 40
STRIP = 72  # height of one option's histogram strip: caption, bars, gap
PEAK = 40  # the tallest bar of every strip


def _line(x1: float, y1: float, x2: float, y2: float, colour: str = palette.INK,
          width: float = 1.0, dash: str = "") -> str:
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{colour}" stroke-width="{width:g}"{extra}/>')


def _halo(text: str) -> str:
    """A text with a white outline under it, readable over lines and bars."""
    return text.replace("<text ", '<text stroke="#ffffff" stroke-width="3" '
                        'stroke-linejoin="round" paint-order="stroke" ', 1)


def _tick(t: float) -> str:
    """A tick value of an input's axis: 2,500,000 rather than 2.5e+06."""
    return plain(t)


def _share(x: float) -> str:
    return f"{100.0 * float(x):.1f} %"


def _ticks(lo: float, hi: float, count: int = 6) -> list[float]:
    """Round ticks inside lo..hi (an input's axis: zero need not be on it)."""
    if not hi > lo:
        return [lo]
    raw = (hi - lo) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    out, n = [], 0
    while first + n * step <= hi + 1e-9 * step:
        out.append(round(first + n * step, 12))
        n += 1
    return out


def _labels(ids: list[str], labels: list[str], baseline: str | None) -> dict[str, str]:
    return {i: f"{lb} (baseline)" if i == baseline else lb
            for i, lb in zip(ids, labels, strict=True)}


# --- uncertainty -----------------------------------------------------------------------

def histograms(u: Any, colours: dict[str, str], uid: str, subtitle: str = "") -> str | None:
    """Present-value savings of each option against the baseline over the samples."""
    shares = [float(x) for x in u.cheapest_share()]
    # the order of the P(cheapest) chart: most often cheapest first
    others = [u.ids[i] for i in sorted(range(len(u.ids)), key=lambda i: (-shares[i], i))
              if u.ids[i] != u.baseline]
    if not others:
        return None
    labels = dict(zip(u.ids, u.outcome.labels, strict=True))
    data = {o: np.asarray(u.values("pv_savings", o), dtype=float) for o in others}
    lo = min(float(v.min()) for v in data.values())
    hi = max(float(v.max()) for v in data.values())
    div, prefix = cd.scale(max(abs(lo), abs(hi)) or 1.0)
    lo_d, hi_d = _domain(lo, hi, div)
    if not hi_d > lo_d:
        hi_d = lo_d + div
    edges = np.linspace(lo_d, hi_d, BINS + 1)
    counts = {o: np.histogram(v, bins=edges)[0] for o, v in data.items()}
    peak = max(int(c.max()) for c in counts.values()) or 1
    left, right = 18.0, 18.0

    def x_of(v: float) -> float:
        return left + (v - lo_d) / (hi_d - lo_d) * (WIDTH - left - right)

    top = TOP + 2
    bottom = top + STRIP * len(others)
    base = labels[u.baseline]
    unit = f"{prefix} {u.currency}".strip()
    body = _axis(x_of, lo_d, hi_d, top - 4, bottom, div,
                 f"Present-value savings against {base} ({unit}); right of 0: cheaper")
    captions = []  # drawn last, over the grid and the zero line
    for k, o in enumerate(others):
        y0 = top + k * STRIP
        floor = y0 + 22 + PEAK
        p10, p50, p90 = (u.percentile("pv_savings", o, p) for p in (10, 50, 90))
        captions.append(_halo(_text(left, y0 + 13, f"{labels[o]}: P10 {cd.compact(p10)}, "
                                    f"P50 {cd.compact(p50)}, P90 {cd.compact(p90)}; cheaper "
                                    f"than {base} in {_share(u.prob_beats_baseline(o))}",
                                    size=SMALL, weight="bold")))
        body.append(_line(left, floor, WIDTH - right, floor, palette.GRID))
        for j, n in enumerate(counts[o].tolist()):
            if not n:
                continue
            x0, x1 = x_of(float(edges[j])), x_of(float(edges[j + 1]))
            h = PEAK * n / peak
            body.append(_rect(x0, floor - h, x1 - x0, h, colours[o],
                              f"{labels[o]}: {n:,} of {u.samples:,} samples from "
                              f"{cd.compact(float(edges[j]))} to "
                              f"{cd.compact(float(edges[j + 1]))} {u.currency}", edge=True))
        # P10 to P90 as a bar under the strip, P50 as a tick across it
        body.append(_line(x_of(p10), floor + 3, x_of(p90), floor + 3, palette.INK, 2))
        body.append(_line(x_of(p50), floor - PEAK - 2, x_of(p50), floor + 6, palette.INK,
                          1.5, "3 2"))
    zero = x_of(0.0)
    body.append(_line(zero, top - 4, zero, bottom, palette.INK, 1.5))  # over the bars
    body.extend(captions)
    desc = "; ".join(
        f"{labels[o]}: P10 {cd.compact(u.percentile('pv_savings', o, 10))}, P50 "
        f"{cd.compact(u.percentile('pv_savings', o, 50))}, P90 "
        f"{cd.compact(u.percentile('pv_savings', o, 90))} {u.currency}" for o in others)
    body.append(_text(0, bottom + 50, "Bar heights: share of the samples, one scale for every "
                      "row; dashed: P50; the line under the bars: P10 to P90.", size=SMALL,
                      fill=palette.MUTED))
    return _svg(uid, bottom + 58, f"How sure: savings against {base} over {u.samples:,} "
                "samples", subtitle or f"{u.samples:,} samples, seed {u.seed}", body, desc)


def cheapest(u: Any, colours: dict[str, str], uid: str, subtitle: str = "") -> str:
    """The share of the samples in which each option has the lowest present value."""
    shares = [float(s) for s in u.cheapest_share()]
    labels = _labels(u.ids, u.outcome.labels, u.baseline)
    order = sorted(range(len(u.ids)), key=lambda i: (-shares[i], i))
    left = min(260.0, max(_w(labels[i]) for i in u.ids) + 12)
    right = _w("100.0 %", SMALL) + 14

    def x_of(v: float) -> float:
        return left + v / 100.0 * (WIDTH - left - right)

    bottom = TOP + ROW * len(order) + 4
    body = _axis(x_of, 0.0, 100.0, TOP - 4, bottom, 1.0,
                 "Share of the samples in which it is the cheapest (%)")
    for k, i in enumerate(order):
        oid = u.ids[i]
        y = TOP + k * ROW + (ROW - BAR) / 2
        body.append(_text(left - 8, y + BAR / 2 + 4.5, labels[oid], anchor="end",
                          weight="bold" if k == 0 else ""))
        w = x_of(100.0 * shares[i]) - x_of(0.0)
        body.append(_rect(x_of(0.0), y, w, BAR, colours[oid],
                          f"{labels[oid]}: cheapest in {_share(shares[i])} of the samples"))
        body.append(_text(x_of(0.0) + w + 6, y + BAR / 2 + 4.5, _share(shares[i]), size=SMALL,
                          weight="bold" if k == 0 else ""))
    desc = "; ".join(f"{labels[u.ids[i]]} {_share(shares[i])}" for i in order)
    return _svg(uid, bottom + 40, "How often each option is the cheapest (lowest present "
                "value)", subtitle or f"{u.samples:,} samples, seed {u.seed}", body, desc)
