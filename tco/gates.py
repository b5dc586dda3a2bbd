"""CI gates: ``--fail-if "cpo.npv > pluggable.npv"``, ``--fail-if "savings(cpo) < 20 %"``.

A gate is one comparison between two operands, parsed by a small grammar of
our own (never evaluated as Python)::

    gate     := operand OP operand          OP: < <= > >= == !=
    operand  := OPTION "." METRIC           an option's figure, e.g. cpo.npv
              | FUNCTION "(" OPTION ")"     savings(cpo), pv_savings(cpo): percent
              | NUMBER [UNIT]               a quantity, e.g. 20 %, 1.5e6 USD, 800 kW

``tco uncertainty`` takes statistics of the sampled figures instead::

    operand  := STAT "(" MONEY "(" OPTION ")" ")"   p10(savings(cpo)), mean(pv(cpo)):
                                                    money; STAT is pNN (0-100) or mean;
                                                    MONEY total, pv, savings, pv_savings
              | PROB "(" OPTION ")"                 prob_cheapest(cpo),
                                                    prob_beats_baseline(cpo): percent
              | NUMBER [UNIT]

Both sides must have the same dimension; a gate that holds has tripped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import units
from .engine import CATEGORIES, PHYSICAL_UNITS, OptionResult
from .errors import InputError, shown

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12),
    "!=": lambda a, b: not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12),
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
}
#: longest gate read; a longer one is refused before it is looked at
MAX_GATE_CHARS = 200
_OP_RE = re.compile(r"<=|>=|==|!=|<|>")
_REF = re.compile(r"^([A-Za-z_][\w-]*)\.([A-Za-z_]\w*)$")
_CALL = re.compile(r"^([A-Za-z_]\w*)\s*\(\s*([A-Za-z_][\w-]*)\s*\)$")
_STAT = re.compile(r"^(p\d{1,3}(?:\.\d+)?|mean)\s*\(\s*([A-Za-z_]\w*)\s*\(\s*"
                   r"([A-Za-z_][\w-]*)\s*\)\s*\)$")
#: money figures a statistic may take, and what the uncertainty result calls them
STAT_METRICS = {"total": "total", "pv": "present_value", "npv": "present_value",
                "present_value": "present_value", "savings": "savings",
                "pv_savings": "pv_savings"}
PROBABILITIES = ("prob_cheapest", "prob_beats_baseline")

_MONEY = {
    "total": lambda o: o.total,
    "npv": lambda o: o.present_value,
    "present_value": lambda o: o.present_value,
    "savings": lambda o: o.savings,
    "pv_savings": lambda o: o.present_value_savings,
    "cost_per_port": lambda o: o.cost_per_port,
    "cost_per_tbps": lambda o: o.cost_per_tbps,
    **{c: (lambda o, c=c: o.category_totals[c]) for c in CATEGORIES},
}
_PERCENT = {
    "savings_percent": lambda o: o.savings_percent,
    "pv_savings_percent": lambda o: o.present_value_savings_percent,
}
FUNCTIONS = {"savings": "savings_percent", "pv_savings": "pv_savings_percent"}


def metric_names() -> list[str]:
    return [*_MONEY, *_PERCENT, "break_even_year", *PHYSICAL_UNITS]


@dataclass(frozen=True)
class Operand:
    text: str
    option: str | None = None
    metric: str | None = None
    literal: Any = None  # a pint Quantity
    #: a statistic over samples (pNN, mean, prob_cheapest, ...): tco uncertainty only
    stat: str | None = None

    def value(self, r: Any) -> Any:
        if self.literal is not None:
            return self.literal
        if self.stat is not None:
            return r.statistic(self.stat, self.metric, self.option)
        o = next(o for o in r.options if o.id == self.option)
        return _metric(o, self.metric or "", r.currency)


@dataclass(frozen=True)
class Gate:
    text: str
    left: Operand
    op: str
    right: Operand


def _metric(o: OptionResult, name: str, currency: str) -> Any:
    if name in _MONEY:
        return units.Q(float(_MONEY[name](o)), currency)
    if name in _PERCENT:
        return units.Q(float(_PERCENT[name](o)), "%")
    if name == "break_even_year":
        year = o.break_even_year
        never = year is None or int(year) < 0
        return units.Q(math.inf if never else float(year), "")
    return units.Q(float(o.physical[name]), PHYSICAL_UNITS[name])


def _error(text: str, message: str) -> InputError:
    return InputError(f"--fail-if {shown(text)}: {message}")


def parse(text: str, samples: bool = False) -> Gate:
    """Parse one gate; a malformed one raises InputError.

    ``samples``: the gate is for ``tco uncertainty`` (statistics, not figures).
    """
    if len(text) > MAX_GATE_CHARS:
        raise _error(text, f"is longer than {MAX_GATE_CHARS} characters")
    ops = _OP_RE.findall(text)
    if len(ops) != 1:
        example = "'p10(savings(cpo)) < 0 USD' or 'prob_cheapest(cpo) < 80 %'" if samples \
            else "'cpo.npv > pluggable.npv' or 'savings(cpo) < 20 %'"
        raise _error(text, f"expected one comparison such as {example}")
    left_text, right_text = (side.strip() for side in _OP_RE.split(text))
    gate = Gate(text, _operand(text, left_text, samples), ops[0],
                _operand(text, right_text, samples))
    if gate.left.literal is not None and gate.right.literal is not None:
        raise _error(text, "compares two numbers: name an option's figure on one side")
    for prob, other in ((gate.left, gate.right), (gate.right, gate.left)):
        q = other.literal
        if prob.stat in PROBABILITIES and q is not None and not _unitless(q) \
                and q.dimensionless and not 0 <= float(q.to("percent").magnitude) <= 100:
            raise _error(text, f"{prob.stat} is a probability, 0 % to 100 %: "
                               f"{shown(other.text)} is outside it (the gate could never "
                               "hold, or always would)")
    return gate


def _operand(text: str, side: str, samples: bool = False) -> Operand:
    if not side:
        raise _error(text, "a side of the comparison is empty")
    stat = _STAT.match(side)
    call = _CALL.match(side)
    if stat or (call and call.group(1) in PROBABILITIES):
        if not samples:
            raise _error(text, f"{side!r} is a statistic over samples: use it with "
                               "tco uncertainty")
        return _stat_operand(text, side)
    if samples and (_REF.match(side) or call):
        raise _error(text, f"{side!r}: tco uncertainty gates take statistics, such as "
                           "p10(savings(cpo)), p50(pv(cpo)), mean(total(cpo)), "
                           "prob_cheapest(cpo) or prob_beats_baseline(cpo)")
    if m := _REF.match(side):
        option, metric = m.groups()
        if metric not in metric_names():
            raise _error(text, f"unknown metric {shown(metric)} (metrics: "
                               f"{', '.join(metric_names())})")
        return Operand(side, option=option, metric=metric)
    if m := _CALL.match(side):
        function, option = m.groups()
        if function not in FUNCTIONS:
            raise _error(text, f"unknown function {shown(function)} (functions: "
                               f"{', '.join(FUNCTIONS)})")
        return Operand(side, option=option, metric=FUNCTIONS[function])
    try:
        return Operand(side, literal=units.parse(side))
    except units.UnitParseError as exc:
        raise _error(text, f"expected OPTION.METRIC, FUNCTION(OPTION) or a number with "
                           f"its unit, but {exc}") from None


def _stat_operand(text: str, side: str) -> Operand:
    if m := _STAT.match(side):
        stat, metric, option = m.groups()
        if stat != "mean" and not 0 <= float(stat[1:]) <= 100:
            raise _error(text, f"{stat}: a percentile is p0 to p100")
        if metric not in STAT_METRICS:
            raise _error(text, f"unknown figure {metric!r} (figures: "
                               f"{', '.join(STAT_METRICS)})")
        return Operand(side, option=option, metric=STAT_METRICS[metric], stat=stat)
    m = _CALL.match(side)
    assert m is not None
    return Operand(side, option=m.group(2), stat=m.group(1))


def check(gate: Gate, r: Any) -> None:
    """Names must exist in the scenario and both sides must share a dimension."""
    ids = [o.id for o in r.options] if hasattr(r, "options") else r.ids
    source = r.scenario.source if hasattr(r, "scenario") else r.source
    for side in (gate.left, gate.right):
        if side.option is not None and side.option not in ids:
            raise _error(gate.text, f"unknown option {shown(side.option)} in "
                                    f"{source} (options: {', '.join(ids)})")
    left, right = gate.left.value(r), gate.right.value(r)
    for side, q, other in ((gate.left, left, right), (gate.right, right, left)):
        if side.literal is not None and _unitless(q) and not _unitless(other):
            unit = format(other.units, "~C")
            raise _error(gate.text, f"{shown(side.text)} has no unit: write it with one, such as "
                                    f"'{side.text} {unit}'")
    if left.dimensionality != right.dimensionality:
        def kind(q: Any) -> str:
            name = units.dimension_name(q)
            return "a share or count (%, or a plain number)" if name == "dimensionless" else name

        raise _error(gate.text, f"cannot compare {kind(left)} with {kind(right)}: "
                                f"give both sides the same "
                                f"kind of unit (money in {r.currency}, % for shares)")


def _unitless(q: Any) -> bool:
    return str(q.units) == "dimensionless"


def evaluate(gate: Gate, r: Any) -> tuple[bool, str]:
    """Whether the gate holds (has tripped), and the values it compared.

    ``r`` is a ScenarioResult, or for statistics an uncertainty result.
    """
    left, right = gate.left.value(r), gate.right.value(r)
    right = right.to(left.units)
    source = r.scenario.source if hasattr(r, "scenario") else r.source
    for side, q in ((gate.left, left), (gate.right, right)):
        if math.isnan(float(q.magnitude)):
            raise _error(gate.text, f"{side.text} is undefined in {source} "
                                    "(a percentage of a baseline that costs nothing)")
    held = _OPS[gate.op](float(left.magnitude), float(right.magnitude))
    unit = "" if _unitless(left) else f" {format(left.units, '~C')}"

    def show(side: Operand, q: Any) -> str:
        x = float(q.magnitude)
        value = (f"{x:,.0f}" if abs(x) >= 1e4 else f"{x:,.4g}") + unit
        return value if side.literal is not None else f"{side.text} = {value}"

    return held, f"{show(gate.left, left)} {gate.op} {show(gate.right, right)}"
