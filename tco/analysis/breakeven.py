"""Break-even: the value of one input at which two options cost the same.

The gap is OPTION's present value minus AGAINST's (negative: OPTION is
cheaper). Most inputs enter the model linearly (prices, powers, rates of use):
the gap is evaluated at three points and, if the middle one lies on the line
through the outer two (to 1e-9 of the costs), the root of that line is the
answer, checked by evaluating the model there. Otherwise (an MTBF, a discount
rate) the range is scanned on a grid and the first sign change is narrowed by
repeated grid refinement. Keys that take whole values (the horizon, counts) are
scanned value by value. When there is no break-even in the range, or anywhere
the input can go, the result says so, with the sign of the gap at both ends.

A key tied at rank 1 in the scenario's correlations moves the tied keys with
the same value in the same unit with it, as a sweep does (:mod:`.ties`): the
break-even is of the one quantity they all are (:attr:`BreakEven.tied`,
:attr:`BreakEven.note`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from ..io.loader import split_span
from ..model.validate import Resolved
from .evaluate import evaluate, in_chunks
from .inputs import Varied, field_of, find, parse_value, varied
from .sweep import _whole
from .ties import follow

#: the middle of three points may miss the line by this share of the costs
LINEAR_TOLERANCE = 1e-9
#: grid points per scan, refinements of a bracket, whole values scanned at most
SCAN = 65
REFINE = 9
MAX_WHOLE = 200


@dataclass
class BreakEven:
    source: str
    name: str
    currency: str
    option: str
    against: str
    labels: dict[str, str]
    input: Varied
    value: float | None  # the break-even value, in the input's unit; None: none found
    method: str  # linear | bracketing | whole values | none
    low: float  # the range considered (may be -inf / inf where the input is unbounded)
    high: float
    #: (input value, PV of option, PV of against) at the finite ends and the break-even
    points: list[tuple[float, float, float]] = field(default_factory=list)
    slope: float | None = None  # d(gap)/d(input) where linear
    gap_now: float = 0.0  # the gap at the input's own value
    sign_changes: int = 0
    #: keys tied to the input at rank 1 with its value: they take the same values
    tied: tuple[Varied, ...] = ()
    #: one line on what the tie moved (and left), or None when the key is tied to nothing
    note: str | None = None

    @property
    def moved(self) -> list[Varied]:
        """The input and the keys that move with it."""
        return [self.input, *self.tied]

    def gap(self, x: float) -> float | None:
        for at, a, b in self.points:
            if at == x:
                return a - b
        return None


def _gaps(resolved: Resolved, vs: list[Varied], xs: list[float], ia: int, ib: int
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gap (and both present values) with every input of ``vs`` at each of ``xs``."""
    matrix = np.tile(np.array(xs, dtype=float), (len(vs), 1))
    out = evaluate(resolved, vs, in_chunks(matrix), matrix.shape[1])
    a, b = out.present_values[ia], out.present_values[ib]
    return a - b, a, b


def run(resolved: Resolved, option: str, against: str, key: str,
        between: str | None = None) -> BreakEven:
    item = find(resolved, key, "--vary")
    f = field_of(key)
    if f is None or f.kind not in ("quantity", "percent", "ratio", "number", "integer"):
        raise InputError("is not a number or quantity that can vary", source=f"--vary {key}")
    v = varied(item, low=item.value, high=item.value)
    probe = evaluate(resolved, [v], in_chunks(np.array([[v.value]])), 1)
    ids, labels = probe.ids, dict(zip(probe.ids, probe.labels, strict=True))
    for name, what in ((option, "--option"), (against, "--against")):
        if name not in ids:
            raise InputError(f"{what}: unknown option {name!r} in {resolved.source} "
                             f"(options: {', '.join(ids)})")
    if option == against:
        raise InputError(f"--against: {option} against itself is always even")
    ia, ib = ids.index(option), ids.index(against)
    allowed_low = -math.inf if f.minimum is None else float(f.minimum)
    allowed_high = math.inf if f.maximum is None else float(f.maximum)
    if between is not None:
        lo_text, hi_text, extra = split_span(between, "--between")
        if extra is not None:
            raise InputError(f"--between {between!r}: expected LOW..HIGH, without a step")
        lo = parse_value(resolved, item, lo_text, "--between")
        hi = parse_value(resolved, item, hi_text, "--between")
        if hi <= lo:
            raise InputError(f"--between {between!r}: expected LOW < HIGH")
    else:
        lo, hi = allowed_low, allowed_high
    result = BreakEven(resolved.source, resolved.top["name"].value or "", probe.currency,
                       option, against, labels, v, None, "none", lo, hi)
    result.gap_now = float(probe.present_values[ia, 0] - probe.present_values[ib, 0])
    tied = follow(resolved, item)
    result.tied, result.note = tuple(tied.moved), tied.note
    if _whole(key):
        _whole_values(resolved, result, ia, ib, f.exclusive_minimum)
    elif not _linear(resolved, result, ia, ib, between is not None):
        _bracket(resolved, result, ia, ib, f.exclusive_minimum)
    _ends(resolved, result, ia, ib)
    return result


def _linear(resolved: Resolved, r: BreakEven, ia: int, ib: int, given: bool) -> bool:
    v = r.input
    if given:
        xs = [r.low, (r.low + r.high) / 2, r.high]
    else:
        step = abs(v.value) * 0.5 or 1.0
        xs = [v.value, v.value + step, v.value + 2 * step]
        if xs[2] > r.high:
            xs = [v.value, v.value - step, v.value - 2 * step]
        if xs[2] < r.low or xs[2] > r.high:
            return False
    gaps, a, b = _gaps(resolved, r.moved, xs, ia, ib)
    scale = max(np.max(np.abs(a)), np.max(np.abs(b)), 1.0)
    if abs(gaps[1] - (gaps[0] + (gaps[2] - gaps[0]) * (xs[1] - xs[0]) / (xs[2] - xs[0]))) \
            > LINEAR_TOLERANCE * scale:
        return False
    r.slope = float((gaps[2] - gaps[0]) / (xs[2] - xs[0]))
    r.method = "linear"
    if abs(gaps[2] - gaps[0]) <= 1e-12 * scale:  # the input does not move the gap
        r.slope = 0.0
        return True
    root = float(xs[0] - gaps[0] / r.slope)
    if r.low <= root <= r.high:
        check, _, _ = _gaps(resolved, r.moved, [root], ia, ib)
        if abs(check[0]) <= 1e-6 * scale:
            r.value = root
            return True
        r.method = "none"
        return False  # not linear after all (a kink between the points): bracket
    return True


def _finite_range(r: BreakEven, exclusive_minimum: bool) -> tuple[float, float]:
    v = r.input
    lo, hi = r.low, r.high
    if not math.isfinite(lo):
        lo = v.value - 10 * abs(v.value) if v.value else -10.0
    if exclusive_minimum and lo <= (v.minimum or 0.0):
        lo = (v.minimum or 0.0) + (abs(v.value) or 1.0) * 1e-3
    if not math.isfinite(hi):
        hi = v.value + 10 * abs(v.value) if v.value else 10.0
    return lo, hi


def _bracket(resolved: Resolved, r: BreakEven, ia: int, ib: int,
             exclusive_minimum: bool) -> None:
    lo, hi = _finite_range(r, exclusive_minimum)
    r.low, r.high, r.method = lo, hi, "bracketing"
    xs = np.linspace(lo, hi, SCAN)
    gaps, _, _ = _gaps(resolved, r.moved, xs.tolist(), ia, ib)
    signs = np.sign(gaps)
    changes = np.nonzero(signs[:-1] * signs[1:] <= 0)[0]
    changes = [int(i) for i in changes if not (signs[i] == 0 and i > 0 and signs[i - 1] == 0)]
    r.sign_changes = len(changes)
    if not changes:
        return
    i = changes[0]
    a, b, ga, gb = xs[i], xs[i + 1], gaps[i], gaps[i + 1]
    for _ in range(REFINE):
        if ga == 0 or gb == 0:
            break
        sub = np.linspace(a, b, 17)
        g, _, _ = _gaps(resolved, r.moved, sub.tolist(), ia, ib)
        k = int(np.nonzero(np.sign(g[:-1]) * np.sign(g[1:]) <= 0)[0][0])
        a, b, ga, gb = sub[k], sub[k + 1], g[k], g[k + 1]
    r.value = float(a if ga == 0 else b if gb == 0 else a - ga * (b - a) / (gb - ga))


def _whole_values(resolved: Resolved, r: BreakEven, ia: int, ib: int,
                  exclusive_minimum: bool) -> None:
    lo, hi = _finite_range(r, exclusive_minimum)
    lo, hi = math.ceil(max(lo, 1.0)), math.floor(hi)
    hi = min(hi, lo + MAX_WHOLE - 1)
    r.low, r.high, r.method = float(lo), float(hi), "whole values"
    xs = [float(x) for x in range(lo, hi + 1)]
    gaps, _, _ = _gaps(resolved, r.moved, xs, ia, ib)
    signs = np.sign(gaps)
    changes = [i for i in range(len(xs) - 1) if signs[i] != signs[i + 1]]
    r.sign_changes = len(changes)
    if changes:
        i = changes[0]
        r.value = xs[i + 1] if signs[i + 1] <= 0 or signs[i] > 0 else xs[i + 1]


def _ends(resolved: Resolved, r: BreakEven, ia: int, ib: int) -> None:
    xs = [x for x in (r.low, r.value, r.high) if x is not None and math.isfinite(x)]
    xs = sorted(set(xs))
    if not xs:
        return
    _, a, b = _gaps(resolved, r.moved, xs, ia, ib)
    r.points = [(x, float(pa), float(pb)) for x, pa, pb in zip(xs, a, b, strict=True)]
