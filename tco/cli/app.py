"""The ``tco`` app and what its commands share. Only ``tco.cli`` prints or exits.

Heavy imports (pint, numpy, rich) happen inside the commands, so that
``tco --help`` stays fast. Data goes to stdout, messages to stderr; expected
failures are one line on stderr and exit status 2 (see :class:`ExitCode`).
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Any

import typer

from .. import __version__
from ..errors import ExitCode, TcoError, clip


class Commands(list):  # type: ignore[type-arg]
    """An app's registered commands, which its command modules add when imported: read
    (by typer, building the command line), they are all there (tco.cli.every_command),
    unless the command line named one command, whose module alone is imported."""

    def __iter__(self) -> Any:
        from . import every_command

        every_command()
        return super().__iter__()


app = typer.Typer(
    name="tco",
    help="Multi-year total cost of ownership of AI data-centre switch fleets: "
    "pluggable, LPO, NPO, CPO, micro-LED and copper interconnects.\n\n"
    "\b\nExamples:\n"
    "  tco compare                      the default preset: the verdict and tables\n"
    "  tco presets list                 the bundled presets\n"
    "  tco init fleet.toml              a starter scenario to edit, then:\n"
    "  tco compare fleet.toml -o report.html\n"
    "  tco uncertainty fleet.toml       how sure is the answer\n"
    "  tco COMMAND --help               each command's options and examples\n\n"
    "Exit status: 0 success, 1 a --fail-if gate tripped, "
    "2 bad input or usage, 3 internal error.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
presets_app = typer.Typer(help="List and show the bundled presets.\n\n\b\nExamples:\n"
                          "  tco presets list\n  tco presets show default\n",
                          rich_markup_mode=None,
                          no_args_is_help=True)
app.add_typer(presets_app, name="presets")
app.registered_commands = Commands()
presets_app.registered_commands = Commands()


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"


#: --output picks the format from the file's extension unless --format says otherwise
EXTENSIONS = {".json": Format.json, ".csv": Format.csv, ".md": Format.markdown,
              ".markdown": Format.markdown, ".txt": Format.table, ".html": Format.html,
              ".htm": Format.html}


Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.",
                                     envvar="TCO_DEBUG")]
Sets = Annotated[list[str] | None, typer.Option(
    "--set", metavar="KEY=VALUE", autocompletion=lambda incomplete: _complete_keys(incomplete),
    help="Override a scenario value, with its unit: --set "
    "analysis.electricity_price='0.12 USD/kWh'; a failure mode by its place from 1: "
    "options.cpo.switch.failure_modes[2].afr='1 %'. Repeatable.")]
Years = Annotated[int | None, typer.Option("--years", min=1, max=50,
                                           help="Override the horizon (whole years).")]
Only = Annotated[str | None, typer.Option(
    "--only", metavar="A,B", help="Compare only these options (ids or labels, any case), "
    "in this order.", autocompletion=lambda: _complete_options())]
Baseline = Annotated[str | None, typer.Option(
    "--baseline", metavar="OPTION", help="Compare the others against this option "
    "(id or label, any case).", autocompletion=lambda: _complete_options())]
Wide = Annotated[bool, typer.Option(
    "--wide", help="Full-precision figures on a terminal, tables as wide as they need "
    "(the default in a pipe or a file).")]


def _full_summaries(command: Any) -> Any:
    """Each command's summary in `tco --help` is its first sentence, whole (click cuts
    it at ~45 characters mid-sentence)."""
    for sub in getattr(command, "commands", {}).values():
        if not sub.short_help and sub.help:
            first = sub.help.strip().split("\n\n")[0].replace("\n", " ")
            sub.short_help = first.split(". ")[0].rstrip(".")
        _full_summaries(sub)
    return command


def _complete_keys(incomplete: str) -> list[str]:
    from .completion import keys

    return keys(incomplete)


def _complete_targets(incomplete: str) -> list[str]:
    from .completion import targets

    return targets(incomplete)


def _complete_options() -> list[str]:
    """Option ids of the scenario named on the command line (else the default preset)."""
    from .completion import option_ids

    return option_ids()


def _say(line: str) -> None:
    """One line on stderr (a message never spans lines, whatever it quotes)."""
    sys.stderr.write(" ".join(line.splitlines()) + "\n")


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
        _quiet_stdout()
        raise typer.Exit(int(ExitCode.OK)) from None
    except Exception as exc:
        if debug:
            traceback.print_exc()
        _say(f"tco: internal error: {type(exc).__name__}: {clip(str(exc))} "
             "(rerun with --debug for the traceback, and please report it)")
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _quiet_stdout() -> None:
    """The reader of stdout went away (`tco compare | head`): not an error of ours.

    Whatever is still buffered goes nowhere, so that Python's own flush at exit
    neither complains nor changes the exit status.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a real file
        pass


def run(args: list[str] | None = None) -> int:
    """Run the command line and return the exit status (see :class:`ExitCode`).

    click's own error reporting is off (standalone_mode=False): a usage error
    (bad option value, unknown option or command, missing argument) is one
    line here, exit 2; a closed stdout is exit 0 and silent, for every format.
    """
    from . import narrowed, register, usage

    argv = list(sys.argv[1:] if args is None else args)
    debug = "--debug" in argv or os.environ.get("TCO_DEBUG", "") not in ("", "0")
    with narrowed(register(argv)):  # the command named (only its module), or every one
        command = _full_summaries(usage.friendly_types(typer.main.get_command(app)))
    try:
        try:
            status = command.main(args=argv, prog_name="tco", standalone_mode=False)
            sys.stdout.flush()
        except usage.UsageError as exc:
            if usage.NoArgsIsHelpError is not None \
                    and isinstance(exc, usage.NoArgsIsHelpError):
                sys.stdout.write(exc.ctx.get_help() + "\n")  # `tco` alone: the help
                sys.stdout.flush()
                return int(ExitCode.OK)
            if debug:
                traceback.print_exc()
            _say(f"tco: error: {usage.message(exc)}")
            return int(ExitCode.BAD_INPUT)
    except BrokenPipeError:
        _quiet_stdout()
        return int(ExitCode.OK)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        _quiet_stdout()
        return int(ExitCode.OK)
    except SystemExit:
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # click met a closed stdout
            _quiet_stdout()
            return int(ExitCode.OK)
        raise
    except (KeyboardInterrupt, typer.Abort):
        _say("tco: interrupted")
        return 130
    except Exception as exc:  # outside any command's _errors: still one line
        if debug:
            traceback.print_exc()
        _say(f"tco: internal error: {type(exc).__name__}: {clip(str(exc))} "
             "(rerun with --debug for the traceback, and please report it)")
        return int(ExitCode.INTERNAL)
    return status if isinstance(status, int) else int(ExitCode.OK)


def _console(record: bool = False) -> Any:
    from rich.console import Console

    class _Console(Console):
        @property
        def encoding(self) -> str:
            """ASCII on a terminal, whatever its locale says: a box-drawing character
            is three bytes, and a terminal (or a multiplexer, or a tool counting its
            lines) that is not really UTF-8, which the locale cannot tell, shows each
            byte as a cell: an 80-column table draws 240 and wraps mid-number. ASCII
            tables are one cell per byte everywhere. Files and pipes keep UTF-8."""
            if self.is_terminal:
                return "ascii"
            return super().encoding

        def on_broken_pipe(self) -> None:
            """rich exits 1 on a closed stdout; tco's caller decides (exit 0, silent)."""
            self.quiet = True
            raise BrokenPipeError

    if record:  # a file: plain text, no colour, as wide as the tables need
        return _Console(highlight=False, soft_wrap=False, color_system=None,
                        force_terminal=False, width=100)
    console = _Console(highlight=False, soft_wrap=False)
    if console.is_dumb_terminal:  # rich assumes 80 columns there: ask the terminal
        import shutil

        size = shutil.get_terminal_size()
        console = _Console(highlight=False, soft_wrap=False, width=size.columns,
                           height=size.lines)
    return console


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


def _output_format(fmt: Format | None, output: str | None) -> Format:
    if fmt is not None:
        return fmt
    if output is None:
        return Format.table
    from pathlib import Path

    from ..errors import InputError

    suffix = Path(output).suffix.lower()
    if suffix not in EXTENSIONS:
        raise InputError(f"cannot tell the format from {suffix or 'no extension'!r}: "
                         f"use {', '.join(EXTENSIONS)} or --format", source=output)
    return EXTENSIONS[suffix]


def _refuse_inputs(path: str, targets: list[str] | None) -> None:
    """Never write over a file the user gave as input (see :mod:`tco.io.output`)."""
    from ..io.output import refuse_inputs

    refuse_inputs(path, targets or [])


def _emit(text: str, output: str | None, targets: list[str] | None) -> None:
    """The report to stdout, or atomically to ``output`` (never onto an input)."""
    if output is None:
        sys.stdout.write(text)
        return
    from ..io.output import write_text

    write_text(output, text, targets or [])
    _say(f"tco: wrote {output}")
