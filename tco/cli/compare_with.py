"""`tco compare --with uncertainty,sensitivity`: the analyses inside compare's report.

Each scenario of the report gets, when asked for, the uncertainty analysis
(``--samples``, ``--seed``) and the sensitivity tornado of the verdict's
cheapest option against the next best. The verdict then says how sure the
answer is and names the input it hinges on (the top row of that tornado, the
same as ``--hinge``). Analysis code is imported here, on use: ``tco compare``
without ``--with`` never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import InputError, shown
from ..units import plain

#: what --with takes, in the order the report shows them
CHOICES = ("uncertainty", "sensitivity")
DEFAULT_SAMPLES = 10_000


@dataclass(frozen=True)
class Wanted:
    uncertainty: bool
    sensitivity: bool
    samples: int
    seed: int


def parse(texts: list[str] | None, samples: int | None, seed: int | None) -> Wanted | None:
    """``--with a,b`` (repeatable) as what to run; None when nothing was asked for."""
    names = [n.strip().lower() for text in texts or [] for n in text.split(",") if n.strip()]
    if texts and not names:
        raise InputError(f"--with {shown(texts[0])}: expected {' or '.join(CHOICES)} (or both, "
                         "uncertainty,sensitivity)")
    for n in names:
        if n not in CHOICES:
            raise InputError(f"--with {n!r}: expected {' or '.join(CHOICES)} (or both, "
                             "uncertainty,sensitivity)")
    if "uncertainty" not in names:
        for given, flag in ((samples, "--samples"), (seed, "--seed")):
            if given is not None:
                raise InputError(f"{flag} sets the uncertainty analysis: add --with uncertainty")
    if not names:
        return None
    return Wanted("uncertainty" in names, "sensitivity" in names,
                  DEFAULT_SAMPLES if samples is None else samples, seed or 0)


def complete(incomplete: str) -> list[str]:
    """Shell completion of --with: each analysis, and the pair."""
    head, _, last = incomplete.rpartition(",")
    done = {n for n in head.split(",") if n}
    prefix = f"{head}," if head else ""
    return [prefix + n for n in CHOICES if n.startswith(last) and n not in done]


def tornado(resolved: Any, result: Any) -> Any:
    """The tornado of the cheapest option's present-value savings against the next best
    (by total, as the verdict ranks them); None with a single option."""
    from ..analysis import sensitivity
    from ..render.verdict import verdict

    v = verdict(result)
    if v.runner_up is None:
        return None
    return sensitivity.run(resolved, option=v.cheapest.id, against=v.runner_up.id)


def driver(t: Any, result: Any) -> Any:
    """The verdict's "hinges on" from a tornado's top row (None when nothing moves it)."""
    from ..render.verdict import Driver, compact

    if t is None or not t.rows or t.rows[0].swing <= 0:
        return None
    row = t.rows[0]
    unit = f" {row.input.unit}" if row.input.unit else ""
    best, runner = t.labels[t.option], t.labels[t.against]
    tied = (f"with the {len(row.tied)} input(s) tied to it at rank 1, each over its own "
            "range; " if row.tied else "")
    return Driver(row.input.path, f"{row.input.path} ({tied}from {plain(row.low)} to "
                  f"{plain(row.high)}{unit}, {best}'s present-value savings "
                  f"against {runner} go from {compact(row.at_low)} to "
                  f"{compact(row.at_high)} {result.currency})")


def how_sure(u: Any) -> str:
    """The verdict's line on the uncertainty: how often each option is the cheapest."""
    shares = u.cheapest_share()
    labels = dict(zip(u.ids, u.outcome.labels, strict=True))
    order = sorted(range(len(u.ids)), key=lambda i: (-float(shares[i]), i))
    said = [f"{labels[u.ids[i]]} in {100.0 * float(shares[i]):.1f} %" for i in order[:3]
            if shares[i] > 0]
    more = " (the others less)" if sum(1 for s in shares if s > 0) > 3 else ""
    return (f"How sure: over {u.samples:,} samples of the ranged inputs (seed {u.seed}), the "
            f"lowest present value is {', '.join(said)}{more}.")


def run(wanted: Wanted, resolve: Any, result: Any, progress: Any = None) -> Any:
    """The analyses of one scenario (an :class:`~tco.render.html.Analyses`); sets the
    result's ``hinges_on`` and verdict notes. ``resolve()`` gives a fresh ``Resolved``."""
    from ..render.html import Analyses

    u = t = None
    notes: list[str] = []
    if wanted.sensitivity:
        t = tornado(resolve(), result)
        result.hinges_on = driver(t, result)
        if t is None:
            notes.append("Sensitivity: a single option has nothing to be measured against.")
    if wanted.uncertainty:
        from ..analysis import uncertainty

        u = uncertainty.run(resolve(), wanted.samples, wanted.seed, progress)
        notes.append(how_sure(u))
    result.verdict_notes = notes
    return Analyses(u, t)
