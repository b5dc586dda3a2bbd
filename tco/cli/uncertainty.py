"""`tco uncertainty` and `tco sensitivity`: how sure is the answer, and what drives it."""

from __future__ import annotations

from typing import Annotated

import typer

from .analysis import (
    FormatOpt,
    Output,
    Plot,
    Ranges,
    Target,
    _charts,
    _gates,
    _html,
    _option_id,
    _percent_option,
    _progress,
    _report,
    _resolve,
    _subtitle,
)
from .app import (
    Baseline,
    Debug,
    Only,
    Sets,
    Years,
    _complete_options,
    _errors,
    _output_format,
    _say,
    app,
)


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
