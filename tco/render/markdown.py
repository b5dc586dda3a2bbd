"""Markdown tables (GitHub flavour) for CI job summaries and review comments."""

from __future__ import annotations

from ..engine import ScenarioResult
from . import header, report, verdict


def _cell(text: str) -> str:
    return text.replace("|", "\\|").strip() or " "


def grid_markdown(grid: report.Grid) -> str:
    lines = [f"**{grid.title}**", ""]
    heads = [f"{h} `{grid.header_id(i)}`" if grid.header_id(i) else h
             for i, h in enumerate(grid.headers)]
    lines.append("| " + " | ".join(_cell(h) for h in heads) + " |")
    n_text = grid.text_columns
    lines.append("|" + "|".join([":---"] * n_text + ["---:"] * (len(grid.headers) - n_text))
                 + "|")
    for row in grid.rows:
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    if grid.notes:
        lines += ["", *(f"- {note}" for note in grid.notes)]
    return "\n".join(lines)


def render(results: list[ScenarioResult]) -> str:
    parts = []
    for r in results:
        head = header.lines(r)
        said = verdict.lines(verdict.verdict(r), verdict.full)
        body = [f"## {head[0]}", "",
                f"**{said[0]}**" + "".join(f" {line}" for line in said[1:]), "",
                *(f"{line}  " for line in head[1:]), ""]
        for grid in report.grids(r):
            body += [grid_markdown(grid), ""]
        parts.append("\n".join(body))
    return "\n".join(parts)
