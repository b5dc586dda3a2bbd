"""The one unit registry of tco, and parsing of the quantities users write.

The registry is built from ``tco/data/units.txt`` (only the units of this
field), not from pint's full default set: it loads in a few milliseconds and
states our conventions once. Calendar convention: a year is 365 days, i.e.
``HOURS_PER_YEAR`` = 8,760 hours.

Currencies are separate dimensions (``[currency_USD]``, ``[currency_EUR]`` ...),
so money in two currencies never mixes silently; :func:`to_currency` converts
with an exchange rate the scenario states.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pint

HOURS_PER_YEAR = 8760.0
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CNY", "CHF")

_NUMBER_FIRST = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?(\s|$|[^\d.eE])")
_NON_FINITE = re.compile(r"^\s*[-+]?(inf|infinity|nan)\b", re.IGNORECASE)


class UnitParseError(ValueError):
    """A quantity string that cannot be read; the message says why."""


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The process-wide registry (built on first use, then shared)."""
    import pint

    ureg = pint.UnitRegistry(None, on_redefinition="raise")
    text = resources.files("tco.data").joinpath("units.txt").read_text(encoding="utf-8")
    ureg.load_definitions(text.splitlines())
    return ureg


def Q(value: Any, unit: str = "") -> pint.Quantity:
    """Build a quantity: ``Q(15, "W")`` or ``Q(np.array([...]), "USD")``."""
    return registry().Quantity(value, unit)


def parse(text: str) -> pint.Quantity:
    """Read a quantity a user wrote, such as ``"5.5 pJ/bit"``.

    The string must start with a finite number; a bare unit, a thousands
    separator or a decimal comma is refused rather than guessed at.
    """
    import pint

    if not isinstance(text, str):
        raise UnitParseError(f"{text!r} is not a string with a number and a unit")
    if _NON_FINITE.match(text):
        raise UnitParseError(f"{text!r} is not a finite number")
    if "," in text:
        raise UnitParseError(
            f"{text!r} has a comma: write numbers without thousands separators, "
            "with a decimal point"
        )
    if not _NUMBER_FIRST.match(text):
        raise UnitParseError(f"{text!r} does not start with a number")
    try:
        q = registry().parse_expression(text)
    except pint.UndefinedUnitError as exc:
        names = ", ".join(repr(n) for n in exc.unit_names) if exc.unit_names else "?"
        raise UnitParseError(f"{text!r} has an unknown unit {names}") from None
    except (pint.PintError, ValueError, TypeError, SyntaxError, ArithmeticError) as exc:
        raise UnitParseError(f"{text!r} is not a quantity ({exc})") from None
    except Exception as exc:  # tokenizer errors have no common base class
        raise UnitParseError(f"{text!r} is not a quantity ({type(exc).__name__})") from None
    if not isinstance(q, registry().Quantity):
        q = registry().Quantity(q)
    if not math.isfinite(float(q.magnitude)):
        raise UnitParseError(f"{text!r} is not a finite number")
    return q


def currencies_in(q: pint.Quantity) -> dict[str, float]:
    """The currencies in a quantity's dimensions, with their exponents."""
    dims = q.dimensionality
    return {
        code: float(dims[f"[currency_{code}]"])
        for code in CURRENCIES
        if dims.get(f"[currency_{code}]", 0)
    }


def to_currency(
    q: pint.Quantity, reporting: str, rates: dict[str, pint.Quantity]
) -> pint.Quantity:
    """Express every currency in ``q`` in the reporting currency.

    ``rates`` maps a currency code to its rate in reporting currency per unit
    of it (``"1.08 USD/EUR"``). A currency without a rate raises KeyError
    naming it.
    """
    for code, power in currencies_in(q).items():
        if code == reporting:
            continue
        if code not in rates:
            raise KeyError(code)
        q = q * rates[code] ** power
    return q


def dimension_name(q_or_unit: Any) -> str:
    """A readable dimension, currencies by code: ``[USD] / [energy]``."""
    if isinstance(q_or_unit, str):
        q_or_unit = registry().Quantity(1, q_or_unit)
    text = str(q_or_unit.dimensionality)
    text = re.sub(r"\[currency_([A-Z]{3})\]", r"[\1]", text)
    return "dimensionless" if text == "dimensionless" else text
