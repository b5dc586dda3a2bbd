"""A part's ``failure_modes`` (issue 7, item 3): several rates, repairs and blast radii.

A 2-switch fleet of 51.2 Tbit/s switches (64 x 800G ports, all in use), worked by hand.
"""

from __future__ import annotations

import pytest
from conftest import load_text, run_option, two_switch_fleet
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hardening import one_error_line, run

from tco import engine

REL = 1e-9

HEAD = two_switch_fleet(64, "base")

MODES = HEAD + """
[options.x.switch]
price = "10000 USD"
power = "100 W"

[[options.x.switch.failure_modes]]
name = "psu"
afr = "10 %"
repair = "fru"
repair_price = "500 USD"

[[options.x.switch.failure_modes]]
name = "chassis"
afr = "2 %"
repair = "replace_switch"
repair_labour = "2 hour"

[options.x.optics]
price = "100 USD"
power = "1 W"
"""


def _run(text: str, option: str = "x"):
    return run_option(text, option)[1]


def test_two_modes_by_hand():
    x = _run(MODES)
    # psu (fru): 2 switches x 10 % = 0.2 failures a year, each 500 USD + 0.5 h (the
    # default labour) x 100 USD/h = 550 USD: 110 USD a year; no links down (fru)
    psu = 2 * 0.10 * (500 + 0.5 * 100)
    # chassis (replace_switch): 2 x 2 % = 0.04 a year, each the switch (10,000 USD; the
    # optics are swapped on their own, so not bundled) + 2 h x 100 USD/h = 10,200 USD
    chassis = 2 * 0.02 * (10_000 + 2 * 100)
    assert psu == pytest.approx(110) and chassis == pytest.approx(408)
    assert float(x.by_year["repairs"][1]) == pytest.approx(psu + chassis, rel=REL)
    # link-hours: psu 0.2 x 0 links; chassis 0.04 x 64 links (ports in use) x 24 h
    # (the default time to repair a replace_switch) = 61.44 link-hours a year
    link_hours = 0.2 * 0 + 0.04 * 64 * 24
    assert link_hours == pytest.approx(61.44)
    switch = next(p for p in x.parts if p.name == "switch")
    assert float(switch.downtime_link_hours_per_year) == pytest.approx(link_hours, rel=REL)
    # downtime cost: 61.44 x 10 USD/h = 614.4 USD a year
    assert float(x.by_year["downtime"][1]) == pytest.approx(614.4, rel=REL)
    # interruptions: only the chassis mode takes links down, 0.04 a year
    assert float(x.interruptions) == pytest.approx(0.04, rel=REL)
    # 5 years of both, at constant prices
    assert float(x.category_totals["repairs"]) == pytest.approx(5 * 518, rel=REL)


RATES = st.sampled_from([("afr", "%", 0.0, 100.0), ("failure_rate", "FIT", 0.0, 1e5),
                         ("mtbf", "hour", 8760.0, 1e8)])


@settings(max_examples=25, deadline=None)
@given(rate=RATES, x=st.floats(0.0, 1.0), part=st.sampled_from(["switch", "optics"]),
       repair=st.sampled_from([None, "swap", "replace_switch", "spare_port"]),
       ttr=st.one_of(st.none(), st.floats(0.0, 100.0)),
       links=st.one_of(st.none(), st.integers(0, 64)))
def test_one_rate_equals_that_mode_written_out(rate, x, part, repair, ttr, links):
    key, unit, low, high = rate
    value = low + x * (high - low)
    keys = [f'{key} = "{value!r} {unit}"', 'repair_labour = "1.5 hour"']
    if repair is not None:
        keys.append(f'repair = "{repair}"')
    if ttr is not None:
        keys.append(f'time_to_repair = "{ttr!r} hour"')
    if links is not None:
        keys.append(f"links_per_failure = {links}")
    tables = {"switch": ['price = "10000 USD"', 'power = "100 W"'],
              "optics": ['price = "100 USD"', 'power = "1 W"']}

    def option(written_out: bool) -> str:
        out = ""
        for name, own in tables.items():
            out += f"\n[options.x.{name}]\n" + "\n".join(own) + "\n"
            if name != part:
                continue
            if written_out:
                out += f'\n[[options.x.{name}.failure_modes]]\nname = "only"\n'
            out += "\n".join(keys) + "\n"
        return out

    one, modes = _run(HEAD + option(False)), _run(HEAD + option(True))
    assert float(modes.total) == pytest.approx(float(one.total), rel=REL, abs=1e-9)
    assert float(modes.interruptions) == pytest.approx(float(one.interruptions), rel=REL)
    for cat, amount in one.category_totals.items():
        assert float(modes.category_totals[cat]) == pytest.approx(float(amount), rel=REL,
                                                                  abs=1e-9), cat


BAD = {
    "wrong unit": ('afr = "2 %"', 'afr = "2 hour"',
                   "options.x.switch.failure_modes[2].afr"),
    "two rates": ('afr = "2 %"', 'afr = "2 %"\nmtbf = "900000 hour"',
                  "options.x.switch.failure_modes[2].mtbf"),
    "unknown repair": ('repair = "replace_switch"', 'repair = "reboot"',
                       "options.x.switch.failure_modes[2].repair"),
    "no rate": ('afr = "2 %"', "", "options.x.switch.failure_modes[2].afr"),
    "rate on the part too": ('[[options.x.switch.failure_modes]]\nname = "psu"',
                             'afr = "1 %"\n[[options.x.switch.failure_modes]]\nname = "psu"',
                             "options.x.switch.afr"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_failure_modes_exit_2_with_one_line(case, tmp_path):
    old, new, path = BAD[case]
    assert old in MODES
    text = MODES.replace(old, new, 1)
    (tmp_path / "s.toml").write_text(text)
    line = one_error_line(run("validate", "s.toml", cwd=tmp_path), path)
    assert "Traceback" not in line


def test_derived_mode_values_are_echoed_with_the_inputs():
    from tco.explain import explain, render_text
    from tco.render import json_out

    s = load_text(MODES)
    r = engine.evaluate(s)
    echo = json_out.document([r])["results"][0]["inputs"]
    psu, chassis = (f"options.x.switch.failure_modes[{i}]" for i in (1, 2))
    # psu: a fru repair takes no link down, so it interrupts no job (0 %); its
    # repair_price was given (500 USD) and stays as written
    assert echo[f"{psu}.links_per_failure"] == {"value": 0.0, "origin": "derived"}
    assert echo[f"{psu}.interrupt_probability"] == {"value": 0.0, "unit": "%",
                                                     "origin": "derived"}
    assert echo[f"{psu}.repair_price"]["origin"] == "scenario"
    # chassis: replace_switch brings a new switch, 10,000 USD (the optics are swapped on
    # their own, not bundled), takes the 64 ports in use down, and so interrupts (100 %)
    assert echo[f"{chassis}.repair_price"] == {"value": 10_000.0, "unit": "USD",
                                               "origin": "derived"}
    assert echo[f"{chassis}.links_per_failure"] == {"value": 64.0, "origin": "derived"}
    assert echo[f"{chassis}.interrupt_probability"] == {"value": 100.0, "unit": "%",
                                                         "origin": "derived"}
    # explain cites a mode's inputs by the path they are written and echoed at
    text = render_text(explain(s, r, "x", "repairs"))
    assert f"[{chassis}.repair_price = 10,000 USD, derived]" in text
    assert f"[{psu}.repair_price = 500 USD, no source given in fleet.toml]" in text
