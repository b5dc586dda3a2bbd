"""True headers and "not counted": what the report says it computed is what it computed."""

from __future__ import annotations

from tco import engine
from tco.io import loader
from tco.render import header, report


def _result(*sets: str, years: int | None = None, target: str | None = None):
    return engine.evaluate(loader.load(target, list(sets), years))


def test_header_is_generated_from_the_resolved_inputs():
    r = _result("deployment.switches=2000", years=7)
    facts = header.facts(r)
    assert facts.startswith("2,000 switches of 51.2 Tbit/s, 64 ports of 800 Gbit/s in use")
    assert "; 7 years;" in facts and "electricity 0.078 USD/kWh" in facts
    lines = header.lines(r)
    # the preset says "1,000 ... five years": shown only as the preset's own words
    assert lines[2].startswith("Preset's description, written before your changes: 1,000")


def test_description_as_given_when_nothing_was_overridden(tmp_path):
    r = _result()
    assert header.lines(r)[2] == r.scenario.description
    mine = tmp_path / "mine.toml"
    mine.write_text('extends = "default"\n[deployment]\nswitches = 64\n')
    flagged = header.lines(_result(target=str(mine)))
    assert flagged[1].startswith("64 switches of 51.2 Tbit/s")
    assert flagged[2].startswith("Preset's description")


def test_zero_categories_for_want_of_an_input_are_listed_once_with_their_key():
    r = _result()
    # installation is counted: the presets set install hours
    # (interruptions: default has no [fabric] nor job_gpu_hour_value to price them)
    assert [n.category for n in r.not_counted] == ["capacity", "gpus", "warranty",
                                                    "interruptions", "replacement",
                                                    "support", "carbon", "residual"]
    rows = [row[1] for row in report.summary(r).rows]
    assert "carbon" not in rows and "energy" in rows
    notes = report.summary(r).notes
    assert "Not counted: Carbon; give analysis.carbon_price (a price of emissions)." in notes
    assert "Not counted: Support contract [support]; give options.OPTION.support (a yearly " \
        'support contract, a share of the equipment price, e.g. "8 %").' in notes
    # giving the key counts the category: it comes back as a row
    priced = _result('analysis.carbon_price="80 USD/tCO2e"',
                     'options.cpo.lasers.life="3 year"')
    # residual is what used units sell for: with no salvage share nor resale_decline
    # it stays not counted, even with a life (book value is reported apart)
    assert [n.category for n in priced.not_counted] == ["capacity", "gpus", "warranty",
                                                         "interruptions", "support",
                                                         "residual"]
    assert {"carbon", "replacement"} <= {row[1] for row in report.summary(priced).rows}


def test_an_edited_init_file_flags_the_presets_description(tmp_path):
    from typer.testing import CliRunner

    from tco.cli import app

    path = tmp_path / "mine.toml"
    assert CliRunner().invoke(app, ["init", str(path)]).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Starter scenario written by `tco init` from the preset 'default'.")
    # as written, the file is the preset: its description describes it
    r = _result(target=str(path))
    assert header.lines(r)[2] == r.scenario.description
    # a note edited changes no value: still as given
    path.write_text(text.replace('source = "assumption: fleet size', 'source = "mine: fleet size'),
                    encoding="utf-8")
    assert header.lines(_result(target=str(path)))[2] == r.scenario.description
    # 1,000 switches edited to 2,000: the words "1,000 ... switches" are the preset's now
    edited = text.replace("value = 1000, source", "value = 2000, source")
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    flagged = header.lines(_result(target=str(path)))
    assert flagged[1].startswith("2,000 switches")
    assert flagged[2] == f"Preset's description, written before your changes: " \
                         f"{r.scenario.description}"
    # the user's own description is theirs: shown as given
    path.write_text(edited.replace(r.scenario.description, "2,000 switches, my fleet"),
                    encoding="utf-8")
    assert header.lines(_result(target=str(path)))[2] == "2,000 switches, my fleet"
