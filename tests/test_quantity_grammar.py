"""The quantity grammar of tco.units.parse: what is read, what is refused, and why."""

from __future__ import annotations

import pytest

from tco import units
from tco.errors import QUOTE_LIMIT, shown

READ = {
    # text: (magnitude, unit as pint names it)
    "5.5 pJ/bit": (5.5, "picojoule / bit"),
    "0.078 USD/kWh": (0.078, "USD / kilowatt_hour"),
    "8 %": (8, "percent"),
    "-3 %": (-3, "percent"),
    "15 percent": (15, "percent"),
    "1250 USD": (1250, "USD"),
    "500 FIT": (500, "FIT"),
    "1.08 USD/EUR": (1.08, "USD / EUR"),
    "0.02 1/year": (0.02, "1 / year"),
    "0.02/year": (0.02, "1 / year"),
    "1 s**-1": (1, "1 / second"),
    "2 W^2": (2, "watt ** 2"),
    "15 (W/bit)*Gbit/s": (15, "gigabit * watt / bit / second"),
    ".5 W": (0.5, "watt"),
    "1e3 USD": (1000.0, "USD"),
    "15EUR": (15, "EUR"),  # 'E' starts the unit: an exponent needs digits
    # thousands grouped by three, where that cannot be misread
    "1_250_000 USD": (1250000, "USD"),
    "1,250,000 USD": (1250000, "USD"),  # two commas: not a decimal comma
    "1,250.5 USD": (1250.5, "USD"),  # comma then point: not a decimal comma
    "1_250 USD": (1250, "USD"),  # _ is never a decimal separator
    "15 hours": (15, "hour"),
    "1.79e308 day": (1.79e308, "day"),  # finite here; the range check refuses it later
}


@pytest.mark.parametrize("text", list(READ))
def test_read(text: str):
    magnitude, unit = READ[text]
    q = units.parse(text)
    assert q.magnitude == magnitude
    assert str(q.units) == unit


REFUSED = {
    "1 250 000 USD": "has a number after the number",  # read as 0 USD before
    "1\u00a0250\u00a0000 USD": "has a number after the number",  # no-break spaces
    "1\u202f250 USD": "has a number after the number",
    "1,250 USD": "is ambiguous: 1,250 could be 1250 or 1.250",
    "1,5 W": "must group digits by three",
    "12_34 W": "must group digits by three",
    "15 W[0]": "has brackets",  # read as 0 W before
    "15 W % 2": "uses % other than alone",  # read as 0.3 W before
    "15 W * 10**10**10": "has a number inside its unit",  # hung before
    "2**2000 W": "has '**' out of place",  # OverflowError before
    "15 W**10": "a power that is not a whole number from -9 to 9",
    "15 W - 3": "has '-' out of place",
    "15 kW h": "has 'h' out of place",
    "15 (W": "ends early",
    "15 W)": "has ')' out of place",
    "15 W/": "ends early",
    "15 $": "'$', which is not part of a unit",
    "15 Wt": "has an unknown unit 'Wt'",
    "15 _": "has an unknown unit '_'",
    "15,W": "has a comma",
    "W": "does not start with a number",
    "": "does not start with a number",
    "inf W": "is not a finite number",
    "-Infinity W": "is not a finite number",
    "nan W": "is not a finite number",
    "1e400 W": "is not a finite number",
    "1" + "0" * 50 + " W": "more than 40 digits",
    "1" + "0" * 400 + " W": "is longer than 100 characters",
    "15 W " + "x" * 40_000: "is longer than 100 characters",  # quadratic in pint before
}


@pytest.mark.parametrize("text", list(REFUSED))
def test_refused(text: str):
    with pytest.raises(units.UnitParseError) as info:
        units.parse(text)
    message = str(info.value)
    assert REFUSED[text] in message
    assert "\n" not in message
    assert len(message) < 300


@pytest.mark.parametrize("value", [15, 1.5, None, ["15 W"], {"v": 1}])
def test_not_a_string(value):
    with pytest.raises(units.UnitParseError, match="is not a string"):
        units.parse(value)


def test_whole_numbers_stay_whole_and_big_ones_are_floats():
    assert isinstance(units.parse("1000 USD").magnitude, int)
    assert isinstance(units.parse("1.0 USD").magnitude, float)
    # 16 digits and more are read as a float (exact integers above 2**53 are not promised)
    assert isinstance(units.parse("1234567890123456 USD").magnitude, float)


def test_shown_quotes_at_most_about_80_characters():
    assert shown("15 W") == "'15 W'"
    long = "x" * 100_000
    text = shown(long)
    assert len(text) <= QUOTE_LIMIT + 30 and "100,000 characters" in text
    assert len(shown(list(range(10_000)))) <= QUOTE_LIMIT + 10
    assert len(shown("\x00" * 1000)) <= QUOTE_LIMIT + 30


@pytest.mark.parametrize("gate, expected", [
    ("cpo.npv > 1 250 000 USD", "has a number after the number"),
    ("cpo.npv > 15 USD * 10**10**10", "has a number inside its unit"),
    ("savings(cpo) < 20 % 3", "uses % other than alone"),
    ("cpo.npv > 1 USD" + " " * 300, "is longer than 200 characters"),
])
def test_gates_use_the_same_number_grammar(gate: str, expected: str):
    from tco import gates
    from tco.errors import InputError

    with pytest.raises(InputError) as info:
        gates.parse(gate)
    assert expected in str(info.value)
    assert gates.parse("savings(cpo) < 1_000 %").right.literal.magnitude == 1000
