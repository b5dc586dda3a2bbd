"""Tornado: which input drives the answer, one input at a time.

Each varied input goes to its low and then its high value while every other
input stays at its value; the chosen metric is read at each of the 2N points
and the rows are sorted by swing (|metric at high - metric at low|). All 2N + 1
points are evaluated as one vectorised engine call.

Inputs tied at rank 1 in ``[[correlations]]`` (the same draw: one switch priced
in two options, one assumption written in every option; :mod:`.ties`) are one
row: all at their lows, then all at their highs, each within its own range.
Moving one copy alone would report a swing no consistent world has.

One-at-a-time variation misses interactions: two inputs that matter only
together look unimportant, and partial correlations (|rank| < 1) are not
followed. The tornado says so once (:data:`CAVEAT`); use ``tco uncertainty`` to
move every input at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from ..model.validate import Resolved
from .evaluate import Outcome, evaluate, in_chunks
from .inputs import Varied, numeric, ranged, varied
from .ties import groups

CAVEAT = ("One input at a time, the others at their values: this misses interactions "
          "(inputs that matter only together) and does not follow partial correlations "
          "(|rank| < 1); inputs tied at rank 1 in the correlations (the same draw) move "
          "together as one row. tco uncertainty moves them all at once.")

#: metrics a tornado may show: money, for one option (or one option against another)
#: (savings are AGAINST's cost minus OPTION's: positive means OPTION is cheaper)
METRICS = {
    "pv_savings": "present-value savings of OPTION against AGAINST",
    "savings": "undiscounted savings of OPTION against AGAINST",
    "present_value": "present value of OPTION",
    "total": "total cost of OPTION, undiscounted",
}


@dataclass(frozen=True)
class Row:
    input: Varied
    #: the input's value at each end (its range, or value x (1 -+ delta))
    low: float
    high: float
    #: the metric with the input at its low and at its high
    at_low: float
    at_high: float
    origin: str  # "range" or "delta"
    #: inputs tied to :attr:`input` at rank 1 ([[correlations]]: the same draw), moved
    #: with it: each at its own low (high) while the input is at its low (high)
    tied: tuple[Varied, ...] = ()

    @property
    def swing(self) -> float:
        return abs(self.at_high - self.at_low)

    @property
    def keys(self) -> list[str]:
        """Every key the row moves: the input, then those tied to it."""
        return [self.input.path, *(v.path for v in self.tied)]

    @property
    def label(self) -> str:
        """The row's name: its input's key, with "+ N tied" when others move with it."""
        return self.input.path + (f" + {len(self.tied)} tied" if self.tied else "")


@dataclass
class Tornado:
    source: str
    name: str
    currency: str
    metric: str
    option: str
    against: str | None
    labels: dict[str, str]
    base: float  # the metric with every input at its value
    rows: list[Row]
    delta: float | None = None
    #: inputs left at their value because their value is zero (no +-delta to take)
    zero: list[str] = field(default_factory=list)

    @property
    def description(self) -> str:
        text = METRICS[self.metric].replace("OPTION", self.labels[self.option])
        return text.replace("AGAINST", self.labels.get(self.against or "", ""))


def _metric(out: Outcome, metric: str, option: int, against: int | None) -> np.ndarray:
    if metric == "pv_savings":
        return out.present_values[against] - out.present_values[option]
    if metric == "savings":
        return out.totals[against] - out.totals[option]
    if metric == "present_value":
        return out.present_values[option]
    return out.totals[option]


def _delta_inputs(resolved: Resolved, delta: float, skip: set[str]
                  ) -> tuple[list[tuple[Varied, str]], list[str]]:
    rows, zero = [], []
    for item in numeric(resolved):
        if item.path in skip:
            continue
        v = varied(item, low=0.0, high=0.0)
        if v.value == 0.0:
            zero.append(v.path)
            continue
        low, high = sorted((v.value * (1.0 - delta), v.value * (1.0 + delta)))
        if v.minimum is not None:
            low = max(low, v.minimum)
        if v.maximum is not None:
            high = min(high, v.maximum)
        rows.append((Varied(v.path, v.unit, v.value, low, high, "delta", v.source,
                            v.minimum, v.maximum), "delta"))
    return rows, zero


def _moves(resolved: Resolved, vs: list[Varied]) -> list[list[int]]:
    """The tornado's rows as indices into ``vs``: one per input, but one per group of
    inputs tied at rank 1 (:func:`.ties.groups`), its lead first, in the order of ``vs``."""
    at = {v.path: i for i, v in enumerate(vs)}
    lead_of: dict[int, list[int]] = {}
    member: set[int] = set()
    for group in groups(resolved):
        present = [at[p] for p in group if p in at]
        if len(present) > 1:
            lead_of[present[0]] = present
            member.update(present[1:])
    return [lead_of.get(i, [i]) for i in range(len(vs)) if i not in member]


def run(resolved: Resolved, metric: str = "pv_savings", option: str | None = None,
        against: str | None = None, delta: float | None = None) -> Tornado:
    """The tornado of ``metric`` over the ranged inputs (and, with ``delta``, the others)."""
    if metric not in METRICS:
        raise InputError(f"--metric: expected one of {', '.join(METRICS)}, got {metric!r}")
    if against is not None and "AGAINST" not in METRICS[metric]:
        raise InputError(f"--against: {metric} is of one option (--option) alone; savings "
                         "against another are --metric pv_savings or savings")
    inputs = [(v, "range") for v in ranged(resolved)]
    zero: list[str] = []
    if delta is not None:
        extra, zero = _delta_inputs(resolved, delta, {v.path for v, _ in inputs})
        inputs += extra
    k = len(inputs)
    vs = [v for v, _ in inputs]
    moves = _moves(resolved, vs)
    # column 0: every input at its value; then row r's inputs at their lows, at their highs
    matrix = np.repeat(np.array([v.value for v in vs], dtype=float).reshape(k, 1),
                       1 + 2 * len(moves), axis=1)
    for r, members in enumerate(moves):
        for i in members:
            matrix[i, 1 + 2 * r] = vs[i].low
            matrix[i, 2 + 2 * r] = vs[i].high
    out = evaluate(resolved, vs, in_chunks(matrix), matrix.shape[1])
    ids = out.ids
    labels = dict(zip(ids, out.labels, strict=True))
    pvs = out.present_values[:, 0]
    for name, what in ((option, "--option"), (against, "--against")):
        if name is not None and name not in ids:
            raise InputError(f"{what}: unknown option {name!r} in {resolved.source} "
                             f"(options: {', '.join(ids)})")
    if option is None:
        option = ids[int(np.argmin(pvs))]
    if metric in ("pv_savings", "savings"):
        if against is None:
            against = ids[out.baseline]
            if against == option:  # the cheapest is the baseline: against the runner-up
                order = [ids[i] for i in np.argsort(pvs, kind="stable") if ids[i] != option]
                against = order[0]
        if against == option:
            raise InputError(f"--against: {option} against itself is always zero")
    else:
        against = None
    values = _metric(out, metric, ids.index(option),
                     None if against is None else ids.index(against))
    rows = [Row(vs[m[0]], vs[m[0]].low, vs[m[0]].high, float(values[1 + 2 * r]),
                float(values[2 + 2 * r]), inputs[m[0]][1], tuple(vs[i] for i in m[1:]))
            for r, m in enumerate(moves)]
    rows.sort(key=lambda r: (-r.swing, r.input.path))
    return Tornado(resolved.source, resolved.top["name"].value or "", out.currency, metric,
                   option, against, labels, float(values[0]), rows, delta, zero)


def hinge(resolved: Resolved, option: str | None = None, against: str | None = None
          ) -> Row | None:
    """The input the answer hinges on: the top row of the default tornado, or None.

    Cheap (one vectorised evaluation of 2N + 1 points over the ranged inputs), for a
    report's verdict: "... and the answer hinges on options.cpo.switch.price".
    Returns None when no input has a range or none moves the metric.
    """
    rows = run(resolved, option=option, against=against).rows
    return rows[0] if rows and rows[0].swing > 0 else None
