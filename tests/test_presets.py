"""The bundled presets: they run, every number has a source, init and currencies."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

from tco import engine
from tco.io import loader
from tco.render.schema import schema

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PRESETS = ["default", "th6-102t", "204t-2028", "repairability", "scale-up", "ai-cluster-32k",
           "europe", "ai-cluster-128k", "hall-100mw"]
#: presets rebuilt for the expert audit (issue 13): ranges, tiers and boxes checked below
AUDITED = ["default", "th6-102t", "204t-2028", "scale-up", "ai-cluster-128k", "hall-100mw",
           "europe", "ai-cluster-32k", "repairability"]


def test_the_presets_are_bundled():
    assert sorted(loader.preset_names()) == sorted(PRESETS)
    assert loader.preset_names()[0] == "default"


def test_every_preset_runs_from_the_installed_command(run_tco):
    result = run_tco("compare", *PRESETS, "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema(), cls=jsonschema.Draft202012Validator)
    assert [r["scenario"]["source"] for r in doc["results"]] == \
        [f"preset '{p}'" for p in PRESETS]
    tables = run_tco("compare", *PRESETS)
    assert tables.returncode == 0, tables.stderr
    assert tables.stdout.count("Physical metrics (fleet)") == len(PRESETS)


#: keys whose value is uncertain and so must carry low/high (where present and not 0)
RANGED_ANALYSIS = ("discount_rate", "electricity_price", "electricity_escalation", "pue",
                   "pue_air", "pue_liquid", "cooling_capex_air", "cooling_capex_liquid",
                   "downtime_cost", "labour_rate")
RANGED_PART = ("price", "power", "dsp_power", "afr", "mtbf", "failure_rate", "repair_price",
               "repair_labour", "time_to_repair", "spares", "install_labour")


def _is_zero(value) -> bool:
    text = str(value.get("value") if isinstance(value, dict) else value).strip()
    return text[:1] == "0" and float(text.split()[0]) == 0


@pytest.mark.parametrize("name", AUDITED)
def test_every_uncertain_value_has_a_range(name: str):
    data = tomllib.loads(loader.preset_text(name))
    missing = [f"analysis.{k}" for k in RANGED_ANALYSIS
               if k in data["analysis"] and not _is_zero(data["analysis"][k])
               and "low" not in data["analysis"][k]]
    for opt, body in data.get("options", {}).items():
        for part, table in body.items():
            if not isinstance(table, dict):
                continue
            modes = [(f"failure_modes[{i}].", m)
                     for i, m in enumerate(table.get("failure_modes", []), start=1)]
            for where, keys in (("", table), *modes):
                for key in RANGED_PART:
                    value = keys.get(key)
                    if value is None or _is_zero(value):
                        continue
                    if not (isinstance(value, dict) and "low" in value and "high" in value):
                        missing.append(f"options.{opt}.{part}.{where}{key}")
    assert missing == [], f"uncertain values without low/high in {name}: {missing}"


@pytest.mark.parametrize("name", AUDITED)
def test_every_price_states_its_tier_and_year(name: str):
    import re

    data = tomllib.loads(loader.preset_text(name))
    vague = []
    for opt, body in data.get("options", {}).items():
        for part, table in body.items():
            if not isinstance(table, dict):
                continue
            # the unit's price, and what a repair buys (a failure mode's FRU, a switch)
            prices = [("price", table.get("price")), ("repair_price", table.get("repair_price"))]
            prices += [(f"failure_modes[{i}].repair_price", m.get("repair_price"))
                       for i, m in enumerate(table.get("failure_modes", []), start=1)]
            for key, price in prices:
                if not isinstance(price, dict):
                    continue
                source = price["source"].lower()
                tier = re.search(r"\b(list|contract)\b|tier", source)
                year = re.search(r"\b20\d\d\b|not published|not stated", source)
                if not (tier and year):
                    vague.append(f"options.{opt}.{part}.{key}")
    assert vague == [], f"prices without tier or year in {name}: {vague}"


#: which box each audited preset's switches are, and the SerDes each option saves
BOXES = {"default": "TH5", "th6-102t": "TH6", "204t-2028": "G204", "scale-up": "TH5",
         "repairability": "TH5"}
SAVES = {"cpo": "cpo", "microled_cpo": "cpo", "npo": "npo", "cpo_external": "cpo",
         "cpo_internal": "cpo"}


#: fabric presets: the same box as a fleet preset's option (air), or liquid-cooled
SAME_BOX = {("ai-cluster-128k", "pluggable"): ("th6-102t", "pluggable"),
            ("ai-cluster-128k", "lpo"): ("th6-102t", "lpo"),
            ("hall-100mw", "pluggable"): ("default", "pluggable"),
            ("hall-100mw", "lpo"): ("default", "lpo"),
            ("ai-cluster-32k", "pluggable"): ("default", "pluggable")}
LIQUID_CPO = {"ai-cluster-128k": "TH6", "hall-100mw": "TH5", "ai-cluster-32k": "TH5"}


def _power(name: str, option: str) -> tuple[float, ...]:
    item = loader.load(name).inputs[f"options.{option}.switch.power"]
    return tuple(float(q.to("W").magnitude) for q in (item.value, item.low, item.high))


@pytest.mark.parametrize("pair", list(SAME_BOX))
def test_a_fabric_preset_uses_the_fleet_presets_box(pair: tuple[str, str]):
    assert _power(*pair) == _power(*SAME_BOX[pair])


@pytest.mark.parametrize("name", list(LIQUID_CPO))
def test_a_liquid_cooled_cpo_box_has_no_fans(name: str):
    from tco.claims import parts

    box = getattr(parts, LIQUID_CPO[name])
    # ASIC - SerDes saved + management, each corner of their ranges; no fans
    want = parts.base_range(box, 0.0, box.serdes_saving, fans=False)
    assert _power(name, "cpo") == pytest.approx(want, abs=1.0)


@pytest.mark.parametrize("name", [n for n in AUDITED if n in BOXES])
def test_the_same_box_draws_the_same_power(name: str):
    """switch.power is the box of tco/claims/parts.py at this option's heat, with its range."""
    from tco.claims import parts

    box = getattr(parts, BOXES[name])
    result = engine.evaluate(loader.load(name))
    inputs = result.scenario.inputs
    for o in result.options:
        optics_w = sum(float(p.power_kw) for p in o.parts if p.name != "switch") * 1000 / (
            float(result.scenario.deployment.switches.magnitude))
        kind = SAVES.get(o.id)
        saving = {"cpo": box.serdes_saving, "npo": parts.npo_saving(box)}.get(kind)
        want = parts.base_range(box, optics_w, saving)
        item = inputs[f"options.{o.id}.switch.power"]
        got = tuple(float(q.to("W").magnitude) for q in (item.value, item.low, item.high))
        assert got == pytest.approx(want, abs=1.0), o.id


def _leaves(node, path=""):
    for key, value in node.items():
        here = f"{path}.{key}" if path else key
        if isinstance(value, dict) and "value" not in value:
            yield from _leaves(value, here)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for i, item in enumerate(value, start=1):  # [[...failure_modes]]
                yield from _leaves(item, f"{here}[{i}]")
        else:
            yield here, value


def _is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and value.strip()[:1].isdigit()


@pytest.mark.parametrize("name", PRESETS)
def test_every_number_in_a_preset_cites_a_source(name: str):
    data = tomllib.loads(loader.preset_text(name))
    assert data.get("description"), "a one-line description"
    unsourced = []
    for path, value in _leaves(data):
        if path.rsplit(".", 1)[-1] in ("name", "description", "label"):
            continue  # text, not numbers
        if isinstance(value, dict):
            if not str(value.get("source", "")).strip():
                unsourced.append(path)
        elif _is_number(value):
            unsourced.append(path)
    assert unsourced == [], f"numbers without a source in {name}: {unsourced}"


def test_presets_show_prints_each_value_with_its_source(run_tco):
    result = run_tco("presets", "show", "scale-up")
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "microled_cpo.optics.power " in x)
    assert "1.5 pJ/bit" in line and "TrendForce 2025" in line


def test_presets_show_prints_range_and_price_tier(run_tco):
    result = run_tco("presets", "show", "th6-102t")
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines()
                if "pluggable.optics.price " in x)
    # 1,150 USD, range 800-1,500 USD (PERT), contract 2025-26 channel checks
    assert "1,150 USD" in line and "800 to 1,500 USD (pert)" in line
    assert "contract 2025-26" in line
    lpo = next(x for x in result.stdout.splitlines() if "lpo.optics.price " in x)
    assert "contract 2026, assumed" in lpo
    switch = next(x for x in result.stdout.splitlines() if "pluggable.switch.price " in x)
    assert "not published" in switch


def test_price_tier_reads_the_source_text():
    from tco.cli.presets import price_tier

    assert price_tier("contract, Feb 2026 (channel checks); high end the reseller list "
                      "price 2025") == "contract Feb 2026"
    assert price_tier("reseller list prices 2025: 800G DR8") == "list 2025"
    assert price_tier("assumption (contract, 2028): ...") == "contract 2028, assumed"
    assert price_tier("assumption (tier and year not published): ...") == "not published"
    assert price_tier("Ember via Our World in Data") == ""


def test_presets_list_names_descriptions_and_options(run_tco):
    out = run_tco("presets", "list").stdout
    for name in PRESETS:
        assert name in out
    assert "MOSAIC class" in out
    assert "CPO, internal lasers" in out


def test_europe_prices_in_usd_are_converted_at_the_stated_rate():
    result = engine.evaluate(loader.load("europe"))
    assert result.currency == "EUR"
    pluggable = result.options[0]
    # 1,000 switches x (100,000 USD + 64 x 400 USD) x 0.92 EUR/USD
    assert float(pluggable.category_totals["equipment"]) == pytest.approx(
        1000 * (100_000 + 64 * 400) * 0.92, rel=1e-12)
    # energy year 1: 1,000 x (1,084 + 64 x 17) W = 2,172 kW x 8,760 h x 0.20 EUR/kWh
    assert float(pluggable.by_year["energy"][1]) == pytest.approx(2172 * 8760 * 0.20,
                                                                  rel=1e-12)


def test_a_price_in_a_currency_without_a_rate_is_a_clear_error(run_tco, tmp_path: Path):
    assert run_tco("init", "eu.toml", "--preset", "europe").returncode == 0
    text = (tmp_path / "eu.toml").read_text()
    lines = [x for x in text.splitlines() if not x.startswith("exchange_rates")]
    (tmp_path / "eu.toml").write_text("\n".join(lines) + "\n")
    result = run_tco("compare", "eu.toml")
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "is in USD but no rate is stated: add analysis.exchange_rates.USD = \"... EUR/USD\"")
    assert len(result.stderr.splitlines()) == 1


def test_init_writes_a_scenario_that_runs_unchanged(run_tco, tmp_path: Path):
    result = run_tco("init", "mine.toml", "--preset", "th6-102t")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    written = (tmp_path / "mine.toml").read_text()
    assert written.startswith("# Starter scenario written by `tco init`")
    direct = run_tco("compare", "th6-102t", "--format", "json")
    from_file = run_tco("compare", "mine.toml", "--format", "json")
    assert from_file.returncode == 0, from_file.stderr
    a, b = json.loads(direct.stdout), json.loads(from_file.stdout)
    assert [o["total"] for o in a["results"][0]["options"]] == \
        [o["total"] for o in b["results"][0]["options"]]


def test_init_never_overwrites_unless_forced(run_tco, tmp_path: Path):
    target = tmp_path / "scenario.toml"
    target.write_text("# mine\n")
    refused = run_tco("init")
    assert refused.returncode == 2
    assert "scenario.toml: already exists and was not overwritten (use --force)" in \
        refused.stderr
    assert target.read_text() == "# mine\n"
    forced = run_tco("init", "--force")
    assert forced.returncode == 0
    assert target.read_text().startswith("# Starter scenario")
    assert run_tco("compare", "scenario.toml").returncode == 0
    stdout = run_tco("init", "-", "--preset", "scale-up")
    assert tomllib.loads(stdout.stdout)["name"].startswith("Scale-up")
    assert run_tco("init", "x.toml", "--preset", "nope").returncode == 2


def test_extends_merges_a_preset_and_rejects_unknown_ones(run_tco, tmp_path: Path):
    (tmp_path / "mine.toml").write_text(
        'extends = "default"\n[deployment]\nswitches = 10\n')
    result = run_tco("compare", "mine.toml", "--format", "json")
    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout)["results"][0]["options"]
    # 10 switches x (100,000 + 64 x 400) USD
    assert options[0]["categories"]["equipment"]["total"] == pytest.approx(
        10 * (100_000 + 64 * 400))
    (tmp_path / "bad.toml").write_text('extends = "nope"\n')
    bad = run_tco("compare", "bad.toml")
    assert bad.returncode == 2
    assert "bad.toml: extends: expected the name of a preset" in bad.stderr


def test_exclusive_keys_replace_each_other_through_set_and_extends(run_tco, tmp_path: Path):
    result = run_tco("compare", "--format", "json",
                     "--set", "analysis.cooling_energy_fraction=25 %",
                     "--set", "options.cpo.optics.afr=0.5 %")
    assert result.returncode == 0, result.stderr
    inputs = json.loads(result.stdout)["results"][0]["inputs"]
    assert "analysis.pue" not in inputs and "options.cpo.optics.mtbf" not in inputs
    assert inputs["analysis.cooling_energy_fraction"]["origin"] == "--set"
    (tmp_path / "ext.toml").write_text(
        'extends = "default"\n[options.cpo.optics]\nafr = "0.5 %"\n')
    ext = run_tco("compare", "ext.toml", "--format", "json")
    assert ext.returncode == 0, ext.stderr
    inputs = json.loads(ext.stdout)["results"][0]["inputs"]
    assert inputs["options.cpo.optics.afr"]["origin"] == "scenario"
    # values taken from the preset say so, with their sources
    assert inputs["options.cpo.optics.power"]["origin"] == "preset"
    assert "Bailly" in inputs["options.cpo.optics.power"]["source"]


def test_a_preset_name_wins_over_a_folder_of_that_name(run_tco, tmp_path: Path):
    (tmp_path / "default").mkdir()
    assert run_tco("compare").returncode == 0
    assert run_tco("compare", "default").returncode == 0
    assert "is a directory" in run_tco("compare", "./default").stderr


def test_exchange_rate_is_echoed_with_its_source():
    inputs = loader.load("europe").inputs
    rate = inputs["analysis.exchange_rates.USD"]
    assert rate.origin == "preset" and "ECB" in rate.source
    assert float(rate.value.to("EUR/USD").magnitude) == 0.92


def test_a_baseline_that_costs_nothing_gives_undefined_percentages(run_tco, tmp_path: Path):
    zero = ['analysis.electricity_price=0 USD/kWh', 'analysis.downtime_cost=0 USD/hour',
            'analysis.labour_rate=0 USD/hour', 'options.pluggable.switch.price=0 USD',
            'options.pluggable.optics.price=0 USD', 'analysis.cooling_capex_air=0 USD/kW']
    args = [a for z in zero for a in ("--set", z)]
    # the switch's hot-swap PSU/fan mode buys a FRU at its own price: free here too
    # (failure_modes replace the preset's array as a whole)
    (tmp_path / "free.toml").write_text(
        'extends = "default"\n'
        '[[options.pluggable.switch.failure_modes]]\nname = "psu_fan"\nafr = "1.2 %"\n'
        'repair = "fru"\nrepair_price = "0 USD"\n'
        '[[options.pluggable.switch.failure_modes]]\nname = "chassis"\nafr = "0.8 %"\n'
        'repair = "replace_switch"\n')
    result = run_tco("compare", "free.toml", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    assert "NaN" not in result.stdout
    lpo = json.loads(result.stdout)["results"][0]["options"][1]
    assert lpo["savings"]["total_percent"] is None
    gate = run_tco("compare", "free.toml", "--format", "json", *args,
                   "--fail-if", "savings(lpo) < 1 %")
    assert gate.returncode == 2
    assert "savings(lpo) is undefined" in gate.stderr


def test_extreme_inputs_are_bad_input_not_crashes(run_tco):
    for setting, message in (("deployment.port_speed=1e-300 Gbit/s", "more than 100,000"),
                             ("options.cpo.optics.price=1e308 USD",
                              "options.cpo.optics.price: expected at most 10^9 USD")):
        result = run_tco("compare", "--set", setting)
        assert result.returncode == 2, result.stderr
        assert len(result.stderr.splitlines()) == 1 and message in result.stderr


def test_scale_up_states_reach_and_micro_led_availability():
    inputs = loader.load("scale-up").inputs
    reach = {o: float(inputs[f"options.{o}.reach"].value.to("m").magnitude)
             for o in ("dac", "aec", "mosaic", "microled_cpo", "aoc")}
    # DAC ~2 m, AEC ~7 m, MOSAIC ~50 m (methods.md; Microsoft Research 2025)
    assert (reach["dac"], reach["aec"], reach["mosaic"]) == (2, 7, 50)
    for o in ("mosaic", "microled_cpo"):
        assert inputs[f"options.{o}.available"].value == 2028
        assert inputs[f"options.{o}.available"].source


def test_default_switch_failures_split_into_fru_and_chassis_by_hand():
    """Issue 7 item 6: `default`'s DSP pluggable switch fails in two modes."""
    result = engine.evaluate(loader.load("default"))
    o = result.options[0]
    modes = result.scenario.options[0].part("switch").modes
    assert [(m.name, m.repair) for m in modes] == [("psu_fan", "fru"),
                                                   ("chassis", "replace_switch")]
    switch = next(p for p in o.parts if p.name == "switch")
    # 1,000 switches, labour 100 USD/h, downtime 50 USD per link-hour.
    # psu_fan (fru): 1,000 x 1.2 % = 12 faults a year x (600 USD FRU + 0.25 h x 100)
    # = 12 x 625 = 7,500 USD a year; no link down
    psu_fan = 1000 * 0.012 * (600 + 0.25 * 100)
    # chassis (replace_switch): 1,000 x 0.8 % = 8 a year x (100,000 USD switch; the
    # modules move to the new one + 4 h x 100) = 8 x 100,400 = 803,200 USD a year;
    # links 64 x 24 h = 1,536 link-hours each: 12,288 link-hours a year
    chassis = 1000 * 0.008 * (100_000 + 4 * 100)
    link_hours = 1000 * 0.008 * 64 * 24
    assert (psu_fan, chassis, link_hours) == pytest.approx((7_500, 803_200, 12_288))
    # the modules: 64,000 x 8,760 h / 750,000 h = 747.52 swaps a year x (400 USD +
    # 0.25 h x 100) = 317,696 USD; 747.52 x 1 link x 2.1 h = 1,569.792 link-hours
    optics = 64_000 * 8760 / 750_000 * (400 + 0.25 * 100)
    optics_hours = 64_000 * 8760 / 750_000 * 2.1
    assert float(o.by_year["repairs"][1]) == pytest.approx(psu_fan + chassis + optics,
                                                           rel=1e-12)
    assert float(switch.downtime_link_hours_per_year) == pytest.approx(link_hours, rel=1e-12)
    # downtime: (12,288 + 1,569.792) x 50 USD = 692,889.6 USD a year
    assert float(o.by_year["downtime"][1]) == pytest.approx(
        (link_hours + optics_hours) * 50, rel=1e-12)
    # before the split, one 2 % mode, all replace_switch at the part's default 0.5 h:
    # 20 x (100,000 + 50) = 2,001,000 USD and 20 x 64 x 24 = 30,720 link-hours a year;
    # the split keeps the 2 % but only the 0.8 % chassis share swaps the switch or
    # takes links down: switch repairs fall by 2,001,000 - 810,700 = 1,190,300 USD a
    # year and switch link-hours by 30,720 - 12,288 = 18,432
    assert float(switch.failures_per_year) == pytest.approx(1000 * 0.02, rel=1e-12)
    assert 20 * (100_000 + 50) - (psu_fan + chassis) == pytest.approx(1_190_300)
    # interruptions: the chassis faults and every module swap (one link each)
    assert float(o.interruptions) == pytest.approx(8 + 747.52, rel=1e-12)


def test_repairability_differs_only_where_the_lasers_are():
    """Issue 7 item 3: the same CPO switch, engines, pool and policies; the lasers move."""
    import math

    s = loader.load("repairability")
    inputs = s.inputs
    ext, internal = "options.cpo_external", "options.cpo_internal"
    for key in ("switch.price", "switch.power", "optics.spares",
                "switch.failure_modes[2].afr", "optics.failure_modes[1].mtbf",
                "optics.failure_modes[1].repair"):
        assert inputs[f"{ext}.{key}"].value == inputs[f"{internal}.{key}"].value, key
    # the same system price: engine 200 + 16 laser modules x 600 / 64 ports = 350 USD
    assert float(inputs[f"{internal}.optics.price"].value.to("USD").magnitude) == \
        200 + 16 * 600 / 64
    # the same optics power per switch: 64 x 4.3 W + 16 x 4.8 W = 64 x 5.5 W = 352 W
    def watts(key: str) -> float:
        return float(inputs[key].value.to("W").magnitude)

    assert 64 * watts(f"{internal}.optics.power") == pytest.approx(
        64 * watts(f"{ext}.optics.power") + 16 * watts(f"{ext}.lasers.power"))
    assert 64 * watts(f"{internal}.optics.power") == pytest.approx(352)
    internal_laser = next(m for m in s.options[2].part("optics").modes if m.name == "laser")
    assert internal_laser.repair == "spare_port"

    by_id = {o.id: o for o in engine.evaluate(s).options}
    # spare ports per switch: floor(6 % x 64 = 3.84) = 3, the same in both
    assert float(by_id["cpo_internal"].physical["spare_ports_per_switch"]) == 3
    # port faults per switch-year (1 link each), FIT = failures per 1e9 h:
    # engines 64 x 1e9 / 2.6e6 h = 64 x 384.615 FIT; x 8,760 h / 1e9 = 0.215631
    # internal adds its lasers: 64 x 400 FIT x 8,760 / 1e9 = 0.224256 -> 0.439887
    rate = {"cpo_external": 64 * (1e9 / 2.6e6) * 8760 / 1e9,
            "cpo_internal": 64 * (1e9 / 2.6e6 + 400) * 8760 / 1e9}
    assert rate["cpo_internal"] == pytest.approx(0.215631 + 0.224256, abs=1e-6)

    def swaps(mu: float, pool: int = 3) -> float:
        # expected swaps a pool of 3 forces: E[floor(D / 4)], D ~ Poisson(mu)
        return sum(math.exp(-mu) * mu ** n / math.factorial(n) * (n // (pool + 1))
                   for n in range(80))

    for option, r in rate.items():
        # fleet swaps a year over 5 years: 1,000 switches x E[floor(D(5) / 4)] / 5,
        # D(5) ~ Poisson(5 r): external mean 1.078 -> ~4.8 a year; internal 2.199 -> ~36.5
        want = 1000 * swaps(5 * r) / 5
        assert float(by_id[option].physical["spare_port_swaps_per_year"]) == \
            pytest.approx(want, rel=1e-9)
        # the pool runs out on average at 3 ports / r: 13.9 and 6.8 years
        assert float(by_id[option].physical["spare_ports_run_out_years"]) == \
            pytest.approx(3 / r, rel=1e-9)
