"""Energy per bit times the bit rate of the unit that draws it (issue 7, item 1).

Hand-worked on a 2-switch fleet of 51.2 Tbit/s switches with 64 x 800G ports.
"""

from __future__ import annotations

import copy

import pytest

from tco import engine
from tco.io import loader
from tco.model import derived

REL = 1e-12

TWO_SWITCHES = """
[analysis]
horizon = "1 year"
electricity_price = "0.1 USD/kWh"
pue = 1.0

[deployment]
switches = 2
switch_capacity = "51.2 Tbit/s"
port_speed = "800 Gbit/s"
ports_in_use = 60

[options.a.switch]
price = "1000 USD"
power = "10 pJ/bit"

[options.a.optics]
per_port = 1.2
price = "100 USD"
power = "37.5 pJ/bit"

[options.a.lasers]
per_port = 0.25
price = "100 USD"
power = "1.5 pJ/bit"

[options.b.switch]
price = "1000 USD"
power = "500 W"

[options.b.optics]
count = 8
price = "100 USD"
power = "5 pJ/bit"

[options.b.lasers]
count = 4
price = "100 USD"
power = "1 pJ/bit"
bit_rate = "1.6 Tbit/s"
"""


def _load(text=TWO_SWITCHES, overrides=()):
    raw = loader.RawScenario(loader.parse_toml(text, "two.toml"), "two.toml", "scenario")
    return loader.load_raw(raw, list(overrides))


def _watts(s, option_id, part):
    opt = next(o for o in s.options if o.id == option_id)
    return derived.resolve_option(opt, s.deployment).part(part).power.to("W").magnitude


def test_per_port_unit_carries_one_port_whatever_per_port_is():
    s = _load()
    # 1.2 transceivers per switch port, each carrying one 800G port:
    # 37.5 pJ/bit x 800 Gbit/s = 37.5e-12 x 800e9 = 30 W (not 800G x 60 / 72 = 25 W)
    assert _watts(s, "a", "optics") == pytest.approx(37.5e-12 * 800e9, rel=REL)
    assert _watts(s, "a", "optics") == pytest.approx(30.0, rel=REL)


def test_switch_energy_per_bit_uses_its_capacity():
    s = _load()
    # 10 pJ/bit x 51.2 Tbit/s = 10e-12 x 51.2e12 = 512 W, with 60 of 64 ports in use
    assert _watts(s, "a", "switch") == pytest.approx(512.0, rel=REL)


def test_lasers_are_per_switch_units_sharing_the_switch_bandwidth():
    s = _load()
    # per_port 0.25 x 60 ports in use = 15 modules per switch;
    # each serves 51.2 Tbit/s / 15 = 3.4133 Tbit/s: 1.5 pJ/bit x that = 5.12 W
    assert _watts(s, "a", "lasers") == pytest.approx(1.5e-12 * 51.2e12 / 15, rel=REL)


def test_unit_given_by_count_carries_its_share_and_bit_rate_wins():
    s = _load()
    # 8 optical engines per switch: 51.2 / 8 = 6.4 Tbit/s each; 5 pJ/bit x 6.4 Tbit/s = 32 W
    assert _watts(s, "b", "optics") == pytest.approx(5e-12 * 6.4e12, rel=REL)
    # bit_rate given: 1 pJ/bit x 1.6 Tbit/s = 1.6 W (not 51.2 / 4 = 12.8 Tbit/s)
    assert _watts(s, "b", "lasers") == pytest.approx(1e-12 * 1.6e12, rel=REL)


def test_fleet_power_from_bit_rates():
    r = engine.evaluate(_load())
    a = next(o for o in r.options if o.id == "a")
    # per switch: 512 W + 72 optics x 30 W + 15 lasers x 5.12 W = 512 + 2160 + 76.8 W
    # two switches: 2 x 2748.8 W = 5497.6 W = 5.4976 kW
    assert float(a.physical["it_power_kw"]) == pytest.approx(
        2 * (512 + 72 * 30 + 15 * 5.12) / 1000, rel=1e-9)


def test_derived_bit_rate_is_echoed():
    s = _load()
    # the optics of option a: one port, 800 Gbit/s
    assert s.inputs["options.a.optics.bit_rate"].origin == "derived"
    assert s.inputs["options.a.optics.bit_rate"].value.to("Gbit/s").magnitude == \
        pytest.approx(800, rel=REL)


def test_bit_rate_must_be_a_bit_rate():
    from tco.errors import InputError

    with pytest.raises(InputError, match="bit_rate"):
        _load(overrides=["options.b.lasers.bit_rate=1.6 W"])


@pytest.mark.parametrize("name", loader.preset_names())
def test_every_preset_in_watts_or_pj_per_bit_gives_the_same_result(name):
    """Each power written in W, rewritten as W / (bit rate of its unit) in pJ/bit."""
    raw = loader.resolve_extends(loader.read(name))
    s = loader.load_raw(raw)
    data = copy.deepcopy(raw.data)
    rewritten: list[str] = []
    for opt in s.options:
        resolved = derived.resolve_option(opt, s.deployment)
        for part in opt.parts:
            table = data["options"][opt.id][part.name]
            rate = resolved.part(part.name).bit_rate.to("bit/s").magnitude
            for key in ("power", "dsp_power"):
                q = getattr(part, key)
                if key in table and not q.check("[energy]/[information]"):
                    pj = q.to("W").magnitude / rate * 1e12  # W / (bit/s) = J/bit
                    table[key] = {"value": f"{pj!r} pJ/bit"}
                    rewritten.append(f"options.{opt.id}.{part.name}.{key}")
    assert rewritten
    # a point value has nothing left to correlate: drop the pairs that name one
    data["correlations"] = [c for c in data.get("correlations", [])
                            if not set(c["inputs"]) & set(rewritten)]
    r1 = engine.evaluate(s)
    r2 = engine.evaluate(loader.load_raw(loader.RawScenario(data, raw.source, raw.origin)))
    for a, b in zip(r1.options, r2.options, strict=True):
        for c in engine.CATEGORIES:
            assert float(b.category_totals[c]) == pytest.approx(
                float(a.category_totals[c]), rel=REL, abs=1e-12 * float(abs(a.total))), c
        for k in a.physical:
            assert float(b.physical[k]) == pytest.approx(float(a.physical[k]), rel=REL, nan_ok=True,
                                                         abs=1e-12), k
