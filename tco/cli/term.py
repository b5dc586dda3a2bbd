"""Plain text to stdout that fits the terminal (data to stdout; nothing cut).

On a terminal, long lines are wrapped at spaces (never inside a number or a
key), continuation lines indented under the line's own indent; in a pipe or a
file, text is written as is.
"""

from __future__ import annotations

import shutil
import sys
import textwrap


def width() -> int | None:
    """The terminal's width, or None when stdout is not a terminal."""
    try:
        if not sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return shutil.get_terminal_size().columns


def fit(text: str, columns: int | None) -> str:
    if not columns:
        return text
    out = []
    for line in text.split("\n"):
        if len(line) <= columns:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out.extend(textwrap.wrap(line, columns, subsequent_indent=indent + "  ",
                                 break_long_words=False, break_on_hyphens=False)
                   or [line])
    return "\n".join(out)


def write(text: str) -> None:
    sys.stdout.write(fit(text, width()))
