"""The inputs an analysis varies, and the model built with values substituted.

Samples replace values at the level of the validated inputs, *before* the
scenario model is built (:func:`tco.model.build.build`), so every derived
value (a repair price that defaults to the unit price, a count from per_port,
power from pJ/bit) moves with the input it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .. import units
from ..errors import InputError
from ..model import spec
from ..model.build import build
from ..model.scenario import Scenario
from ..model.validate import Input, Resolved
from .sampling import Dist, as_dist


@dataclass(frozen=True)
class Varied:
    """One input an analysis varies: its path, unit, value and range (magnitudes)."""

    path: str
    unit: str  # the unit of the magnitudes ("" for plain numbers, "%" for shares)
    value: float
    low: float
    high: float
    dist: str
    source: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    #: the value as the user wrote it ("400 FIT"): :meth:`show` uses its unit
    given: str | None = None

    def as_dist(self) -> Dist:
        return as_dist(self.dist, self.low, self.value, self.high)

    def quantity(self, magnitude: Any) -> Any:
        """``magnitude`` (float or array) as this input's value: a Quantity or a number."""
        return units.Q(magnitude, self.unit) if self.unit else magnitude

    def show(self, magnitude: float) -> str:
        """``magnitude`` for people, in the unit the value was written in where that differs
        from :attr:`unit` but measures the same thing (a failure rate written in FIT shows
        in FIT, not 1/year; an MTBF written in years, in years)."""
        written = self.written_unit()
        if written:
            magnitude = float(units.Q(magnitude, self.unit).to(written).magnitude)
            return f"{units.plain(magnitude)} {written}"
        text = units.plain(magnitude)
        return f"{text} {self.unit}".rstrip() if self.unit != "%" else f"{text} %"

    def written_unit(self) -> str:
        """The unit of :attr:`given` when it differs from :attr:`unit` in name only (the
        same dimension, no currency conversion), else ""."""
        if not self.given or not self.unit or self.unit == "%":
            return ""
        m = _LEADING_NUMBER.match(self.given)
        written = self.given[m.end():].strip() if m else ""
        if not written or written == self.unit:
            return ""
        try:
            same = units.Q(1, written).dimensionality == units.Q(1, self.unit).dimensionality
        except Exception:  # noqa: BLE001 - not a unit pint reads alone: keep the canonical
            return ""
        return written if same else ""


_LEADING_NUMBER = re.compile(r"^\s*[-+]?(\d[\d_,]*\.?\d*|\.\d+)([eE][-+]?\d+)?")


def tables(resolved: Resolved) -> list[dict[str, Input]]:
    """Every table of inputs of a resolved scenario, in scenario order."""
    return resolved.tables()


def all_inputs(resolved: Resolved) -> dict[str, Input]:
    """Every input by path, the exchange rates included."""
    return resolved.inputs()


#: the key paths of exchange rates (``analysis.exchange_rates.USD``)
RATES = "analysis.exchange_rates."


def _field(path: str) -> spec.Field | None:
    parts = path.split(".")
    if path.startswith(RATES) and len(parts) == 3:
        return spec.Field(parts[2], "quantity", "Exchange rate.", unit=f"{{cur}}/{parts[2]}",
                          minimum=0, exclusive_minimum=True)
    section = {"analysis": spec.ANALYSIS, "deployment": spec.DEPLOYMENT,
               "site": spec.SITE}.get(parts[0])
    if parts[0] == "fabric":
        section = spec.FABRIC if len(parts) == 2 else getattr(spec, "FABRIC_TIER", ())
    if section is None and parts[0] == "options":
        section = spec.OPTION if len(parts) == 3 else spec.PART
        if len(parts) == 5 and parts[3].startswith("failure_modes["):
            section = spec.FAILURE_MODE
    if section is None:
        section = spec.TOP
    return spec.field_map(section).get(parts[-1])


def _mag(item: Input, q: Any) -> float:
    if hasattr(q, "to") and item.unit:
        return float(q.to(item.unit if item.unit != "%" else "percent").magnitude)
    return float(getattr(q, "magnitude", q))


def varied(item: Input, low: Any = None, high: Any = None, dist: str | None = None) -> Varied:
    """An input as a :class:`Varied` (its own range unless ``low``/``high`` are given)."""
    f = _field(item.path)
    unit = item.unit if item.unit != "dimensionless" else ""
    if item.unit and hasattr(item.value, "units"):
        unit = "%" if item.unit == "%" else item.unit
    elif not hasattr(item.value, "units"):
        unit = ""
    return Varied(
        path=item.path, unit=unit, value=_mag(item, item.value),
        low=_mag(item, item.low if low is None else low),
        high=_mag(item, item.high if high is None else high),
        dist=dist or item.dist or "pert", source=item.source,
        minimum=None if f is None else f.minimum,
        maximum=None if f is None else f.maximum,
        given=item.given if isinstance(item.given, str) else None,
    )


def ranged(resolved: Resolved) -> list[Varied]:
    """The inputs that carry a range, in scenario order."""
    return [varied(i) for i in all_inputs(resolved).values() if i.ranged]


def numeric(resolved: Resolved) -> list[Input]:
    """Inputs an analysis may vary: quantities and numbers with a value, not structural."""
    from ..model.validate import _NO_RANGE, _RANGED_KINDS

    out = []
    for item in all_inputs(resolved).values():
        f = _field(item.path)
        if f is None or f.kind not in _RANGED_KINDS or item.value is None \
                or item.origin == "derived" or item.path in _NO_RANGE:
            continue
        out.append(item)
    return out


def find(resolved: Resolved, path: str, what: str) -> Input:
    """The input at ``path``, or a usage error naming it."""
    found = all_inputs(resolved).get(path)
    if found is None or found.value is None:
        raise InputError("no such key with a value in the scenario (check the path; a key "
                         "left at a derived default needs a value first: --set)",
                         source=f"{what} {path}")
    return found


def _copy(resolved: Resolved) -> Resolved:
    """A copy whose Input records can be changed without touching ``resolved``."""
    def table(t: dict[str, Input]) -> dict[str, Input]:
        return {k: replace(v) for k, v in t.items()}

    fabric = getattr(resolved, "fabric", None)
    extra: dict[str, Any] = {} if fabric is None else {
        "fabric": table(fabric), "fabric_tiers": [table(t) for t in resolved.fabric_tiers]}
    if resolved.site is not None:
        extra["site"] = table(resolved.site)
    return replace(
        resolved, top=table(resolved.top), analysis=table(resolved.analysis),
        deployment=table(resolved.deployment), **extra,
        options=[(k, table(o), {n: table(p) for n, p in parts.items()})
                 for k, o, parts in resolved.options],
        modes={k: [table(m) for m in ms] for k, ms in getattr(resolved, "modes", {}).items()},
        extra=[replace(i) for i in resolved.extra])


def build_with(resolved: Resolved, values: dict[str, tuple[Varied, Any]]) -> Scenario:
    """The model built with each ``path -> (varied, magnitude or array)`` substituted."""
    copy = _copy(resolved)
    inputs = all_inputs(copy)
    for path, (v, magnitude) in values.items():
        item = inputs[path]
        item.value = v.quantity(np.asarray(magnitude, dtype=float)
                                if np.ndim(magnitude) else float(magnitude))
        item.given = None
    _follow_rates(copy, values)
    return build(copy)


def _follow_rates(copy: Resolved, values: dict[str, tuple[Varied, Any]]) -> None:
    """Values written in another currency follow a varied exchange rate.

    They were converted at the rate's value when read; with the rate at ``r`` instead of
    ``r0``, a value holding currency ``C`` to the power ``k`` is scaled by ``(r / r0)^k``
    (a sampled price in USD is sampled at ``r0``, so the same rule applies to it).
    """
    moved = {path[len(RATES):]: v for path, (v, _) in values.items() if path.startswith(RATES)}
    if not moved:
        return
    ratio = {code: np.asarray(values[RATES + code][1], dtype=float) / moved[code].value
             for code in moved}
    for item in all_inputs(copy).values():
        for code, power in item.converted:
            if code in ratio and item.value is not None:
                r = ratio[code] ** power
                item.value = item.value * (r if np.ndim(r) else float(r))


def field_of(path: str) -> spec.Field | None:
    """The spec field of a key path (None for keys outside the spec tables)."""
    return _field(path)


def parse_value(resolved: Resolved, item: Input, text: str, what: str) -> float:
    """A value a user wrote for ``item`` (``"0.12 USD/kWh"``, ``"5 %"``, ``1.2``), as a
    magnitude in the unit of :func:`varied`, checked for dimension and allowed range."""
    from ..model.validate import Reader

    f = _field(item.path)
    if f is None or f.kind not in ("quantity", "percent", "ratio", "number", "integer"):
        raise InputError("is not a number or quantity that can vary",
                         source=f"{what} {item.path}")
    reader = Reader(f"{what} {item.path}")
    reader.currency, reader.rates = resolved.currency, resolved.rates
    rate = item.path.startswith(RATES)
    if rate:  # a rate is read as written (never converted at itself), as at load time
        code = item.path[len(RATES):]
        f = spec.Field(code, "quantity", "Exchange rate.", unit=f"{resolved.currency}/{code}",
                       example=f"1.08 {resolved.currency}/{code}", minimum=0,
                       exclusive_minimum=True)
    try:
        value = reader.convert(f, "", text if f.kind != "integer" else _whole(text),
                               allow_rates=not rate)
    except InputError as exc:
        raise InputError(exc.detail, source=f"{what} {item.path}") from None
    v = varied(item, low=item.value, high=item.value)
    return _mag(item, value) if hasattr(value, "units") and v.unit else float(value)


def _whole(text: str) -> Any:
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else text
