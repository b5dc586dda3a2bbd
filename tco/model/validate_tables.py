"""Read one table of a scenario: its keys, defaults, value tables and ranges.

:class:`TableReader` sits between :class:`~tco.model.validate_values.ValueReader` (single
values) and :class:`tco.model.validate.Reader` (the whole scenario).
"""

from __future__ import annotations

import difflib
from typing import Any

from ..errors import InputError, shown
from .spec import DERIVED, OPTIONAL, REQUIRED, Field
from .validate_values import Input, ValueReader

_VALUE_TABLE_KEYS = {"value", "source", "note", "low", "high", "dist"}
#: distributions a range may name (the first is the default); see tco.analysis.sampling
DISTRIBUTIONS = ("pert", "triangular", "uniform", "lognormal")
#: kinds of key that may carry a range
_RANGED_KINDS = ("quantity", "percent", "ratio", "number")
#: keys that shape the model (years, ports) and so cannot be sampled
_NO_RANGE = {
    "analysis.horizon": "the horizon sets the years of the analysis; sweep it instead "
                        "(tco sweep --vary analysis.horizon=3..7)",
    "deployment.switch_capacity": "the switch capacity sets the ports per switch; "
                                  "sweep it instead",
    "deployment.port_speed": "the port speed sets the ports per switch; sweep it instead",
    **{f"fabric.{k}": "the fabric's shape is whole switches and ports; sweep it instead"
       for k in ("oversubscription", "nic_speed", "port_speed", "switch_capacity",
                 "copper_reach", "tier1.reach", "tier2.reach", "tier3.reach")},
}


class TableReader(ValueReader):
    """Reads the tables of a scenario, key by key, against :mod:`tco.model.spec`."""

    # -- tables ---------------------------------------------------------------------
    def table(self, raw: dict[str, Any], key: str, *, required: bool = True,
              prefix: str = "") -> dict[str, Any]:
        path = f"{prefix}.{key}" if prefix else key
        if key not in raw:
            if required:
                raise self.error(path, "missing table (required)")
            return {}
        value = raw[key]
        if not isinstance(value, dict):
            raise self.error(path, f"expected a table, got {shown(value)}")
        return value

    def check_keys(self, raw: dict[str, Any], allowed: list[str], prefix: str) -> None:
        for key in raw:
            if key not in allowed:
                path = f"{prefix}.{key}" if prefix else key
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else \
                    f" (allowed: {', '.join(allowed)})"
                raise self.error(path, f"unknown key{hint}")

    def read_table(self, raw: dict[str, Any], fields: tuple[Field, ...], prefix: str,
                   skip: tuple[str, ...] = (), extra: tuple[str, ...] = ()
                   ) -> dict[str, Input]:
        self.check_keys(raw, [*(f.name for f in fields), *extra], prefix)
        out: dict[str, Input] = {}
        for f in fields:
            if f.name in skip:
                continue
            path = f"{prefix}.{f.name}" if prefix else f.name
            if f.name in raw:
                value, source, note = self.unwrap(path, raw[f.name], allow_range=True)
                origin = self.origin_of(path)
                converted = self.convert(f, path, value)
                out[f.name] = Input(path, converted, self.unit_of(f, converted),
                                    given=value, origin=origin, source=source, note=note,
                                    converted=self.last_converted)
                if isinstance(raw[f.name], dict):
                    self.read_range(f, out[f.name], raw[f.name])
            elif f.default is REQUIRED:
                raise self.error(path, f"missing required key ({_gist(f)})")
            elif f.default is DERIVED or f.default is OPTIONAL:
                out[f.name] = Input(path, None, self.unit_of(f))
            else:
                default = f.default.replace("{cur}", self.currency) \
                    if isinstance(f.default, str) else f.default
                converted = self.convert(f, path, default)
                out[f.name] = Input(path, converted, self.unit_of(f, converted), given=default)
            if path in self.ranges:
                self.ranges_used.add(path)
                low, high, dist = self.ranges[path]
                if out[f.name].value is None:
                    raise InputError("has no value to give a range to: set one first "
                                     "(--set)", source=self.source, key=f"--range {path}")
                self.read_range(f, out[f.name], {"low": low, "high": high, "dist": dist},
                                from_option=True)
        return out

    def read_range(self, f: Field, item: Input, raw: dict[str, Any],
                   from_option: bool = False, allow_rates: bool = True) -> None:
        """Check and attach ``low``/``high``/``dist`` of a value written as a table."""
        if "low" not in raw and "high" not in raw:
            if raw.get("dist") is not None:
                raise self.error(f"{item.path}.dist", "a distribution needs a range: "
                                                      "give low and high too")
            return
        path = item.path
        where = (lambda k: f"--range {path}") if from_option else (lambda k: f"{path}.{k}")

        def fail(key: str, message: str) -> InputError:
            if from_option:  # the scenario it was given to, then the option
                return InputError(message, source=self.source, key=where(key))
            return self.error(where(key), message)

        if f.kind not in _RANGED_KINDS:
            raise fail("low", "only quantities and numbers can take a range")
        if path in _NO_RANGE or f"{path.split('.')[0]}.{f.name}" in _NO_RANGE:
            raise fail("low", _NO_RANGE.get(path, "cannot take a range"))
        for key in ("low", "high"):
            if raw.get(key) is None:
                raise fail(key, "a range needs both low and high")
        dist = raw.get("dist") or DISTRIBUTIONS[0]
        if dist not in DISTRIBUTIONS:
            raise fail("dist", f"expected one of {', '.join(DISTRIBUTIONS)}, got {dist!r}")
        bounds = []
        for key in ("low", "high"):
            try:
                bounds.append(self.convert(f, f"{path}.{key}", raw[key], allow_rates))
            except InputError as exc:
                if not from_option:
                    raise
                raise fail(key, f"{key}: {exc.detail}") from None
        low, high = bounds
        lo, hi, mid = (float(getattr(q, "magnitude", q)) for q in (low, high, item.value))
        if not lo <= mid <= hi:
            raise fail("low", f"expected low <= value <= high, got {raw['low']!r} <= "
                              f"{item.given!r} <= {raw['high']!r}")
        if dist == "lognormal" and lo <= 0:
            raise fail("low", "a lognormal range needs low above zero")
        item.low, item.high, item.dist = low, high, dist

    def one_of(self, table: dict[str, Input], names: tuple[str, ...], prefix: str) -> None:
        given = [n for n in names if table[n].value is not None]
        if len(given) > 1:
            raise self.error(f"{prefix}.{given[1]}",
                             f"give only one of {', '.join(names)} (got {', '.join(given)})")

    def unwrap(self, path: str, value: Any, allow_range: bool = False
               ) -> tuple[Any, str | None, str | None]:
        """A value may be written plainly or as { value = ..., source = "..." }.

        Where ``allow_range``, the table may also hold ``low``, ``high`` and ``dist``
        (read by :meth:`read_range`).
        """
        if not isinstance(value, dict):
            return value, None, None
        extra = set(value) - _VALUE_TABLE_KEYS
        if not allow_range and set(value) & {"low", "high", "dist"}:
            raise self.error(path, "this value cannot take a range")
        if extra or "value" not in value:
            raise self.error(path, 'expected a value or a table { value = ..., source = "..." }'
                                   " (optionally with low, high and dist), got keys "
                                   f"{', '.join(sorted(value))}")
        source, note = value.get("source"), value.get("note")
        for name, text in (("source", source), ("note", note)):
            if text is not None and not isinstance(text, str):
                raise self.error(f"{path}.{name}", f"expected text, got {shown(text)}")
        return value["value"], source, note


def _gist(f: Field) -> str:
    """What a key is, in a few words (its doc's first clause) and an example, for a
    message: the whole doc would make a paragraph of a one-line error."""
    gist = f.doc.split(". ")[0].rstrip(".")
    for sep in (": ", "; ", ", "):
        if len(gist) > 70 and sep in gist:
            gist = gist.split(sep)[0]
    return f"{gist}, such as {f.example}" if f.example else gist
