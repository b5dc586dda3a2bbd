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

        from ..io import loader
        from ..render.table import print_wide

        table = Table(title="Presets", title_justify="left", header_style="bold")
        for column in ("Name", "Description", "Options"):
            table.add_column(column)
        for name in loader.preset_names():
            data = loader.resolve_extends(loader.read_preset(name)).data
            options = data.get("options", {})
            labels = ", ".join(str(o.get("label", k)) for k, o in options.items())
            table.add_row(name, str(data.get("description", "")), labels)
        print_wide(_console(), table)


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

        from ..render.json_out import value_with_unit
        from ..render.table import print_wide

        s = loader.load_raw(loader.read_preset(name))
        table = Table(title=f"Preset '{name}': {s.name}", title_justify="left",
                      header_style="bold")
        for column in ("Key", "Value", "Source"):
            table.add_column(column)
        for path, item in s.inputs.items():
            if item.value is None:
                continue
            value, unit = value_with_unit(item.value, item.unit)
            shown = f"{value:g} {unit}".strip() if isinstance(value, float) else str(value)
            source = item.source or {"default": "tco default", "derived": "derived"}.get(
                item.origin, "")
            table.add_row(path, shown, source)
        print_wide(_console(), table)
