"""The verdict in words, for the HTML report (to be replaced by tco/render/verdict.py).

Reads only what the engine computed: the cheapest option by total, its saving
against the baseline and the runner-up, and the year from which it stays cheaper.
"""

from __future__ import annotations

from ..engine import ScenarioResult
from . import chartdata as cd


def verdict_lines(r: ScenarioResult) -> list[str]:
    """The answer first, then by how much."""
    ranked = cd.bars(r)
    best, cur = ranked[0], r.currency
    option = next(o for o in r.options if o.id == best.id)
    years = f"{r.horizon} year" + ("s" if r.horizon != 1 else "")
    out = [f"{best.label} is cheapest: {cd.compact(best.total)} {cur} over {years} "
           f"(present value {cd.compact(cd.mean(option.present_value))})."]
    parts = []
    if best.is_baseline:
        parts.append(f"{best.label} is the baseline")
    else:
        base = r.baseline
        when = ""
        if option.break_even_year is not None:
            year = int(cd.mean(option.break_even_year))
            when = "" if year < 0 else f" from year {year} on"
        parts.append(f"{best.note.replace('below baseline', f'below {base.label}')}"
                     f" (the baseline){when}")
    if len(ranked) > 1:
        runner = ranked[1]
        parts.append(f"{cd.compact(runner.total - best.total)} {cur} below the next best, "
                     f"{runner.label}")
    out.append("; ".join(parts) + ".")
    return out
