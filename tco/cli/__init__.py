"""The ``tco`` command: the only package that prints or exits.

Heavy imports (pint, numpy, rich) happen inside the commands, so that
``tco --help`` stays fast. One module per command group; :mod:`.app` holds the
Typer app and what the commands share.
"""

from __future__ import annotations

import os
import sys

from ..errors import ExitCode
from . import (  # noqa: F401  (registers commands)
    analysis,
    compare,
    diff,
    explain,
    fabric,
    presets,
    scenarios,
)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:  # pragma: no cover - depends on the reader
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(int(ExitCode.OK))
