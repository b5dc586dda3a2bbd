"""The verdict that opens every report: which option is cheapest, and by how much.

Pure data read from a :class:`~tco.engine.ScenarioResult`: no cost is
recomputed here. Options are ranked by their total over the horizon (the
headline figure); the present-value ranking is carried too, and a report says
so when it names a different cheapest option. One verdict per scenario.

Where the engine ran on samples (arrays), the verdict reads their mean.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np


def _scalar(x: Any) -> float:
    return float(np.mean(x))


@dataclass(frozen=True)
class Ranked:
    """One option in the ranking, cheapest first."""

    id: str
    label: str
    total: float
    present_value: float
    is_baseline: bool


@dataclass(frozen=True)
class Driver:
    """The input the answer hinges on (from the sensitivity analysis, when it ran)."""

    key: str
    text: str  # one line a reader can act on, e.g. "optics price of CPO: ..."


@dataclass(frozen=True)
class ValuedTime:
    """The part of the answer that is time valued at a price, not cash paid: the GPU
    time of the jobs failures stop (interruptions) and the link capacity waiting for
    repair (downtime), each priced by an input of the scenario."""

    categories: tuple[str, ...]  # the valued-time categories that are not zero
    saving: float  # of the cheapest option's saving against the baseline (total)
    without: Ranked  # the cheapest option once those categories are left out
    without_saving: float  # its saving against the baseline without them


#: categories that value time rather than count cash paid, with what prices them
VALUED_TIME = {"interruptions": ("job interruptions", "analysis.job_gpu_hour_value"),
               "downtime": ("downtime", "analysis.downtime_cost")}


@dataclass(frozen=True)
class Verdict:
    scenario: str
    currency: str
    horizon: int
    ranking: list[Ranked]  # by total, cheapest first (ties keep scenario order)
    ranking_present_value: list[Ranked]  # by present value, cheapest first
    baseline: Ranked
    #: first year from which the cheapest option's cumulative cost stays at or below the
    #: baseline's; None when the cheapest is the baseline, -1 when it never does
    from_year: int | None
    hinges_on: Driver | None = None
    notes: list[str] = field(default_factory=list)
    #: how much of the answer is valued time rather than cash (None: no such category)
    valued_time: ValuedTime | None = None

    @property
    def cheapest(self) -> Ranked:
        return self.ranking[0]

    @property
    def runner_up(self) -> Ranked | None:
        return self.ranking[1] if len(self.ranking) > 1 else None

    @property
    def savings_vs_baseline(self) -> float:
        return self.baseline.total - self.cheapest.total

    @property
    def savings_vs_baseline_percent(self) -> float | None:
        b = self.baseline.total
        return 100.0 * self.savings_vs_baseline / b if b else None

    @property
    def pv_savings_vs_baseline(self) -> float:
        return self.baseline.present_value - self.cheapest.present_value

    @property
    def margin_vs_runner_up(self) -> float | None:
        """How much the runner-up costs more than the cheapest (total)."""
        r = self.runner_up
        return None if r is None else r.total - self.cheapest.total

    @property
    def margin_vs_runner_up_percent(self) -> float | None:
        r = self.runner_up
        if r is None or not r.total:
            return None
        return 100.0 * (r.total - self.cheapest.total) / r.total

    @property
    def tie(self) -> bool:
        """The two cheapest options cost the same (to a millionth)."""
        m, r = self.margin_vs_runner_up, self.runner_up
        return m is not None and r is not None and abs(m) <= 1e-6 * max(abs(r.total), 1.0)

    @property
    def present_value_winner_differs(self) -> bool:
        return self.ranking_present_value[0].id != self.cheapest.id


def verdict(result: Any, hinges_on: Driver | None = None) -> Verdict:
    """The verdict of one scenario result."""
    ranked = [Ranked(o.id, o.label, _scalar(o.total), _scalar(o.present_value),
                     bool(o.is_baseline)) for o in result.options]
    by_total = sorted(ranked, key=lambda r: r.total)
    by_pv = sorted(ranked, key=lambda r: r.present_value)
    baseline = next(r for r in ranked if r.is_baseline)
    best = next(o for o in result.options if o.id == by_total[0].id)
    from_year = None
    if not best.is_baseline and best.break_even_year is not None:
        years = np.asarray(best.break_even_year)
        from_year = int(years) if years.ndim == 0 else int(np.max(years))
    name = result.scenario.name or result.scenario.source
    hinges_on = hinges_on or getattr(result, "hinges_on", None)
    return Verdict(scenario=name, currency=result.currency, horizon=result.horizon,
                   ranking=by_total, ranking_present_value=by_pv, baseline=baseline,
                   from_year=from_year, hinges_on=hinges_on,
                   notes=list(getattr(result, "verdict_notes", None) or []),
                   valued_time=valued_time(result, by_total, baseline))


def valued_time(result: Any, by_total: list[Ranked], baseline: Ranked
                ) -> ValuedTime | None:
    """How much of the cheapest option's saving is valued time (interruptions, downtime),
    and which option is cheapest without it; None where no option has any."""
    time = {o.id: {c: _scalar(o.category_totals.get(c, 0.0)) for c in VALUED_TIME}
            for o in result.options if getattr(o, "category_totals", None)}
    if len(time) != len(result.options):
        return None
    cats = tuple(c for c in VALUED_TIME if any(t[c] for t in time.values()))
    if not cats:
        return None
    def cash(r: Ranked) -> float:
        return r.total - sum(time[r.id][c] for c in cats)
    best = by_total[0]
    without = min(by_total, key=cash)  # the first of equals keeps the ranking's order
    return ValuedTime(categories=cats, saving=sum(time[baseline.id][c] - time[best.id][c]
                                                  for c in cats),
                      without=without, without_saving=cash(baseline) - cash(without))


# --- wording, shared by the table, Markdown and HTML reports ----------------------------

_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


def compact(x: float) -> str:
    """Money in compact units with one decimal: 146.4 M, 950.0 k, 3,683."""
    if not math.isfinite(x):
        return "-"
    for size, suffix in _SCALES:
        if abs(x) >= size * 0.99995 and abs(x) >= 10_000:
            return f"{x / size:,.1f} {suffix}"
    return f"{x:,.0f}"


def full(x: float) -> str:
    return f"{x:,.0f}" if math.isfinite(x) else "-"


def _pct(x: float | None) -> str:
    return "" if x is None or not math.isfinite(x) else f" ({x:.1f} %)"


def lines(v: Verdict, money: Any = compact) -> list[str]:
    """The verdict as sentences, the first one being the answer."""
    cur, best = v.currency, v.cheapest
    years = f"{v.horizon} year" + ("s" if v.horizon != 1 else "")
    if v.tie:
        tied = [r.label for r in v.ranking if abs(r.total - best.total)
                <= 1e-6 * max(abs(best.total), 1.0)]
        head = (f"{' and '.join(tied)} tie as cheapest: {money(best.total)} {cur} "
                f"over {years} (present value {money(best.present_value)}).")
    else:
        head = (f"{best.label} is cheapest: {money(best.total)} {cur} over {years} "
                f"(present value {money(best.present_value)}).")
    out = [head]
    parts = []
    runner = v.runner_up
    if best.is_baseline:
        parts.append(f"{best.label} is the baseline")
    else:
        role = "the baseline and next best" if runner is not None and \
            runner.is_baseline and not v.tie else "the baseline"
        parts.append(f"{money(v.savings_vs_baseline)} {cur}"
                     f"{_pct(v.savings_vs_baseline_percent)} below {v.baseline.label} "
                     f"({role}){when(v)}")
    if runner is not None and not v.tie and (best.is_baseline or not runner.is_baseline):
        parts.append(f"{money(v.margin_vs_runner_up or 0.0)} {cur}"
                     f"{_pct(v.margin_vs_runner_up_percent)} below the next best, "
                     f"{runner.label}")
    if parts:
        out.append("; ".join(parts) + ".")
    if v.present_value_winner_differs:
        pv = v.ranking_present_value[0]
        out.append(f"On present value {pv.label} is cheapest "
                   f"({money(pv.present_value)} {cur}).")
    if v.hinges_on is not None:
        out.append(f"The answer hinges most on {v.hinges_on.text}.")
    time = _valued_time_line(v, money)
    if time:
        out.append(time)
    out.extend(v.notes)
    return out


def _valued_time_line(v: Verdict, money: Any) -> str:
    """A sentence on the valued time in the answer, when it weighs (a tenth of the saving
    or more) or when leaving it out changes the cheapest option; '' otherwise."""
    t, cur, best = v.valued_time, v.currency, v.cheapest
    if t is None or v.tie:
        return ""
    saving = v.savings_vs_baseline
    if t.without.id == best.id and (best.is_baseline or abs(t.saving) < 0.1 * abs(saving)):
        return ""
    what = " and ".join(VALUED_TIME[c][0] for c in t.categories)
    keys = ", ".join(VALUED_TIME[c][1] for c in t.categories)
    head = f"{what[0].upper()}{what[1:]} are time valued at a price ({keys}), not cash paid"
    if not best.is_baseline:
        head += (f": {money(t.saving)} {cur} of the {money(saving)} saving"
                 f"{_pct(100.0 * t.saving / saving if saving else None)}")
    if t.without.id == best.id:
        return (f"{head}; without them {best.label} stays cheapest, "
                f"{money(t.without_saving)} {cur} below {v.baseline.label}.")
    below = (f", {money(t.without_saving)} {cur} below {v.baseline.label}"
             if not t.without.is_baseline else "")
    return f"{head}; without them {t.without.label} would be cheapest{below}."


def when(v: Verdict) -> str:
    """' from year N on' (cheaper than the baseline from that year on), or ''."""
    if v.from_year is None:
        return ""
    if v.from_year < 0:
        return " (but its cumulative cost is not below the baseline's every year)"
    if v.from_year == 0:
        return " from year 0 (the deployment) on"
    return f" from year {v.from_year} on"


def document(v: Verdict) -> dict[str, Any]:
    """The verdict as JSON-ready data."""
    def pct(x: float | None) -> float | None:
        return x if x is not None and math.isfinite(x) else None

    return {
        "cheapest": v.cheapest.id,
        "cheapest_present_value": v.ranking_present_value[0].id,
        "ranking": [r.id for r in v.ranking],
        "ranking_present_value": [r.id for r in v.ranking_present_value],
        "baseline": v.baseline.id,
        "runner_up": None if v.runner_up is None else v.runner_up.id,
        "tie": v.tie,
        "total": v.cheapest.total,
        "present_value": v.cheapest.present_value,
        "savings_vs_baseline": v.savings_vs_baseline,
        "savings_vs_baseline_percent": pct(v.savings_vs_baseline_percent),
        "present_value_savings_vs_baseline": v.pv_savings_vs_baseline,
        "margin_vs_runner_up": v.margin_vs_runner_up,
        "from_year": None if v.from_year is None or v.from_year < 0 else v.from_year,
        "hinges_on": None if v.hinges_on is None else {"key": v.hinges_on.key,
                                                      "text": v.hinges_on.text},
        "text": " ".join(lines(v, full)),
    }
