"""`tco fabric`: the bill of materials a [fabric] derives, per tier, without costs."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import (
    Debug,
    Format,
    Sets,
    _complete_targets,
    _console,
    _emit,
    _errors,
    _output_format,
    app,
)


@app.command()
def fabric(
    targets: Annotated[list[str] | None, typer.Argument(
        metavar="SCENARIO_OR_PRESET", autocompletion=_complete_targets,
        help="Scenario files or preset names with a [fabric] section (a file may hold "
        "only [fabric]; default: the 'ai-cluster-32k' preset).", show_default=False)] = None,
    sets: Sets = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="table, json or csv [default: table, or from --output].",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE (.json, .csv, .txt).")] = None,
    debug: Debug = False,
) -> None:
    """Print the fabric's switches, ports, links, modules and lasers per tier (no costs).

    \b
    Examples:
      tco fabric                              the 'ai-cluster-32k' preset
      tco fabric ai-cluster-128k -f json
      tco fabric --set fabric.gpus=16384      another cluster size
    """
    with _errors(debug):
        from ..errors import InputError
        from ..io import loader
        from ..model.bom import bill_of_materials
        from ..render import fabric_out

        fmt = _output_format(fmt, output)
        if fmt is Format.markdown:
            raise InputError("tco fabric writes table, json or csv")
        boms = []
        for target in targets or ["ai-cluster-32k"]:
            built, options, source = loader.load_fabric(target, sets)
            boms.append((source, bill_of_materials(built, options)))
        if fmt is Format.json:
            _emit(fabric_out.dumps(boms), output, targets)
        elif fmt is Format.csv:
            _emit(fabric_out.render_csv(boms), output, targets)
        else:
            from ..render.table import print_split

            console = _console(record=output is not None)
            with console.capture() as captured:
                for source, bom in boms:
                    for table in fabric_out.tables(source, bom):
                        print_split(console, table)
            text = captured.get()
            _emit(text, output, targets)
