"""`tco keys`: every scenario key with its unit, default and meaning."""

from __future__ import annotations

from typing import Annotated

import typer

from . import term
from .app import Debug, _errors, app


@app.command()
def keys(
    pattern: Annotated[str | None, typer.Argument(
        help="Only keys containing this text, or matching this glob (e.g. '*.price'); "
        "case-insensitive.", show_default=False)] = None,
    debug: Debug = False,
) -> None:
    """List every scenario key with its unit, default and meaning.

    OPTION stands for an option's key (cpo), PART for switch, optics or lasers,
    TIER for tier1, tier2 or tier3. Any key can be given with --set KEY=VALUE.

    \b
    Examples:
      tco keys                  every key
      tco keys price            keys whose path contains "price"
      tco keys 'analysis.*'     the [analysis] keys
    """
    with _errors(debug):
        from fnmatch import fnmatchcase

        from ..docgen import keys as all_keys
        from ..errors import InputError

        wanted = (pattern or "").lower()

        def match(path: str) -> bool:
            if not wanted:
                return True
            if any(ch in wanted for ch in "*?["):
                return fnmatchcase(path.lower(), wanted)
            return wanted in path.lower()

        found = [k for k in all_keys() if match(k[0])]
        if not found:
            raise InputError(f"no scenario key matches {pattern!r} (see `tco keys`)")
        lines = []
        for path, unit, default, meaning in found:
            lines.append(f"{path} [{unit}]")
            lines.append(f"    {meaning}")
            lines.append(f"    default: {default}")
        term.write("\n".join(lines) + "\n")
