"""Charts of sweeps and break-evens as inline SVG (see :mod:`.svg_analysis`).

- :func:`sweep_lines`: each option's present value along a swept input, the points
  where the cheapest option changes marked; :func:`sweep_map` for a grid of two;
- :func:`breakeven`: the gap between two options along an input, the break-even marked.

Money axes start at zero, or are broken with a zigzag on the axis and a note
saying where they start; an input's own axis spans the values analysed.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

import numpy as np

from . import chartdata as cd
from . import palette
from .svg import FONT, SMALL, TOP, WIDTH, _domain, _num, _rect, _svg, _text, _w
from .svg_analysis import _halo, _labels, _line, _tick, _ticks


def _money_axis(lo: float, hi: float) -> tuple[float, float, float, str, bool]:
    """A money axis from zero, or broken (starting at a round value below ``lo``) when
    the values sit far from zero: (start, end, divisor, prefix, broken)."""
    div, prefix = cd.scale(max(abs(lo), abs(hi)) or 1.0)
    if lo > 0 and (hi - lo) < 0.5 * hi:
        ticks = _ticks(lo / div, hi / div)
        step = ticks[1] - ticks[0] if len(ticks) > 1 else max(hi / div * 0.1, 1e-9)
        start = (math.floor(lo / div / step) - 1) * step * div
        end = (math.ceil(hi / div / step - 1e-9)) * step * div
        if start > 0:
            return start, max(end, hi), div, prefix, True
    start, end = _domain(lo, hi, div)
    return start, end, div, prefix, False


def _y_axis(y_of: Any, lo: float, hi: float, div: float, left: float, right: float,
            broken: bool, bottom: float) -> list[str]:
    out = []
    ticks = _ticks(lo / div, hi / div, 5) if broken else cd.nice_ticks(lo / div, hi / div)
    slack = 1e-9 * (hi - lo) / div
    for t in [t for t in ticks if lo / div - slack <= t <= hi / div + slack]:
        y = y_of(t * div)
        out.append(_line(left, y, WIDTH - right, y, palette.INK if t == 0 else palette.GRID))
        out.append(_text(left - 6, y + 4, f"{t:,g}", size=SMALL, anchor="end",
                         fill=palette.MUTED))
    if broken:  # a zigzag on the axis: it does not start at zero
        y = bottom - 2
        out.append(f'<polyline points="{_num(left - 6)},{_num(y + 3)} {_num(left - 2)},'
                   f"{_num(y - 3)} {_num(left + 2)},{_num(y + 3)} {_num(left + 6)},"
                   f'{_num(y - 3)}" fill="none" stroke="{palette.INK}" stroke-width="1.5"/>')
    return out


def _x_ticks(x_of: Any, lo: float, hi: float, bottom: float, v: Any) -> list[str]:
    out = []
    for t in _ticks(lo, hi):
        x, label = x_of(t), _tick(t)
        half = _w(label, SMALL) / 2
        x, anchor = (WIDTH, "end") if x + half > WIDTH else (x, "middle")
        out.append(_text(x, bottom + 16, label, size=SMALL, anchor=anchor, fill=palette.MUTED))
    name = f"{v.path} ({v.unit})" if v.unit else v.path
    out.append(_text(WIDTH - 12, bottom + 32, name, size=SMALL, anchor="end",
                     fill=palette.MUTED))
    return out


def _legend_lines(items: list[tuple[str, str, bool]], y: float) -> tuple[list[str], float]:
    """A legend of lines (label, colour, dashed), wrapping; returns it and the next y."""
    out, lx = [], 0.0
    for name, colour, dashed in items:
        w = 30 + _w(name, SMALL) + 16
        if lx + w > WIDTH:
            lx, y = 0.0, y + 18
        out.append(_line(lx, y - 4, lx + 24, y - 4, colour, 3, "6 3" if dashed else ""))
        out.append(_text(lx + 29, y, name, size=SMALL))
        lx += w
    return out, y


def sweep_lines(s: Any, colours: dict[str, str], uid: str, subtitle: str = "") -> str:
    """Present value per option along a one-input sweep, crossings marked."""
    o, axis = s.outcome, s.axes[0]
    v, xs = axis.input, [float(x) for x in axis.values]
    pv = np.asarray(o.present_values, dtype=float)
    base = o.ids[o.baseline]
    labels = _labels(o.ids, o.labels, base)
    order = sorted(range(len(o.ids)), key=lambda i: (-float(pv[i, -1]), i))
    legend, ly = _legend_lines([(labels[o.ids[i]], colours[o.ids[i]], o.ids[i] == base)
                                for i in order], TOP - 6)
    lo, hi, div, prefix, broken = _money_axis(float(pv.min()), float(pv.max()))
    x_lo, x_hi = xs[0], xs[-1] if xs[-1] > xs[0] else xs[0] + 1.0
    left = _w(f"{hi / div:,g}", SMALL) + 22
    right = 14.0
    top, height = ly + 40, 250
    bottom = top + height

    def x_of(x: float) -> float:
        return left + (x - x_lo) / (x_hi - x_lo) * (WIDTH - left - right)

    def y_of(m: float) -> float:
        return bottom - (m - lo) / max(hi - lo, 1e-9) * height

    unit = f"{prefix} {o.currency}".strip()
    said = f"Present value ({unit})" + (
        f"; axis broken: starts at {lo / div:,g}, not 0" if broken else "")
    body = [*legend, _text(0, top - 14, said, size=SMALL, fill=palette.MUTED),
            *_y_axis(y_of, lo, hi, div, left, right, broken, bottom),
            *_x_ticks(x_of, x_lo, x_hi, bottom, v)]
    for k, c in enumerate(s.crossings):
        x = x_of(c.at)
        body.append(_line(x, top - 4, x, bottom, palette.INK, 1.25, "4 3"))
        right_side = x < WIDTH * 0.6
        body.append(_halo(_text(x + 4 if right_side else x - 4, top + 8 + 16 * (k % 3),
                                f"{o.labels[o.ids.index(c.after)]} cheapest from "
                                f"≈ {v.show(c.at)}", size=SMALL,
                                anchor="start" if right_side else "end")))
    for i in reversed(order):
        oid = o.ids[i]
        pts = " ".join(f"{_num(x_of(x))},{_num(y_of(float(pv[i, j])))}"
                       for j, x in enumerate(xs))
        dash = ' stroke-dasharray="6 3"' if oid == base else ""
        body.append(f'<polyline points="{pts}" fill="none" stroke="{colours[oid]}" '
                    f'stroke-width="2.5"{dash}><title>{escape(labels[oid])}</title></polyline>')
        if len(xs) <= 41:
            body.extend(f'<circle cx="{_num(x_of(x))}" cy="{_num(y_of(float(pv[i, j])))}" '
                        f'r="2.5" fill="{colours[oid]}"><title>{escape(labels[oid])} at '
                        f"{escape(v.show(x))}: {cd.compact(float(pv[i, j]))} "
                        f"{escape(o.currency)}</title></circle>" for j, x in enumerate(xs))
    desc = ("; ".join(f"{o.labels[o.ids.index(c.after)]} overtakes "
                      f"{o.labels[o.ids.index(c.before)]} at about {v.show(c.at)}"
                      for c in s.crossings)
            or f"the cheapest option does not change from {v.show(xs[0])} to "
               f"{v.show(xs[-1])}")
    return _svg(uid, bottom + 40, f"Present value as {v.path} varies",
                subtitle or f"{len(xs)} values from {v.show(xs[0])} to {v.show(xs[-1])}",
                body, desc)


def sweep_map(s: Any, colours: dict[str, str], uid: str, subtitle: str = "") -> str:
    """The cheapest option at each point of a two-input grid, as coloured cells."""
    o = s.outcome
    ax, ay = s.axes
    winners = s.cheapest()
    n_x, n_y = len(ax.values), len(ay.values)
    labels = _labels(o.ids, o.labels, o.ids[o.baseline])
    shown = sorted(set(winners), key=o.ids.index)
    legend, lx, ly = [], 0.0, TOP - 6
    for oid in shown:
        w = 16 + _w(labels[oid], SMALL) + 16
        if lx + w > WIDTH:
            lx, ly = 0.0, ly + 18
        legend.append(_rect(lx, ly - 10, 11, 11, colours[oid]))
        legend.append(_text(lx + 15, ly, labels[oid], size=SMALL))
        lx += w
    left = max(_w(ax.input.show(float(x)), SMALL) for x in ax.values) + 12
    top = ly + 40
    cell_w = (WIDTH - left - 8) / n_y
    cell_h = max(6.0, min(24.0, 360.0 / n_x))
    body = [*legend, _text(0, top - 22, f"{ax.input.path} down, {ay.input.path} across",
                           size=SMALL, fill=palette.MUTED)]
    every = max(1, math.ceil(n_y * 60 / (WIDTH - left)))
    for c in range(0, n_y, every):
        body.append(_text(left + (c + 0.5) * cell_w, top - 6, ay.input.show(float(
            ay.values[c])), size=10, anchor="middle", fill=palette.MUTED))
    every_row = max(1, math.ceil(14 / cell_h))
    for r in range(n_x):
        y = top + r * cell_h
        if r % every_row == 0:
            body.append(_text(left - 6, y + cell_h / 2 + 4, ax.input.show(float(ax.values[r])),
                              size=10, anchor="end", fill=palette.MUTED))
        row = winners[r * n_y:(r + 1) * n_y]
        c = 0
        while c < n_y:  # one rectangle per run of the same winner
            end = c
            while end + 1 < n_y and row[end + 1] == row[c]:
                end += 1
            upto = "" if end == c else f" to {ay.input.show(float(ay.values[end]))}"
            body.append(_rect(left + c * cell_w, y, (end - c + 1) * cell_w, cell_h,
                              colours[row[c]], f"{labels[row[c]]} cheapest at "
                              f"{ax.input.path} {ax.input.show(float(ax.values[r]))}, "
                              f"{ay.input.path} {ay.input.show(float(ay.values[c]))}{upto}"))
            c = end + 1
    bottom = top + n_x * cell_h
    desc = "Cheapest over the grid: " + ", ".join(
        f"{labels[w]} at {winners.count(w)} of {len(winners)} points" for w in shown)
    return _svg(uid, bottom + 24, "The cheapest option over the grid",
                subtitle or f"{n_x} x {n_y} points", body, desc)


def breakeven(b: Any, xs: list[float], gaps: list[float], colours: dict[str, str],
              uid: str, subtitle: str = "") -> str:
    """OPTION's present value minus AGAINST's along the input: below zero OPTION costs
    less; the break-even (where it crosses zero) and the input's own value marked."""
    v = b.input
    a, c = b.labels[b.option], b.labels[b.against]
    # a few values far out (an MTBF near zero) would flatten the rest: the line is cut at
    # 4 times the upper quartile of the gaps, and the chart says so
    cap = 4.0 * float(np.percentile(np.abs(gaps), 75))
    cut = cap > 0 and max(abs(g) for g in gaps) > cap
    shown = [max(-cap, min(cap, g)) for g in gaps] if cut else list(gaps)
    div, prefix = cd.scale(max(abs(g) for g in shown) or 1.0)
    lo, hi = _domain(min(shown), max(shown), div)
    if not hi > lo:
        lo, hi = -div, div
    x_lo, x_hi = xs[0], xs[-1] if xs[-1] > xs[0] else xs[0] + 1.0
    left = max(_w(f"{t:,g}", SMALL) for t in cd.nice_ticks(lo / div, hi / div)) + 14
    right = 14.0
    top, height = TOP + 22, 240
    bottom = top + height

    def x_of(x: float) -> float:
        return left + (x - x_lo) / (x_hi - x_lo) * (WIDTH - left - right)

    def y_of(m: float) -> float:
        return bottom - (m - lo) / (hi - lo) * height

    zero = y_of(0.0)
    unit = f"{prefix} {b.currency}".strip()
    body = [_text(0, TOP - 2, f"Present value of {a} minus {c} ({unit})", size=SMALL,
                  fill=palette.MUTED)]
    # the two sides of zero, tinted with the colour of the option that costs less there
    if zero > top:
        body.append(f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(WIDTH - left - right)}"'
                    f' height="{_num(zero - top)}" fill="{colours[b.against]}" '
                    'fill-opacity="0.1"/>')
        body.append(_text(WIDTH - right - 6, top + 16, f"above 0: {c} costs less", size=SMALL,
                          anchor="end"))
    if zero < bottom:
        body.append(f'<rect x="{_num(left)}" y="{_num(zero)}" width="{_num(WIDTH - left - right)}"'
                    f' height="{_num(bottom - zero)}" fill="{colours[b.option]}" '
                    'fill-opacity="0.1"/>')
        body.append(_text(WIDTH - right - 6, bottom - 8, f"below 0: {a} costs less",
                          size=SMALL, anchor="end"))
    body += _y_axis(y_of, lo, hi, div, left, right, False, bottom)
    body += _x_ticks(x_of, x_lo, x_hi, bottom, v)
    if x_lo <= v.value <= x_hi:
        x = x_of(v.value)
        body.append(_line(x, top, x, bottom, palette.MUTED, 1, "2 3"))
        right_side = x < WIDTH * 0.6
        body.append(_halo(_text(x + 4 if right_side else x - 4, top + 54,
                                f"its value: {v.show(v.value)}", size=SMALL,
                                fill=palette.MUTED, anchor="start" if right_side else "end")))
    pts = " ".join(f"{_num(x_of(x))},{_num(y_of(g))}" for x, g in zip(xs, shown, strict=True))
    if cut:
        far = max(gaps, key=abs)
        body.append(_halo(_text(left + 6, top + 16 if far > 0 else bottom - 8,
                                f"cut: the line goes on to {cd.compact(far)} {b.currency}",
                                size=SMALL, fill=palette.MUTED)))
    body.append(f'<polyline points="{pts}" fill="none" stroke="{palette.INK}" '
                f'stroke-width="2.5"><title>{escape(a)} minus {escape(c)}</title></polyline>')
    if b.value is not None:
        x = x_of(b.value)
        body.append(_line(x, top, x, bottom, palette.INK, 1.25, "4 3"))
        body.append(f'<circle cx="{_num(x)}" cy="{_num(zero)}" r="5" fill="#ffffff" '
                    f'stroke="{palette.INK}" stroke-width="2"><title>break-even: '
                    f"{escape(v.show(b.value))}</title></circle>")
        right_side = x < WIDTH * 0.6
        body.append(_halo(_text(x + 6 if right_side else x - 6, top + 34,
                                f"break-even: {v.show(b.value)}", size=FONT, weight="bold",
                                anchor="start" if right_side else "end")))
    desc = (f"{a} and {c} cost the same at {v.path} = {v.show(b.value)}"
            if b.value is not None else
            f"no break-even from {v.show(xs[0])} to {v.show(xs[-1])}")
    return _svg(uid, bottom + 40, f"Break-even: {a} against {c} as {v.path} varies",
                subtitle or f"present value, {len(xs)} points", body, desc)
