"""Expected failures and the exit codes the command line maps them to."""

from __future__ import annotations

from enum import IntEnum


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
        self.source = source
        self.key = key
        self.detail = message
        where = ": ".join(part for part in (source, key) if part)
        super().__init__(f"{where}: {message}" if where else message)
