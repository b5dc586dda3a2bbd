"""The gap between two options along one input, for a break-even chart.

:func:`tco.analysis.breakeven.run` finds where the gap crosses zero with as few
evaluations as it can; a chart needs the whole line. This evaluates the gap
(OPTION's present value minus AGAINST's) at evenly spaced values over the range
the break-even was sought in, or, where that range is unbounded, over the span
of the input's own value and the break-even, widened by half on each side
(within the values the key allows). The break-even and the input's value are
among the points, so the line passes through them exactly.
"""

from __future__ import annotations

import math

import numpy as np

from ..model.validate import Resolved
from .breakeven import BreakEven
from .evaluate import evaluate, in_chunks
from .inputs import field_of
from .sweep import _whole

#: evenly spaced values of a curve
POINTS = 41


def span(b: BreakEven) -> tuple[float, float]:
    """The values a chart of ``b`` spans."""
    v = b.input
    known = [x for x, _, _ in b.points] + [v.value] + ([b.value] if b.value is not None else [])
    known = [x for x in known if math.isfinite(x)]
    low, high = min(known), max(known)
    pad = 0.5 * (high - low) or 0.5 * abs(high) or 1.0
    lo = b.low if math.isfinite(b.low) else low - pad
    hi = b.high if math.isfinite(b.high) else high + pad
    if v.minimum is not None:
        lo = max(lo, v.minimum)
        f = field_of(v.path)
        if f is not None and f.exclusive_minimum and lo <= v.minimum:
            lo = v.minimum + (abs(v.value) or 1.0) * 1e-3
    if v.maximum is not None:
        hi = min(hi, v.maximum)
    return lo, max(hi, lo)


def gaps(resolved: Resolved, b: BreakEven, points: int = POINTS
         ) -> tuple[list[float], list[float]]:
    """(input values, gap at each), in increasing order; values where the model has no
    finite cost (an MTBF of zero, say) are left out."""
    lo, hi = span(b)
    extra = [x for x in (b.input.value, b.value) if x is not None and lo <= x <= hi]
    xs = np.unique(np.concatenate([np.linspace(lo, hi, points), np.array(extra, float)]))
    if _whole(b.input.path):
        xs = np.unique(np.round(xs))
    vs = b.moved  # the input and the keys tied to it with its value (the same quantity)
    out = evaluate(resolved, vs, in_chunks(np.tile(xs, (len(vs), 1))), len(xs))
    ia, ib = out.ids.index(b.option), out.ids.index(b.against)
    gap = out.present_values[ia] - out.present_values[ib]
    keep = np.isfinite(gap)
    return xs[keep].tolist(), gap[keep].tolist()
