"""Published figures, checked against the presets in two kinds of row.

Part 1, **inputs checked**: a preset value (or a ratio of two) set beside the
published figure it was taken from. These rows catch typing and boundary slips;
they are not validation, because the input was chosen from that very figure.

Part 2, **claims derived**: a figure the model works out from parts and a stated
boundary (switch boxes from ASIC, SerDes, fans and optics; ports and lasers from a
fabric; interruptions from failure rates), set beside a published claim the
inputs were *not* chosen to meet. A row out of range stays out, with its reason:
no input is tuned into a window ("claims are outputs, never targets").

Windows: a range the source gives is used as given; a point figure is read as
+-10 % of itself (:data:`POINT_TOLERANCE`), one rule for every row.

``python -m tco.claims > docs/claims.md`` writes the page; a test keeps it current,
and ``tests/test_claims.py`` works every figure out by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

#: a published point figure x is read as the window [x (1 - t), x (1 + t)]
POINT_TOLERANCE = 0.10


def around(x: float) -> tuple[float, float]:
    """The window a point figure is read as (:data:`POINT_TOLERANCE`)."""
    return x * (1 - POINT_TOLERANCE), x * (1 + POINT_TOLERANCE)


@cache
def run(preset: str) -> Any:
    from .. import engine
    from ..io import loader

    return engine.evaluate(loader.load(preset))


def option(preset: str, option_id: str) -> Any:
    return next(o for o in run(preset).options if o.id == option_id)


def phys(preset: str, option_id: str, key: str) -> float:
    """A physical metric of an option, as the engine computed it."""
    return float(option(preset, option_id).physical[key])


def ports(preset: str) -> int:
    return int(run(preset).scenario.deployment.ports_in_use.to("").magnitude)


def lower_percent(new: float, old: float) -> float:
    return 100.0 * (1.0 - new / old)


@dataclass(frozen=True)
class Row:
    """One published figure beside ours."""

    id: str
    claim: str  # the published statement
    source: str
    preset: str  # the presets our figure comes from
    boundary: str  # what our figure includes
    figure: str  # what our number is
    compute: Callable[[], float]
    low: float
    high: float
    unit: str
    window: str  # how the published statement became [low, high]
    why_out: str = ""  # the reason, when our figure lies outside the window
    detail: Callable[[], str] | None = None  # the parts, worked out (derived rows)

    def value(self) -> float:
        return self.compute()

    def holds(self) -> bool:
        return self.low - 1e-9 <= self.value() <= self.high + 1e-9


from .checks import CHECKS  # noqa: E402
from .derived import DERIVED  # noqa: E402

#: every row, inputs checked then claims derived
CLAIMS: tuple[Row, ...] = CHECKS + DERIVED


def _fmt(x: float) -> str:
    return f"{x:,.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def _table(rows: tuple[Row, ...], derived: bool) -> list[str]:
    head = ("| # | published figure | source | preset | boundary | our figure | "
            "window | in? |")
    lines = [head, "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        value = r.value()
        rng = (f"{_fmt(r.low)} {r.unit}" if r.low == r.high
               else f"{_fmt(r.low)}-{_fmt(r.high)} {r.unit}").rstrip()
        verdict = "**in**" if r.holds() else f"**OUT**: {r.why_out}"
        lines.append(
            f"| {r.id} | {r.claim} | {r.source} | {r.preset} | {r.boundary} | "
            f"{r.figure}: **{f'{_fmt(value)} {r.unit}'.rstrip()}** | {rng} ({r.window}) | "
            f"{verdict} |")
    if derived:
        lines += ["", "How each derived figure is worked out (W unless stated):", ""]
        lines += [f"- **{r.id}**: {r.detail()}" for r in rows if r.detail is not None]
    return lines


def render() -> str:
    n_in = sum(r.holds() for r in DERIVED)
    lines = [
        "# Published figures and our presets",
        "",
        "Written by `python -m tco.claims > docs/claims.md`; a test keeps it current and",
        "`tests/test_claims.py` works every figure out by hand. A published point figure",
        f"is read as +-{POINT_TOLERANCE * 100:.0f} % of itself; a range is used as published.",
        "Sources are those of the project's table of published figures; \"seed\" marks",
        "a market article the project started from.",
        "",
        "## Part 1: inputs checked against the figures they came from",
        "",
        "These rows set a preset's own input (or a ratio of two inputs) beside the",
        "published figure it was chosen from. They catch a typing or boundary slip;",
        "they are **not validation**: an input taken from a figure agrees with it.",
        "",
        *_table(CHECKS, derived=False),
        "",
        "## Part 2: claims the model derives",
        "",
        "Each figure below is worked out from parts with their own sources and a",
        "stated boundary, none of them chosen to meet the claim beside it. A row",
        "out of its window is reported with the reason, never fixed by moving an",
        f"input into the window. {n_in} of {len(DERIVED)} derived figures land in their",
        "windows.",
        "",
        *_table(DERIVED, derived=True),
        "",
    ]
    return "\n".join(lines)
