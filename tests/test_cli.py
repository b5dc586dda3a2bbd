"""The installed `tco` command, run as a subprocess from a temporary folder."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest

from tco.io import loader
from tco.render.schema import SCHEMA_VERSION

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ANSI = re.compile(r"\x1b\[")


def test_compare_default_prints_three_tables_without_ansi(run_tco, tmp_path: Path):
    result = run_tco("compare")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "5-year cost by category (USD)" in out
    assert "Cash flow by year" in out
    assert "Physical metrics (fleet)" in out
    for label in ("DSP pluggable (baseline)", "LPO", "NPO", "CPO (external lasers)"):
        assert label in out
    assert not ANSI.search(out), "colour codes in piped output"
    assert "…" not in out, "a cell was truncated"
    assert list(tmp_path.iterdir()) == [], "compare wrote a file"


def test_table_numbers_are_not_cut_when_narrow(run_tco):
    out = run_tco("compare").stdout
    # the total of the baseline is a nine-digit sum: it must appear whole,
    # with every thousands group, in the 80-column pipe
    assert re.search(r"Total\s+│ total\s+│\s+\d{3},\d{3},\d{3}\s+│", out)


def test_json_validates_against_shipped_schema(run_tco):
    schema = json.loads(run_tco("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    result = run_tco("compare", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["schema_version"] == SCHEMA_VERSION and SCHEMA_VERSION.startswith("1.")
    scenario = doc["results"][0]
    assert [o["id"] for o in scenario["options"]] == ["pluggable", "lpo", "npo", "cpo"]
    assert scenario["baseline"] == "pluggable"
    price = scenario["inputs"]["analysis.electricity_price"]
    assert price == {"value": 0.078, "unit": "USD/kWh", "given": "0.078 USD/kWh",
                     "origin": "preset", "source": price["source"]}
    assert "SemiAnalysis" in price["source"]
    # defaults are filled in and say so
    assert scenario["inputs"]["options.pluggable.switch.repair_labour"]["origin"] == "default"
    assert scenario["inputs"]["deployment.ports_in_use"] == {"value": 64, "origin": "derived"}


def test_json_of_several_scenarios_and_set_and_years(run_tco, tmp_path: Path):
    result = run_tco("compare", "default", "default", "--format", "json", "--years", "6",
                     "--set", "analysis.electricity_price=0.12 USD/kWh",
                     "--set", "deployment.switches=2000")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["results"]) == 2
    first = doc["results"][0]
    assert first["horizon_years"] == 6
    assert len(first["options"][0]["year_totals"]) == 7
    assert first["inputs"]["analysis.electricity_price"]["origin"] == "--set"
    assert first["inputs"]["analysis.electricity_price"]["value"] == 0.12
    assert first["inputs"]["deployment.switches"]["value"] == 2000


def test_pj_per_bit_power_is_multiplied_by_port_speed(run_tco):
    # 5.5 pJ/bit x 800 Gbit/s = 4.4 W per port
    result = run_tco("compare", "--format", "json",
                     "--set", "options.cpo.optics.power=5.5 pJ/bit")
    assert result.returncode == 0, result.stderr
    cpo = json.loads(result.stdout)["results"][0]["options"][3]
    # optics 4.4 W + lasers 16 x 4.8 W / 64 ports = 1.2 W
    assert cpo["physical"]["interconnect_power_per_port_w"] == pytest.approx(4.4 + 1.2)


def test_validate_presets_and_version(run_tco):
    result = run_tco("validate", "default")
    assert result.returncode == 0
    assert result.stdout.startswith("ok: preset 'default': 4 options")
    listing = run_tco("presets", "list")
    assert listing.returncode == 0 and "default" in listing.stdout
    shown = run_tco("presets", "show", "default")
    assert shown.returncode == 0
    assert "TechInsights 2022" in shown.stdout and "0.078 USD/kWh" in shown.stdout
    raw = run_tco("presets", "show", "default", "--raw")
    assert tomllib.loads(raw.stdout) == tomllib.loads(loader.preset_text("default"))
    version = run_tco("--version")
    assert version.returncode == 0 and version.stdout.startswith("tco ")
    assert run_tco("--help").returncode == 0


def test_readme_scenario_example_runs(run_tco, tmp_path: Path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    block = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert block, "README has a TOML scenario example"
    (tmp_path / "fleet.toml").write_text(block.group(1))
    result = run_tco("compare", "fleet.toml")
    assert result.returncode == 0, result.stderr
    assert "6-year cost by category" in result.stdout


def test_key_reference_is_current():
    from tco import docgen

    doc = Path(__file__).resolve().parents[1] / "docs" / "scenario.md"
    assert doc.read_text() == docgen.render(), \
        "docs/scenario.md is stale: python -m tco.docgen > docs/scenario.md"


# --- bad input: one line on stderr, exit 2, no traceback ---------------------------------

GOOD = loader.preset_text("default")


def _edit(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


BAD_FILES = {
    "broken TOML": ("[analysis\nx = 1\n", "invalid TOML"),
    "unknown unit": (_edit('value = "17 W"', 'value = "17 Wt"'),
                     "options.pluggable.optics.power: expected a power such as '15 W', "
                     "but '17 Wt' has an unknown unit 'Wt'"),
    "wrong dimension": (_edit('value = "17 W"', 'value = "15 kg"'),
                        "options.pluggable.optics.power: expected a power such as '15 W', "
                        "got '15 kg', which is [mass]"),
    "negative count": (_edit("switches = { value = 1000", "switches = { value = -5"),
                       "deployment.switches: expected at least 1, got -5"),
    "zero count": (_edit("switches = { value = 1000", "switches = { value = 0"),
                   "deployment.switches: expected at least 1, got 0"),
    "negative price": (_edit('value = "400 USD"', 'value = "-400 USD"'),
                       "options.pluggable.optics.price: expected at least 0"),
    "non-finite number": (_edit('value = "17 W"', 'value = "inf W"'),
                          "'inf W' is not a finite number"),
    "nan": (_edit('value = "17 W"', 'value = "nan W"'), "'nan W' is not a finite number"),
    "missing required key": (re.sub(r"\nelectricity_price = [^\n]*", "", GOOD),
                             "analysis.electricity_price: missing required key"),
    "unknown key": (_edit("\npue_air = ", "\npue_ari = "),
                    "analysis.pue_ari: unknown key; did you mean 'pue_air'?"),
    "number without unit": (_edit('value = "17 W"', "value = 15"),
                            "got 15 with no unit"),
    "share without %": (_edit('value = "8 %"', 'value = "0.08"'), "write shares with %"),
    "price in a currency with no rate": (_edit('value = "400 USD"', 'value = "400 EUR"'),
                                         "no rate is stated"),
    "two baselines": (_edit('label = "LPO"', 'label = "LPO"\nbaseline = true'),
                      "options: at most one option may be the baseline"),
    "too many ports": (_edit('[deployment]', '[deployment]\nports_in_use = 65'),
                       "deployment.ports_in_use: expected at most 64 ports"),
    "option key that needs quoting": (_edit("[options.lpo]", '[options."lpo v2"]'),
                                      "options.lpo v2: an option's key is letters, digits"),
    "not a table": (_edit("[options.lpo]", "[options.lpo.switch.x]\n[options.lpo]"),
                    "options.lpo.switch.x: unknown key"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_scenario_file(case: str, run_tco, tmp_path: Path):
    text, expected = BAD_FILES[case]
    path = tmp_path / "bad.toml"
    path.write_text(text)
    result = run_tco("compare", "bad.toml")
    assert result.returncode == 2, result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tco: error: bad.toml: "), lines[0]
    assert expected in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert path.read_text() == text, "the user's file was changed"


BAD_ARGS = {
    "missing file": (["compare", "nope.toml"], "nope.toml: no such file"),
    "directory": (["compare", "."], ".: is a directory"),
    "unknown preset": (["compare", "nopreset"],
                       "nopreset: no scenario file or preset of that name (presets: default"),
    "unknown preset shown": (["presets", "show", "nopreset"], "unknown preset 'nopreset'"),
    "malformed --set": (["compare", "--set", "foo"], "--set 'foo': expected KEY=VALUE"),
    "empty --set value": (["compare", "--set", "analysis.pue="], "expected KEY=VALUE"),
    "--set unknown key": (["compare", "--set", "analysis.electricty_price=1 USD/kWh"],
                          "analysis.electricty_price: unknown key; did you mean "
                          "'electricity_price'? (from --set)"),
    "--set wrong dimension": (["compare", "--set", "options.cpo.optics.power=3 hour"],
                              "options.cpo.optics.power: expected a power such as '15 W', "
                              "got '3 hour', which is [time] (from --set)"),
    "--set into a value": (["compare", "--set", "options.lpo.technology.x=1"],
                           "options.lpo.technology is a value, not a table"),
    "validate a bad --set": (["validate", "default", "--set", "deployment.switches=-1"],
                             "deployment.switches: expected at least 1"),
}


@pytest.mark.parametrize("case", list(BAD_ARGS))
def test_bad_arguments(case: str, run_tco):
    args, expected = BAD_ARGS[case]
    result = run_tco(*args)
    assert result.returncode == 2, result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2(run_tco):
    result = run_tco("compare", "--years", "0")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_debug_shows_traceback(run_tco):
    result = run_tco("compare", "nope.toml", "--debug")
    assert result.returncode == 2
    assert "Traceback" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == "tco: error: nope.toml: no such file"
