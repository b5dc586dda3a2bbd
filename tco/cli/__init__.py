"""The ``tco`` command: the only package that prints or exits.

Heavy imports (pint, numpy, rich) happen inside the commands, so that
``tco --help`` stays fast. One module per command group; :mod:`.app` holds the
Typer app and what the commands share.
"""

from __future__ import annotations

import sys

from . import (  # noqa: F401  (registers commands)
    analysis,
    compare,
    diff,
    explain,
    fabric,
    keys,
    presets,
    scenarios,
)
from .app import app, run

__all__ = ["app", "main", "run"]


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
