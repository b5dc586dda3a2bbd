"""``[[correlations]]``: pairs of sampled inputs that move together.

Read and checked at load time (one error naming ``correlations[N].key``): both
inputs exist and carry a range, a pair is given once, the rank is within
[-0.99, 1], an input that follows another (rank 1: the same draw) is in no
other pair, and all the other pairs together are a correlation the sampler can induce
(positive definite once mapped to normal scores by :func:`score_correlation`: checked by
:func:`cholesky`, which the sampler uses too).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import shown
from . import spec
from .validate_values import Input

if TYPE_CHECKING:  # pragma: no cover
    from .validate import Reader, Resolved


@dataclass(frozen=True)
class Correlation:
    """Two input paths, their rank correlation and why they move together."""

    first: str
    second: str
    rank: Input
    source: str = ""

    @property
    def same(self) -> bool:
        """rank = 1: ``second`` takes the same draw as ``first`` (its own distribution at
        the same probability): the same box priced twice, say."""
        return float(self.rank.value) == 1.0


def _check_followers(reader: Reader, pairs: list[Correlation]) -> None:
    """An input that follows another (rank 1) is in no other pair: correlate its leader."""
    followers = {c.second: (k, c.first) for k, c in enumerate(pairs, start=1) if c.same}
    for k, c in enumerate(pairs, start=1):
        for p in (c.first, c.second):
            if p in followers and followers[p][0] != k:
                raise reader.error(f"correlations[{k}].inputs", f"{p} follows "
                                   f"{followers[p][1]} (rank 1, correlations"
                                   f"[{followers[p][0]}]): pair {followers[p][1]} instead")


def read_correlations(reader: Reader, raw: Any, resolved: Resolved) -> list[Correlation]:
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise reader.error("correlations", "expected an array of tables ([[correlations]]), "
                                           f"got {shown(raw)}")
    inputs = resolved.inputs()
    out: list[Correlation] = []
    seen: dict[frozenset[str], int] = {}
    for i, craw in enumerate(raw, start=1):
        path = f"correlations[{i}]"
        table = reader.read_table(craw, spec.CORRELATION, path, skip=("inputs",))
        if table["rank"].ranged:
            raise reader.error(f"{path}.rank", "a correlation is a number, not a range")
        pair = craw.get("inputs")
        if pair is None:
            raise reader.error(f"{path}.inputs", "missing required key (the two key paths "
                                                 "that move together)")
        if not isinstance(pair, list) or len(pair) != 2 or \
                not all(isinstance(p, str) for p in pair):
            raise reader.error(f"{path}.inputs", "expected two key paths such as "
                               '["options.a.switch.price", "options.b.switch.price"], '
                               f"got {shown(pair)}")
        first, second = (p.strip() for p in pair)
        if first == second:
            raise reader.error(f"{path}.inputs", f"the same input twice ({first})")
        fixed = False
        for p in (first, second):
            item = inputs.get(p)
            if item is None:
                raise reader.error(f"{path}.inputs", f"no such key in the scenario: {shown(p)}")
            if not item.ranged and (reader.was_set(p) or "correlations" in reader.inherited):
                fixed = True  # --set, or a scenario extending a preset, gave it one value:
                # nothing left to correlate in the preset's pair, which is not an error
            elif not item.ranged:
                raise reader.error(f"{path}.inputs", f"{p} has no range (low/high): only "
                                                     "sampled inputs can be correlated")
        if fixed:
            continue
        key = frozenset((first, second))
        if key in seen:
            raise reader.error(f"{path}.inputs", f"the same pair as correlations[{seen[key]}]")
        seen[key] = i
        out.append(Correlation(first, second, table["rank"], table["source"].value or ""))
    _check_followers(reader, out)
    if not consistent([c for c in out if not c.same]):
        raise reader.error("correlations", NOT_POSITIVE_DEFINITE)
    return out


def score_correlation(rank: float) -> float:
    """The correlation of normal scores whose rank (Spearman) correlation is ``rank``:
    ``2 sin(pi rank / 6)`` (Spearman's rho of a bivariate normal with Pearson
    correlation r is ``(6 / pi) asin(r / 2)``)."""
    return 2.0 * math.sin(math.pi * rank / 6.0)


#: why a set of correlations is refused, at load time and (should one reach it) sampling
NOT_POSITIVE_DEFINITE = ("these correlations cannot hold together (the matrix they make is "
                         "not positive definite; a pair not given counts as 0, so a ~ b and "
                         "b ~ c need a ~ c too): weaken one or add the pair")


def consistent(pairs: list[Correlation]) -> bool:
    """Whether the pairs make a positive definite matrix of normal-score correlations."""
    names = sorted({p for c in pairs for p in (c.first, c.second)})
    index = {n: k for k, n in enumerate(names)}
    n = len(names)
    a = [[1.0 if r == c else 0.0 for c in range(n)] for r in range(n)]
    for c in pairs:
        r = score_correlation(float(c.rank.value))
        a[index[c.first]][index[c.second]] = a[index[c.second]][index[c.first]] = r
    return cholesky(a) is not None


def cholesky(a: list[list[float]]) -> list[list[float]] | None:
    """The lower Cholesky factor ``L`` of the symmetric matrix ``a`` (``a = L L'``), or
    None when ``a`` is not positive definite (a pivot at or below 1e-12).

    The one positive-definiteness check of correlations: the load-time check above and
    the sampler (:mod:`tco.analysis.correlation`) both use it. By hand, so that loading
    a scenario needs no numpy; the matrices are small (the correlated inputs).
    """
    n = len(a)
    low = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            s = float(a[i][j]) - sum(low[i][k] * low[j][k] for k in range(j))
            if i == j:
                if not s > 1e-12:  # also refuses NaN
                    return None
                low[i][i] = math.sqrt(s)
            else:
                low[i][j] = s / low[j][j]
    return low
