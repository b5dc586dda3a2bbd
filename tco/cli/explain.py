"""`tco explain` command."""

from __future__ import annotations

from typing import Annotated

import typer

from . import term
from .app import (
    Baseline,
    Debug,
    Sets,
    Years,
    _complete_options,
    _complete_targets,
    _errors,
    app,
)


@app.command()
def explain(
    target: Annotated[str | None, typer.Argument(
        metavar="SCENARIO_OR_PRESET", help="Scenario file or preset (default: 'default').",
        autocompletion=_complete_targets,
        show_default=False)] = None,
    option: Annotated[str, typer.Option(
        "--option", help="The option: its id or label, any case (e.g. cpo).",
        autocompletion=lambda: _complete_options())] = "",
    item: Annotated[str, typer.Option(
        "--item", help="What to explain: a cost category (energy, or its label), total, "
        "present_value, savings, savings_percent, pv_savings, break_even_year, "
        "cost_per_port, cost_per_tbps or a physical metric (it_power_kw, ...): the ids "
        "of the report's tables.")] = "",
    year: Annotated[int | None, typer.Option(
        "--year", help="Only this year (0 is the deployment).")] = None,
    sets: Sets = None,
    years: Years = None,
    baseline: Baseline = None,
    debug: Debug = False,
) -> None:
    """Show how a number of the report was computed: formula, values, units, sources.

    Every number of `tco compare` can be explained: a cost category year by year
    down to its inputs, the total, present value, savings, break-even year, cost
    per port and per Tbit/s, and the physical metrics.

    \b
    Examples:
      tco explain --option cpo --item energy
      tco explain --option "CPO (external lasers)" --item Repairs --year 3
      tco explain --option lpo --item savings
      tco explain th6-102t --option cpo --item it_power_kw
    """
    with _errors(debug):
        from .. import engine, explain_summary
        from ..explain import explain as explain_item
        from ..explain import render_text
        from ..io import loader
        from ..model import select
        from ..render.report import category_label

        scenario = select.options(loader.load(target, sets, years), None, baseline)
        if not option or not item:
            raise _what_to_explain(target, [o.id for o in scenario.options], option)
        result = engine.evaluate(scenario)
        cats = list(result.options[0].category_totals)
        physical = list(result.options[0].physical)
        option_id = select.match(option, [(o.id, o.label) for o in scenario.options])
        try:
            category = select.match(item, [(c, category_label(c)) for c in cats],
                                    "category")
        except Exception:  # noqa: BLE001 - not a category: a summary item or a metric
            category = None
        if category is not None:
            term.write(render_text(explain_item(scenario, result, option_id, category,
                                                year)))
            return
        other = explain_summary.item_id(item, physical)
        if other is None:
            raise explain_summary.unknown(item, cats, physical)
        term.write(explain_summary.explain(result, option_id, other))


def _what_to_explain(target: str | None, ids: list[str], option: str) -> Exception:
    """One short line: what is missing, the option ids to pick from, a command that works."""
    import shlex

    from ..errors import InputError, clip

    shown = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
    where = f"{shlex.quote(clip(target))} " if target else ""
    example = f"tco explain {where}--option {shlex.quote(clip(option or ids[0]))} --item total"
    if not option:
        return InputError(f"--option: which option? one of {shown}; for example: {example}")
    return InputError(f"--item: what to explain? total, present_value, savings, a cost "
                      f"category such as energy, or a physical metric; for example: {example}")
