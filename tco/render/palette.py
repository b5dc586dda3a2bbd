"""One colour per option and one per category, the same in every chart.

The HTML report's SVG, the matplotlib charts and the terminal bars all take
their colours from here, so CPO is the same green in every panel and every
format, and Energy the same light orange.

Options and categories never share a colour (a chart of options next to a
chart of categories must not suggest CPO *is* Energy): options take strong,
saturated colours (the Okabe-Ito colour-blind-safe set first, then darker
tones), categories take light ones (ColorBrewer "Set3"-like tints).
"""

from __future__ import annotations

from collections.abc import Iterable

#: the options of the bundled presets, by id; the baseline (DSP pluggable) is a neutral grey
OPTION_COLOURS: dict[str, str] = {
    "pluggable": "#4d4d4d",
    "lpo": "#e69f00",
    "npo": "#56b4e9",
    "cpo": "#009e73",
    "cpo_external": "#009e73",
    "cpo_internal": "#0072b2",
    "microled_cpo": "#cc79a7",
    "mosaic": "#d55e00",
    "aoc": "#a6761d",
    "dac": "#7f3c8d",
    "aec": "#1f5f5b",
}

#: colours for options not listed above, taken in order of first appearance
SPARE_OPTION_COLOURS: tuple[str, ...] = (
    "#b2182b", "#2166ac", "#5aae61", "#8c510a", "#762a83", "#e7298a", "#01665e",
    "#993404", "#35978f", "#6a3d9a", "#b35806", "#1b7837",
)

#: every cost category (engine.CATEGORIES), light tints so bars of options stand apart
CATEGORY_COLOURS: dict[str, str] = {
    "equipment": "#80b1d3",
    "spares": "#bebada",
    "installation": "#d9d9d9",
    "energy": "#fdb462",
    "cooling": "#8dd3c7",
    "capacity": "#ccebc5",
    "gpus": "#ffed6f",
    "repairs": "#fb8072",
    "warranty": "#c7eae5",
    "downtime": "#bc80bd",
    "interruptions": "#d95f02",
    "replacement": "#b3de69",
    "support": "#f6e8c3",
    "carbon": "#e5c494",
    "residual": "#fccde5",
}

#: ink for axes, text and the net-total marker
INK = "#222222"
GRID = "#d0d0d0"
MUTED = "#666666"


def option_colours(ids: Iterable[str]) -> dict[str, str]:
    """The colour of each option id: fixed for the presets' ids, then the spare colours.

    Pass the ids of every scenario of a report at once, so that one id keeps
    one colour across all of its scenarios and charts.
    """
    out: dict[str, str] = {}
    pending = []
    for i in dict.fromkeys(ids):
        if i in OPTION_COLOURS:
            out[i] = OPTION_COLOURS[i]
        else:
            pending.append(i)
    used = set(out.values())
    free = [c for c in dict.fromkeys((*SPARE_OPTION_COLOURS, *OPTION_COLOURS.values()))
            if c not in used]
    for n, i in enumerate(pending):  # past the spare colours they repeat, in order
        out[i] = free[n % len(free)]
    return out


def category_colour(category: str) -> str:
    return CATEGORY_COLOURS.get(category, "#cccccc")
