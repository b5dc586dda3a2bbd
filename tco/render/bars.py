"""The terminal chart: the options' totals as sorted bars with their values.

The comparison at a glance: cheapest on top, one bar per option scaled from
zero, each with its total and its saving against the baseline, in the option's
colour (:mod:`.palette`). The bars take the width the terminal gives; where
it is too narrow for the notes, they go on a line of their own. Without a
Unicode terminal the bars are drawn with ``#``.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.text import Text

from ..engine import ScenarioResult
from . import chartdata as cd
from . import palette

EIGHTHS = " ▏▎▍▌▋▊▉█"
MIN_BAR, MAX_BAR = 8, 40


def bar(fraction: float, width: int, unicode: bool = True) -> str:
    """A bar ``fraction`` (0..1) of ``width`` cells long, to an eighth of a cell."""
    fraction = min(max(fraction, 0.0), 1.0)
    if not unicode:
        return "#" * round(fraction * width)
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


class TotalsChart:
    """A rich renderable of one scenario's totals, cheapest first."""

    def __init__(self, r: ScenarioResult, colours: dict[str, str] | None = None) -> None:
        self.result = r
        self.items = cd.bars(r, colours or palette.option_colours(o.id for o in r.options))
        self.labels = [cd.label(b) for b in self.items]
        self.values = [cd.compact(b.total) for b in self.items]

    def _fixed(self) -> int:
        return max(map(len, self.labels)) + 1 + 1 + max(map(len, self.values))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        # never more than it needs at its narrowest: the bars stretch to what is given
        need = self._fixed() + MIN_BAR
        return Measurement(need, need)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        r, items = self.result, self.items
        unicode = (options.encoding or "").lower().startswith("utf")
        label_w, value_w = max(map(len, self.labels)), max(map(len, self.values))
        notes = [b.note for b in items]
        room = options.max_width - self._fixed()
        inline = room - 2 - max(map(len, notes)) >= MIN_BAR
        width = max(MIN_BAR, min(MAX_BAR, room - 2 - max(map(len, notes)) if inline else room))
        top = max(max(b.total for b in items), 0.0) or 1.0
        yield Text(f"Total over {r.horizon} years ({r.currency}), cheapest first",
                   style="bold")
        yield Text(cd.assumptions(r), style="dim")
        for i, (b, label, value, note) in enumerate(
                zip(items, self.labels, self.values, notes, strict=True)):
            line = Text(label.ljust(label_w) + " ", style="bold" if i == 0 else "")
            drawn = bar(b.total / top, width, unicode)
            line.append(drawn, style=b.colour)
            line.append(" " * (width - len(drawn) + 1) + value.rjust(value_w))
            if inline:
                line.append("  " + note, style="bold" if i == 0 else "dim")
            yield line
            if not inline:
                yield Text(" " * (label_w + 1) + note, style="dim")


def chart(r: ScenarioResult) -> TotalsChart:
    return TotalsChart(r)
