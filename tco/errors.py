"""Expected failures and the exit codes the command line maps them to."""

from __future__ import annotations

import reprlib
from enum import IntEnum
from typing import Any

#: at most this many characters of an offending value are quoted in a message
QUOTE_LIMIT = 80

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxtuple, _REPR.maxdict = 3, 6, 6, 4
_REPR.maxstring, _REPR.maxother, _REPR.maxlong = QUOTE_LIMIT, QUOTE_LIMIT, 40


def shown(value: Any) -> str:
    """``repr(value)`` cut to about :data:`QUOTE_LIMIT` characters, for messages.

    A long string keeps its start and says how long it was; containers show
    their first few items only, so no message echoes a whole input.
    """
    if isinstance(value, str):
        if len(repr(value)) <= QUOTE_LIMIT:
            return repr(value)
        keep = QUOTE_LIMIT - 20
        while len(repr(value[:keep])) > QUOTE_LIMIT - 10:  # escapes take several characters
            keep //= 2
        return f"{value[:keep]!r}... ({len(value):,} characters)"
    text = _REPR.repr(value)
    return text if len(text) <= QUOTE_LIMIT + 10 else text[:QUOTE_LIMIT] + "..."


def clip(text: str) -> str:
    """A file name or key path cut to about :data:`QUOTE_LIMIT` characters, one line."""
    text = text.replace("\n", "\\n").replace("\r", "\\r")
    if len(text) <= QUOTE_LIMIT:
        return text
    return f"{text[:QUOTE_LIMIT - 20]}... ({len(text):,} characters)"


class ExitCode(IntEnum):
    """Exit status of ``tco`` (documented in the README)."""

    OK = 0
    #: a CI gate (``--fail-if``) tripped
    GATE_FAILED = 1
    #: bad input or usage: broken TOML, unknown key or unit, wrong dimension ...
    BAD_INPUT = 2
    #: a bug in tco: please report it (rerun with --debug for the traceback)
    INTERNAL = 3


class TcoError(Exception):
    """Base of every failure tco expects; the CLI prints it as one line."""

    exit_code = ExitCode.BAD_INPUT


class InputError(TcoError):
    """Bad input, located: which file, which key, what was expected and given."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        key: str | None = None,
    ) -> None:
        source = clip(source) if source else source
        key = clip(key) if key else key
        self.source = source
        self.key = key
        self.detail = message
        where = ": ".join(part for part in (source, key) if part)
        super().__init__(f"{where}: {message}" if where else message)
