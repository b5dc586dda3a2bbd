"""Read one scenario value: convert it to its key's unit and check its kind and range.

:class:`ValueReader` is the floor of :class:`tco.model.validate.Reader`: what a value
is (:class:`Input`), where it came from, and the one-line error that names the key.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .. import units
from ..errors import InputError, shown
from . import spec
from .spec import Field

#: friendly names of the dimensions we ask for, keyed by canonical unit
_WHAT = {
    "W": "a power",
    "kgCO2e": "an amount of emissions",
    "MW": "a power",
    "pJ/bit": "an energy per bit",
    "{cur}": "an amount of money",
    "{cur}/kWh": "a price per energy",
    "{cur}/kW": "a cost per power",
    "{cur}/hour": "a cost per hour",
    "{cur}/tCO2e": "a price per tonne of emissions",
    "kgCO2e/kWh": "an emissions intensity",
    "year": "a time",
    "hour": "a time",
    "1/year": "a failure rate (per time, or FIT)",
    "Tbit/s": "a bit rate",
    "Gbit/s": "a bit rate",
    "m": "a length",
}


@dataclass
class Input:
    """One resolved scenario value."""

    path: str
    value: Any
    unit: str = ""
    given: Any = None
    origin: str = "default"
    source: str | None = None
    note: str | None = None
    #: a range for the analysis commands (same unit as value); compare uses value only
    low: Any = None
    high: Any = None
    dist: str | None = None
    #: the foreign currencies the value was converted from, with their powers (a price
    #: written in USD in an EUR scenario: (("USD", 1.0),)), so that a sampled exchange
    #: rate moves it (:func:`tco.analysis.inputs.build_with`)
    converted: tuple[tuple[str, float], ...] = ()

    @property
    def ranged(self) -> bool:
        return self.low is not None


class ValueReader:
    """Converts and checks single values; ``origin`` is what an explicit value counts as."""

    def __init__(self, source: str, set_paths: frozenset[str] = frozenset(),
                 origin: str = "scenario", inherited: frozenset[str] = frozenset(),
                 ranges: dict[str, tuple[Any, Any, str | None]] | None = None) -> None:
        self.source = source
        #: ranges from the command line (--range KEY=LOW..HIGH): path -> (low, high, dist)
        self.ranges = dict(ranges or {})
        self.ranges_used: set[str] = set()
        self.set_paths = set_paths
        self.origin = origin
        self.inherited = inherited
        self.currency = "USD"
        self.rates: dict[str, Any] = {}
        #: the currencies the last :meth:`convert` converted from, with their powers
        self.last_converted: tuple[tuple[str, float], ...] = ()

    # -- errors ---------------------------------------------------------------
    def error(self, path: str, message: str) -> InputError:
        if self.was_set(path):
            message += " (from --set)"
        return InputError(message, source=self.source, key=path or None)

    def was_set(self, path: str) -> bool:
        return path in self.set_paths or any(p.startswith(f"{path}.") for p in self.set_paths)

    def origin_of(self, path: str) -> str:
        if self.was_set(path):
            return "--set"
        return "preset" if path in self.inherited else self.origin

    def unit_of(self, f: Field, value: Any = None) -> str:
        """The unit a value is expressed in: the canonical one or the alternative matched."""
        if f.kind == "percent":
            return "%"
        for unit in (f.unit, *f.alt_units):
            unit = unit.replace("{cur}", self.currency)
            if unit and (value is None or not hasattr(value, "units")
                         or value.units == units.Q(1, unit).units):
                return unit
        return f.unit.replace("{cur}", self.currency)

    # -- single values ------------------------------------------------------------
    def convert(self, f: Field, path: str, value: Any, allow_rates: bool = True) -> Any:
        kind = f.kind
        if kind in ("quantity", "percent"):
            return self.quantity(f, path, value, allow_rates)
        if kind == "ratio" or kind == "number":
            return self.number(f, path, value)
        if kind == "integer":
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                raise self.error(path, f"expected a whole number, got {shown(value)}")
            try:
                number = int(value)
            except (ValueError, OverflowError):
                raise self.error(path, f"expected a whole number, got {shown(value)}") from None
            self.check_range(f, path, number, value)
            return number
        if kind == "tiers":
            if not isinstance(value, list) or not value or any(
                    isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 3
                    for v in value):
                raise self.error(path, f"expected a list of tiers such as [2, 3] (1 to 3), "
                                       f"got {value!r}")
            return tuple(sorted(set(value)))
        if kind == "choice":
            if value not in f.choices:
                raise self.error(path, f"expected one of {', '.join(f.choices)}, "
                                       f"got {shown(value)}")
            return value
        if kind == "text":
            if not isinstance(value, str):
                raise self.error(path, f"expected text, got {shown(value)}")
            return value
        if kind == "flag":
            if not isinstance(value, bool):
                raise self.error(path, f"expected true or false, got {shown(value)}")
            return value
        raise AssertionError(f"unknown field kind {kind}")  # pragma: no cover

    def number(self, f: Field, path: str, value: Any) -> float:
        if isinstance(value, bool):
            raise self.error(path, f"expected a number, got {shown(value)}")
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            raise self.error(path, f"expected a number such as {f.example or '1'}, "
                                   f"got {shown(value)}") from None
        if not math.isfinite(number):
            raise self.error(path, f"expected a finite number, got {shown(value)}")
        self.check_range(f, path, number, value)
        return number

    def quantity(self, f: Field, path: str, value: Any, allow_rates: bool) -> Any:
        units_ok = [u.replace("{cur}", self.currency) for u in (f.unit, *f.alt_units)] \
            if f.kind == "quantity" else ["%"]
        example = f.example or units_ok[0]
        if "{cur}" in f.unit:
            example = example.replace("USD", self.currency)
        what = _WHAT.get(f.unit, f"a quantity in {units_ok[0]}") if f.kind == "quantity" \
            else "a percentage"
        wanted = f"{what} such as '{example}'"
        if isinstance(value, float) and not math.isfinite(value):
            raise self.error(path, f"expected {wanted}, got {shown(value)}, which is not a "
                                   "finite number")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise self.error(path, f"expected {wanted}, got {shown(value)} with no unit "
                                   f"(write it as a string with its unit)")
        try:
            q = units.parse(value)
        except units.UnitParseError as exc:
            raise self.error(path, f"expected {wanted}, but {exc}") from None
        if f.kind == "percent" and not str(value).strip().endswith(("%", "percent")):
            raise self.error(path, f"expected {wanted}, got {shown(value)}: write shares "
                                   "with % so that 3 % and 0.03 cannot be confused")
        self.last_converted = ()
        if allow_rates:
            self.last_converted = tuple((code, power) for code, power in
                                        units.currencies_in(q).items() if code != self.currency)
            try:
                q = units.to_currency(q, self.currency, self.rates)
            except KeyError as exc:
                code = exc.args[0]
                raise self.error(path, f"{shown(value)} is in {code} but no rate is stated: add "
                                       f'analysis.exchange_rates.{code} = "... '
                                       f'{self.currency}/{code}"') from None
        for unit in units_ok:
            target = units.Q(1, unit)
            if q.dimensionality == target.dimensionality:
                q = q.to(unit)
                self.check_range(f, path, float(q.magnitude), value, unit)
                return q
        raise self.error(path, f"expected {wanted}, got {shown(value)}, which is "
                               f"{units.dimension_name(q)}")

    def check_range(self, f: Field, path: str, number: float, given: Any,
                    unit: str = "") -> None:
        """Finite and inside :func:`spec.bounds` (the key's own range, else the defaults).

        ``unit``: the unit ``number`` is expressed in, for the message.
        """
        unit = " %" if f.kind == "percent" else f" {unit}" if unit else ""
        if not math.isfinite(number):
            raise self.error(path, f"expected a finite value, got {shown(given)}, which "
                                   f"is beyond the range of a number in{unit or ' its unit'}")
        low, high = spec.bounds(f)
        lo, hi = spec.number_text(low), spec.number_text(high)
        if f.exclusive_minimum and number <= low:
            raise self.error(path, f"expected a value above {lo}{unit}, got {shown(given)}")
        if number < low:
            raise self.error(path, f"expected at least {lo}{unit}, got {shown(given)}")
        if number > high:
            why = f" ({spec.bound_reason(f)})" if f.maximum is None else ""
            raise self.error(path, f"expected at most {hi}{unit}{why}, got {shown(given)}")
