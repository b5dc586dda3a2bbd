"""`tco diff` command."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import (
    Debug,
    Format,
    _console,
    _emit,
    _errors,
    _output_format,
    app,
)


@app.command()
def diff(
    base: Annotated[str, typer.Argument(metavar="BASE.json",
                                        help="A saved `tco compare --format json`.")],
    new: Annotated[str, typer.Argument(metavar="NEW.json", help="The result to compare.")],
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Output format [default: table, or from --output's extension].",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
    debug: Debug = False,
) -> None:
    """Show what changed between two saved JSON results, per option and category."""
    with _errors(debug):
        from .. import diff as diffing

        fmt = _output_format(fmt, output)
        if fmt is Format.html:
            from ..errors import TcoError

            raise TcoError("diff has no HTML format: use table, json, csv or markdown")
        base_doc, new_doc = diffing.read(base), diffing.read(new)
        found = diffing.changes(base_doc, new_doc)
        winners = "".join(f"{line}\n" for line in diffing.winners(base_doc, new_doc))
        if fmt is Format.json:
            import json

            text = json.dumps(diffing.document(found, base, new), indent=2) + "\n"
        elif fmt is Format.csv:
            text = diffing.csv_text(found)
        elif not found:
            text = f"No changes from {base} to {new}.\n"
        elif fmt is Format.markdown:
            from ..render.markdown import grid_markdown

            text = winners + "\n" + grid_markdown(diffing.grid(found, base, new)) + "\n"
        else:
            from ..render.table import print_wide, rich_table

            console = _console(record=output is not None)
            with console.capture() as captured:
                print_wide(console, rich_table(diffing.grid(found, base, new)))
            text = winners + captured.get()
        _emit(text, output, [base, new])
