"""The HTML report: one self-contained file to hand to someone without the CLI.

Everything is inline (CSS in a ``<style>``, charts as ``<svg>``): the file
fetches nothing, runs no script, prints on paper (print CSS) and reads on a
phone (the layout narrows, wide tables scroll sideways). The markup is also
well-formed XML (every element closed, every attribute quoted), so a strict
parser can check it.

Per scenario, in this order: the verdict, the assumptions, the charts, the
analyses the caller passes (uncertainty, sensitivity: :mod:`.html_analysis`),
the tables (the same grids as the terminal and Markdown, at full precision),
and every input with its unit, origin and source.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape
from typing import Any

from .. import __version__
from ..engine import ScenarioResult
from ..units import HOURS_PER_YEAR, plain
from . import chartdata as cd
from . import header, palette, report, svg
from . import verdict as verdicts
from .json_out import TIMING, value_with_unit


@dataclass(frozen=True)
class Section:
    """An extra part of a scenario's report, as trusted HTML (built with :func:`table`)."""

    title: str
    body: str
    #: the end of its heading's id (unique in a scenario)
    key: str = ""


@dataclass(frozen=True)
class Analyses:
    """What `compare --with` ran for one scenario: each None when not asked for."""

    #: an :class:`~tco.analysis.uncertainty.UncertaintyResult`
    uncertainty: Any = None
    #: a :class:`~tco.analysis.sensitivity.Tornado`
    sensitivity: Any = None


CSS = """
:root { color-scheme: light; --ink: #222; --muted: #666; --rule: #d8d8d8; --band: #f6f6f4; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 62rem; padding: 1rem 1.25rem 3rem; color: var(--ink);
  background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto,
  "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .5rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 2rem 0 .5rem; }
p { margin: .4rem 0; }
.meta, .assumptions, .note { color: var(--muted); }
p.note { overflow-wrap: break-word; }  /* long key paths wrap on a phone */
.verdict { margin: 1rem 0 1.25rem; padding: .8rem 1rem; background: var(--band);
  border-left: .4rem solid var(--accent, #009e73); }
.verdict p { margin: .25rem 0; }
.verdict .answer { font-size: 1.2rem; font-weight: 650; }
.finding { margin: .75rem 0; padding: .5rem .8rem; background: var(--band);
  border-left: .3rem solid #999; }
.finding p { margin: .2rem 0; }
.finding .answer { font-weight: 650; }
nav ul { padding-left: 1.2rem; }
figure { margin: 1.25rem 0; overflow-x: auto; }
figure svg { display: block; width: 100%; max-width: 720px; height: auto; }
.scroll { overflow-x: auto; margin: .75rem 0 1.25rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; min-width: 50%; }
caption { text-align: left; font-weight: 650; padding: .25rem 0 .4rem; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); text-align: left; }
thead th.num { text-align: right; }
tbody th { text-align: left; font-weight: normal; }
td.num { text-align: right; white-space: nowrap; }
tr.end > * { border-bottom: 2px solid #999; }
tr.group th { background: var(--band); font-weight: 650; }
code.id { color: var(--muted); font-weight: normal; font-size: .85em; }
ul.note { color: var(--muted); margin-top: -.75rem; }
td.src { min-width: 14rem; color: var(--muted); font-size: .92em; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .35em;
  vertical-align: -.05em; border-radius: 2px; }
footer { margin-top: 3rem; color: var(--muted); font-size: .9em;
  border-top: 1px solid var(--rule); }
@media (max-width: 40rem) {
  body { font-size: 14px; padding: .5rem .6rem 2rem; }
  h1 { font-size: 1.3rem; }
  h2 { font-size: 1.15rem; }
  th, td { padding: .2rem .35rem; }
  .verdict .answer { font-size: 1.05rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  h3, caption { break-after: avoid; }
  section + section { break-before: page; }
  figure, .verdict, .finding, tr { break-inside: avoid; }
  figure, .scroll { overflow: visible; }
  figure svg { min-width: 0; max-width: 100%; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  @page { margin: 14mm 12mm; }
}
""".strip()


#: a unit after a number: a magnitude (k, M, bn), a currency code, a unit with a "/", or
#: one of the units the reports write
_UNIT = (r"(?:%|[kMGT]|bn|[A-Z]{3}|[A-Za-z0-9\u00b5]+/[A-Za-z0-9/.]+|[kMGT]?Wh?|h|hours?|min"
         r"|days?|weeks?|months?|years?|k?m|FIT|[kmg]?CO2e|[kmg]?tCO2e|x)(?![\w/])")
#: a number, the space after it and its unit (and a second unit after a magnitude: M USD)
_NUMBER_UNIT = re.compile(r"(?<![\w.])([-+\u2212]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?) (" + _UNIT
                          + r")(?: (" + _UNIT + r"))?")
NBSP = "\u00a0"


def nowrap_units(text: str) -> str:
    """Non-breaking spaces between a number and its unit (``9.5 M USD``, ``17 W``,
    ``20 %``), so that a narrow screen never wraps a number apart from its unit."""
    def join(m: re.Match[str]) -> str:
        number, unit, after = m.groups()
        if after is None:
            return f"{number}{NBSP}{unit}"
        # a second unit belongs to the number after a magnitude only (9.5 M USD)
        return f"{number}{NBSP}{unit}{NBSP if unit in ('k', 'M', 'G', 'T', 'bn') else ' '}{after}"

    return _NUMBER_UNIT.sub(join, text)


def _e(text: Any) -> str:
    """Text for the page: escaped, each number kept with its unit (:func:`nowrap_units`)."""
    return escape(nowrap_units(str(text)), quote=True)


def table(caption: str, headers: list[str], rows: list[list[str]], *, text_columns: int = 1,
          breaks: set[int] | None = None, cls: str = "", ids: list[str] | None = None,
          notes: list[str] | None = None) -> str:
    """A table of already-formatted cells: text columns left, figures right.

    ``ids``: a column's id (an option id), shown under its header; ``notes``: lines
    under the table (what it leaves out).
    """
    breaks = breaks or set()
    num = ' class="num"'
    ids = ids or []

    def heading(i: int, h: str) -> str:
        cid = ids[i] if i < len(ids) else ""
        tag = f'<br /><code class="id">{_e(cid)}</code>' if cid else ""
        return f'<th scope="col"{"" if i < text_columns else num}>{_e(h)}{tag}</th>'

    head = "".join(heading(i, h) for i, h in enumerate(headers))
    body = []
    for n, row in enumerate(rows):
        cells = [f'<th scope="row">{_e(row[0])}</th>'] if row else []
        cells += [f"<td{'' if i < text_columns else num}>{_e(cell)}</td>"
                  for i, cell in enumerate(row) if i]
        end = ' class="end"' if n in breaks else ""
        body.append(f"<tr{end}>{''.join(cells)}</tr>")
    klass = f' class="{cls}"' if cls else ""
    after = "".join(f"<li>{_e(n)}</li>" for n in notes or [])
    return (f'<div class="scroll"><table{klass}><caption>{_e(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body)
            + "\n</tbody></table></div>"
            + (f'\n<ul class="note">{after}</ul>' if after else ""))


def _grid(grid: report.Grid) -> str:
    keep = [i for i in range(len(grid.headers)) if i not in grid.text_bars]
    ids = [grid.header_id(i) for i in keep] if grid.column_ids else grid.column_ids
    return table(grid.title, [grid.headers[i] for i in keep],
                 [[row[i] for i in keep if i < len(row)] for row in grid.rows],
                 text_columns=grid.text_columns, breaks=grid.breaks, ids=ids,
                 notes=grid.notes)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        if not math.isfinite(v):
            return "never" if v > 0 else str(v)
        return plain(v)
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def inputs(r: ScenarioResult) -> str:
    """Every resolved input: key, value, unit, range, origin, and where the number comes from."""
    body, last, num = [], None, ' class="num"'
    for path, item in r.scenario.inputs.items():
        if item.value is None:
            continue
        section, _, key = path.rpartition(".")
        if section != last:
            last = section
            body.append(f'<tr class="group"><th colspan="6" scope="rowgroup">'
                        f"{_e(section or 'scenario')}</th></tr>")
        value, unit = value_with_unit(item.value, item.unit)
        span = ""
        if item.ranged:
            low, _ = value_with_unit(item.low, item.unit)
            high, _ = value_with_unit(item.high, item.unit)
            span = f"{_value(low)} to {_value(high)}" + (f" ({item.dist})" if item.dist else "")
        where = "; ".join(x for x in (item.source, item.note) if x)
        body.append(f'<tr><th scope="row"><code>{_e(path)}</code></th>'
                    f"<td{num if _is_number(value) else ''}>{_e(_value(value))}</td>"
                    f'<td>{_e(unit or "")}</td>'
                    f"<td>{_e(span)}</td><td>{_e(item.origin)}</td>"
                    f'<td class="src">{_e(where)}</td></tr>')
    head = "".join(f'<th scope="col">{h}</th>' for h in
                   ("Key", "Value", "Unit", "Range", "Origin", "Source"))
    return ('<div class="scroll"><table class="inputs"><caption>Every input as resolved, with '
            "its unit, origin and source</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body)
            + "\n</tbody></table></div>")


def _legend(r: ScenarioResult, colours: dict[str, str]) -> str:
    items = "".join(f'<li><span class="swatch" style="background:{colours[b.id]}"></span>'
                    f"{_e(cd.label(b))}: {_e(cd.compact(b.total))} {_e(r.currency)}"
                    f" ({_e(b.note)})</li>" for b in cd.bars(r, colours))
    return f'<ol class="ranking">{items}</ol>'


def scenario(r: ScenarioResult, n: int, colours: dict[str, str],
             analyses: Analyses | None = None) -> str:
    head = header.lines(r)
    best = cd.bars(r, colours)[0]
    verdict = verdicts.lines(verdicts.verdict(r), verdicts.compact)
    parts = [f'<section id="s{n}" class="scenario" style="--accent: {best.colour}">',
             f"<h2>{_e(head[0])}</h2>"]
    parts.append('<div class="verdict" role="note">'
                 f'<p class="answer">{_e(verdict[0])}</p>'
                 + "".join(f"<p>{_e(line)}</p>" for line in verdict[1:]) + "</div>")
    parts.extend(f'<p class="{"facts" if i == 0 else "description"}">{_e(line)}</p>'
                 for i, line in enumerate(head[1:]))
    parts.append("<h3>Ranking</h3>" + _legend(r, colours))
    parts.append("<h3>Charts</h3>")
    parts.extend(f"<figure>\n{chart}\n</figure>" for chart in svg.charts(r, colours, f"s{n}"))
    if analyses is not None:
        from .html_analysis import sections

        parts.extend(f'<h3 id="s{n}-{x.key}">{_e(x.title)}</h3>\n{x.body}'
                     for x in sections(r, analyses, colours, f"s{n}"))
    parts.append("<h3>Tables</h3>")
    parts.extend(_grid(g) for g in report.grids(r))
    parts.append("<h3>Inputs</h3>")
    parts.append(inputs(r))
    parts.append("</section>")
    return "\n".join(parts)


def render(results: list[ScenarioResult],
           analyses: list[Analyses | None] | None = None) -> str:
    """The whole report; ``analyses[i]``: what `compare --with` ran for ``results[i]``."""
    colours = palette.option_colours(o.id for r in results for o in r.options)
    names = [r.scenario.name or "Scenario" for r in results]
    title = names[0] if len(names) == 1 else f"{len(names)} scenarios"
    body = []
    if len(results) > 1:
        links = "".join(f'<li><a href="#s{i}">{_e(nm)}</a></li>'
                        for i, nm in enumerate(names, 1))
        body.append(f'<nav aria-label="Scenarios"><ul>{links}</ul></nav>')
    extras = analyses or [None for _ in results]
    body.extend(scenario(r, i, colours, extra)
                for i, (r, extra) in enumerate(zip(results, extras, strict=True), 1))
    return _page(f"Total cost of ownership: {title}", body)


def _page(title: str, body: list[str]) -> str:
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        f'<meta name="generator" content="tco {_e(__version__)}" />',
        f"<title>{_e(title)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">Report by tco {_e(__version__)}. Money in each scenario\'s '
        "reporting currency; figures in tables at full precision.</p>",
        "</header>",
        "<main>",
        *body,
        "</main>",
        "<footer>",
        f"<p>Conventions: cash-flow {_e(TIMING)}. A year is {HOURS_PER_YEAR:,g} hours. "
        "Savings are the baseline minus the option: positive means cheaper.</p>",
        "</footer>",
        "</body>",
        "</html>",
        "",
    ])


def _view_parts(view: Any, cls: str = "verdict") -> tuple[str, str]:
    """An analysis view's answer box (of class ``cls``), and its tables and notes."""
    said = ""
    if view.lines:
        said = (f'<div class="{cls}" role="note">'
                f'<p class="answer">{_e(view.lines[0])}</p>'
                + "".join(f"<p>{_e(line)}</p>" for line in view.lines[1:]) + "</div>")
    tables = "\n".join(_grid(g) for g in view.grids)
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in view.notes)
    return said, "\n".join(x for x in (tables, notes) if x)


def view_sections(view: Any) -> list[Section]:
    """An analysis view (uncertainty, sensitivity, sweep, break-even) as report sections:
    its answer first, then its tables and notes."""
    said, rest = _view_parts(view)
    return [Section(view.title, "\n".join(x for x in (said, rest) if x))]


def render_view(view: Any, charts: list[str] | None = None) -> str:
    """The HTML report of an analysis command: the same page, the answer first, then its
    ``charts`` (inline SVG, from :mod:`.svg`), tables and notes."""
    said, rest = _view_parts(view)
    figures = "\n".join(f"<figure>\n{c}\n</figure>" for c in charts or [])
    body = "\n".join(x for x in (said, figures, rest) if x)
    return _page(view.title, [f'<section id="s1" class="scenario">\n{body}\n</section>'])
