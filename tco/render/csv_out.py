"""Tidy CSV: one row per scenario, option, year and category, with a unit column."""

from __future__ import annotations

import csv
import io

from ..engine import CATEGORIES, ScenarioResult

COLUMNS = ("scenario", "option", "label", "year", "category", "value", "unit")


def render(results: list[ScenarioResult]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in results:
        name = r.scenario.name or r.scenario.source
        for o in r.options:
            for year in range(r.horizon + 1):
                for c in CATEGORIES:
                    writer.writerow((name, o.id, o.label, year, c,
                                     repr(float(o.by_year[c][year])), r.currency))
    return out.getvalue()
