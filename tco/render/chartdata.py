"""What every chart shows, read from a result: shared by the SVG, matplotlib and terminal charts.

Nothing here computes a cost: it sorts the options, picks a money scale,
words the savings the engine computed and states the assumptions a chart
depends on. Where the engine ran on samples (arrays), charts show the mean.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine import CATEGORIES, OptionResult, ScenarioResult
from . import palette
from .verdict import compact  # noqa: F401  (money as every report words it)


def mean(x: Any) -> float:
    return float(np.mean(x))


def series(x: Any) -> np.ndarray:
    """Years along the last axis; sampled inputs give the mean of each year."""
    a = np.asarray(x, dtype=float)
    return a.reshape(-1, a.shape[-1]).mean(axis=0) if a.ndim > 1 else a


_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


def scale(top: float) -> tuple[float, str]:
    """The divisor and prefix that keep the largest value of a chart readable."""
    for size, prefix in _SCALES:
        if abs(top) >= size:
            return size, prefix
    return 1.0, ""


def _quantity(q: Any, unit: str) -> str:
    return f"{mean(q.to(unit).magnitude):,.4g}"


def assumptions(r: ScenarioResult) -> str:
    """The chart subtitle: the fleet, the horizon and the prices the answer rests on."""
    return scenario_assumptions(r.scenario)


def scenario_assumptions(scenario: Any) -> str:
    """:func:`assumptions` of a scenario (the analysis pages, which hold no result)."""
    a, d = scenario.analysis, scenario.deployment
    horizon, currency = a.horizon_years, a.currency
    switches = mean(d.switches.to("").magnitude)
    ports = mean(d.ports_in_use.to("").magnitude)
    fleet = (f"{switches:,.0f} switches, {ports:,.0f} ports each at "
             f"{_quantity(d.port_speed, 'Gbit/s')} Gbit/s")
    years = f"{horizon} year" + ("s" if horizon != 1 else "")
    price = f"electricity {_quantity(a.electricity_price, f'{currency}/kWh')} {currency}/kWh"
    rate = f"discount rate {_quantity(a.discount_rate, '%')} %"
    return f"{fleet}; {years}; {price}; {rate}"


@dataclass(frozen=True)
class Bar:
    """One option in a chart of totals."""

    id: str
    label: str
    colour: str
    total: float
    is_baseline: bool
    savings: float  # baseline total minus this total (positive: cheaper)
    savings_percent: float | None
    categories: dict[str, float]

    @property
    def note(self) -> str:
        """The saving against the baseline, in words (no sign to misread)."""
        if self.is_baseline:
            return "baseline"
        pct = "" if self.savings_percent is None else f" ({abs(self.savings_percent):.1f} %)"
        if abs(self.savings) < 0.5:
            return "same as baseline"
        way = "below" if self.savings > 0 else "above"
        return f"{compact(abs(self.savings))}{pct} {way} baseline"


def _pct(x: Any) -> float | None:
    v = mean(x)
    return v if math.isfinite(v) else None


def bars(r: ScenarioResult, colours: dict[str, str] | None = None) -> list[Bar]:
    """The options of a result, cheapest first (ties keep the scenario's order)."""
    colours = colours or palette.option_colours(o.id for o in r.options)
    out = [Bar(o.id, o.label, colours[o.id], mean(o.total), bool(o.is_baseline),
               mean(o.savings), _pct(o.savings_percent),
               {c: mean(o.category_totals[c]) for c in CATEGORIES})
           for o in r.options]
    return sorted(out, key=lambda b: b.total)


def label(o: OptionResult | Bar) -> str:
    return f"{o.label} (baseline)" if o.is_baseline else o.label


def shown_categories(items: list[Bar]) -> list[str]:
    """Categories with an amount in some option, in report (stack) order."""
    return [c for c in CATEGORIES if any(b.categories[c] for b in items)]


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering lo..hi, with 0 in."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    span = hi - lo
    if span <= 0 or not math.isfinite(span):
        return [0.0, 1.0]
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lo / step + 1e-9) * step
    ticks, t = [], first
    while t < hi + step * 0.999:
        ticks.append(round(t, 12))
        if t >= hi - 1e-9 * step:
            break
        t += step
    return ticks
