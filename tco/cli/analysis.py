"""`tco uncertainty`, `sensitivity`, `sweep` and `breakeven`: the analysis commands."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from ..errors import ExitCode
from .app import (
    Debug,
    Format,
    Sets,
    Years,
    _console,
    _emit,
    _errors,
    _output_format,
    _refuse_inputs,
    _say,
    app,
)

Target = Annotated[str | None, typer.Argument(
    metavar="SCENARIO_OR_PRESET",
    help="A scenario TOML file or a preset name (default: the 'default' preset).",
    show_default=False)]
Ranges = Annotated[list[str] | None, typer.Option(
    "--range", metavar="KEY=LOW..HIGH[:DIST]",
    help="Give an input a range (DIST: pert, triangular, uniform, lognormal), e.g. "
    "--range options.cpo.switch.price=60000..110000 USD. Repeatable.")]
FormatOpt = Annotated[Format | None, typer.Option(
    "--format", "-f", help="Output format [default: table, or from --output's extension].",
    show_default=False)]
Output = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FILE",
    help="Write the report to FILE (.json, .csv, .md, .txt) instead of stdout.")]
Plot = Annotated[str | None, typer.Option(
    "--plot", metavar="FILE", help="Draw charts to FILE.png or FILE.svg "
    "(needs the extra: pip install 'tco[plot]').")]


def _write(view: Any, document: Callable[[], dict[str, Any]], fmt: Format,
           output: str | None, target: str | None) -> None:
    from ..render import views

    if fmt is Format.json:
        text = views.dumps(document())
    elif fmt is Format.csv:
        text = views.csv_text(view)
    elif fmt is Format.markdown:
        text = views.markdown(view)
    else:
        console = _console(record=output is not None)
        if output is None:
            views.print_view(console, view)
            return
        with console.capture() as captured:
            views.print_view(console, view)
        text = captured.get()
    _emit(text, output, [target] if target else None)


def _plot(plot: str | None, target: str | None, draw: Callable[[str], None]) -> None:
    if plot:
        _refuse_inputs(plot, [target] if target else None)
        draw(plot)


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


@app.command()
def uncertainty(
    target: Target = None,
    samples: Annotated[int, typer.Option("--samples", "-n", min=1, max=100_000_000,
                                         help="Number of samples.")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the random draws: "
                                      "the same seed gives the same output.")] = 0,
    ranges: Ranges = None,
    sets: Sets = None,
    years: Years = None,
    fmt: FormatOpt = None,
    output: Output = None,
    fail_if: Annotated[list[str] | None, typer.Option(
        "--fail-if", metavar="EXPR",
        help="Exit 1 after the report if EXPR holds, e.g. 'p10(savings(cpo)) < 0 USD' or "
        "'prob_cheapest(cpo) < 80 %'. Repeatable.")] = None,
    plot: Plot = None,
    debug: Debug = False,
) -> None:
    """How sure is the answer: sample every ranged input, evaluate all options on each draw."""
    with _errors(debug):
        from .. import gates
        from ..analysis import uncertainty as analysis
        from ..io import loader
        from ..render import uncertainty as render

        fmt = _output_format(fmt, output)
        checks = [gates.parse(text, samples=True) for text in fail_if or []]
        resolved = loader.resolve(target, sets, years, ranges)
        with _progress(f"{samples:,} samples") as progress:
            result = analysis.run(resolved, samples, seed, progress)
        for gate in checks:
            gates.check(gate, result)
        for path, count in result.clipped.items():
            _say(f"tco: note: {count:,} of {samples:,} samples of {path} fell outside the "
                 "values it allows and were clipped to the nearest one")

        def draw(path: str) -> None:
            from ..render.analysis_plot import plot_uncertainty

            plot_uncertainty(result, path)

        _plot(plot, target, draw)
        _write(render.view(result), lambda: render.document(result), fmt, output, target)
        if plot:
            _say(f"tco: drew {plot}")
        _gates(checks, result)


def _gates(checks: list[Any], result: Any) -> None:
    from .. import gates

    tripped = [(gate, shown) for gate in checks
               for held, shown in [gates.evaluate(gate, result)] if held]
    for gate, shown in tripped:
        _say(f"tco: gate tripped: {gate.text}: {shown}")
    if tripped:
        raise typer.Exit(int(ExitCode.GATE_FAILED))
