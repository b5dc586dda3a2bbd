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

from .errors import shown

if TYPE_CHECKING:  # pragma: no cover
    import pint

HOURS_PER_YEAR = 8760.0
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CNY", "CHF")

#: longest quantity string read; anything longer is refused before it is looked at
MAX_QUANTITY_CHARS = 100
#: largest power of a unit (``m**3``, ``s**-1``)
MAX_POWER = 9

# A number: sign, digits (thousands grouped by _ or , are checked below), an optional
# fraction and exponent. Nothing else counts as part of the number.
_NUMBER = re.compile(r"([-+]?)(\d+(?:[_,]\d+)*)?(\.\d*)?([eE][-+]?\d+)?")
_GROUPED = re.compile(r"\d{1,3}(?:([_,])\d{3})(?:\1\d{3})*")
_NON_FINITE = re.compile(r"[-+]?(inf|infinity|nan)\b", re.IGNORECASE)
# Tokens of a unit expression: names, * / ** ^ ( ), whole numbers, blanks.
_TOKEN = re.compile(r"\s*(?:(?P<name>[^\W\d]\w*)|(?P<op>\*\*|[*/^()+-])|(?P<int>\d+))")


class UnitParseError(ValueError):
    """A quantity string that cannot be read; the message says why."""


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The process-wide registry (built on first use, then shared)."""
    import pint

    ureg = pint.UnitRegistry(None, on_redefinition="raise")
    text = resources.files("tco.data").joinpath("units.txt").read_text(encoding="utf-8")
    ureg.load_definitions(text.splitlines())
    _cache_unit_parsing(ureg)
    return ureg


def _cache_unit_parsing(ureg: pint.UnitRegistry) -> None:
    """Remember every unit expression parsed (``"1/year"``, ``"USD/kWh"``).

    pint caches only the strings that are a unit's own name, so each ``Q(x,
    "1/year")`` or ``.to("USD/kWh")`` parsed its text again: most of the cost of
    a vectorised engine call. The registry's units are fixed once loaded, and
    the parsed containers are immutable, so a cache keyed by the arguments is safe.
    """
    parse = ureg._parse_units_as_container
    memo: dict[tuple[Any, ...], Any] = {}

    def cached(input_string: str, as_delta: bool = True, case_sensitive: bool = True) -> Any:
        key = (input_string, as_delta, case_sensitive)
        found = memo.get(key)
        if found is None:
            found = memo[key] = parse(input_string, as_delta, case_sensitive)
        return found

    ureg._parse_units_as_container = cached


def Q(value: Any, unit: str = "") -> pint.Quantity:
    """Build a quantity: ``Q(15, "W")`` or ``Q(np.array([...]), "USD")``."""
    return registry().Quantity(value, unit)


def parse(text: str) -> pint.Quantity:
    """Read a quantity a user wrote, such as ``"5.5 pJ/bit"``, by a grammar of our own::

        quantity := NUMBER [UNITS]            "1.5e6 USD", "0.078 USD/kWh", "8 %"
        NUMBER   := [+-] DIGITS [. DIGITS] [e [+-] DIGITS]
        UNITS    := "%" | product
        product  := power (("*" | "/") power)*
        power    := factor [("**" | "^") [+-] DIGITS]
        factor   := NAME | "1" | "(" product ")"

    Names are looked up in :func:`registry`. Thousands may be grouped by ``_`` or
    ``,`` where that cannot be misread (``1_250_000``, ``1,250,000``; not ``1,250``,
    which could be a decimal comma). Nothing is evaluated: no arithmetic on numbers,
    no indexing, no ``%`` operator. The magnitude is finite, an ``int`` when the
    number is a whole number written without a point or exponent.
    """
    if not isinstance(text, str):
        raise UnitParseError(f"{shown(text)} is not a string with a number and a unit")
    if len(text) > MAX_QUANTITY_CHARS:
        raise UnitParseError(f"{shown(text)} is longer than {MAX_QUANTITY_CHARS} characters")
    stripped = text.strip()
    if _NON_FINITE.match(stripped):
        raise UnitParseError(f"{shown(text)} is not a finite number")
    m = _NUMBER.match(stripped)
    sign, whole, frac, exp = m.groups() if m else ("", None, None, None)
    if not whole and (not frac or frac == "."):
        raise UnitParseError(f"{shown(text)} does not start with a number")
    magnitude = _number(text, sign, whole or "", frac or "", exp or "")
    rest = stripped[m.end():].strip() if m else ""
    if rest[:1].isdigit() and not re.match(r"1\s*/", rest):
        raise UnitParseError(f"{shown(text)} has a number after the number: write it "
                             "without spaces, thousands grouped by _ if at all "
                             "(1_250_000 USD)")
    unit = _units(text, rest)
    return registry().Quantity(magnitude, unit)


def _number(text: str, sign: str, whole: str, frac: str, exp: str) -> int | float:
    if "_" in whole or "," in whole:
        group = _GROUPED.fullmatch(whole)
        if not group:
            raise UnitParseError(f"{shown(text)}: thousands separators (_ or ,) must group "
                                 "digits by three; a decimal comma is not read: write "
                                 "1250000 or 1_250_000, and 1.25")
        if group.group(1) == "," and whole.count(",") == 1 and not frac:
            raise UnitParseError(f"{shown(text)} is ambiguous: {whole} could be "
                                 f"{whole.replace(',', '')} or {whole.replace(',', '.')}; "
                                 f"write {whole.replace(',', '_')} or "
                                 f"{whole.replace(',', '.')}")
        whole = whole.replace("_", "").replace(",", "")
    if len(whole) + len(frac) > 40:
        raise UnitParseError(f"{shown(text)} has more than 40 digits")
    if not frac and not exp and len(whole) <= 15:
        return int(sign + whole)
    number = float(f"{sign}{whole or '0'}{frac}{exp}")
    if not math.isfinite(number):
        raise UnitParseError(f"{shown(text)} is not a finite number")
    return number


def _units(text: str, rest: str) -> Any:
    """The unit of ``rest``: a lone ``%``, or names joined by * / ** and parentheses."""
    ureg = registry()
    if not rest:
        return ureg.dimensionless
    if rest == "%":
        return ureg.percent
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(rest):
        t = _TOKEN.match(rest, pos)
        if not t or t.end() == pos:
            bad = rest[pos:].lstrip()[:1]
            why = {",": "has a comma: write numbers without a decimal comma, thousands "
                        "grouped by _ if at all",
                   "%": "uses % other than alone after the number (8 %)",
                   "[": "has brackets: a quantity is a number and a unit"}.get(
                bad, f"has {bad!r}, which is not part of a unit (names, *, /, **, "
                     "parentheses)")
            raise UnitParseError(f"{shown(text)} {why}")
        kind = t.lastgroup or ""
        tokens.append((kind, t.group(kind)))
        pos = t.end()
    if tokens[0] == ("op", "/"):  # "0.02 /year" is "0.02 1/year"
        tokens.insert(0, ("int", "1"))
    parser = _UnitParser(text, tokens)
    unit = parser.product(0)
    if parser.pos != len(tokens):
        raise parser.fail()
    return unit


class _UnitParser:
    """Recursive descent over the tokens of a unit expression (bounded by the length)."""

    def __init__(self, text: str, tokens: list[tuple[str, str]]) -> None:
        self.text, self.tokens, self.pos = text, tokens, 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def fail(self, why: str = "") -> UnitParseError:
        kind, tok = self.peek()
        if not why:
            why = "ends early" if kind == "end" else \
                ("has a number inside its unit" if kind == "int" else f"has {tok!r} out of place")
        return UnitParseError(f"{shown(self.text)} {why}: expected a number and a unit "
                              "such as '5.5 pJ/bit'")

    def product(self, depth: int) -> Any:
        unit = self.power(depth)
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.peek()[1]
            self.pos += 1
            right = self.power(depth)
            unit = unit * right if op == "*" else unit / right
        return unit

    def power(self, depth: int) -> Any:
        unit = self.factor(depth)
        if self.peek() in (("op", "**"), ("op", "^")):
            self.pos += 1
            sign = 1
            if self.peek() in (("op", "-"), ("op", "+")):
                sign = -1 if self.peek()[1] == "-" else 1
                self.pos += 1
            kind, tok = self.peek()
            if kind != "int" or int(tok) > MAX_POWER:
                raise self.fail(f"has a power that is not a whole number from "
                                f"-{MAX_POWER} to {MAX_POWER}")
            self.pos += 1
            unit = unit ** (sign * int(tok))
        return unit

    def factor(self, depth: int) -> Any:
        import pint

        kind, tok = self.peek()
        if kind == "name":
            self.pos += 1
            try:
                return registry().Unit(tok)
            except (pint.PintError, AttributeError, KeyError, TypeError, ValueError):
                raise UnitParseError(f"{shown(self.text)} has an unknown unit "
                                     f"{shown(tok)}") from None
        if kind == "int" and tok == "1":
            self.pos += 1
            return registry().dimensionless
        if (kind, tok) == ("op", "(") and depth < 5:
            self.pos += 1
            unit = self.product(depth + 1)
            if self.peek() != ("op", ")"):
                raise self.fail()
            self.pos += 1
            return unit
        raise self.fail()


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


def plain(x: float, digits: int = 6) -> str:
    """A number for people: thousands separators and never an exponent. From
    10^(digits - 1) up, to the unit (1,173,180 rather than 1.17318e+06); below, to
    ``digits`` significant figures (1,234.57; 0.0000123 rather than 1.23e-05)."""
    from decimal import Decimal

    x = float(x) + 0.0
    if not math.isfinite(x):
        return str(x)
    if x.is_integer() or abs(x) >= 10 ** (digits - 1):
        return f"{round(x):,}"
    text = format(Decimal(f"{x:.{digits}g}"), ",f")
    return text.rstrip("0").rstrip(".") if "." in text else text
