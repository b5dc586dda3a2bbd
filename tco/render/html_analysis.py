"""The analyses in HTML: sections of `compare --with`'s report, and the charts of the
analysis commands' own pages (`tco uncertainty -o u.html`, ...).

Every chart is inline SVG from :mod:`.svg` and :mod:`.svg_analysis`, options in
the colours of every other chart; the words and tables are the analysis views
the terminal and Markdown show (:mod:`.uncertainty`, :mod:`.sensitivity`, ...).
"""

from __future__ import annotations

from typing import Any

from . import chartdata as cd
from . import palette, svg, svg_analysis, svg_lines
from .html import Analyses, Section, _view_parts


def _body(view: Any, charts: list[str]) -> str:
    said, rest = _view_parts(view, "finding")
    figures = "\n".join(f"<figure>\n{c}\n</figure>" for c in charts)
    return "\n".join(x for x in (said, figures, rest) if x)


def uncertainty_charts(u: Any, colours: dict[str, str], uid: str,
                       subtitle: str = "") -> list[str]:
    """P(cheapest) bars, then the histograms of savings (when there is a baseline to save
    against)."""
    out = [svg_analysis.cheapest(u, colours, f"{uid}-cheapest", subtitle)]
    hist = svg_analysis.histograms(u, colours, f"{uid}-savings", subtitle)
    return out + ([hist] if hist else [])


def views(analyses: Analyses) -> list[tuple[str, Any]]:
    """The analyses of one scenario as (kind, view), for the terminal, Markdown and HTML:
    how sure, then what drives it. The sampled inputs are left out: the report's inputs
    show every range."""
    from . import sensitivity, uncertainty

    out = []
    if analyses.uncertainty is not None:
        view = uncertainty.view(analyses.uncertainty)
        view.grids = [g for g in view.grids if not g.title.startswith("Sampled inputs")]
        out.append(("uncertainty", view))
    if analyses.sensitivity is not None:
        out.append(("sensitivity", sensitivity.view(analyses.sensitivity)))
    return out


def sections(r: Any, analyses: Analyses, colours: dict[str, str], prefix: str
             ) -> list[Section]:
    """The analyses of one scenario of a compare report, with their charts."""
    sub = cd.assumptions(r)
    u, t = analyses.uncertainty, analyses.sensitivity
    out = []
    for kind, view in views(analyses):
        if kind == "uncertainty":
            out.append(Section(f"How sure: {u.samples:,} samples of the ranged inputs "
                               f"(seed {u.seed})",
                               _body(view, uncertainty_charts(u, colours, f"{prefix}-u", sub)),
                               "uncertainty"))
        else:
            chart = svg.tornado(t, f"{prefix}-tornado", assumptions=sub)
            out.append(Section("What drives the answer: each ranged input at its low and "
                               "high", _body(view, [chart]), "sensitivity"))
    return out


def colours_of(ids: list[str]) -> dict[str, str]:
    return palette.option_colours(ids)


def uncertainty_page(u: Any, subtitle: str = "") -> list[str]:
    """The charts of `tco uncertainty --format html`."""
    return uncertainty_charts(u, colours_of(u.ids), "u", subtitle)


def sweep_page(s: Any, subtitle: str = "") -> list[str]:
    """The chart of `tco sweep --format html`: lines for one input, a map for a grid."""
    colours = colours_of(s.outcome.ids)
    if len(s.axes) == 1:
        return [svg_lines.sweep_lines(s, colours, "sweep", subtitle)]
    return [svg_lines.sweep_map(s, colours, "sweep", subtitle)]


def breakeven_page(b: Any, xs: list[float], gaps: list[float], subtitle: str = ""
                   ) -> list[str]:
    """The chart of `tco breakeven --format html` (none without points to draw)."""
    if len(xs) < 2:
        return []
    colours = colours_of(list(b.labels))
    return [svg_lines.breakeven(b, xs, gaps, colours, "breakeven", subtitle)]
