"""`tco diff` command."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import (
    Debug,
    Format,
    Wide,
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
        "--format", "-f", help="Output format: table, json, csv or markdown [default: "
        "table, or from --output's extension].", show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
    wide: Wide = False,
    debug: Debug = False,
) -> None:
    """Show what changed between two saved JSON results: inputs first, then the costs.

    Per scenario: the inputs that changed, whether the winner changed, each
    option's total, present value, savings and rank (signed: new minus base),
    then the cost categories and physical metrics that changed.

    \b
    Examples:
      tco compare -o base.json
      tco compare -o new.json --set analysis.electricity_price='0.10 USD/kWh'
      tco diff base.json new.json
      tco diff base.json new.json -f json       as data (tco schema --diff)
      tco diff base.json new.json -o diff.md    markdown for a review comment
      tco diff base.json new.json -f csv        every section as one tidy table
    """
    with _errors(debug):
        from .. import diff as diffing

        fmt = _output_format(fmt, output)
        if fmt is Format.html:
            from ..errors import TcoError

            raise TcoError("diff has no HTML format: use table, json, csv or markdown")
        found = diffing.diff(diffing.read(base), diffing.read(new))
        if fmt is Format.json:
            import json

            text = json.dumps(diffing.document(found, base, new), indent=2) + "\n"
        elif fmt is Format.csv:
            from ..render.diff_view import csv_text

            text = csv_text(found)
        elif all(d.empty for d in found):
            text = f"No changes from {base} to {new}.\n"
        elif fmt is Format.markdown:
            from ..render.diff_view import markdown

            text = markdown(found)
        else:
            from ..render.diff_view import print_diff

            console = _console(record=output is not None)
            if output is None:
                print_diff(console, found, wide)
                return
            with console.capture() as captured:
                print_diff(console, found, wide)
            text = captured.get()
        _emit(text, output, [base, new])
