"""Sweeps: each option's cost as one input (or two, on a grid) steps through values.

``KEY=START..STOP[:STEP]``: without a step, 11 evenly spaced values (whole
numbers for keys that must be whole, such as the horizon). Every point is
evaluated as one vectorised engine call where the model allows it (keys that
shape the model, such as the horizon, one point at a time), substituting the
value before the model is built: a point equals ``compare --set KEY=VALUE``
(where a [site] sizes the fabric, with ``fabric.gpus`` held at the count fitted at the
values: the fit is in whole switches, so the analyses keep that fabric and move the
GPUs each option hosts under the cap, worked out in the engine).

A key tied at rank 1 in the scenario's correlations (the same draw,
:mod:`.ties`) is one quantity written in several places: the tied keys with the
same value in the same unit take the same values with it (:attr:`Axis.tied`);
tied keys with another value (a per-port share of a system price, say) stay at
their values. :attr:`Axis.note` says which, for stderr.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from ..io.loader import split_span
from ..model.validate import Resolved
from .evaluate import Outcome, evaluate, in_chunks
from .inputs import RATES, Varied, field_of, find, parse_value, varied
from .ties import follow

#: values per axis without a step, and at most
DEFAULT_POINTS = 11
MAX_POINTS = 10_001
#: keys that take whole values only
WHOLE = ("analysis.horizon",)


@dataclass(frozen=True)
class Axis:
    input: Varied
    values: np.ndarray
    #: keys tied to the input at rank 1 with its value: they take the same values
    tied: tuple[Varied, ...] = ()
    #: one line on what the tie moved (and left), or None when the key is tied to nothing
    note: str | None = None


@dataclass(frozen=True)
class Crossing:
    """Between two steps of a one-input sweep, the cheapest option changes."""

    before: str
    after: str
    low: float
    high: float
    at: float  # where the two present values meet, by linear interpolation


@dataclass
class Sweep:
    source: str
    name: str
    axes: list[Axis]
    outcome: Outcome
    crossings: list[Crossing] = field(default_factory=list)

    @property
    def points(self) -> list[tuple[float, ...]]:
        return list(itertools.product(*(a.values.tolist() for a in self.axes)))

    def cheapest(self) -> list[str]:
        return [self.outcome.ids[i] for i in np.argmin(self.outcome.present_values, axis=0)]


def _whole(path: str) -> bool:
    f = field_of(path)
    return path in WHOLE or (f is not None and f.kind == "integer")


def parse_axis(resolved: Resolved, text: str, what: str = "--vary") -> Axis:
    key, sep, span = text.partition("=")
    key = key.strip()
    if not sep:
        raise InputError(f"{what} {text!r}: expected KEY=START..STOP[:STEP], such as "
                         "analysis.electricity_price=0.05..0.15 USD/kWh")
    item = find(resolved, key, what)
    start_text, stop_text, step_text = split_span(span, f"{what} {key}=")
    start = parse_value(resolved, item, start_text, what)
    stop = parse_value(resolved, item, stop_text, what)
    if stop < start:
        raise InputError(f"expected START <= STOP, got {start_text}..{stop_text}",
                         source=f"{what} {key}")
    whole = _whole(key)
    if whole and not (float(start).is_integer() and float(stop).is_integer()):
        raise InputError("takes whole values only: give whole START, STOP and STEP",
                         source=f"{what} {key}")
    if step_text is not None:
        step = _step(resolved, item, step_text, what)
        if step <= 0:
            raise InputError(f"expected a step above zero, got {step_text!r}",
                             source=f"{what} {key}")
        count = math.floor((stop - start) / step * (1 + 1e-12) + 1e-9) + 1
        if count > MAX_POINTS:
            raise InputError(f"{count:,} values: at most {MAX_POINTS:,} per --vary",
                             source=f"{what} {key}")
        values = start + step * np.arange(count)
    elif whole:
        values = np.unique(np.round(np.linspace(start, stop, min(
            DEFAULT_POINTS, int(stop - start) + 1))))
    else:
        values = np.linspace(start, stop, DEFAULT_POINTS if stop > start else 1)
    if whole and not np.all(values == np.round(values)):
        raise InputError("takes whole values only: give whole START, STOP and STEP",
                         source=f"{what} {key}")
    for value in (values[0], values[-1]):  # every value within what the key allows
        parse_value(resolved, item, repr(float(value)) + _unit_suffix(item), what)
    tied = follow(resolved, item)
    return Axis(varied(item, low=item.value, high=item.value), values, tuple(tied.moved),
                tied.note)


def _unit_suffix(item: object) -> str:
    v = varied(item, low=item.value, high=item.value)  # type: ignore[attr-defined]
    return f" {v.unit}" if v.unit else ""


def _step(resolved: Resolved, item: object, text: str, what: str) -> float:
    """A step is a difference: "0.01 USD/kWh", "1 %", "1" (checked for dimension only)."""
    from .. import units

    v = varied(item, low=item.value, high=item.value)  # type: ignore[attr-defined]
    if not v.unit:
        try:
            return float(text)
        except ValueError:
            raise InputError(f"expected a number, got {text!r}",
                             source=f"{what} {v.path} step") from None
    try:
        q = units.parse(text)
        if not v.path.startswith(RATES):  # a rate's step is in the rate's own unit
            q = units.to_currency(q, resolved.currency, resolved.rates)
        return float(q.to(v.unit if v.unit != "%" else "percent").magnitude)
    except (units.UnitParseError, KeyError, Exception) as exc:
        raise InputError(f"expected a step in {v.unit}, such as '1 {v.unit}', "
                         f"got {text!r} ({exc})", source=f"{what} {v.path} step") from None


def run(resolved: Resolved, varies: list[str],
        progress: object = None) -> Sweep:
    if not 1 <= len(varies) <= 2:
        raise InputError(f"--vary: give one (a line) or two (a grid), got {len(varies)}")
    axes = [parse_axis(resolved, text) for text in varies]
    if len(axes) == 2 and axes[0].input.path == axes[1].input.path:
        raise InputError("--vary: the two keys are the same", source=axes[0].input.path)
    if len(axes) == 2:
        for a, b in (axes, axes[::-1]):
            if b.input.path in {v.path for v in a.tied}:
                raise InputError(f"--vary: {b.input.path} is tied to {a.input.path} at rank 1 "
                                 "(the same draw) and moves with it: vary one of them")
    grid = np.array(list(itertools.product(*(a.values for a in axes))), dtype=float).T
    points = grid.shape[1]
    if points > MAX_POINTS * 10:
        raise InputError(f"--vary: {points:,} points in the grid: at most {MAX_POINTS * 10:,}")
    inputs = [a.input for a in axes] + [v for a in axes for v in a.tied]
    rows = [grid[k] for k in range(len(axes))] + [grid[k] for k, a in enumerate(axes)
                                                  for _ in a.tied]
    out = evaluate(resolved, inputs, in_chunks(np.array(rows, dtype=float)), points,
                   progress)  # type: ignore[arg-type]
    sweep = Sweep(resolved.source, resolved.top["name"].value or "", axes, out)
    if len(axes) == 1:
        sweep.crossings = _crossings(sweep)
    return sweep


def _crossings(s: Sweep) -> list[Crossing]:
    x = s.axes[0].values
    pv = s.outcome.present_values
    best = np.argmin(pv, axis=0)
    out = []
    for j in range(1, len(x)):
        a, b = int(best[j - 1]), int(best[j])
        if a == b:
            continue
        gap0 = pv[b, j - 1] - pv[a, j - 1]  # >= 0: b was not cheaper
        gap1 = pv[b, j] - pv[a, j]  # < 0: b is now cheaper
        at = x[j - 1] + (x[j] - x[j - 1]) * gap0 / (gap0 - gap1) if gap0 != gap1 else x[j]
        out.append(Crossing(s.outcome.ids[a], s.outcome.ids[b], float(x[j - 1]),
                            float(x[j]), float(at)))
    return out
