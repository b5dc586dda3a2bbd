"""Bounded reading of the files a user gives: scenarios (TOML) and saved results (JSON).

A file must be a regular file of at most :data:`MAX_BYTES`; a FIFO, a device
or a directory is refused at once, from its ``stat``, before it is opened (and
it is opened non-blocking, so a FIFO swapped in meanwhile cannot hang us). The
text is then pre-scanned, cheaply, for what would make a parser recurse or
compute for ever: brackets nested deeper than :data:`MAX_DEPTH` and runs of
more than :data:`MAX_DIGITS` digits (Python's int parsing is quadratic, and
refuses 4,300 digits with an error of its own).
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from itertools import accumulate
from typing import Any

from ..errors import InputError

#: largest scenario or result file read
MAX_BYTES = 10 * 1024 * 1024
#: deepest nesting of arrays and tables (a tco result nests about 6 deep)
MAX_DEPTH = 64
#: longest run of digits in a number
MAX_DIGITS = 100

_BRACKETS = re.compile(r"[^\[\]{}]+")
_DELTA = {"[": 1, "{": 1, "]": -1, "}": -1}
_LONG_NUMBER = re.compile(rf"\d(?:_?\d){{{MAX_DIGITS},}}")


def read_text(path: str, what: str, label: str | None = None) -> str:
    """The UTF-8 text of the regular file ``path``; ``what`` names it in messages."""
    label = label or path
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file", source=label) from None
    except PermissionError:
        raise InputError("permission denied", source=label) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read: {getattr(exc, 'strerror', None) or exc}",
                         source=label) from None
    _check_stat(st, what, label)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise InputError("permission denied", source=label) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=label) from None
    try:
        with os.fdopen(fd, "rb") as f:
            _check_stat(os.fstat(f.fileno()), what, label)  # the file opened is the one checked
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=label) from None
    if len(data) > MAX_BYTES:
        raise _too_big(what, label)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"not a text file (expected {what} in UTF-8)", source=label) from None


def _check_stat(st: os.stat_result, what: str, label: str) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"is a directory, not {what}", source=label)
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else \
            "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else \
            "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file"
        raise InputError(f"is {kind}, not {what} (give a regular file)", source=label)
    if st.st_size > MAX_BYTES:
        raise _too_big(what, label)


def _too_big(what: str, label: str) -> InputError:
    return InputError(f"is larger than {MAX_BYTES // (1024 * 1024)} MB, too large for {what}",
                      source=label)


def check_structure(text: str, label: str, key: str | None = None) -> None:
    """Refuse text nested too deeply or holding a huge number, before any parser sees it.

    The depth counts brackets anywhere, strings included: a file would need
    dozens of unclosed brackets in its strings to be refused wrongly.
    """
    shape = _BRACKETS.sub("", text)
    if shape:
        depth = max(accumulate(_DELTA[c] for c in shape))
        if depth > MAX_DEPTH:
            raise InputError(f"nested more than {MAX_DEPTH} levels deep", source=label, key=key)
    if m := _LONG_NUMBER.search(text):
        line = text.count("\n", 0, m.start()) + 1
        where = f" (line {line})" if "\n" in text else ""
        raise InputError(f"has a number of more than {MAX_DIGITS} digits{where}",
                         source=label, key=key)


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text[:40]} is beyond the range of a number")
    return number


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def load_json(path: str, what: str) -> Any:
    """Read, pre-scan and parse a JSON file; NaN, Infinity and overflowing numbers refused."""
    text = read_text(path, what)
    check_structure(text, path)
    try:
        return json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc}", source=path) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"not a JSON result tco reads: {exc}", source=path) from None
