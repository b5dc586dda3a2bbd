"""Evaluate a scenario at many points, in chunks, keeping only what analyses need.

A point is one value per varied input. Points are evaluated as one vectorised
engine call per chunk (the magnitudes become numpy arrays; pint's overhead is
per operation, not per element), and per point only the total and the present
value of each option are kept, with the present value by category summed over
the points (for means). Memory is bounded by the chunk size, not by the number
of points. Chunks run on two threads (numpy releases the interpreter lock for
the array work); each lands at its own offset, so the result does not depend on
which thread finished first.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import engine
from ..model.validate import Resolved
from .inputs import Varied, build_with

#: points per engine call: large enough that pint's per-operation cost is small,
#: small enough that a chunk's arrays stay in the processor's caches and memory
CHUNK = 65_536
#: threads evaluating chunks
WORKERS = 2

#: inputs the model cannot take as arrays (they shape it: years, ports, counts; and
#: every key of a [fabric]); analyses evaluate them one point at a time
SCALAR_ONLY = ("analysis.horizon", "deployment.switches", "deployment.switch_capacity",
               "deployment.port_speed", "deployment.ports_in_use")

#: a chunk: its size and a function that returns its magnitudes (inputs x size)
Chunk = tuple[int, Callable[[], np.ndarray]]


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


@dataclass(frozen=True)
class _About:
    """What a chunk tells of the options besides its numbers (the same in every chunk).

    Only this is kept of a chunk's engine result: the result itself holds every
    category of every part per sample, and chunks finished ahead of their turn
    wait with their result (see :func:`evaluate`)."""

    ids: list[str]
    labels: list[str]
    baseline: int
    currency: str


def _about(result: Any) -> _About:
    return _About(ids=[o.id for o in result.options], labels=[o.label for o in result.options],
                  baseline=next(i for i, o in enumerate(result.options) if o.is_baseline),
                  currency=result.currency)


def _run_chunk(resolved: Resolved, varied: list[Varied], chunk: np.ndarray
               ) -> tuple[_About, np.ndarray, np.ndarray, np.ndarray]:
    size = chunk.shape[1]
    if any(v.path in SCALAR_ONLY or v.path.startswith("fabric.") for v in varied):
        results = [_one(resolved, varied, chunk[:, j]) for j in range(size)]
        totals = np.array([[float(o.total) for o in r.options] for r in results]).T
        pvs = np.array([[float(o.present_value) for o in r.options] for r in results]).T
        cats = np.sum([[[float(o.category_present_values[c]) for c in engine.CATEGORIES]
                        for o in r.options] for r in results], axis=0)
        return _about(results[0]), totals, pvs, cats
    first = _one(resolved, varied, chunk)
    totals = np.array([np.broadcast_to(o.total, (size,)) for o in first.options])
    pvs = np.array([np.broadcast_to(o.present_value, (size,)) for o in first.options])
    cats = np.array([[np.sum(np.broadcast_to(o.category_present_values[c], (size,)))
                      for c in engine.CATEGORIES] for o in first.options])
    return _about(first), totals, pvs, cats


def evaluate(resolved: Resolved, varied: list[Varied], chunks: list[Chunk], points: int,
             progress: Callable[[int, int], None] | None = None,
             workers: int | None = None) -> Outcome:
    """Evaluate ``points`` points given as chunks (see :data:`Chunk`)."""
    workers = WORKERS if workers is None else workers
    offsets = np.cumsum([0] + [size for size, _ in chunks])
    assert offsets[-1] == points, (offsets[-1], points)

    def job(k: int) -> tuple[int, Any]:
        return k, _run_chunk(resolved, varied, chunks[k][1]())

    out: Outcome | None = None
    cats_by_chunk: list[Any] = [None] * len(chunks)
    done = 0

    def place(k: int, result: Any) -> None:
        nonlocal out, done
        about, totals, pvs, cats = result
        if out is None:
            out = Outcome(
                ids=about.ids, labels=about.labels, baseline=about.baseline,
                currency=about.currency,
                totals=np.empty((len(about.ids), points)),
                present_values=np.empty((len(about.ids), points)),
                category_pv_sums=np.zeros((len(about.ids), len(engine.CATEGORIES))),
                categories=list(engine.CATEGORIES))
        out.totals[:, offsets[k]:offsets[k + 1]] = totals
        out.present_values[:, offsets[k]:offsets[k + 1]] = pvs
        cats_by_chunk[k] = cats
        done += chunks[k][0]
        if progress is not None:
            progress(done, points)

    if workers > 1 and len(chunks) > 1:
        _one_arena()
        with ThreadPoolExecutor(workers) as pool:
            for k, result in pool.map(job, range(len(chunks))):
                place(k, result)
    else:
        for k in range(len(chunks)):
            place(*job(k))
    assert out is not None
    for cats in cats_by_chunk:  # in chunk order: the same sums, whatever finished first
        out.category_pv_sums += cats
    return out


def _one_arena() -> None:
    """With glibc, let the chunk threads share one malloc arena (``M_ARENA_MAX`` = 1).

    Each thread would otherwise get an arena of its own, and memory one thread
    frees (a chunk's arrays, hundreds of MiB a run) would not serve the other:
    fresh pages, each faulted in by the kernel (about a tenth of the CPU time of a
    million samples). The threads allocate few, large blocks, so sharing costs
    little. Process-wide and harmless elsewhere; skipped without glibc.
    """
    global _ARENA_SET
    if _ARENA_SET or sys.platform != "linux":
        return
    _ARENA_SET = True
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, 1)  # -8: M_ARENA_MAX (malloc.h)
    except (AttributeError, OSError, ValueError):
        pass


_ARENA_SET = False


def _one(resolved: Resolved, varied: list[Varied], column: np.ndarray) -> Any:
    values = {v.path: (v, column[i]) for i, v in enumerate(varied)}
    return engine.evaluate(build_with(resolved, values), flows=False)


def in_chunks(matrix: np.ndarray, size: int = CHUNK) -> list[Chunk]:
    """Columns of ``matrix`` (inputs x points) in chunks."""
    parts = [matrix[:, k:k + size] for k in range(0, matrix.shape[1], size)] or [matrix]
    return [(part.shape[1], lambda part=part: part) for part in parts]
