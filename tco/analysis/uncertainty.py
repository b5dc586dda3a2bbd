"""Monte Carlo over the ranged inputs: how sure is the answer?

Every option is evaluated on the same draws (common random numbers), so the
savings of an option against the baseline and the probability that it is the
cheapest are read per sample, not from two separate distributions. The
decision quantity is the present value; "cheapest" means the lowest present
value in that sample (ties go to the option listed first).

Invalid samples: a sampled value outside the range its key allows (a
lognormal tail above 100 %, say) is clipped to the nearest allowed value, and
the clipped samples are counted by input and reported. A sample that breaks a
rule between two inputs (a DSP power above the module's power) stops the run
with exit 2, naming the input.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import units
from ..errors import InputError
from ..model.correlations import Correlation
from ..model.validate import Resolved
from . import correlation, sampling
from .evaluate import CHUNK, Outcome, evaluate
from .inputs import Varied, ranged

#: the percentiles reported for every distribution
PERCENTILES = (5, 10, 50, 90, 95)
#: the per-option figures with distributions, and what each is
METRICS = {
    "total": "total cost over the horizon, undiscounted",
    "present_value": "present value of the costs",
    "savings": "baseline total minus this option's total (positive: cheaper)",
    "pv_savings": "baseline present value minus this option's (positive: cheaper)",
}


@dataclass
class UncertaintyResult:
    source: str
    name: str
    samples: int
    seed: int
    varied: list[Varied]
    outcome: Outcome
    #: samples clipped to the allowed range, by input path
    clipped: dict[str, int] = field(default_factory=dict)
    #: the pairs of inputs sampled with a rank correlation (``[[correlations]]``)
    correlations: list[Correlation] = field(default_factory=list)
    #: the reported percentiles and the mean by (metric, option), all computed on first use
    _quantiles: dict[tuple[str, str], dict[Any, float]] = field(
        default_factory=dict, repr=False, compare=False)
    _cheapest: np.ndarray | None = field(default=None, repr=False, compare=False)

    # -- what gates and renderers read ----------------------------------------------
    @property
    def currency(self) -> str:
        return self.outcome.currency

    @property
    def ids(self) -> list[str]:
        return self.outcome.ids

    @property
    def baseline(self) -> str:
        return self.outcome.ids[self.outcome.baseline]

    def index(self, option: str) -> int:
        if option not in self.outcome.ids:
            raise InputError(f"unknown option {option!r} in {self.source} "
                             f"(options: {', '.join(self.outcome.ids)})")
        return self.outcome.ids.index(option)

    def values(self, metric: str, option: str) -> np.ndarray:
        """The per-sample values of one metric of one option."""
        o, b = self.outcome, self.outcome.baseline
        i = self.index(option)
        if metric == "total":
            return o.totals[i]
        if metric == "present_value":
            return o.present_values[i]
        if metric == "savings":
            return o.totals[b] - o.totals[i]
        if metric == "pv_savings":
            return o.present_values[b] - o.present_values[i]
        raise KeyError(metric)

    def percentile(self, metric: str, option: str, p: float) -> float:
        if p not in PERCENTILES:
            return float(np.percentile(self.values(metric, option), p))
        self.index(option)
        if not self._quantiles:
            self._summarise()
        return self._quantiles[(metric, option)][p]

    def mean(self, metric: str, option: str) -> float:
        self.index(option)
        if not self._quantiles:
            self._summarise()
        return self._quantiles[(metric, option)]["mean"]

    def _summarise(self) -> None:
        """The reported percentiles (one partition each) and the mean of every metric of
        every option, on two threads (numpy's partition runs outside the interpreter
        lock); each figure is computed as it would be alone."""
        def one(key: tuple[str, str]) -> tuple[tuple[str, str], dict[Any, float]]:
            v = self.values(*key)
            qs = np.percentile(v, PERCENTILES)
            out: dict[Any, float] = {q: float(x) for q, x in zip(PERCENTILES, qs, strict=True)}
            out["mean"] = float(np.mean(v))
            return key, out

        keys = [(m, o) for o in self.ids for m in METRICS]
        if self.samples < 100_000:
            self._quantiles.update(map(one, keys))
            return
        with ThreadPoolExecutor(2) as pool:
            self._quantiles.update(pool.map(one, keys))

    def cheapest_share(self) -> np.ndarray:
        """Share of the samples in which each option has the lowest present value."""
        if self._cheapest is None:  # asked by the view, the document and the gates
            counts = np.bincount(np.argmin(self.outcome.present_values, axis=0),
                                 minlength=len(self.outcome.ids))
            self._cheapest = counts / self.samples
        return self._cheapest.copy()

    def prob_cheapest(self, option: str) -> float:
        return float(self.cheapest_share()[self.index(option)])

    def prob_beats_baseline(self, option: str) -> float:
        """Share of samples where the option's present value is below the baseline's."""
        return float(np.mean(self.values("pv_savings", option) > 0))

    def category_means(self, option: str) -> dict[str, float]:
        sums = self.outcome.category_pv_sums[self.index(option)]
        return {c: float(s / self.samples) for c, s in
                zip(self.outcome.categories, sums, strict=True)}

    def statistic(self, stat: str, metric: str | None, option: str) -> Any:
        """A figure for a gate: p10 of savings (money), prob_cheapest (%), ..."""
        if stat == "prob_cheapest":
            return units.Q(100.0 * self.prob_cheapest(option), "%")
        if stat == "prob_beats_baseline":
            return units.Q(100.0 * self.prob_beats_baseline(option), "%")
        if stat == "mean":
            return units.Q(self.mean(metric or "", option), self.currency)
        return units.Q(self.percentile(metric or "", option, float(stat[1:])), self.currency)


def run(resolved: Resolved, samples: int = 10_000, seed: int = 0,
        progress: Callable[[int, int], None] | None = None,
        chunk: int = CHUNK) -> UncertaintyResult:
    """Sample every ranged input (Latin hypercube) and evaluate all options on each draw."""
    if samples < 1:
        raise InputError(f"--samples: expected at least 1, got {samples}")
    varied = ranged(resolved)
    dists = [v.as_dist() for v in varied]
    joint = correlation.plan([v.path for v in varied], resolved.correlations)
    plan = sampling.plan(samples, seed, chunk)
    counts = np.zeros((len(plan), len(varied)), dtype=np.int64)

    def producer(k: int, size: int, seq: np.random.SeedSequence) -> Callable[[], np.ndarray]:
        def make() -> np.ndarray:  # runs on a worker thread: sampling is chunked too
            block = sampling.draw_chunk(dists, size, seq)
            if joint is not None:  # reorder (Iman-Conover): a generator of its own
                correlation.induce(block, joint, np.random.default_rng(
                    np.random.SeedSequence(seq.entropy, spawn_key=(*seq.spawn_key, 1))), dists)
            for i, (row, v) in enumerate(zip(block, varied, strict=True)):
                counts[k, i] = _clip(row, v)
            return block
        return make

    chunks = [(size, producer(k, size, seq)) for k, (_, size, seq) in enumerate(plan)]
    outcome = evaluate(resolved, varied, chunks, samples, progress)
    top = resolved.top
    totals = counts.sum(axis=0)
    return UncertaintyResult(
        source=resolved.source, name=top["name"].value or "", samples=samples, seed=seed,
        varied=varied, outcome=outcome,
        clipped={v.path: int(n) for v, n in zip(varied, totals, strict=True) if n},
        correlations=list(resolved.correlations))


def _clip(row: np.ndarray, v: Varied) -> int:
    """Clip samples to the key's allowed range in place, counting them (the documented rule).

    An exclusive minimum (a life or an MTBF must be above zero) clips to the
    smallest positive sample bound: the range's own low end.
    """
    lo = v.minimum
    hi = v.maximum
    bad = np.zeros(row.shape, dtype=bool)
    if lo is not None:
        below = row < lo
        bad |= below
        row[below] = lo
    if hi is not None:
        above = row > hi
        bad |= above
        row[above] = hi
    if not np.all(np.isfinite(row)):
        raise InputError(f"sampled values are not finite: narrow its range ({v.dist} "
                         f"from {v.show(v.low)} to {v.show(v.high)})", source=v.path)
    return int(bad.sum())
