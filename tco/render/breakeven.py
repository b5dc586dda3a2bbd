"""`tco breakeven` as a JSON document and as a view."""

from __future__ import annotations

import math
from typing import Any

from ..analysis.breakeven import BreakEven
from .report import Grid
from .views import View, compact, document_head

SCHEMA_VERSION = "1.1"


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


def _cheaper(b: BreakEven, gap: float) -> str:
    """Who costs less for a gap (option minus against)."""
    if gap < 0:
        return f"{b.labels[b.option]} costs less than {b.labels[b.against]}"
    if gap > 0:
        return f"{b.labels[b.against]} costs less than {b.labels[b.option]}"
    return f"{b.labels[b.option]} and {b.labels[b.against]} cost the same"


def sentences(b: BreakEven) -> list[str]:
    v, key = b.input, b.input.path
    a, c = b.labels[b.option], b.labels[b.against]
    if b.value is not None:
        how = {"linear": "solved exactly: the costs are linear in it",
               "bracketing": "found by bracketing: the costs are not linear in it",
               "whole values": "it takes whole values: the first at which the order "
                               "changes"}[b.method]
        out = [f"{a} and {c} have the same present value at {key} = {v.show(b.value)} "
               f"({how})."]
        below = [pa - pc for x, pa, pc in b.points if x < b.value]
        above = [pa - pc for x, pa, pc in b.points if x > b.value]
        if b.slope:  # linear: the side of the root says who is cheaper
            below, above = below or [-b.slope], above or [b.slope]
        said = [f"{side} it {_cheaper(b, gaps[0])}" for side, gaps in
                (("Below", below), ("above", above)) if gaps]
        if said:
            out.append("; ".join(said) + ".")
        if b.sign_changes > 1:
            out.append(f"The order changes {b.sign_changes} times in the range: this is "
                       "the first.")
        return out
    lo = "-inf" if not math.isfinite(b.low) else v.show(b.low)
    hi = "inf" if not math.isfinite(b.high) else v.show(b.high)
    where = f"anywhere {key} can go ({lo} to {hi})" if b.method == "linear" \
        and (not math.isfinite(b.low) or not math.isfinite(b.high)) \
        else f"for {key} from {lo} to {hi}"
    out = [f"No break-even {where}: the present values of {a} and {c} never meet."]
    if b.slope == 0.0:
        out.append(f"{key} does not change the gap: {_cheaper(b, b.gap_now)} by "
                   f"{compact(abs(b.gap_now))} {b.currency} at every value.")
        return out
    ends = [(x, pa - pc) for x, pa, pc in b.points]
    for x, gap in ends:
        out.append(f"At {v.show(x)}: {_cheaper(b, gap)} by {compact(abs(gap))} {b.currency}.")
    if b.slope is not None and (not math.isfinite(b.low) or not math.isfinite(b.high)):
        grows = (b.slope < 0) == (b.gap_now < 0)
        out.append(f"The gap {'widens' if grows else 'narrows'} as {key} rises "
                   f"({compact(abs(b.slope))} {b.currency} per {v.unit or 'unit'})"
                   + ("." if grows else ", but would close only outside the values "
                      "it can take."))
    return out


def document(b: BreakEven) -> dict[str, Any]:
    return {
        **document_head("breakeven", SCHEMA_VERSION, b.name, b.source, b.currency),
        "conventions": {"gap": "present value of option minus that of against "
                               "(negative: option costs less)"},
        "option": b.option,
        "against": b.against,
        "input": {"path": b.input.path, "unit": b.input.unit, "value": b.input.value,
                  "tied": [v.path for v in b.tied]},
        "found": b.value is not None,
        "value": b.value,
        "method": b.method,
        "range": [_finite(b.low), _finite(b.high)],
        "slope": b.slope,
        "gap_at_value": b.gap_now,
        "sign_changes": b.sign_changes,
        "points": [{"at": x, "option_present_value": pa, "against_present_value": pc,
                    "gap": pa - pc} for x, pa, pc in b.points],
        "message": " ".join(sentences(b)),
    }


def view(b: BreakEven) -> View:
    a, c = b.labels[b.option], b.labels[b.against]
    title = f"Break-even: {a} against {c} over {b.input.path}"
    grid = Grid(f"Present value ({b.currency})",
                [b.input.path, a, c, "Gap (option - against)", ""], text_columns=1)
    for x, pa, pc in b.points:
        mark = "break-even" if x == b.value else "end of range"
        grid.add(b.input.show(x), compact(pa), compact(pc), compact(pa - pc), mark)
    grid.text_columns = 1
    notes = ["Gap: the present value of the option minus that of the one it is measured "
             "against (negative: the option costs less)."]
    rows = [(x, pa, pc, pa - pc, "break-even" if x == b.value else "end", b.currency)
            for x, pa, pc in b.points]
    return View(title, sentences(b), [grid] if b.points else [], notes,
                (f"{b.input.path}", "option_present_value", "against_present_value", "gap",
                 "point", "currency"), rows)
