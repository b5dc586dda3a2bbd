"""Evaluate a scenario at many points, in chunks, keeping only what analyses need.

A point is one value per varied input. Points are evaluated as one vectorised
engine call per chunk (the magnitudes become numpy arrays; pint's overhead is
per operation, not per element), and per point only the total and the present
value of each option are kept, with the present value by category summed over
the points (for means). Memory is bounded by the chunk size, not by the number
of points.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import engine
from ..model.validate import Resolved
from .inputs import Varied, build_with

#: points per engine call: large enough that pint's per-operation cost is small,
#: small enough that a chunk's arrays stay in memory comfortably
CHUNK = 32_768

#: inputs the model cannot take as arrays (they shape it: years, ports, counts);
#: analyses evaluate them one point at a time
SCALAR_ONLY = ("analysis.horizon", "deployment.switches", "deployment.switch_capacity",
               "deployment.port_speed", "deployment.ports_in_use")


@dataclass
class Outcome:
    """Per point: total and present value of each option (options x points)."""

    ids: list[str]
    labels: list[str]
    baseline: int
    currency: str
    totals: np.ndarray
    present_values: np.ndarray
    #: present value by category, summed over the points: options x categories
    category_pv_sums: np.ndarray
    categories: list[str]

    @property
    def points(self) -> int:
        return int(self.totals.shape[1])


def evaluate(resolved: Resolved, varied: list[Varied],
             chunks: Iterator[np.ndarray] | list[np.ndarray], points: int,
             progress: Callable[[int, int], None] | None = None) -> Outcome:
    """Evaluate ``points`` points given as chunks of magnitudes (inputs x chunk)."""
    scalar = any(v.path in SCALAR_ONLY for v in varied)
    out: Outcome | None = None
    done = 0
    for chunk in chunks:
        size = chunk.shape[1]
        if scalar:
            results = [_one(resolved, varied, chunk[:, j]) for j in range(size)]
            totals = np.array([[float(o.total) for o in r.options] for r in results]).T
            pvs = np.array([[float(o.present_value) for o in r.options] for r in results]).T
            cats = sum(np.array([[float(o.category_present_values[c]) for c in
                                  engine.CATEGORIES] for o in r.options]) for r in results)
            first = results[0]
        else:
            first = _one(resolved, varied, chunk)
            totals = np.array([np.broadcast_to(o.total, (size,)) for o in first.options])
            pvs = np.array([np.broadcast_to(o.present_value, (size,))
                            for o in first.options])
            cats = np.array([[np.sum(np.broadcast_to(o.category_present_values[c], (size,)))
                              for c in engine.CATEGORIES] for o in first.options])
        if out is None:
            out = Outcome(
                ids=[o.id for o in first.options], labels=[o.label for o in first.options],
                baseline=next(i for i, o in enumerate(first.options) if o.is_baseline),
                currency=first.currency,
                totals=np.empty((len(first.options), points)),
                present_values=np.empty((len(first.options), points)),
                category_pv_sums=np.zeros((len(first.options), len(engine.CATEGORIES))),
                categories=list(engine.CATEGORIES))
        out.totals[:, done:done + size] = totals
        out.present_values[:, done:done + size] = pvs
        out.category_pv_sums += cats
        done += size
        if progress is not None:
            progress(done, points)
    assert out is not None and done == points
    return out


def _one(resolved: Resolved, varied: list[Varied], column: np.ndarray) -> Any:
    values = {v.path: (v, column[i]) for i, v in enumerate(varied)}
    return engine.evaluate(build_with(resolved, values), flows=False)


def in_chunks(matrix: np.ndarray, size: int = CHUNK) -> list[np.ndarray]:
    """Columns of ``matrix`` (inputs x points) in chunks."""
    return [matrix[:, k:k + size] for k in range(0, matrix.shape[1], size)] or [matrix]
