"""`tco sweep` and `tco breakeven`: where the answer flips as inputs move."""

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
    _complete_key_names,
    _html,
    _option_id,
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
    _complete_keys,
    _complete_options,
    _errors,
    _output_format,
    app,
)


def _note(text: str) -> None:
    """A note on stderr: one line, wrapped at spaces to a terminal's width."""
    import shutil
    import sys

    from .term import fit

    columns = shutil.get_terminal_size().columns if sys.stderr.isatty() else None
    sys.stderr.write(fit(f"tco: note: {' '.join(text.splitlines())}", columns) + "\n")


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

    A key tied at rank 1 in the scenario's correlations (the same draw) moves
    the tied keys of the same value with it; stderr names them.

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
        for axis in result.axes:  # a key tied at rank 1: what moved with it
            if axis.note:
                _note(axis.note)

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

    A KEY tied at rank 1 in the scenario's correlations (the same draw) moves
    the tied keys of the same value with it; stderr names them.

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
        if result.note:  # a key tied at rank 1: what moved with it
            _note(result.note)

        def charts() -> list[str]:
            from ..analysis import curve

            return _html().breakeven_page(result, *curve.gaps(resolved, result),
                                          _subtitle(target, sets, years))

        _report(render.view(result), lambda: render.document(result), fmt, output, target,
                charts=charts)
