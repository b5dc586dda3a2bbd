"""`tco explain` command."""

from __future__ import annotations

from typing import Annotated

import typer

from . import term
from .app import (
    Debug,
    Sets,
    Years,
    _errors,
    app,
)


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
        from .. import engine
        from ..engine import CATEGORIES
        from ..errors import InputError
        from ..explain import explain as explain_item
        from ..explain import render_text
        from ..io import loader

        scenario = loader.load(target, sets, years)
        if not option or not item:
            raise InputError(
                "give --option and --item (options: "
                f"{', '.join(o.id for o in scenario.options)}; items: {', '.join(CATEGORIES)})")
        result = engine.evaluate(scenario)
        term.write(render_text(explain_item(scenario, result, option, item, year)))
