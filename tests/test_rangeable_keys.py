"""Every key that takes a range is varied by the analyses, or a range on it is refused.

The keys come from the spec (tco.model.spec.SECTIONS), not from a hand list: a key
added later is checked too. For each numeric key a scenario writes it with a range
(``{ value = V, low = V, high = V }``) and ``tco uncertainty`` must list it among
the sampled inputs; a key that cannot vary (it shapes the model, or is not a
quantity) must be refused at load time, one line naming the file and the key, exit 2:
never accepted and then ignored. (A correlation's rank refuses a range, see
tests/test_hardening_keys.py; exchange rates, which are not spec fields, are sampled,
see tests/test_exchange_rate_range.py.) A section added to the spec without a
table here fails (KeyError in WHERE) rather than being skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tco.analysis import uncertainty
from tco.analysis.inputs import field_of
from tco.cli.app import app
from tco.errors import InputError
from tco.io import loader
from tco.model import spec

#: a [fabric] scenario with a [site], a second tier table and a failure mode: every
#: section of the spec has a table to hold its key (table name -> its lines)
FABRIC_BASE: dict[str, list[str]] = {
    "": ['name = "every key"'],
    "analysis": ['electricity_price = "0.1 USD/kWh"'],
    "fabric": ["gpus = 512", 'nic_speed = "800 Gbit/s"', "tiers = 2",
               'switch_capacity = "51.2 Tbit/s"'],
    "fabric.tier1": ['media = "optical"'],
    "site": ['power = "1 MW"', 'gpu_power = "1000 W"', 'gpu_hour_value = "1 USD/hour"'],
    "options.a.switch": ['price = "10000 USD"', 'power = "1000 W"'],
    "options.a.optics": ['price = "500 USD"', 'power = "10 W"'],
    "options.b": ['technology = "lpo"'],
    "options.b.switch": ['price = "10000 USD"', 'power = "1000 W"'],
    "options.b.optics": ['price = "400 USD"', 'power = "8 W"'],
    "[options.b.switch.failure_modes]": ['name = "psu"', 'afr = "1 %"',
                                         'repair_price = "300 USD"'],
}

#: a [deployment] scenario with a [site] (site.gpus is only given with a deployment)
DEPLOYMENT_BASE: dict[str, list[str]] = {
    "analysis": ['electricity_price = "0.1 USD/kWh"'],
    "deployment": ["switches = 4", 'switch_capacity = "51.2 Tbit/s"',
                   'port_speed = "800 Gbit/s"'],
    "site": ['power = "1 MW"', 'gpu_power = "1000 W"', "gpus = 128"],
    "options.a.switch": ['price = "10000 USD"', 'power = "1000 W"'],
    "options.a.optics": ['price = "500 USD"', 'power = "10 W"'],
    "options.b.switch": ['price = "10000 USD"', 'power = "1000 W"'],
    "options.b.optics": ['price = "400 USD"', 'power = "8 W"'],
}

#: where each section's key is written: (base, table)
WHERE = {
    "analysis": (FABRIC_BASE, "analysis"),
    "deployment": (DEPLOYMENT_BASE, "deployment"),
    "fabric": (FABRIC_BASE, "fabric"),
    "fabric_tier": (FABRIC_BASE, "fabric.tier1"),
    "site": (FABRIC_BASE, "site"),
    "option": (FABRIC_BASE, "options.b"),
    "part": (FABRIC_BASE, "options.b.optics"),
    "failure_mode": (FABRIC_BASE, "[options.b.switch.failure_modes]"),
}

#: values where the field's example does not fit the base scenario (the key is still
#: taken from the spec; only the value it is written with is chosen here)
VALUES = {
    "site.gpus": "128",  # as the [deployment] base (any count above zero)
    "options.b.optics.bit_rate": '"800 Gbit/s"',  # the port speed
    "options.b.optics.dsp_power": '"4 W"',  # below the module's 8 W
    "options.b.optics.count": "1024",  # 512 GPUs x 2 ends
    "options.b.reach": '"30 m"',
    "options.b.optics.life": '"5 year"',
    "analysis.carbon_price": '"80 USD/tCO2e"',  # the example is in EUR (needs a rate)
    "deployment.ports_in_use": "64",
}

#: keys written in the [deployment] scenario although their section is elsewhere
ON_DEPLOYMENT = ("site.gpus", "options.b.optics.per_port")


def _path(section: str, table: str, key: str) -> str:
    if section == "fabric_tier":
        return f"fabric.tier1.{key}"
    if section == "failure_mode":
        return f"options.b.switch.failure_modes[1].{key}"
    return f"{table}.{key}"


def _value(f: spec.Field, path: str, base: dict[str, list[str]], table: str) -> str:
    if path in VALUES:
        return VALUES[path]
    for line in base[table]:  # the base's own value
        if line.split(" = ")[0] == f.name:
            return line.split(" = ", 1)[1]
    if f.example:
        text = f.example.replace("{cur}", "USD")
        return text if f.kind in ("integer", "number", "ratio") else f'"{text}"'
    return str(f.default)


def _cases() -> list[tuple[str, str, spec.Field]]:
    out = []
    for section, fields in spec.SECTIONS.items():
        for f in fields:
            if f.kind in spec.NUMERIC_KINDS and section not in ("", "correlation"):
                out.append((section, _path(section, WHERE[section][1], f.name), f))
    return out


def _write(section: str, f: spec.Field, ranged: bool) -> tuple[str, str]:
    """The scenario, written in the current folder (short paths: errors show them whole)."""
    base, table = WHERE[section]
    path = _path(section, table, f.name)
    if path in ON_DEPLOYMENT:
        base = DEPLOYMENT_BASE
    value = _value(f, path, base, table)
    siblings = {f.name, *spec.exclusive_siblings(f.name)}
    text = []
    for name, lines in base.items():
        kept = [x for x in lines if name != table or x.split(" = ")[0] not in siblings]
        if name == table:
            kept.append(f"{f.name} = {{ value = {value}, low = {value}, high = {value} }}"
                        if ranged else f"{f.name} = {value}")
        if name:  # "[x]" becomes "[[x]]": an array of tables
            text.append(f"[{name}]")
        text += kept
    file = f"{f.name}{'-ranged' if ranged else ''}.toml"
    Path(file).write_text("\n".join(text) + "\n", encoding="utf-8")
    return file, path


def test_the_cases_cover_every_section_and_the_site():
    paths = {p for _, p, _ in _cases()}
    assert {"site.gpu_hour_value", "site.power", "site.gpu_power", "site.utilisation",
            "site.planning_margin", "site.gpus"} <= paths
    assert {s for s, _, _ in _cases()} == set(WHERE)


@pytest.mark.parametrize(("section", "path", "f"), _cases(), ids=[p for _, p, _ in _cases()])
def test_a_ranged_key_is_sampled_or_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             section: str, path: str, f: spec.Field):
    monkeypatch.chdir(tmp_path)
    plain, _ = _write(section, f, ranged=False)
    loader.resolve(plain)  # the base scenario holds the key's value (a test setup check)
    target, _ = _write(section, f, ranged=True)
    try:
        resolved = loader.resolve(target)
    except InputError as exc:  # refused at load: one line, file and key, exit 2
        message = str(exc)
        assert path in message and target in message and "\n" not in message, message
        result = CliRunner().invoke(app, ["uncertainty", target, "--samples", "8"])
        assert result.exit_code == 2
        assert path in result.output and len(result.output.strip().splitlines()) == 1
        return
    sampled = [v.path for v in uncertainty.run(resolved, samples=8, seed=1).varied]
    assert path in sampled, f"{path}: a range was accepted but not sampled"
    # sweep, break-even and sensitivity read the key's kind and bounds from the spec
    assert field_of(path) is f
