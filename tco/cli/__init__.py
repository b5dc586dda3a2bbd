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
from typing import Any

__all__ = ["app", "main", "register", "run"]

#: the module that registers each command
COMMANDS = {
    "compare": "compare", "diff": "diff", "explain": "explain", "fabric": "fabric",
    "keys": "keys", "presets": "presets", "validate": "scenarios", "schema": "scenarios",
    "init": "scenarios", "uncertainty": "analysis", "sensitivity": "analysis",
    "sweep": "analysis", "breakeven": "analysis",
}
#: every command module, in the order `tco --help` lists their commands
MODULES = ("analysis", "compare", "diff", "explain", "fabric", "keys", "presets", "scenarios")


def register(argv: list[str] | None = None) -> None:
    """Import the command modules: only the one whose command ``argv`` names first,
    else (help, no or an unknown command, shell completion) every one."""
    first = next((a for a in argv or [] if not a.startswith("-")), None)
    if first in COMMANDS and not any(k.endswith("_COMPLETE") for k in os.environ):
        wanted: tuple[str, ...] = (COMMANDS[first],)
    else:
        wanted = MODULES
    for name in wanted:
        importlib.import_module(f"{__name__}.{name}")


def __getattr__(name: str) -> Any:
    if name == "app":
        register()
        from .app import app

        return app
    if name == "run":
        from .app import run

        return run
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console-script entry point."""
    from .app import run

    sys.exit(run())
