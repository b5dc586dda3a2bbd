"""What the analysis commands share: their options, how they resolve a scenario, write a
report, show progress and run --fail-if gates.

The commands themselves: :mod:`.uncertainty` (`tco uncertainty`, `tco sensitivity`: how
sure is the answer, what drives it) and :mod:`.flips` (`tco sweep`, `tco breakeven`:
where it flips). This module registers no command.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from ..errors import ExitCode
from .app import (
    Format,
    _complete_keys,
    _complete_targets,
    _console,
    _emit,
    _refuse_inputs,
    _say,
)

Target = Annotated[str | None, typer.Argument(
    metavar="SCENARIO_OR_PRESET",
    help="A scenario TOML file or a preset name (default: the 'default' preset).",
    show_default=False, autocompletion=_complete_targets)]
Ranges = Annotated[list[str] | None, typer.Option(
    "--range", metavar="KEY=LOW..HIGH[:DIST]", autocompletion=_complete_keys,
    help="Give an input a range (DIST: pert, triangular, uniform, lognormal), e.g. "
    "--range options.cpo.switch.price=60000..110000 USD. Repeatable.")]
FormatOpt = Annotated[Format | None, typer.Option(
    "--format", "-f", help="Output format [default: table, or from --output's extension].",
    show_default=False)]
Output = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FILE",
    help="Write the report to FILE (.json, .csv, .md, .html, .txt) instead of stdout.")]
Plot = Annotated[str | None, typer.Option(
    "--plot", metavar="FILE", help="Draw charts to FILE.png or FILE.svg "
    "(needs the extra: pip install '.[plot]').")]


def _complete_key_names(incomplete: str) -> list[str]:
    """Scenario keys without the ``=`` that --set takes."""
    return [k.rstrip("=") for k in _complete_keys(incomplete)]


def _write(view: Any, document: Callable[[], dict[str, Any]], fmt: Format,
           output: str | None, target: str | None,
           charts: Callable[[], list[str]] | None = None) -> None:
    from ..render import views

    if fmt is Format.json:
        text = views.dumps(document())
    elif fmt is Format.csv:
        text = views.csv_text(view)
    elif fmt is Format.markdown:
        text = views.markdown(view)
    elif fmt is Format.html:
        from ..render.html import render_view

        text = render_view(view, charts() if charts else None)
    else:
        console = _console(record=output is not None)
        if output is None:
            views.print_view(console, view)
            return
        with console.capture() as captured:
            views.print_view(console, view)
        text = captured.get()
    _emit(text, output, [target] if target else None)


def _report(view: Any, document: Callable[[], dict[str, Any]], fmt: Format,
            output: str | None, target: str | None, plot: str | None = None,
            draw: Callable[[str], None] | None = None,
            charts: Callable[[], list[str]] | None = None) -> None:
    """Draw --plot (never onto an input), write the report, then say what was drawn."""
    if plot and draw:
        _refuse_inputs(plot, [target] if target else None)
        draw(plot)
    _write(view, document, fmt, output, target, charts)
    if plot:
        _say(f"tco: drew {plot}")


def _charts() -> Any:
    """The matplotlib charts of the analyses (the optional plot extra), imported on use."""
    from ..render import analysis_plot

    return analysis_plot


def _html() -> Any:
    """The inline SVG charts of the analysis pages, imported on use."""
    from ..render import html_analysis

    return html_analysis


def _subtitle(target: str | None, sets: list[str] | None, years: int | None) -> str:
    """What a chart assumes (fleet, horizon, prices at their values), as compare says it."""
    from ..io import loader
    from ..render.chartdata import scenario_assumptions

    return scenario_assumptions(loader.load(target, sets, years))


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for runs that would take over a second, never in a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    start = time.perf_counter()
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            elapsed = time.perf_counter() - start
            if done >= total or elapsed * total / max(done, 1) < 1.0:
                return
            state["bar"] = Progress(console=Console(stderr=True), transient=True)
            state["bar"].start()
            state["task"] = state["bar"].add_task(label, total=total)
        state["bar"].update(state["task"], completed=done)

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].stop()


def _resolve(target: str | None, sets: list[str] | None, years: int | None,
             ranges: list[str] | None, only: str | None, baseline: str | None) -> Any:
    """The scenario, validated, with the options --only keeps and the --baseline named."""
    from ..io import loader
    from ..model import select

    return select.resolved_options(loader.resolve(target, sets, years, ranges), only, baseline)


def _option_id(resolved: Any, name: str | None, what: str) -> str | None:
    """The id of the option ``name`` names (an id or a label, any case), or None."""
    if name is None:
        return None
    from ..errors import InputError
    from ..model import select

    choices = [(key, opt["label"].value or key) for key, opt, _parts in resolved.options]
    try:
        return select.match(name, choices)
    except InputError as exc:
        raise InputError(f"{what}: {exc}") from None


def _gates(checks: list[Any], result: Any) -> None:
    from .. import gates

    tripped = [(gate, shown) for gate in checks
               for held, shown in [gates.evaluate(gate, result)] if held]
    for gate, shown in tripped:
        _say(f"tco: gate tripped: {gate.text}: {shown}")
    if tripped:
        raise typer.Exit(int(ExitCode.GATE_FAILED))


def _percent_option(name: str, text: str) -> float:
    """``20%`` or ``20 %`` as the fraction 0.2 (written with %, as in scenarios)."""
    from ..errors import InputError

    body = text.strip()
    if not body.endswith("%"):
        raise InputError(f"{name} {text!r}: write it with %, such as 20%")
    try:
        value = float(body[:-1])
    except ValueError:
        raise InputError(f"{name} {text!r}: expected a percentage such as 20%") from None
    if not 0 < value < 100:
        raise InputError(f"{name} {text!r}: expected a percentage above 0 and below 100")
    return value / 100.0
