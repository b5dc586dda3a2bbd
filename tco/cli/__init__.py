"""The ``tco`` command: the only package that prints or exits.

Heavy imports (pint, numpy, rich) happen inside the commands, so that
``tco --help`` stays fast. One module per command group; :mod:`.app` holds the
Typer app and what the commands share.

The command modules register their commands when imported. A command line that
names one command imports (and builds) only that command's module: `tco compare`
spends no start-up time on the other fourteen. ``app`` taken from this package
has every command (help, completion and tests see them all).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from .app import app, run

__all__ = ["app", "main", "register", "run"]

#: the module that registers each command
COMMANDS = {
    "compare": "compare", "diff": "diff", "explain": "explain", "fabric": "fabric",
    "keys": "keys", "presets": "presets", "validate": "scenarios", "schema": "scenarios",
    "init": "scenarios", "uncertainty": "uncertainty", "sensitivity": "uncertainty",
    "sweep": "flips", "breakeven": "flips",
}
#: every command module, in the order `tco --help` lists their commands
MODULES = ("uncertainty", "flips", "compare", "diff", "explain", "fabric", "keys", "presets",
           "scenarios")

_narrow = False  # while run() builds the one command its command line names


def register(argv: list[str] | None = None) -> bool:
    """Import the command modules: only the one whose command ``argv`` names first,
    else (no argv, help, no or an unknown command, shell completion) every one.
    Whether only one was imported."""
    first = next((a for a in argv or [] if not a.startswith("-")), None)
    one = first in COMMANDS and not any(k.endswith("_COMPLETE") for k in os.environ)
    for name in (COMMANDS[first],) if one else MODULES:  # type: ignore[index]
        importlib.import_module(f"{__name__}.{name}")
    return one


@contextmanager
def narrowed(one: bool) -> Iterator[None]:
    """While building the command of a command line that named one command, the apps'
    commands are those of its module only (see :class:`tco.cli.app.Commands`)."""
    global _narrow
    saved, _narrow = _narrow, one
    try:
        yield
    finally:
        _narrow = saved


def every_command() -> None:
    """Called when an app's commands are read: all of them, unless narrowed."""
    if not _narrow:
        register()


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
