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
    Baseline,
    Debug,
    Format,
    Only,
    Sets,
    Years,
    _complete_keys,
    _complete_options,
    _complete_targets,
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
    only: Only = None,
    baseline: Baseline = None,
    fmt: FormatOpt = None,
    output: Output = None,
    fail_if: Annotated[list[str] | None, typer.Option(
        "--fail-if", metavar="EXPR",
        help="Exit 1 after the report if EXPR holds, e.g. 'p10(savings(cpo)) < 0 USD' or "
        "'prob_cheapest(cpo) < 80 %'. Repeatable.")] = None,
    plot: Plot = None,
    debug: Debug = False,
) -> None:
    """How sure is the answer: sample every ranged input, evaluate all options on each draw.

    Reports each option's total and present value as percentiles, the savings against
    the baseline and how often each option is the cheapest.

    \b
    Examples:
      tco uncertainty                              the default preset's ranges
      tco uncertainty th6-102t -n 2000 --seed 7    another preset, fewer samples
      tco uncertainty --only cpo,lpo --baseline lpo
      tco uncertainty --range 'analysis.electricity_price=0.05..0.15 USD/kWh'
      tco uncertainty --fail-if 'prob_cheapest(cpo) < 80 %'   a CI gate (exit 1)
      tco uncertainty -o uncertainty.html --plot uncertainty.svg
    """
    with _errors(debug):
        from .. import gates
        from ..analysis import uncertainty as analysis
        from ..render import uncertainty as render

        fmt = _output_format(fmt, output)
        checks = [gates.parse(text, samples=True) for text in fail_if or []]
        resolved = _resolve(target, sets, years, ranges, only, baseline)
        with _progress(f"{samples:,} samples") as progress:
            result = analysis.run(resolved, samples, seed, progress)
        for gate in checks:
            gates.check(gate, result)
        for path, count in result.clipped.items():
            _say(f"tco: note: {count:,} of {samples:,} samples of {path} fell outside the "
                 "values it allows and were clipped to the nearest one")

        _report(render.view(result), lambda: render.document(result), fmt, output, target,
                plot, lambda path: _charts().plot_uncertainty(result, path),
                lambda: _html().uncertainty_page(result, _subtitle(target, sets, years)))
        _gates(checks, result)


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


@app.command()
def sensitivity(
    target: Target = None,
    metric: Annotated[str, typer.Option(
        "--metric", help="pv_savings (OPTION against AGAINST, present value), savings "
        "(undiscounted), present_value or total (of OPTION).")] = "pv_savings",
    option: Annotated[str | None, typer.Option(
        "--option", help="The option [default: the cheapest at the values].",
        autocompletion=_complete_options)] = None,
    against: Annotated[str | None, typer.Option(
        "--against", help="The option savings are measured against [default: the "
        "baseline].", autocompletion=_complete_options)] = None,
    delta: Annotated[str | None, typer.Option(
        "--delta", metavar="PERCENT",
        help="Also move every input without a range by +-PERCENT, e.g. --delta 20%.")]
    = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Rows in the table.")] = 15,
    ranges: Ranges = None,
    sets: Sets = None,
    years: Years = None,
    only: Only = None,
    baseline: Baseline = None,
    fmt: FormatOpt = None,
    output: Output = None,
    plot: Plot = None,
    debug: Debug = False,
) -> None:
    """What drives the answer: a tornado, each ranged input at its low and high.

    One input moves at a time, the others stay at their values: a tornado can
    mislead when inputs move together (see `tco uncertainty`).

    \b
    Examples:
      tco sensitivity                              the cheapest vs the baseline
      tco sensitivity --option lpo --against cpo   LPO's savings against CPO
      tco sensitivity --only cpo,lpo --baseline lpo
      tco sensitivity --delta 20% --top 10         also every other input +-20 %
      tco sensitivity --metric total --option cpo --plot tornado.svg
    """
    with _errors(debug):
        from ..analysis import sensitivity as analysis
        from ..render import sensitivity as render

        fmt = _output_format(fmt, output)
        share = _percent_option("--delta", delta) if delta is not None else None
        resolved = _resolve(target, sets, years, ranges, only, baseline)
        result = analysis.run(resolved, metric, _option_id(resolved, option, "--option"),
                              _option_id(resolved, against, "--against"), share)

        def charts() -> list[str]:
            from ..render.svg import tornado

            return [tornado(result, "tornado", top, _subtitle(target, sets, years))]

        _report(render.view(result, top), lambda: render.document(result), fmt, output,
                target, plot, lambda path: _charts().plot_tornado(result, path, top), charts)


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


@app.command()
def sweep(
    target: Target = None,
    vary: Annotated[list[str], typer.Option(
        "--vary", metavar="KEY=START..STOP[:STEP]", autocompletion=_complete_keys,
        help="The input to step through, e.g. --vary "
        "analysis.electricity_price=0.05..0.20 USD/kWh:0.05 USD/kWh (11 values without "
        "a step). Twice for a grid.")] = ...,  # type: ignore[assignment]
    ranges: Ranges = None,
    sets: Sets = None,
    years: Years = None,
    only: Only = None,
    baseline: Baseline = None,
    fmt: FormatOpt = None,
    output: Output = None,
    plot: Plot = None,
    debug: Debug = False,
) -> None:
    """Where it flips: each option's cost as one input (or two, a grid) steps through values.

    \b
    Examples:
      tco sweep --vary 'analysis.electricity_price=0..0.3 USD/kWh'   11 values
      tco sweep --vary 'analysis.horizon=3..8 year:1 year' --only cpo,lpo
      tco sweep --vary 'analysis.horizon=3..7 year' \\
                --vary 'options.cpo.switch.price=50000..250000 USD:50000 USD'
      tco sweep --vary 'analysis.discount_rate=0..15 %' -f csv -o sweep.csv
    """
    with _errors(debug):
        from ..analysis import sweep as analysis
        from ..render import sweep as render

        fmt = _output_format(fmt, output)
        resolved = _resolve(target, sets, years, ranges, only, baseline)
        with _progress("sweep") as progress:
            result = analysis.run(resolved, vary, progress)

        _report(render.view(result), lambda: render.document(result), fmt, output, target,
                plot, lambda path: _charts().plot_sweep(result, path),
                lambda: _html().sweep_page(result, _subtitle(target, sets, years)))


@app.command()
def breakeven(
    target: Target = None,
    option: Annotated[str, typer.Option("--option", help="The option (A).",
                                        autocompletion=_complete_options)]
    = ...,  # type: ignore[assignment]
    against: Annotated[str, typer.Option("--against", help="The option it is measured "
                                         "against (B).", autocompletion=_complete_options)]
    = ...,  # type: ignore[assignment]
    vary: Annotated[str, typer.Option("--vary", metavar="KEY", help="The input to solve for.",
                                      autocompletion=_complete_key_names)]
    = ...,  # type: ignore[assignment]
    between: Annotated[str | None, typer.Option(
        "--between", metavar="LOW..HIGH",
        help="Search only this range, e.g. --between 0..0.5 USD/kWh [default: every "
        "value the key allows].")] = None,
    ranges: Ranges = None,
    sets: Sets = None,
    years: Years = None,
    only: Only = None,
    baseline: Baseline = None,
    fmt: FormatOpt = None,
    output: Output = None,
    debug: Debug = False,
) -> None:
    """Where it flips: the value of KEY at which A's present value equals B's.

    \b
    Examples:
      tco breakeven --option cpo --against lpo --vary options.cpo.switch.price
      tco breakeven --option lpo --against pluggable \\
                    --vary analysis.electricity_price --between '0..0.5 USD/kWh'
      tco breakeven --option CPO --against "DSP pluggable" --vary analysis.horizon
    """
    with _errors(debug):
        from ..analysis import breakeven as analysis
        from ..render import breakeven as render

        fmt = _output_format(fmt, output)
        resolved = _resolve(target, sets, years, ranges, only, baseline)
        result = analysis.run(resolved, _option_id(resolved, option, "--option"),
                              _option_id(resolved, against, "--against"), vary.strip(),
                              between)

        def charts() -> list[str]:
            from ..analysis import curve

            return _html().breakeven_page(result, *curve.gaps(resolved, result),
                                          _subtitle(target, sets, years))

        _report(render.view(result), lambda: render.document(result), fmt, output, target,
                charts=charts)
