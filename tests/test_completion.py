"""Shell completion: preset names, option ids and scenario keys wherever they are taken."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tco.cli import app
from tco.io import loader


def complete(line: str) -> list[str]:
    """What bash completion offers for the last word of ``line``."""
    words = line.split(" ")
    result = CliRunner().invoke(app, [], prog_name="tco", env={
        "_TCO_COMPLETE": "complete_bash", "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1)})
    assert result.exit_code == 0, result.output
    return result.stdout.split()


@pytest.mark.parametrize("line", ["tco presets show ", "tco init --preset ",
                                  "tco uncertainty ", "tco sensitivity ", "tco sweep ",
                                  "tco breakeven ", "tco explain ", "tco validate ",
                                  "tco compare ", "tco fabric "])
def test_preset_names(line: str):
    assert complete(line) == loader.preset_names()
    assert complete(line + "ai-") == [n for n in loader.preset_names() if n.startswith("ai-")]


@pytest.mark.parametrize("line", ["tco sensitivity --option ", "tco sensitivity --against ",
                                  "tco breakeven --option ", "tco uncertainty --only ",
                                  "tco sweep --baseline ", "tco explain --option "])
def test_option_ids_of_the_default_preset(line: str):
    ids = list(loader.read("default").data["options"])
    assert complete(line) == ids


def test_option_ids_of_the_scenario_named():
    ids = list(loader.resolve_extends(loader.read("th6-102t")).data["options"])
    assert complete("tco explain th6-102t --option ") == ids


def test_keys_with_and_without_equals():
    assert "analysis.horizon=" in complete("tco sweep --vary analysis.hor")
    assert "analysis.horizon=" in complete("tco uncertainty --range analysis.hor")
    assert "analysis.horizon" in complete("tco breakeven --vary analysis.hor")  # no value
