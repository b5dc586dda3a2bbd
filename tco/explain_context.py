"""What every ``tco explain`` derivation shares: number formats, a step, the context.

:class:`Ctx` holds the option as the engine resolves it and collects the steps;
the derivations of each kind of item (:mod:`tco.explain_parts`,
:mod:`tco.explain_energy`, :mod:`tco.explain_failures`, :mod:`tco.explain_power`)
add to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import reliability
from .components import cooling, energy, pricing
from .engine import ScenarioResult
from .model import derived
from .model.scenario import Option, Part, Scenario
from .power import cooled_parts, cooling_overhead
from .units import Q

FLEET = ("deployment.switches", "count")


@dataclass
class Step:
    """One line of the derivation and the key paths of the inputs it substitutes."""

    text: str
    paths: list[str] = field(default_factory=list)


def num(x: Any) -> str:
    """A plain figure: thousands separators, no needless decimals."""
    x = float(x) + 0.0
    if x == round(x) and abs(x) < 1e15:
        return f"{int(round(x)):,}"
    return f"{x:,.4f}".rstrip("0").rstrip(".") if abs(x) >= 1000 else f"{x:.6g}"


def qty(q: Any) -> str:
    unit = format(q.units, "~P").replace("yr", "year")
    return f"{num(q.magnitude)} {unit[1:] if unit.startswith('1/') else unit}".rstrip()


def pct(q: Any) -> str:
    return f"{num(q.to('').magnitude * 100.0)} %"


class Ctx:
    def __init__(self, s: Scenario, opt: Option) -> None:
        opt = derived.resolve_option(opt, s.deployment)  # as the engine does
        opt = cooled_parts(opt, s.analysis)  # a liquid-cooled switch runs no fans
        self.s, self.opt, self.a, self.n = s, opt, s.analysis, s.analysis.horizon_years
        self.sw, self.cur = s.deployment.switches, s.analysis.currency
        self.steps: list[Step] = []
        self.result: ScenarioResult | None = None  # set by explain()
        self.q, self.num, self.pct = qty, num, pct
        self.pool = reliability.pool(opt, self.a, s.deployment)
        self.failed = reliability.modes(opt, self.a, s.deployment, self.pool)
        self.qty = qty
        self.per_year = Q(1.0, "1/year")

    def fleet_keys(self, p: Part) -> list[str]:
        return ["deployment.switches", f"options.{self.opt.id}.{p.name}.count"]

    def zero_rate(self) -> Any:
        return Q(0.0, f"{self.cur}/year")

    def zero_hours(self) -> Any:
        return Q(0.0, "hour/year")

    def add(self, p: Part | None, text: str, *keys: str) -> None:
        """A step; keys with no dot are fields of part ``p``; inputs not set are skipped."""
        paths = [k if "." in k else f"options.{self.opt.id}.{p.name if p else ''}.{k}"
                 for k in keys]
        used = [k for k in paths if k in self.s.inputs and self.s.inputs[k].value is not None]
        self.steps.append(Step(f"{p.name}: {text}" if p else text, used))

    def money(self, q: Any) -> Any:  # as the engine's money()
        return np.asarray(q.to(self.cur).magnitude, dtype=float)

    def cash(self, x: Any) -> str:
        return f"{float(x) + 0.0:,.2f} {self.cur}"

    def prices(self, p: Part) -> Any:
        return pricing.price_index(p.price_trend, p.price_hold, self.n)

    def labour(self) -> Any:
        return pricing.labour_index(self.a.labour_escalation, self.n)

    def trends(self, p: Part) -> None:
        """A step naming the price and labour indices by year (1 when constant)."""
        idx = ", ".join(num(x) for x in np.ravel(self.prices(p)))
        lab = ", ".join(num(x) for x in np.ravel(self.labour()))
        self.add(p, f"price index by year (1 + {pct(p.price_trend)})^max(0, y - "
                 f"{qty(p.price_hold)}) = {idx}; labour index (1 + "
                 f"{pct(self.a.labour_escalation)})^y = {lab}", "price_trend", "price_hold",
                 "analysis.labour_escalation")

    def items(self, p: Part) -> Any:
        """What ``p.count`` multiplies: the switches, or the part's fabric items."""
        return self.sw if p.items is None else p.items

    def fleet(self, p: Part) -> str:
        what = "switches" if p.per == "switch" else f"{p.per.replace('_', ' ')}s"
        return f"{num(self.items(p))} {what} x {num(p.count)} unit{'' if p.count == 1 else 's'}"

    def it_power(self) -> Any:
        parts = self.opt.parts
        for p in parts:
            if p.name == "switch" and self.opt.cooling == "liquid":
                self.add(p, f"liquid-cooled, no fans: power x (1 - {pct(self.a.switch_fan_share)}"
                         f" fan share) = {qty(p.power)}", "power", "analysis.switch_fan_share")
            kw = energy.it_power(self.items(p), p.count, p.power)
            self.add(p, f"{self.fleet(p)} x {qty(p.power)} = {qty(kw)}", *FLEET, "power")
        it_kw = sum((energy.it_power(self.items(p), p.count, p.power) for p in parts[1:]),
                    energy.it_power(self.items(parts[0]), parts[0].count, parts[0].power))
        self.add(None, f"IT power = {' + '.join(p.name for p in parts)} = {qty(it_kw)}")
        return it_kw

    def cooling_power(self, it_kw: Any) -> Any:
        o, given = cooling_overhead(self.opt, self.a)
        cool_kw = cooling.cooling_power(it_kw, o)
        self.add(None, f"cooling power = {qty(it_kw)} x (PUE - 1 = {num(o.magnitude)}) = "
                 f"{qty(cool_kw)}", given)
        return cool_kw

    def energy_years(self, what: str, annual: Any, flows: Any) -> dict[int, str]:
        price, esc = self.a.electricity_price, self.a.electricity_escalation
        self.add(None, f"{what}: electricity at {qty(price)} in year 1, rising {pct(esc)} "
                 "a year", "analysis.electricity_price", "analysis.electricity_escalation")
        return {y: f"{qty(annual * 1)} x 1 year x {qty(price)} x (1 + {pct(esc)})^{y - 1} = "
                   f"{self.cash(flows[y])}" for y in range(1, self.n + 1)}
