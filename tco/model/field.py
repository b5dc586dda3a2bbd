"""What a scenario key is: :class:`Field`, its kinds and defaults, and the bounds of numbers.

The tables of keys themselves are in :mod:`tco.model.spec` (which gathers them from
``spec_analysis``, ``spec_layout`` and ``spec_option``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: marks a key that must be given
REQUIRED = object()
#: marks a key whose default is worked out from other keys (see its doc)
DERIVED = object()
#: marks an optional key with no default (absent means "not used")
OPTIONAL = object()

TECHNOLOGIES = (
    "pluggable",
    "lpo",
    "npo",
    "cpo",
    "cpo_internal_laser",
    "microled",
    "aoc",
    "dac",
    "aec",
    "other",
)
REPAIR_MODES = ("swap", "replace_switch", "spare_port")
#: what a failure mode's repair may be: a part's repairs, a hot-swap sub-unit, nothing
MODE_REPAIRS = (*REPAIR_MODES, "fru", "none")
COOLING = ("air", "liquid")


@dataclass(frozen=True)
class Field:
    """One scenario key.

    kind is one of:
    ``quantity`` (a string with a unit, checked against ``unit`` or ``alt_units``),
    ``percent`` (a dimensionless quantity that must be written with ``%``),
    ``ratio`` (a plain number, such as a PUE),
    ``integer``, ``number``, ``choice``, ``text``, ``flag``.
    """

    name: str
    kind: str
    doc: str
    default: Any = REQUIRED
    unit: str = ""
    alt_units: tuple[str, ...] = ()
    example: str = ""
    minimum: float | None = None
    exclusive_minimum: bool = False
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    default_doc: str = ""

    def default_text(self) -> str:
        if self.default is REQUIRED:
            return "required"
        if self.default is OPTIONAL:
            return self.default_doc or "not used when absent"
        if self.default is DERIVED:
            return self.default_doc
        text = f"{self.default!r}" if not isinstance(self.default, str) else f'"{self.default}"'
        return f"{text} {self.default_doc}".strip()


#: no input may exceed this many of anything (counts, and quantities in their unit)
DEFAULT_LIMIT = 1e9
#: tighter physical bounds by unit, for every key in that unit unless it sets its own
UNIT_LIMITS: dict[str, tuple[float, str]] = {
    "%": (100.0, "the bound of shares and yearly rates"),  # discount, escalation, AFR
    "1/year": (1.0, "a failure rate of 100 % a year"),  # as afr
    "year": (100.0, "a century"),
    # coal plants emit about 1 kgCO2e/kWh, the dirtiest grids less
    "kgCO2e/kWh": (2.0, "above the dirtiest power plant"),
}
NUMERIC_KINDS = ("quantity", "percent", "ratio", "integer", "number")


def bounds(f: Field) -> tuple[float, float]:
    """The range a numeric key accepts: its own minimum and maximum, else the defaults.

    The maximum defaults to the unit's physical bound (:data:`UNIT_LIMITS`) or to
    :data:`DEFAULT_LIMIT`; the minimum to minus the maximum. ``exclusive_minimum``
    still applies to the minimum.
    """
    unit = "%" if f.kind == "percent" else f.unit
    high = f.maximum if f.maximum is not None else UNIT_LIMITS.get(unit, (DEFAULT_LIMIT,))[0]
    low = f.minimum if f.minimum is not None else -high
    return low, high


def bound_reason(f: Field) -> str:
    """Why the maximum is what it is, where the key does not set its own."""
    if f.maximum is not None:
        return ""
    unit = "%" if f.kind == "percent" else f.unit
    return UNIT_LIMITS[unit][1] if unit in UNIT_LIMITS else "the bound of every input"


def number_text(x: float) -> str:
    """A bound as written in messages and the key reference: ``100``, ``0.5``, ``10^9``."""
    if abs(x) == DEFAULT_LIMIT:
        return "-10^9" if x < 0 else "10^9"
    return f"{x:g}"


def range_text(f: Field) -> str:
    """The accepted range for the key reference, e.g. ``0 to 100 %``, ``> 0 to 10^9``."""
    if f.kind not in NUMERIC_KINDS:
        return ""
    num = number_text
    low, high = bounds(f)
    unit = "%" if f.kind == "percent" else f.unit
    unit = f" {unit}" if unit else ""
    start = f"> {num(low)}" if f.exclusive_minimum else num(low)
    return f"{start} to {num(high)}{unit}"


def _f(name: str, kind: str, doc: str, **kw: Any) -> Field:
    return Field(name=name, kind=kind, doc=doc, **kw)

