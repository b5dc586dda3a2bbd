"""The bundled presets: they run, every number has a source, init and currencies."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

from tco import engine, loader
from tco.render.schema import schema

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PRESETS = ["default", "th6-102t", "repairability", "scale-up", "ai-cluster-32k", "europe"]


def test_the_six_presets_are_bundled():
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


def _leaves(node, path=""):
    for key, value in node.items():
        here = f"{path}.{key}" if path else key
        if isinstance(value, dict) and "value" not in value:
            yield from _leaves(value, here)
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


def test_presets_list_names_descriptions_and_options(run_tco):
    out = run_tco("presets", "list").stdout
    for name in PRESETS:
        assert name in out
    assert "Micro-LED cable (MOSAIC class)" in out
    assert "CPO, internal lasers" in out


def test_europe_prices_in_usd_are_converted_at_the_stated_rate():
    result = engine.evaluate(loader.load("europe"))
    assert result.currency == "EUR"
    pluggable = result.options[0]
    # 1,000 switches x (120,000 USD + 64 x 1,250 USD) x 0.92 EUR/USD
    assert float(pluggable.category_totals["equipment"]) == pytest.approx(
        1000 * (120_000 + 64 * 1250) * 0.92, rel=1e-12)
    # energy year 1: 2,010 kW x 8,760 h x 0.20 EUR/kWh
    assert float(pluggable.by_year["energy"][1]) == pytest.approx(2010 * 8760 * 0.20,
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
    # 10 switches x (120,000 + 64 x 1,250) USD
    assert options[0]["categories"]["equipment"]["total"] == pytest.approx(10 * 200_000)
    (tmp_path / "bad.toml").write_text('extends = "nope"\n')
    bad = run_tco("compare", "bad.toml")
    assert bad.returncode == 2
    assert "bad.toml: extends: expected the name of a preset" in bad.stderr
