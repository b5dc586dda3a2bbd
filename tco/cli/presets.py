"""`tco presets` commands."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .app import (
    Debug,
    _console,
    _errors,
    presets_app,
)


@presets_app.command("list")
def presets_list(debug: Debug = False) -> None:
    """List the bundled presets with the options each compares."""
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
    name: Annotated[str, typer.Argument(help="Preset name (see `tco presets list`).")],
    raw: Annotated[bool, typer.Option("--raw", help="Print the preset's TOML text.")]
    = False,
    debug: Debug = False,
) -> None:
    """Show every value of a preset with its unit and source."""
    with _errors(debug):
        from ..io import loader

        if raw:
            sys.stdout.write(loader.preset_text(name))
            return
        from rich.table import Table
        from rich.text import Text

        from ..render.json_out import value_with_unit
        from ..render.table import print_fitted

        s = loader.load_raw(loader.read_preset(name))
        table = Table(title=f"Preset '{name}': {s.name}", title_justify="left",
                      header_style="bold")
        table.add_column("Key", no_wrap=True)
        table.add_column("Value", ratio=1, min_width=8)
        table.add_column("Source", ratio=2)
        console = _console()
        group = console.is_terminal  # on a terminal, short rows; in a pipe, whole key paths
        section = ""
        for path, item in s.inputs.items():
            if item.value is None:
                continue
            prefix, _, key = path.rpartition(".")
            if group and prefix != section:  # grouped under their table: short rows
                section = prefix
                table.add_row(Text(f"[{prefix}]", style="bold"), Text(""), Text(""))
            if group and prefix:
                path = f"  {key}"
            value, unit = value_with_unit(item.value, item.unit)
            shown = (f"{float(value):g} {unit or ''}".strip()
                     if isinstance(value, (int, float)) and not isinstance(value, bool)
                     else str(value))
            source = item.source or {"default": "tco default", "derived": "derived"}.get(
                item.origin, "")
            table.add_row(Text(path), Text(shown), Text(source))
        print_fitted(console, table)
