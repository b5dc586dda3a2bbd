"""Usage errors (the command line itself is wrong) as one line in tco's style.

click, under typer, reports a bad option value, an unknown option or command, or a
missing argument as a four-line block. :func:`friendly_types` makes every
parameter's conversion failure say what was expected and what was given, and
:func:`message` turns each kind of usage error into one line::

    tco: error: --years: expected a whole number of years from 1 to 50, got 'soon'
    tco: error: --formt: no such option of tco compare; did you mean --format?
    tco: error: comp: no such command; did you mean compare?
"""

from __future__ import annotations

import copy
import difflib
import re
from typing import Any

from ..errors import clip, shown

try:  # typer >= 0.20 carries its own copy of click
    from typer._click import exceptions as cx
    from typer._click import types as ct
except ImportError:  # pragma: no cover - older typer with click installed
    from click import exceptions as cx  # type: ignore[no-redef]
    from click import types as ct  # type: ignore[no-redef]

UsageError = cx.UsageError
NoArgsIsHelpError = getattr(cx, "NoArgsIsHelpError", None)

#: what a whole number counts, by parameter name
_NOUNS = {"years": " of years"}


def expected(param_type: Any, param: Any) -> str:
    """What a parameter of this type accepts, in words."""
    noun = _NOUNS.get(getattr(param, "name", "") or "", "")
    choices = getattr(param_type, "choices", None)  # click's and typer's Choice
    if choices:
        return f"one of {', '.join(str(getattr(c, 'value', c)) for c in choices)}"
    if isinstance(param_type, (ct.IntRange, ct.FloatRange)):
        what = f"a whole number{noun}" if isinstance(param_type, ct.IntRange) else "a number"
        low, high = param_type.min, param_type.max
        if low is not None and high is not None:
            return f"{what} from {low} to {high}"
        if low is not None:
            return f"{what} of at least {low}"
        return f"{what} of at most {high}" if high is not None else what
    if isinstance(param_type, ct.IntParamType):
        return f"a whole number{noun}"
    if isinstance(param_type, ct.FloatParamType):
        return "a number"
    if isinstance(param_type, ct.BoolParamType):
        return "true or false"
    return f"a valid {getattr(param_type, 'name', 'value')}"


def friendly_types(command: Any) -> Any:
    """Give each parameter of ``command`` (and its subcommands) a conversion that fails
    with "expected ..., got '...'" (the type objects are copied, never shared)."""
    for param in getattr(command, "params", []):
        param_type = copy.copy(param.type)
        original = param_type.convert

        def convert(value: Any, p: Any, ctx: Any, _original: Any = original,
                    _type: Any = param_type) -> Any:
            try:
                return _original(value, p, ctx)
            except cx.BadParameter:
                raise cx.BadParameter(f"expected {expected(_type, p)}, got {shown(value)}",
                                      ctx=ctx, param=p) from None

        param_type.convert = convert
        param.type = param_type
    for sub in (getattr(command, "commands", None) or {}).values():
        friendly_types(sub)
    return command


def _param_name(param: Any) -> str:
    if param is None:
        return ""
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if getattr(param, "param_type_name", "") == "option" and opts:
        return opts[0]
    return str(getattr(param, "metavar", None) or str(getattr(param, "name", "")).upper())


def _command_path(ctx: Any) -> str:
    return getattr(ctx, "command_path", "") or "tco"


def _suggest(word: str, names: list[str]) -> str:
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


def message(exc: Any) -> str:
    """One line (without the ``tco: error:`` prefix) for a click usage error."""
    ctx = getattr(exc, "ctx", None)
    where = _command_path(ctx)
    text = " ".join(exc.format_message().split()).rstrip(".")
    if isinstance(exc, cx.NoSuchOption):
        options = sorted({o for p in (ctx.command.params if ctx else [])
                          for o in getattr(p, "opts", []) if o.startswith("--")})
        hint = _suggest(exc.option_name, options) or f" (see {where} --help)"
        return f"{clip(exc.option_name)}: no such option of {where}{hint}"
    if isinstance(exc, cx.MissingParameter):
        return f"{where}: missing {_param_name(exc.param) or 'argument'} (see {where} --help)"
    if isinstance(exc, cx.BadParameter) and exc.param is not None:
        body = exc.message if exc.message.startswith("expected ") else text
        return f"{_param_name(exc.param)}: {body}"
    if isinstance(exc, cx.BadOptionUsage) and "requires an argument" in text:
        return f"{clip(exc.option_name)}: needs a value"
    if isinstance(exc, cx.BadOptionUsage) and "does not take a value" in text:
        return f"{clip(exc.option_name)}: takes no value"
    if m := re.match(r"No such command '(.*?)'\.", exc.message):
        name = m.group(1)
        names = ctx.command.list_commands(ctx) if ctx is not None else []
        hint = _suggest(name, names) or f" (commands: {', '.join(names)})"
        return f"{clip(name)}: no such command of {where}{hint}"
    if m := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", text):
        return f"{clip(m.group(1))}: unexpected extra argument to {where} (see {where} --help)"
    return f"{where}: {clip(text) if len(text) > 200 else text}"
