"""The ``tco`` command. The only module that prints or exits.

Heavy imports (pint, numpy, rich) happen inside the commands, so that
``tco --help`` stays fast. Data goes to stdout, messages to stderr; expected
failures are one line on stderr and exit status 2 (see :class:`ExitCode`).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Any

import typer

from . import __version__
from .errors import ExitCode, TcoError

app = typer.Typer(
    name="tco",
    help="Multi-year total cost of ownership of AI data-centre switch fleets: "
    "pluggable, LPO, NPO, CPO, micro-LED and copper interconnects.\n\n"
    "Exit status: 0 success, 1 a --fail-if gate tripped, "
    "2 bad input or usage, 3 internal error.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
presets_app = typer.Typer(help="List and show the bundled presets.", rich_markup_mode=None,
                          no_args_is_help=True)
app.add_typer(presets_app, name="presets")


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


#: --output picks the format from the file's extension unless --format says otherwise
EXTENSIONS = {".json": Format.json, ".csv": Format.csv, ".md": Format.markdown,
              ".markdown": Format.markdown, ".txt": Format.table}


Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.",
                                     envvar="TCO_DEBUG")]
Sets = Annotated[list[str] | None, typer.Option(
    "--set", metavar="KEY=VALUE",
    help="Override a scenario value, with its unit: --set "
    "analysis.electricity_price='0.12 USD/kWh'. Repeatable.")]
Years = Annotated[int | None, typer.Option("--years", min=1, max=50,
                                           help="Override the horizon (whole years).")]


def _say(line: str) -> None:
    sys.stderr.write(line + "\n")


@contextmanager
def _errors(debug: bool) -> Iterator[None]:
    """Map expected failures to one line and an exit code; tracebacks only with --debug."""
    try:
        yield
    except TcoError as exc:
        if debug:
            traceback.print_exc()
        _say(f"tco: error: {exc}")
        raise typer.Exit(int(exc.exit_code)) from None
    except (typer.Exit, typer.Abort):
        raise
    except BrokenPipeError:
        # the reader went away (`tco compare | head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(int(ExitCode.OK)) from None
    except Exception as exc:
        if debug:
            traceback.print_exc()
        _say(f"tco: internal error: {type(exc).__name__}: {exc} "
             "(rerun with --debug for the traceback, and please report it)")
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _console(record: bool = False) -> Any:
    from rich.console import Console

    if record:  # a file: plain text, no colour, as wide as the tables need
        return Console(highlight=False, soft_wrap=False, color_system=None,
                       force_terminal=False, width=100)
    return Console(highlight=False, soft_wrap=False)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"tco {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Root options."""


@app.command()
def compare(
    targets: Annotated[list[str] | None, typer.Argument(
        metavar="SCENARIO_OR_PRESET",
        help="Scenario TOML files or preset names (default: the 'default' preset).",
        show_default=False)] = None,
    sets: Sets = None,
    years: Years = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Output format [default: table, or from --output's extension].",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write the report to FILE (.json, .csv, .md, .txt) instead of stdout.")] = None,
    fail_if: Annotated[list[str] | None, typer.Option(
        "--fail-if", metavar="EXPR",
        help="Exit 1 after the report if EXPR holds, e.g. 'cpo.npv > pluggable.npv' or "
        "'savings(cpo) < 20 %'. Repeatable.")] = None,
    no_chart: Annotated[bool, typer.Option(
        "--no-chart", help="Leave out the cumulative-cost chart of the table output.")]
    = False,
    plot: Annotated[str | None, typer.Option(
        "--plot", metavar="FILE", help="Draw charts to FILE.png or FILE.svg "
        "(needs the extra: pip install 'tco[plot]').")] = None,
    debug: Debug = False,
) -> None:
    """Compute and compare the options of one or more scenarios."""
    with _errors(debug):
        from . import engine, gates, loader

        fmt = _output_format(fmt, output)
        checks = [gates.parse(text) for text in fail_if or []]
        results = [engine.evaluate(loader.load(t, sets, years)) for t in (targets or [None])]
        for gate in checks:
            for r in results:
                gates.check(gate, r)
        if plot:
            from .render.plot import plot_results

            _refuse_inputs(plot, targets)
            plot_results(results, plot)
        _emit(_render(results, fmt, not no_chart, to_file=output is not None), output, targets)
        if plot:
            _say(f"tco: drew {plot}")
        tripped = [(gate, r, shown) for gate in checks for r in results
                   for held, shown in [gates.evaluate(gate, r)] if held]
        for gate, r, shown in tripped:
            where = f" [{r.scenario.source}]" if len(results) > 1 else ""
            _say(f"tco: gate tripped{where}: {gate.text}: {shown}")
        if tripped:
            raise typer.Exit(int(ExitCode.GATE_FAILED))


def _output_format(fmt: Format | None, output: str | None) -> Format:
    if fmt is not None:
        return fmt
    if output is None:
        return Format.table
    from pathlib import Path

    from .errors import InputError

    suffix = Path(output).suffix.lower()
    if suffix not in EXTENSIONS:
        raise InputError(f"cannot tell the format from {suffix or 'no extension'!r}: "
                         f"use {', '.join(EXTENSIONS)} or --format", source=output)
    return EXTENSIONS[suffix]


def _render(results: list[Any], fmt: Format, chart: bool, to_file: bool) -> str:
    if fmt is Format.json:
        from .render.json_out import dumps

        return dumps(results) + "\n"
    if fmt is Format.csv:
        from .render.csv_out import render

        return render(results)
    if fmt is Format.markdown:
        from .render.markdown import render

        return render(results)
    from .render.table import print_tables

    console = _console(record=to_file)
    if not to_file:
        print_tables(console, results, chart)
        return ""
    with console.capture() as captured:
        print_tables(console, results, chart)
    return captured.get()


def _refuse_inputs(path: str, targets: list[str] | None) -> None:
    """Never write over a scenario the user gave as input."""
    from pathlib import Path

    from .errors import InputError

    out = Path(path).resolve()
    for target in targets or []:
        if Path(target).exists() and Path(target).resolve() == out:
            raise InputError("is one of the inputs: not overwritten", source=path)


def _emit(text: str, output: str | None, targets: list[str] | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from pathlib import Path

    from .errors import InputError

    _refuse_inputs(output, targets)
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=output) from None
    _say(f"tco: wrote {output}")


@app.command()
def explain(
    target: Annotated[str | None, typer.Argument(
        metavar="SCENARIO_OR_PRESET", help="Scenario file or preset (default: 'default').",
        show_default=False)] = None,
    option: Annotated[str, typer.Option("--option", help="The option's key, e.g. cpo.")]
    = "",
    item: Annotated[str, typer.Option(
        "--item", help="The cost category, e.g. energy (see the JSON 'categories').")] = "",
    year: Annotated[int | None, typer.Option(
        "--year", help="Only this year (0 is the deployment).")] = None,
    sets: Sets = None,
    years: Years = None,
    debug: Debug = False,
) -> None:
    """Show how one number was computed: formula, values, units and sources, year by year."""
    with _errors(debug):
        from . import engine, loader
        from .engine import CATEGORIES
        from .errors import InputError
        from .explain import explain as explain_item
        from .explain import render_text

        scenario = loader.load(target, sets, years)
        if not option or not item:
            raise InputError(
                "give --option and --item (options: "
                f"{', '.join(o.id for o in scenario.options)}; items: {', '.join(CATEGORIES)})")
        result = engine.evaluate(scenario)
        sys.stdout.write(render_text(explain_item(scenario, result, option, item, year)))


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
        from . import diff as diffing

        fmt = _output_format(fmt, output)
        found = diffing.changes(diffing.read(base), diffing.read(new))
        if fmt is Format.json:
            import json

            text = json.dumps(diffing.document(found, base, new), indent=2) + "\n"
        elif fmt is Format.csv:
            text = diffing.csv_text(found)
        elif not found:
            text = f"No changes from {base} to {new}.\n"
        elif fmt is Format.markdown:
            from .render.markdown import grid_markdown

            text = grid_markdown(diffing.grid(found, base, new)) + "\n"
        else:
            from .render.table import print_wide, rich_table

            console = _console(record=output is not None)
            with console.capture() as captured:
                print_wide(console, rich_table(diffing.grid(found, base, new)))
            text = captured.get()
        _emit(text, output, [base, new])


@app.command()
def validate(
    targets: Annotated[list[str], typer.Argument(metavar="SCENARIO_OR_PRESET",
                                                 help="Scenario files or preset names.")],
    sets: Sets = None,
    years: Years = None,
    debug: Debug = False,
) -> None:
    """Check scenarios (keys, units, dimensions) without computing them."""
    with _errors(debug):
        from . import loader

        for target in targets:
            s = loader.load(target, sets, years)
            labels = ", ".join(o.label for o in s.options)
            sys.stdout.write(f"ok: {s.source}: {len(s.options)} options ({labels}), "
                             f"{s.analysis.horizon_years} years, {s.analysis.currency}\n")


@app.command()
def schema(
    diff: Annotated[bool, typer.Option("--diff", help="The schema of `tco diff` instead.")]
    = False,
    debug: Debug = False,
) -> None:
    """Print the JSON Schema of `tco compare --format json` output (or of `tco diff`)."""
    with _errors(debug):
        from .render.schema import schema_text

        sys.stdout.write(schema_text("diff" if diff else "result"))


@app.command()
def init(
    path: Annotated[str, typer.Argument(help="File to write ('-' for stdout).")]
    = "scenario.toml",
    preset: Annotated[str, typer.Option("--preset", "-p", help="Preset to start from.")]
    = "default",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]
    = False,
    debug: Debug = False,
) -> None:
    """Write a commented starter scenario that `tco compare PATH` runs unchanged."""
    with _errors(debug):
        from pathlib import Path

        from . import loader
        from .errors import InputError

        text = (f"# Starter scenario written by `tco init` from the preset '{preset}'.\n"
                "# Change the values you know; keep a source next to each number.\n"
                "# Every key, its unit and default: docs/scenario.md in the tco repository.\n"
                f"# Run it with: tco compare {path if path != '-' else 'FILE'}\n\n"
                + loader.preset_text(preset))
        if path == "-":
            sys.stdout.write(text)
            return
        target = Path(path)
        if target.is_dir():
            raise InputError("is a directory; give a file name", source=path)
        if target.exists() and not force:
            raise InputError("already exists and was not overwritten (use --force)",
                             source=path)
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror or exc}", source=path) from None
        _say(f"tco: wrote {path} from the preset '{preset}'; run: tco compare {path}")


@presets_app.command("list")
def presets_list(debug: Debug = False) -> None:
    """List the bundled presets with the options each compares."""
    with _errors(debug):
        from rich.table import Table

        from . import loader
        from .render.table import print_wide

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
        from . import loader

        if raw:
            sys.stdout.write(loader.preset_text(name))
            return
        from rich.table import Table

        from .render.json_out import value_with_unit
        from .render.table import print_wide

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


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:  # pragma: no cover - depends on the reader
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(int(ExitCode.OK))
