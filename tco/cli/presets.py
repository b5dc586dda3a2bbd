"""`tco presets` commands."""

from __future__ import annotations

import re
import sys
from typing import Annotated, Any

import typer

from .app import (
    Debug,
    _complete_targets,
    _console,
    _errors,
    presets_app,
)


@presets_app.command("list")
def presets_list(debug: Debug = False) -> None:
    """List the bundled presets with the options each compares.

    \b
    Examples:
      tco presets list
      tco presets show default
    """
    with _errors(debug):
        from rich.table import Table
        from rich.text import Text

        from ..io import loader
        from ..render.table import print_fitted

        table = Table(title="Presets", title_justify="left", header_style="bold")
        table.add_column("Name", no_wrap=True)
        table.add_column("Description", ratio=3)
        table.add_column("Options", ratio=2)
        for name in loader.preset_names():
            data = loader.resolve_extends(loader.read_preset(name)).data
            options = data.get("options", {})
            labels = ", ".join(str(o.get("label", k)) for k, o in options.items())
            table.add_row(Text(name), Text(str(data.get("description", ""))), Text(labels))
        print_fitted(_console(), table)


@presets_app.command("show")
def presets_show(
    name: Annotated[str, typer.Argument(help="Preset name (see `tco presets list`).",
                                        autocompletion=_complete_targets)],
    raw: Annotated[bool, typer.Option("--raw", help="Print the preset's TOML text.")]
    = False,
    debug: Debug = False,
) -> None:
    """Show every value of a preset with its unit and source.

    \b
    Examples:
      tco presets show default
      tco presets show th6-102t | grep price   one line per key in a pipe
      tco presets show europe --raw            the TOML text
    """
    with _errors(debug):
        from ..io import loader

        if raw:
            sys.stdout.write(loader.preset_text(name))
            return
        from rich.table import Table
        from rich.text import Text

        from ..render.json_out import value_with_unit
        from ..render.table import print_fitted
        from ..units import plain

        s = loader.load_raw(loader.read_preset(name))
        table = Table(title=f"Preset '{name}': {s.name}", title_justify="left",
                      header_style="bold")
        console = _console()
        # on a terminal, short rows (keys under their table; range and tier under the
        # value); in a pipe, one line per key with every column, for grep
        group = console.is_terminal
        columns = ("Key", "Value", "Source") if group else ("Key", "Value", "Range", "Tier",
                                                            "Source")
        for column in columns:
            table.add_column(column, no_wrap=column == "Key" and not group,
                             ratio={"Value": 2, "Source": 3}.get(column, 1),
                             overflow="fold")  # a long word (a file path) folds, never cut
        section = ""
        for path, item in s.inputs.items():
            if item.value is None:
                continue
            # a failure mode's keys sit under "[its part's table] failure_modes[N]" (a
            # heading that wraps at its space: the table fits 80 columns)
            head, mode, tail = path.partition(".failure_modes[")
            if mode:
                number, _, key = tail.partition("].")
                prefix = f"{head}] failure_modes[{number}"
            else:
                prefix, _, key = path.rpartition(".")
            if group and prefix != section:  # grouped under their table: short rows
                section = prefix
                table.add_row(Text(f"[{prefix}]", style="bold"),
                              *(Text("") for _ in columns[1:]))
            if group and prefix:
                path = f"  {key}"
            value, unit = value_with_unit(item.value, item.unit)
            shown = (f"{plain(value)} {unit or ''}".strip()
                     if isinstance(value, (int, float)) and not isinstance(value, bool)
                     else str(value))
            source = item.source or {"default": "tco default", "derived": "derived"}.get(
                item.origin, "")
            spread = _range(item, value_with_unit)
            tier = price_tier(source) if path.endswith(".price") else ""
            if group:
                table.add_row(Text(path), Text("\n".join(
                    x for x in (shown, spread and f"range {spread}", tier) if x)), Text(source))
            else:
                table.add_row(Text(path), Text(shown), Text(spread), Text(tier), Text(source))
        print_fitted(console, table)


def _range(item: Any, value_with_unit: Any) -> str:
    """``low-high unit (dist)`` of a ranged value; empty otherwise."""
    if not getattr(item, "ranged", False):
        return ""
    from ..units import plain

    (low, unit), (high, _) = (value_with_unit(q, item.unit) for q in (item.low, item.high))
    return f"{plain(low)} to {plain(high)} {unit or ''}".rstrip() + f" ({item.dist})"



_MONTH = r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?"
_TIER = re.compile(r"\b(contract|list)\b(?:\s+prices?)?[ ,:(]*(" + _MONTH
                   + r"(?:19|20)\d\d(?:-\d\d)?)?", re.IGNORECASE)


def price_tier(source: str) -> str:
    """The price tier and year a source states: ``contract 2026``, ``list 2025``.

    The first tier word wins (a source may give a list price as its range's high
    end); ``, assumed`` when the price itself is an assumption at that tier;
    ``not published`` when the source says no tier is published; else empty.
    """
    m = _TIER.search(source)
    if m:
        tier = " ".join(x for x in (m.group(1).lower(), m.group(2)) if x)
        return f"{tier}, assumed" if source.lower().startswith("assumption") else tier
    if re.search(r"tier[^;]*not (published|stated)", source, re.IGNORECASE):
        return "not published"
    return ""
