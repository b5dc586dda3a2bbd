"""`tco compare` commands."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..errors import ExitCode, InputError
from . import compare_with as _with
from .app import (
    Baseline,
    Debug,
    Format,
    Only,
    Sets,
    Wide,
    Years,
    _complete_targets,
    _console,
    _emit,
    _errors,
    _output_format,
    _say,
    app,
)


@app.command()
def compare(
    targets: Annotated[list[str] | None, typer.Argument(
        metavar="SCENARIO_OR_PRESET",
        help="Scenario TOML files or preset names (default: the 'default' preset).",
        show_default=False, autocompletion=_complete_targets)] = None,
    sets: Sets = None,
    years: Years = None,
    only: Only = None,
    baseline: Baseline = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Output format [default: table, or from --output's extension].",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write the report to FILE (.json, .csv, .md, .html, .txt) instead of stdout.")]
    = None,
    fail_if: Annotated[list[str] | None, typer.Option(
        "--fail-if", metavar="EXPR",
        help="Exit 1 after the report if EXPR holds, e.g. 'cpo.npv > pluggable.npv' or "
        "'savings(cpo) < 20 %'. Repeatable.")] = None,
    no_chart: Annotated[bool, typer.Option(
        "--no-chart", help="Leave out the cumulative-cost chart of the table output.")]
    = False,
    plot: Annotated[str | None, typer.Option(
        "--plot", metavar="FILE", help="Draw charts to FILE.png, FILE.svg or FILE.pdf "
        "(needs the extra: pip install '.[plot]').")] = None,
    table: Annotated[str | None, typer.Option(
        "--table", metavar="NAME", help="With --format csv: the table to write: summary, "
        "cashflow (the default), physical or inputs. `-o DIR/` writes them all, one file "
        "each.")] = None,
    hinge: Annotated[bool, typer.Option(
        "--hinge", help="Say in the verdict which ranged input the answer hinges on "
        "(the top of the sensitivity tornado of the cheapest option against the next "
        "best; costs one vectorised evaluation).")] = False,
    analyses: Annotated[list[str] | None, typer.Option(
        "--with", metavar="ANALYSES", autocompletion=_with.complete,
        help="Add analyses to the table, Markdown or HTML report: uncertainty, "
        "sensitivity, or both (--with uncertainty,sensitivity). The verdict then says how "
        "sure it is and which input it hinges on.")] = None,
    samples: Annotated[int | None, typer.Option(
        "--samples", min=1, max=100_000_000, help="With --with uncertainty: the number of "
        "samples [default: 10,000].", show_default=False)] = None,
    seed: Annotated[int | None, typer.Option(
        "--seed", min=0, help="With --with uncertainty: the seed of the draws [default: 0].",
        show_default=False)] = None,
    ranges: Annotated[list[str] | None, typer.Option(
        "--range", metavar="KEY=LOW..HIGH[:DIST]",
        help="Give an input a range for --with (as in tco uncertainty). Repeatable.")] = None,
    wide: Wide = False,
    debug: Debug = False,
) -> None:
    """Compute and compare the options of one or more scenarios.

    The report opens with the verdict (the cheapest option and by how much), then
    the tables: cost by category, cash flow by year, physical metrics.

    \b
    Examples:
      tco compare                                  the default preset
      tco compare th6-102t --years 6               another preset, six years
      tco compare fleet.toml --set deployment.switches=2000
      tco compare --only cpo,lpo --baseline lpo    two options, LPO the baseline
      tco compare -o report.html                   a report to share
      tco compare -o report.html --with uncertainty,sensitivity
                                                   ... and the analyses
      tco compare -f csv --table summary           one table as CSV
      tco compare -o tables/                       every table, one CSV each
      tco compare --fail-if "savings(cpo) < 20 %"  a CI gate (exit 1)
    """
    with _errors(debug):
        import os

        from .. import engine
        from ..io import loader

        folder = output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output))
        if table is not None:
            from ..render.csv_tables import TABLES

            if table not in TABLES:
                raise InputError(f"--table {table!r}: expected one of {', '.join(TABLES)}")
        if folder:
            if fmt not in (None, Format.csv):
                raise InputError("a folder takes one CSV file per table: use --format csv "
                                 "or a file name", source=output)
            fmt = Format.csv
        fmt = _output_format(fmt, output)
        checks: list[Any] = []
        if fail_if:  # the gate grammar only when a gate is given
            from .. import gates

            checks = [gates.parse(text) for text in fail_if]
        wanted = _with.parse(analyses, samples, seed)
        if wanted is not None and fmt in (Format.json, Format.csv):
            raise InputError(f"--with adds sections to the table, Markdown and HTML reports, "
                             f"not to {fmt.value}: for data run tco uncertainty or tco "
                             f"sensitivity --format {fmt.value}")
        if ranges and wanted is None:
            raise InputError("--range: compare ignores ranges; they count with --with "
                             "uncertainty or sensitivity")
        from ..model import select

        results = [engine.evaluate(select.options(loader.load(t, sets, years, ranges), only,
                                                  baseline))
                   for t in (targets or [None])]

        def resolve(t: str | None) -> Any:
            return lambda: select.resolved_options(loader.resolve(t, sets, years, ranges),
                                                   only, baseline)

        if hinge:
            for t, r in zip(targets or [None], results, strict=True):
                r.hinges_on = _with.driver(_with.tornado(resolve(t)(), r), r)
        done = None
        if wanted is not None:
            from .analysis import _progress

            with _progress(f"{wanted.samples:,} samples") as progress:
                done = [_with.run(wanted, resolve(t), r, progress)
                        for t, r in zip(targets or [None], results, strict=True)]
        for r in results:
            for line in r.warnings:
                _say(f"tco: warning: {line}")
        for gate in checks:
            for r in results:
                gates.check(gate, r)
        if plot:
            from ..io.output import same_place
            from ..render.plot import plot_results

            if output is not None and same_place(plot, output):
                raise InputError("is also the --output file: give the chart its own name",
                                 source=plot)
            plot_results(results, plot, targets or [])
        if folder:
            from ..render.csv_tables import TABLES
            from ..render.csv_tables import render as csv_table

            os.makedirs(output, exist_ok=True)
            for name in TABLES if table is None else (table,):
                _emit(csv_table(results, name), os.path.join(output, f"{name}.csv"), targets)
        else:
            _emit(_render(results, fmt, not no_chart, to_file=output is not None, wide=wide,
                          table=table, analyses=done), output, targets)
        if plot:
            _say(f"tco: drew {plot}")
        tripped = [(gate, r, shown) for gate in checks for r in results
                   for held, shown in [gates.evaluate(gate, r)] if held]
        for gate, r, shown in tripped:
            where = f" [{r.scenario.source}]" if len(results) > 1 else ""
            _say(f"tco: gate tripped{where}: {gate.text}: {shown}")
        if tripped:
            raise typer.Exit(int(ExitCode.GATE_FAILED))


def _render(results: list[Any], fmt: Format, chart: bool, to_file: bool,
            wide: bool = False, table: str | None = None,
            analyses: list[Any] | None = None) -> str:
    if fmt is Format.json:
        from ..render.json_out import dumps

        return dumps(results) + "\n"
    if fmt is Format.csv:
        from ..render.csv_tables import render

        return render(results, table or "cashflow")
    if fmt is Format.markdown:
        from ..render.markdown import render

        return render(results) + _analysis_markdown(analyses)
    if fmt is Format.html:
        from ..render.html import render

        return render(results, analyses)
    from ..render.table import print_tables

    console = _console(record=to_file)
    if not to_file:
        print_tables(console, results, chart, wide)
        _print_analyses(console, analyses)
        return ""
    with console.capture() as captured:
        print_tables(console, results, chart, wide=True)
        _print_analyses(console, analyses)
    return captured.get()


def _analysis_markdown(analyses: list[Any] | None) -> str:
    if not analyses:
        return ""
    from ..render.html_analysis import views
    from ..render.views import markdown

    return "".join("\n" + markdown(view).replace("## ", "### ", 1)
                   for a in analyses for _, view in views(a))


def _print_analyses(console: Any, analyses: list[Any] | None) -> None:
    from ..render.html_analysis import views
    from ..render.table import print_words
    from ..render.views import print_view

    for a in analyses or []:
        for _, view in views(a):
            console.print()
            print_words(console, view.title, style="bold")
            print_view(console, view)
