"""Every command's help at 80 columns: examples, and summaries never cut."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from tco.cli import app
from tco.cli.app import run


def _paths(command: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    for name, sub in getattr(command, "commands", {}).items():
        out += _paths(sub, (*prefix, name))
    return out


COMMANDS = _paths(typer.main.get_command(app))


def _help(capsys, monkeypatch, *words: str) -> str:
    monkeypatch.setenv("COLUMNS", "80")
    assert run([*words, "--help"]) == 0
    return capsys.readouterr().out


def test_every_command_is_listed():
    assert ("diff",) in COMMANDS and ("presets", "show") in COMMANDS and len(COMMANDS) > 14


@pytest.mark.parametrize("words", COMMANDS, ids=lambda w: " ".join(w) or "tco")
def test_help_has_examples_and_fits_80_columns(words, capsys, monkeypatch):
    text = _help(capsys, monkeypatch, *words)
    assert "Examples:" in text
    examples = text.split("Examples:")[1].split("\n\n")[0]
    assert f"tco {' '.join(words)}".strip() in examples or words == ()
    assert max(len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("words", [w for w in COMMANDS if w == () or w == ("presets",)],
                         ids=lambda w: " ".join(w) or "tco")
def test_summaries_are_whole_sentences(words, capsys, monkeypatch):
    text = _help(capsys, monkeypatch, *words)
    entries: dict[str, str] = {}  # name -> its summary, its lines joined
    for line in text.split("Commands:")[1].splitlines():
        if line.startswith("  ") and not line.startswith("   "):
            name, _, said = line.strip().partition(" ")
            entries[name] = said
        elif line.strip():
            entries[name] += " " + line.strip()
    group = typer.main.get_command(app)
    for word in words:
        group = group.commands[word]
    for name, sub in group.commands.items():
        first = " ".join((sub.help or "").split("\n\n")[0].split())
        first = first.split(". ")[0].rstrip(".")
        said = " ".join(entries[name].split())
        assert said == first, (name, said)
