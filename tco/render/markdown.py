"""Markdown tables (GitHub flavour) for CI job summaries and review comments."""

from __future__ import annotations

from ..engine import ScenarioResult
from . import report, verdict


def _cell(text: str) -> str:
    return text.replace("|", "\\|").strip() or " "


def grid_markdown(grid: report.Grid) -> str:
    lines = [f"**{grid.title}**", ""]
    lines.append("| " + " | ".join(_cell(h) for h in grid.headers) + " |")
    n_text = grid.text_columns
    lines.append("|" + "|".join([":---"] * n_text + ["---:"] * (len(grid.headers) - n_text))
                 + "|")
    for row in grid.rows:
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return "\n".join(lines)


def render(results: list[ScenarioResult]) -> str:
    parts = []
    for r in results:
        heading = f"## {r.scenario.name or 'Scenario'}"
        body = [heading, ""]
        if r.scenario.description:
            body += [r.scenario.description, ""]
        said = verdict.lines(verdict.verdict(r), verdict.full)
        body += [f"**{said[0]}**" + "".join(f" {line}" for line in said[1:]), ""]
        for grid in report.grids(r):
            body += [grid_markdown(grid), ""]
        parts.append("\n".join(body))
    return "\n".join(parts)
