"""Charts as inline SVG, written by hand: no matplotlib needed for the HTML report.

Three charts per scenario, each carrying its own title and a subtitle of what
it assumes (:func:`chartdata.assumptions`):

- totals: a horizontal bar per option, cheapest on top, each labelled with its
  total and its saving against the baseline;
- categories: the same options, each bar stacked by cost category left to
  right, the legend in the same order; credits (residual value) go left of zero;
- cumulative: cumulative cost year by year, one line per option.

Every axis starts at zero. Colours come from :mod:`palette`. The output is a
pure function of the result: the same result gives the same bytes.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..engine import ScenarioResult
from . import chartdata as cd
from . import palette
from .report import CATEGORY_LABELS

WIDTH = 720
FONT = 13
SMALL = 11.5
ROW = 30
BAR = 20
TOP = 58  # room for the title and subtitle


def _w(text: str, size: float = FONT) -> float:
    """A text's width, estimated (proportional sans-serif: ~0.56 em a character)."""
    return len(text) * size * 0.56


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if x % 1 else f"{x:.0f}"


def _text(x: float, y: float, body: str, *, size: float = FONT, anchor: str = "start",
          weight: str = "", fill: str = palette.INK, cls: str = "") -> str:
    attrs = f'x="{_num(x)}" y="{_num(y)}" font-size="{size:g}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if weight:
        attrs += f' font-weight="{weight}"'
    if fill != palette.INK:
        attrs += f' fill="{fill}"'
    if cls:
        attrs += f' class="{cls}"'
    return f"<text {attrs}>{escape(body)}</text>"


def _rect(x: float, y: float, w: float, h: float, fill: str, tip: str = "",
          edge: bool = False) -> str:
    inner = f"<title>{escape(tip)}</title>" if tip else ""
    stroke = ' stroke="#ffffff" stroke-width="0.75"' if edge else ""
    return (f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(max(w, 0.0))}" '
            f'height="{_num(h)}" fill="{fill}"{stroke}>{inner}</rect>')


def _svg(uid: str, height: float, title: str, subtitle: str, body: list[str],
         desc: str) -> str:
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_num(height)}" '
        f'width="{WIDTH}" height="{_num(height)}" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" font-family="system-ui, -apple-system, '
        f"'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\" class=\"chart\">",
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(desc)}</desc>',
        _text(0, 18, title, size=15, weight="bold"),
        _text(0, 38, subtitle, size=SMALL, fill=palette.MUTED),
    ]
    return "\n".join([*head, *body, "</svg>"])


def _axis(x_of: Any, lo: float, hi: float, top: float, bottom: float, div: float,
          unit: str) -> list[str]:
    """Vertical grid lines at round values, their labels below, the zero line darker."""
    out = []
    for t in cd.nice_ticks(lo / div, hi / div):
        x = x_of(t * div)
        colour = palette.INK if t == 0 else palette.GRID
        out.append(f'<line x1="{_num(x)}" y1="{_num(top)}" x2="{_num(x)}" '
                   f'y2="{_num(bottom)}" stroke="{colour}" stroke-width="1"/>')
        out.append(_text(x, bottom + 15, f"{t:,g}", size=SMALL, anchor="middle",
                         fill=palette.MUTED))
    out.append(_text(WIDTH, bottom + 32, unit, size=SMALL, anchor="end", fill=palette.MUTED))
    return out


def _domain(lo: float, hi: float, div: float) -> tuple[float, float]:
    ticks = cd.nice_ticks(lo / div, hi / div)
    return min(ticks[0] * div, lo, 0.0), max(ticks[-1] * div, hi, 0.0)


def totals(r: ScenarioResult, colours: dict[str, str], uid: str) -> str:
    """Total over the horizon per option, cheapest first, savings labelled."""
    items = cd.bars(r, colours)
    div, prefix = cd.scale(max(abs(b.total) for b in items))
    unit = f"{prefix} {r.currency}".strip()
    left = min(260.0, max(_w(cd.label(b)) for b in items) + 12)
    notes = [f"{cd.compact(b.total)}  ·  {b.note}" for b in items]
    lo, hi = _domain(min(b.total for b in items), max(b.total for b in items), div)
    # the widest scale at which every bar and its label still fit
    span = max(hi - lo, 1e-9)
    px = min([(WIDTH - left - 16 - _w(n, SMALL)) * span / max(max(b.total, 0.0) - lo, 1e-9)
              for n, b in zip(notes, items, strict=True)] + [WIDTH - left - 10])

    def x_of(v: float) -> float:
        return left + (v - lo) / span * px

    bottom = TOP + ROW * len(items) + 4
    body = _axis(x_of, lo, hi, TOP - 4, bottom, div, f"Total over {r.horizon} years ({unit})")
    for i, (b, note) in enumerate(zip(items, notes, strict=True)):
        y = TOP + i * ROW + (ROW - BAR) / 2
        x0, x1 = sorted((x_of(0.0), x_of(b.total)))
        body.append(_text(left - 8, y + BAR / 2 + 4.5, cd.label(b), anchor="end",
                          weight="bold" if i == 0 else ""))
        body.append(_rect(x0, y, x1 - x0, BAR, b.colour,
                          f"{b.label}: {cd.compact(b.total)} {r.currency}"))
        body.append(_text(x1 + 6, y + BAR / 2 + 4.5, note, size=SMALL,
                          weight="bold" if i == 0 else ""))
    desc = "; ".join(f"{b.label} {cd.compact(b.total)} {r.currency}, {b.note}" for b in items)
    return _svg(uid, bottom + 40, f"Total cost over {r.horizon} years, cheapest first",
                cd.assumptions(r), body, desc)


def categories(r: ScenarioResult, colours: dict[str, str], uid: str) -> str:
    """Each option's total split by category, stacked left to right in report order."""
    items = cd.bars(r, colours)
    cats = cd.shown_categories(items)
    pos = [sum(v for v in b.categories.values() if v > 0) for b in items]
    neg = [sum(v for v in b.categories.values() if v < 0) for b in items]
    div, prefix = cd.scale(max(max(pos), -min(neg)))
    unit = f"{prefix} {r.currency}".strip()
    left = min(260.0, max(_w(cd.label(b)) for b in items) + 12)
    lo, hi = _domain(min(neg), max(pos), div)
    right = _w("000.0 M") + 14
    span = max(hi - lo, 1e-9)
    px = WIDTH - left - right

    def x_of(v: float) -> float:
        return left + (v - lo) / span * px

    # the legend, in stack order (left to right, wrapping), above the bars
    legend, lx, ly = [], 0.0, TOP - 6
    for c in cats:
        name = CATEGORY_LABELS[c]
        w = 16 + _w(name, SMALL) + 16
        if lx + w > WIDTH:
            lx, ly = 0.0, ly + 18
        legend.append(_rect(lx, ly - 10, 11, 11, palette.category_colour(c)))
        legend.append(_text(lx + 15, ly, name, size=SMALL))
        lx += w
    top = ly + 14
    bottom = top + ROW * len(items) + 4
    body = [*legend, *_axis(x_of, lo, hi, top - 4, bottom, div,
                            f"Total over {r.horizon} years by category ({unit})")]
    has_credit = any(n < 0 for n in neg)
    for i, b in enumerate(items):
        y = top + i * ROW + (ROW - BAR) / 2
        body.append(_text(left - 8, y + BAR / 2 + 4.5, cd.label(b), anchor="end"))
        up, down = 0.0, 0.0
        for c in cats:
            v = b.categories[c]
            if not v:
                continue
            start = up if v > 0 else down + v
            x0, x1 = x_of(start), x_of(start + abs(v))
            body.append(_rect(x0, y, x1 - x0, BAR, palette.category_colour(c),
                              f"{b.label}, {CATEGORY_LABELS[c]}: "
                              f"{cd.compact(v)} {r.currency}", edge=True))
            up, down = (up + v, down) if v > 0 else (up, down + v)
        net = x_of(b.total)
        if has_credit:  # the net total once credits are counted: a dark tick
            body.append(f'<line x1="{_num(net)}" y1="{_num(y - 3)}" x2="{_num(net)}" '
                        f'y2="{_num(y + BAR + 3)}" stroke="{palette.INK}" stroke-width="2.5"/>')
        body.append(_text(x_of(up) + 6, y + BAR / 2 + 4.5, cd.compact(b.total), size=SMALL))
    desc = "; ".join(
        f"{b.label}: " + ", ".join(f"{CATEGORY_LABELS[c]} {cd.compact(b.categories[c])}"
                                   for c in cats if b.categories[c])
        for b in items)
    if has_credit:
        desc += ". Credits are drawn left of zero; the dark tick marks the net total."
    return _svg(uid, bottom + 40, "Where the money goes: cost by category",
                cd.assumptions(r), body, desc)


def cumulative(r: ScenarioResult, colours: dict[str, str], uid: str) -> str:
    """Cumulative cost per option, year 0 (deployment) to the horizon; y from zero."""
    opts = sorted(r.options, key=lambda o: -cd.series(o.cumulative)[-1])
    lines = {o.id: cd.series(o.cumulative) for o in opts}
    top_value = max(float(v.max()) for v in lines.values())
    low_value = min(float(v.min()) for v in lines.values())
    div, prefix = cd.scale(max(abs(top_value), abs(low_value)))
    unit = f"{prefix} {r.currency}".strip()
    ticks = cd.nice_ticks(low_value / div, top_value / div)
    lo, hi = ticks[0] * div, ticks[-1] * div
    # legend: one entry per option, highest line first (the order they end in)
    legend, lx, ly = [], 0.0, TOP - 6
    for o in opts:
        w = 30 + _w(cd.label(o), SMALL) + 16
        if lx + w > WIDTH:
            lx, ly = 0.0, ly + 18
        dash = ' stroke-dasharray="6 3"' if o.is_baseline else ""
        legend.append(f'<line x1="{_num(lx)}" y1="{_num(ly - 4)}" x2="{_num(lx + 24)}" '
                      f'y2="{_num(ly - 4)}" stroke="{colours[o.id]}" stroke-width="3"{dash}/>')
        legend.append(_text(lx + 29, ly, cd.label(o), size=SMALL))
        lx += w
    left, right = _w(f"{ticks[-1]:,g}", SMALL) + 12, 12
    top, height = ly + 34, 240
    bottom = top + height
    n = max(r.horizon, 1)

    def x_of(year: float) -> float:
        return left + year / n * (WIDTH - left - right)

    def y_of(v: float) -> float:
        return bottom - (v - lo) / max(hi - lo, 1e-9) * height

    body = list(legend)
    for t in ticks:
        y = y_of(t * div)
        colour = palette.INK if t == 0 else palette.GRID
        body.append(f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(WIDTH - right)}" '
                    f'y2="{_num(y)}" stroke="{colour}" stroke-width="1"/>')
        body.append(_text(left - 6, y + 4, f"{t:,g}", size=SMALL, anchor="end",
                          fill=palette.MUTED))
    step = max(1, round(n / 10))
    for year in range(0, r.horizon + 1, step):
        body.append(_text(x_of(year), bottom + 16, str(year), size=SMALL, anchor="middle",
                          fill=palette.MUTED))
    body.append(_text(WIDTH - right, bottom + 32, "Year (0 is the deployment)", size=SMALL,
                      anchor="end", fill=palette.MUTED))
    body.append(_text(0, top - 14, f"Cumulative cost ({unit})", size=SMALL,
                      fill=palette.MUTED))
    for o in reversed(opts):  # the highest line last, so it is drawn on top
        pts = " ".join(f"{_num(x_of(y))},{_num(y_of(float(v)))}"
                       for y, v in enumerate(lines[o.id]))
        dash = ' stroke-dasharray="6 3"' if o.is_baseline else ""
        body.append(f'<polyline points="{pts}" fill="none" stroke="{colours[o.id]}" '
                    f'stroke-width="{3 if o.is_baseline else 2.5}"{dash}>'
                    f"<title>{escape(o.label)}</title></polyline>")
        for y, v in enumerate(lines[o.id]):
            body.append(f'<circle cx="{_num(x_of(y))}" cy="{_num(y_of(float(v)))}" r="3" '
                        f'fill="{colours[o.id]}"><title>{escape(o.label)}, year {y}: '
                        f"{cd.compact(float(v))} {escape(r.currency)}</title></circle>")
    desc = "; ".join(f"{o.label}: from {cd.compact(float(lines[o.id][0]))} at deployment to "
                     f"{cd.compact(float(lines[o.id][-1]))} in year {r.horizon}" for o in opts)
    return _svg(uid, bottom + 40, f"Cumulative cost, year 0 to {r.horizon}",
                cd.assumptions(r), body, desc)


def charts(r: ScenarioResult, colours: dict[str, str], prefix: str) -> list[str]:
    """The three charts of one scenario; ``prefix`` keeps element ids unique in a page."""
    return [totals(r, colours, f"{prefix}-totals"),
            categories(r, colours, f"{prefix}-categories"),
            cumulative(r, colours, f"{prefix}-cumulative")]


#: a tornado's two ends: neither an option's nor a category's colour
LOW, HIGH = "#c7c7c7", "#5a5a5a"


def tornado(t: Any, uid: str, top: int = 15, assumptions: str = "") -> str:
    """A sensitivity tornado: the metric with each input at its low (light) and high (dark),
    around its value with every input at its value; zero is always on the axis.
    ``assumptions`` (:func:`chartdata.assumptions`): the subtitle, the value with every
    input at its own then said under the chart."""
    rows = [r for r in t.rows if r.swing > 0][:top]
    values = [t.base, *(r.at_low for r in rows), *(r.at_high for r in rows)]
    div, prefix = cd.scale(max(abs(v) for v in values) or 1.0)
    unit = f"{prefix} {t.currency}".strip()
    lo, hi = _domain(min(values), max(values), div)
    left = min(300.0, max([_w(r.label, SMALL) for r in rows] + [60.0]) + 12)
    right = 12.0
    span = max(hi - lo, 1e-9)

    def x_of(v: float) -> float:
        return left + (v - lo) / span * (WIDTH - left - right)

    legend = [_rect(0, TOP - 16, 11, 11, LOW), _text(15, TOP - 6, "input at its low", size=SMALL),
              _rect(130, TOP - 16, 11, 11, HIGH),
              _text(145, TOP - 6, "input at its high", size=SMALL)]
    top_y = TOP + 6
    bottom = top_y + ROW * len(rows) + 4
    title = f"{t.description[:1].upper()}{t.description[1:]} ({unit})"
    body = [*legend, *_axis(x_of, lo, hi, top_y - 4, bottom, div, title)]
    base = x_of(t.base)
    for i, r in enumerate(rows):
        y = top_y + i * ROW + (ROW - BAR) / 2
        body.append(_text(left - 8, y + BAR / 2 + 4, r.label, size=SMALL, anchor="end"))
        for value, end, colour in ((r.at_low, r.low, LOW), (r.at_high, r.high, HIGH)):
            x0, x1 = sorted((base, x_of(value)))
            body.append(_rect(x0, y, x1 - x0, BAR, colour,
                              f"{r.input.path} at {r.input.show(end)}: "
                              f"{cd.compact(value)} {t.currency}"))
    body.append(f'<line x1="{_num(base)}" y1="{_num(top_y - 4)}" x2="{_num(base)}" '
                f'y2="{_num(bottom)}" stroke="{palette.INK}" stroke-width="1.5" '
                f'stroke-dasharray="4 3"/>')
    desc = "; ".join(f"{r.label}: {cd.compact(r.at_low)} at its low, "
                     f"{cd.compact(r.at_high)} at its high" for r in rows)
    at_values = (f"{t.description}: {cd.compact(t.base)} {t.currency} with every input at "
                 "its value (dashed line)")
    if not assumptions:
        return _svg(uid, bottom + 40, "What drives the answer: one input at a time",
                    at_values, body, desc or "no input moves the answer")
    body.append(_text(0, bottom + 50, at_values[:1].upper() + at_values[1:] + ".",
                      size=SMALL, fill=palette.MUTED))
    return _svg(uid, bottom + 58, "What drives the answer: one input at a time", assumptions,
                body, desc or "no input moves the answer")
