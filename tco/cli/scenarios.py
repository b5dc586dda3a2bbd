"""`tco scenarios` commands."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from . import term
from .app import (
    Debug,
    Sets,
    Years,
    _complete_targets,
    _errors,
    _say,
    app,
)


@app.command()
def validate(
    targets: Annotated[list[str], typer.Argument(metavar="SCENARIO_OR_PRESET",
                                                 autocompletion=_complete_targets,
                                                 help="Scenario files or preset names.")],
    sets: Sets = None,
    years: Years = None,
    debug: Debug = False,
) -> None:
    """Check scenarios (keys, units, dimensions) without computing them.

    Each valid scenario is one "ok:" line on stdout; the first error is one line on
    stderr naming the file and key, exit status 2.

    \b
    Examples:
      tco validate fleet.toml
      tco validate default th6-102t europe
      tco validate fleet.toml --set deployment.switches=2000
    """
    with _errors(debug):
        from ..io import loader

        for target in targets:
            s = loader.load(target, sets, years)
            labels = ", ".join(o.label for o in s.options)
            term.write(f"ok: {s.source}: {len(s.options)} options ({labels}), "
                       f"{s.analysis.horizon_years} years, {s.analysis.currency}\n")
            if s.fabric is not None:
                term.write(_derived_line(s.fabric))


def _derived_line(f: Any) -> str:
    """What a [fabric] derived, in one line (the full list: `tco fabric`)."""
    tiers = ", ".join(f"{t.name} {t.switches:,}" for t in f.tiers)
    ends = sum(t.switch_ends + t.nic_ends for t in f.tiers)
    return (f"  derived from [fabric] ({f.gpus:,} GPUs): {f.switches:,} switches ({tiers}), "
            f"{f.ports_in_use:,} switch ports in use and {f.idle_ports:,} idle, "
            f"{f.links:,} links, {ends:,} link ends ({f.hosts:,} on NICs), "
            f"{f.optical_ports():,} optical; see `tco fabric` for parts per tier\n")


@app.command()
def schema(
    diff: Annotated[bool, typer.Option("--diff", help="The schema of `tco diff` instead.")]
    = False,
    fabric: Annotated[bool, typer.Option("--fabric", help="The schema of `tco fabric` "
                                         "instead.")] = False,
    uncertainty: Annotated[bool, typer.Option(
        "--uncertainty", help="The schema of `tco uncertainty`.")] = False,
    sensitivity: Annotated[bool, typer.Option(
        "--sensitivity", help="The schema of `tco sensitivity`.")] = False,
    sweep: Annotated[bool, typer.Option("--sweep", help="The schema of `tco sweep`.")]
    = False,
    breakeven: Annotated[bool, typer.Option(
        "--breakeven", help="The schema of `tco breakeven`.")] = False,
    debug: Debug = False,
) -> None:
    """Print the JSON Schema of `tco compare --format json` output (or of another command).

    \b
    Examples:
      tco schema > tco.schema.json            compare's
      tco schema --diff                       diff's
      tco schema --uncertainty                one analysis command's
    """
    with _errors(debug):
        from ..errors import InputError
        from ..render.schema import schema_text

        kinds = [k for k, on in (("diff", diff), ("fabric", fabric),
                                 ("uncertainty", uncertainty), ("sensitivity", sensitivity),
                                 ("sweep", sweep), ("breakeven", breakeven)) if on]
        if len(kinds) > 1:
            raise InputError(f"give one schema at a time (got --{' --'.join(kinds)})")
        sys.stdout.write(schema_text(kinds[0] if kinds else "result"))


@app.command()
def init(
    path: Annotated[str, typer.Argument(help="File to write ('-' for stdout).")]
    = "scenario.toml",
    preset: Annotated[str, typer.Option("--preset", "-p", help="Preset to start from.",
                                        autocompletion=_complete_targets)]
    = "default",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]
    = False,
    debug: Debug = False,
) -> None:
    """Write a commented starter scenario that `tco compare PATH` runs unchanged.

    Its first line names the preset it starts from: once a value differs from the
    preset's, the report flags the preset's description as the preset's.

    \b
    Examples:
      tco init                                scenario.toml from 'default'
      tco init fleet.toml --preset th6-102t   another preset
      tco init - | less                       to stdout
    """
    with _errors(debug):
        from ..io import loader
        from ..io.output import write_text

        text = (loader.INIT_LINE.format(preset) + "\n"
                "# The report shows the preset's description as the preset's once a value\n"
                "# here differs from it: describe your changes in `description`.\n"
                "# Change the values you know; keep a source next to each number.\n"
                "# Every key, its unit and default: docs/scenario.md in the tco repository.\n"
                f"# Run it with: tco compare {path if path != '-' else 'FILE'}\n\n"
                + loader.preset_text(preset))
        if path == "-":
            sys.stdout.write(text)
            return
        write_text(path, text, exclusive=not force)
        _say(f"tco: wrote {path} from the preset '{preset}'; run: tco compare {path}")
