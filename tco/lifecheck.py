"""Warnings about service lives: a horizon longer than gear serves, with no life given.

A part with no ``life`` is never replaced, whatever the horizon. Network gear
serves 5-6 years at hyperscalers (10-K filings 2022-25, figures.md), so past 5
years a part with no life is an assumption the report should name rather than
make silently.
"""

from __future__ import annotations

import math
from typing import Any

#: the low end of the useful life of network gear (10-K filings 2022-25: 5-6 years)
TYPICAL_LIFE_YEARS = 5


def _no_life(part: Any) -> bool:
    life = part.life.to("year").magnitude
    try:
        return math.isinf(float(life))
    except TypeError:  # sampled lives: an array is given, so a life is given
        return False


def warnings(scenario: Any) -> list[str]:
    """One line per problem: parts without a life when the horizon exceeds 5 years."""
    n = scenario.analysis.horizon_years
    if n <= TYPICAL_LIFE_YEARS:
        return []
    where = "network gear serves 5-6 years (10-K filings 2022-25)"
    if all(_no_life(p) for o in scenario.options for p in o.parts):
        return [f"nothing is replaced within {n} years: no part of any option has a "
                f"service life; {where}: set options.NAME.PART.life"]
    out = []
    for o in scenario.options:
        missing = [p.name for p in o.parts if _no_life(p)]
        if missing:
            keys = ", ".join(f"options.{o.id}.{m}.life" for m in missing)
            out.append(f"options.{o.id}: {', '.join(missing)} never replaced within {n} "
                       f"years (no life given; {where}): set {keys}")
    return out
