"""`tco compare` commands."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..errors import ExitCode
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
      tco compare -f csv --table summary           one table as CSV
      tco compare -o tables/                       every table, one CSV each
      tco compare --fail-if "savings(cpo) < 20 %"  a CI gate (exit 1)
    """
    with _errors(debug):
        import os

        from .. import engine, gates
        from ..errors import InputError
        from ..io import loader
        from ..render.csv_tables import TABLES

        folder = output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output))
        if table is not None and table not in TABLES:
            raise InputError(f"--table {table!r}: expected one of {', '.join(TABLES)}")
        if folder:
            if fmt not in (None, Format.csv):
                raise InputError("a folder takes one CSV file per table: use --format csv "
                                 "or a file name", source=output)
            fmt = Format.csv
        fmt = _output_format(fmt, output)
        checks = [gates.parse(text) for text in fail_if or []]
        from ..model import select

        results = [engine.evaluate(select.options(loader.load(t, sets, years), only, baseline))
                   for t in (targets or [None])]
        if hinge:
            for t, r in zip(targets or [None], results, strict=True):
                r.hinges_on = _hinge(loader.resolve(t, sets, years), r, only, baseline)
        for r in results:
            for line in r.warnings:
                _say(f"tco: warning: {line}")
        for gate in checks:
            for r in results:
                gates.check(gate, r)
        if plot:
            from ..errors import InputError
            from ..io.output import same_place
            from ..render.plot import plot_results

            if output is not None and same_place(plot, output):
                raise InputError("is also the --output file: give the chart its own name",
                                 source=plot)
            plot_results(results, plot, targets or [])
        if folder:
            from ..render.csv_tables import render as csv_table

            os.makedirs(output, exist_ok=True)
            for name in TABLES if table is None else (table,):
                _emit(csv_table(results, name), os.path.join(output, f"{name}.csv"), targets)
        else:
            _emit(_render(results, fmt, not no_chart, to_file=output is not None, wide=wide,
                          table=table), output, targets)
        if plot:
            _say(f"tco: drew {plot}")
        tripped = [(gate, r, shown) for gate in checks for r in results
                   for held, shown in [gates.evaluate(gate, r)] if held]
        for gate, r, shown in tripped:
            where = f" [{r.scenario.source}]" if len(results) > 1 else ""
            _say(f"tco: gate tripped{where}: {gate.text}: {shown}")
        if tripped:
            raise typer.Exit(int(ExitCode.GATE_FAILED))


def _hinge(resolved: Any, result: Any, only: str | None, baseline: str | None) -> Any:
    """The input the verdict hinges on: the top row of the tornado of the cheapest
    option's present-value savings against the next best (None without ranges)."""
    from ..analysis.sensitivity import hinge
    from ..model import select
    from ..render.verdict import Driver, verdict

    v = verdict(result)
    if v.runner_up is None:
        return None
    row = hinge(select.resolved_options(resolved, only, baseline), option=v.cheapest.id,
                against=v.runner_up.id)
    if row is None:
        return None
    unit = f" {row.input.unit}" if row.input.unit else ""
    return Driver(row.input.path, f"{row.input.path} (from {row.low:,.6g} to "
                  f"{row.high:,.6g}{unit}, {v.cheapest.label}'s present-value savings "
                  f"against {v.runner_up.label} go from {row.at_low:,.0f} to "
                  f"{row.at_high:,.0f} {result.currency})")


def _render(results: list[Any], fmt: Format, chart: bool, to_file: bool,
            wide: bool = False, table: str | None = None) -> str:
    if fmt is Format.json:
        from ..render.json_out import dumps

        return dumps(results) + "\n"
    if fmt is Format.csv:
        from ..render.csv_tables import render

        return render(results, table or "cashflow")
    if fmt is Format.markdown:
        from ..render.markdown import render

        return render(results)
    if fmt is Format.html:
        from ..render.html import render

        return render(results)
    from ..render.table import print_tables

    console = _console(record=to_file)
    if not to_file:
        print_tables(console, results, chart, wide)
        return ""
    with console.capture() as captured:
        print_tables(console, results, chart, wide=True)
    return captured.get()
