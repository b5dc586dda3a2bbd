"""[fabric] scenarios and `tco fabric`, run in-process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from tco import engine
from tco.cli import app
from tco.io import loader

FABRIC = """
[analysis]
electricity_price = "0.1 USD/kWh"

[fabric]
gpus = 32768
nic_speed = "800 Gbit/s"
tiers = 3
switch_capacity = "51.2 Tbit/s"
{extra}

[options.pluggable.switch]
price = "100000 USD"
power = "700 W"

[options.pluggable.optics]
price = "1000 USD"
power = "15 W"
laser_count = 8

[options.cpo.switch]
price = "100000 USD"
power = "700 W"

[options.cpo.optics]
per = "switch_port"
price = "500 USD"
power = "5 W"
{cpo}
"""


def write(tmp_path: Path, extra: str = "", cpo: str = "", name: str = "f.toml") -> str:
    path = tmp_path / name
    path.write_text(FABRIC.format(extra=extra, cpo=cpo))
    return str(path)


def run(*args: str):
    return CliRunner(env={"COLUMNS": "100"}).invoke(app, list(args))


def test_parts_counted_per_tier_and_side(tmp_path):
    # CPO on every switch-side port above the leaf, pluggable NIC modules, DAC to the leaf
    cpo = """tiers = [2, 3]

[options.cpo.nic_optics]
per = "nic_port"
price = "1000 USD"
power = "15 W"

[options.cpo.leaf_optics]
per = "switch_port"
tiers = [1]
count = 0.5
price = "1000 USD"
power = "15 W"
"""
    s = loader.load(write(tmp_path, cpo=cpo))
    parts = {p.name: p for p in s.options[1].parts}
    g = 32768
    # switch ports above the leaf: leaf up 32,768 + spine 65,536 + core down 32,768 = 4 per GPU
    assert parts["optics"].fleet_units(s.deployment.switches).magnitude == 4 * g
    assert parts["nic_optics"].fleet_units(s.deployment.switches).magnitude == g
    # leaf down-ports with twin-port modules: 32,768 ports x 0.5 = 16,384
    assert parts["leaf_optics"].fleet_units(s.deployment.switches).magnitude == g / 2
    # the pluggable option counts every optical link end: 6 per GPU
    plug = {p.name: p for p in s.options[0].parts}
    assert plug["optics"].fleet_units(s.deployment.switches).magnitude == 6 * g
    # the deployment it derived: 2,560 switches, 163,840 / 2,560 = 64 ports in use each
    assert s.deployment.switches.magnitude == 2560
    assert s.deployment.ports_in_use.magnitude == 64
    r = engine.evaluate(s)
    # IT power of the pluggable option: 2,560 x 700 W + 196,608 x 15 W
    # = 1,792,000 + 2,949,120 = 4,741,120 W
    assert r.options[0].physical["it_power_kw"] == pytest.approx(4741.12)


def test_copper_to_the_leaf_leaves_four_optical_ends_per_gpu(tmp_path):
    extra = '[fabric.tier1]\nmedia = "copper"\nreach = "2 m"'
    s = loader.load(write(tmp_path, extra=extra))
    plug = {p.name: p for p in s.options[0].parts}
    # optics default to optical link ends only: 2 (L - 1) = 4 per GPU
    assert plug["optics"].fleet_units(s.deployment.switches).magnitude == 4 * 32768
    # lasers per GPU: 4 modules x 8 lasers = 32
    result = run("fabric", write(tmp_path, extra=extra), "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["fabrics"][0]["options"][0]["lasers_per_gpu"] == 32


def test_validate_says_what_it_derived(tmp_path):
    result = run("validate", write(tmp_path))
    assert result.exit_code == 0, result.output
    assert "derived from [fabric] (32,768 GPUs): 2,560 switches (leaf 1,024, spine 1,024, " \
           "core 512)" in result.stdout
    assert "196,608 link ends (32,768 on NICs)" in result.stdout


def test_fabric_command_table_json_csv(tmp_path):
    path = write(tmp_path)
    table = run("fabric", path)
    assert table.exit_code == 0, table.output
    assert "2,560" in table.stdout and "core" in table.stdout
    doc = json.loads(run("fabric", path, "-f", "json").stdout)
    schema = json.loads(run("schema", "--fabric").stdout)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    fab = doc["fabrics"][0]
    assert fab["totals"]["switches"] == 2560
    assert fab["per_gpu"]["optical_ends"] == 6
    rows = list(csv.DictReader(io.StringIO(run("fabric", path, "-f", "csv").stdout)))
    total = [r for r in rows if r["tier"] == "total" and r["quantity"] == "switches"]
    assert total[0]["value"] == "2560"


def test_fabric_only_file(tmp_path):
    path = tmp_path / "only.toml"
    path.write_text('[fabric]\ngpus = 2048\nnic_speed = "800 Gbit/s"\ntiers = 2\n'
                    'switch_capacity = "51.2 Tbit/s"\n')
    doc = json.loads(run("fabric", str(path), "-f", "json").stdout)
    assert [t["switches"] for t in doc["fabrics"][0]["tiers"]] == [64, 32]
    assert doc["fabrics"][0]["options"] == []


BAD = {
    "more GPUs than tiers hold": ('gpus', "65537", "fabric.gpus: 65,537 GPUs need"),
    "oversubscription below 1": ("oversubscription", "0.5",
                                 "fabric.oversubscription: expected at least 1"),
    "port faster than the NIC": ("port_speed", '"1600 Gbit/s"',
                                 "fabric.port_speed: a switch port of 1600 Gbit/s is faster"),
    "copper too long": (None, None, "fabric.tier1.reach: copper reaches 2 m at 800 Gbit/s"),
    "no tier 3 in 2 tiers": ("tiers", "2", "fabric.tier3: the fabric has 2 tiers"),
}


@pytest.mark.parametrize("case", list(BAD))
@pytest.mark.parametrize("command", ["fabric", "validate", "compare"])
def test_bad_fabric_exits_2_with_one_line(case, command, tmp_path):
    key, value, expected = BAD[case]
    extra = '[fabric.tier1]\nmedia = "copper"\nreach = "5 m"' if key is None else ""
    if case == "no tier 3 in 2 tiers":
        extra = '[fabric.tier3]\nmedia = "optical"'
    path = write(tmp_path, extra=extra)
    args = [command, path] + ([] if key is None or case.startswith("no tier")
                              else ["--set", f"fabric.{key}={value}"])
    if case == "no tier 3 in 2 tiers":
        args += ["--set", "fabric.tiers=2"]
    result = run(*args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]


def test_deployment_and_fabric_together_is_refused(tmp_path):
    path = write(tmp_path, extra='[deployment]\nswitches = 10\nswitch_capacity = "51.2 Tbit/s"\n'
                                 'port_speed = "800 Gbit/s"')
    result = run("validate", path)
    assert result.exit_code == 2
    assert "fabric: give [deployment] or [fabric], not both" in result.stderr


def test_fabric_keys_need_a_fabric():
    result = run("validate", "default", "--set", "options.cpo.optics.per=switch_port")
    assert result.exit_code == 2
    assert "options.cpo.optics.per: needs a [fabric] section" in result.stderr
    result = run("fabric", "default")
    assert result.exit_code == 2
    assert "no [fabric] section" in result.stderr


def test_fabric_extending_a_deployment_preset_replaces_it(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text('extends = "default"\n[fabric]\ngpus = 2048\nnic_speed = "800 Gbit/s"\n'
                    'tiers = 2\nswitch_capacity = "51.2 Tbit/s"\n')
    s = loader.load(str(path))
    assert s.deployment.switches.magnitude == 96


NVIDIA_400K = """
[analysis]
electricity_price = "0.1 USD/kWh"

[fabric]
gpus = 400000
nic_speed = "1600 Gbit/s"
tiers = 3
switch_capacity = "102.4 Tbit/s"
planes = 8

[options.pluggable.switch]
price = "0 USD"
power = "0 W"
[options.pluggable.optics]
price = "0 USD"
power = "30 W"

[options.cpo_everywhere.switch]
price = "0 USD"
power = "0 W"
[options.cpo_everywhere.optics]
price = "0 USD"
power = "9 W"

[options.cpo_switch_side.switch]
price = "0 USD"
power = "0 W"
[options.cpo_switch_side.optics]
per = "switch_port"
price = "0 USD"
power = "9 W"
[options.cpo_switch_side.nic_optics]
per = "nic_port"
price = "0 USD"
power = "30 W"
"""


def test_nvidia_400k_gpus_72_mw_to_21_6_mw_and_the_nic_share(tmp_path):
    # NVIDIA's boundary: optics only (switches at 0 W), 30 W -> 9 W per 1.6T port.
    # 102.4T at 1.6T: k = 64; 400,000 GPUs in 8 rail planes of 50,000 (3 tiers hold
    # 64^3/4 = 65,536 per plane). Per plane: leaves ceil(50,000 / 32) = 1,563;
    # leaf-spine links 1,563 x 32 = 50,016; pods ceil(1,563 / 32) = 49; spines 49 x 32
    # = 1,568; spine-core links 1,568 x 32 = 50,176.
    # Link ends per plane: 2 x 50,000 + 2 x 50,016 + 2 x 50,176 = 300,384;
    # x 8 = 2,403,072 (NVIDIA: 400k x 6 = 2.4 M; whole switches add 3,072 = 0.13 %).
    path = tmp_path / "nv.toml"
    path.write_text(NVIDIA_400K)
    r = engine.evaluate(loader.load(str(path)))
    kw = {o.id: o.physical["it_power_kw"] for o in r.options}
    assert kw["pluggable"] == pytest.approx(2_403_072 * 30 / 1000)  # 72,092 kW = 72.1 MW
    assert kw["cpo_everywhere"] == pytest.approx(2_403_072 * 9 / 1000)  # 21,628 kW = 21.6 MW
    # NIC ends stay pluggable: 400,000 x 30 W + (2,403,072 - 400,000) x 9 W
    # = 12,000,000 + 18,027,648 = 30,027,648 W
    assert kw["cpo_switch_side"] == pytest.approx(30_027.648)
    # share of the claimed saving left: (72,092,160 - 30,027,648) / (72,092,160 - 21,627,648)
    # = 42,064,512 / 50,464,512 = 0.8335 (5/6 = 0.8333 with exactly 6 ports per GPU)
    share = (kw["pluggable"] - kw["cpo_switch_side"]) / (kw["pluggable"] - kw["cpo_everywhere"])
    assert share == pytest.approx(42_064_512 / 50_464_512)
    assert share == pytest.approx(5 / 6, abs=0.001)
    # per GPU: 2,403,072 / 400,000 = 6.0077 optical modules
    assert r.options[0].per_gpu["optical_modules_per_gpu"] == pytest.approx(6.00768)
    assert r.options[0].per_gpu["network_power_per_gpu_w"] == pytest.approx(
        2_403_072 * 30 / 400_000)


def test_per_gpu_results_of_the_32k_preset():
    r = engine.evaluate(loader.load("ai-cluster-32k"))
    g = 32768
    plug = next(o for o in r.options if o.id == "pluggable").per_gpu
    # network W: (2,560 switches x 1,084 W + 196,608 modules x 17 W) / 32,768
    # = (2,775,040 + 3,342,336) / 32,768 = 186.6875 W
    assert plug["network_power_per_gpu_w"] == pytest.approx(186.6875)
    # 6 modules per GPU, 8 lasers each (DR8): 48 lasers per GPU
    assert plug["optical_modules_per_gpu"] == 6
    assert plug["lasers_per_gpu"] == 48
    # interruptions: only the switch's chassis mode takes links down (its psu_fan
    # faults, 1.2 %/year, are hot-swapped with none): 2,560 x 0.8 %/year = 20.48;
    # modules 196,608 x 8,760 h / 750,000 h = 2,296.38 a year;
    # (20.48 + 2,296.38) / 32,768 GPUs / 365 days
    assert plug["interruptions_per_gpu_day"] == pytest.approx(
        (2560 * 0.008 + 196_608 * 8760 / 750_000) / g / 365)
    cpo = next(o for o in r.options if o.id == "cpo_switch").per_gpu
    # CPO switch side: 5 engines + 1 pluggable NIC module per GPU = 6 modules;
    # lasers 2,560 switches x 16 modules x 8 / 32,768 = 10 (external) + 8 (NIC DR8) = 18
    # per GPU
    assert cpo["optical_modules_per_gpu"] == 6
    assert cpo["lasers_per_gpu"] == 18
    assert cpo["cost_per_gpu"] == pytest.approx(
        next(o for o in r.options if o.id == "cpo_switch").total / g)


def test_twin_port_switch_modules_make_3_5_modules_per_gpu_in_the_bom(tmp_path):
    # switch side: 5 ports per GPU / 2 ports per twin-port module = 2.5; NIC: 1 module
    cpo = 'count = 0.5\n\n[options.cpo.nic_optics]\nper = "nic_port"\nprice = "1000 USD"\n' \
          'power = "15 W"\n'
    doc = json.loads(run("fabric", write(tmp_path, cpo=cpo), "-f", "json").stdout)
    twin = doc["fabrics"][0]["options"][1]
    assert twin["modules_per_gpu"] == 5 / 2 + 1 == 3.5
    by_part = {p["name"]: p for p in twin["parts"]}
    # per tier: leaf down-ports 32,768 x 0.5; above the leaf 65,536 x 0.5 per link tier
    assert by_part["optics"]["units_by_tier"] == {"1": 16384, "2": 32768, "3": 32768}
