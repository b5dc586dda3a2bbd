"""Check a raw scenario (a dict read from TOML) against :mod:`tco.model.spec`.

Every value comes out as an :class:`Input`: the value in its canonical unit,
what the user wrote, where it came from (scenario, ``--set`` or default) and
the source the scenario cites for it. The first problem found raises an
:class:`~tco.errors.InputError` naming the file, the key path, what was
expected and what was given.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any

from .. import units
from ..errors import InputError, shown
from . import spec
from .spec import DERIVED, OPTIONAL, REQUIRED, Field

#: friendly names of the dimensions we ask for, keyed by canonical unit
_WHAT = {
    "W": "a power",
    "kgCO2e": "an amount of emissions",
    "MW": "a power",
    "pJ/bit": "an energy per bit",
    "{cur}": "an amount of money",
    "{cur}/kWh": "a price per energy",
    "{cur}/kW": "a cost per power",
    "{cur}/hour": "a cost per hour",
    "{cur}/tCO2e": "a price per tonne of emissions",
    "kgCO2e/kWh": "an emissions intensity",
    "year": "a time",
    "hour": "a time",
    "1/year": "a failure rate (per time, or FIT)",
    "Tbit/s": "a bit rate",
    "Gbit/s": "a bit rate",
    "m": "a length",
}
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
_OPTION_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass
class Input:
    """One resolved scenario value."""

    path: str
    value: Any
    unit: str = ""
    given: Any = None
    origin: str = "default"
    source: str | None = None
    note: str | None = None
    #: a range for the analysis commands (same unit as value); compare uses value only
    low: Any = None
    high: Any = None
    dist: str | None = None

    @property
    def ranged(self) -> bool:
        return self.low is not None


@dataclass
class Resolved:
    """A scenario after validation: inputs by section, options in order."""

    source: str
    currency: str
    rates: dict[str, Any]
    top: dict[str, Input]
    analysis: dict[str, Input]
    deployment: dict[str, Input]
    options: list[tuple[str, dict[str, Input], dict[str, dict[str, Input]]]] = field(
        default_factory=list
    )
    extra: list[Input] = field(default_factory=list)
    #: ``[fabric]`` (then ``deployment`` is empty and derived), its tier tables in order
    fabric: dict[str, Input] | None = None
    fabric_tiers: list[dict[str, Input]] = field(default_factory=list)
    #: ``failure_modes`` by part path (``options.cpo.lasers``), each mode's inputs
    modes: dict[str, list[dict[str, Input]]] = field(default_factory=dict)
    site: dict[str, Input] | None = None


class Reader:
    """Reads one raw scenario; ``origin`` is what an explicit value counts as."""

    def __init__(self, source: str, set_paths: frozenset[str] = frozenset(),
                 origin: str = "scenario", inherited: frozenset[str] = frozenset(),
                 ranges: dict[str, tuple[Any, Any, str | None]] | None = None) -> None:
        self.source = source
        #: ranges from the command line (--range KEY=LOW..HIGH): path -> (low, high, dist)
        self.ranges = dict(ranges or {})
        self.ranges_used: set[str] = set()
        self.set_paths = set_paths
        self.origin = origin
        self.inherited = inherited
        self.rate_inputs: list[Input] = []
        self.modes: dict[str, list[dict[str, Input]]] = {}
        self.currency = "USD"
        self.rates: dict[str, Any] = {}
        self.with_fabric = False

    # -- errors ---------------------------------------------------------------
    def error(self, path: str, message: str) -> InputError:
        if self.was_set(path):
            message += " (from --set)"
        return InputError(message, source=self.source, key=path or None)

    def was_set(self, path: str) -> bool:
        return path in self.set_paths or any(p.startswith(f"{path}.") for p in self.set_paths)

    def origin_of(self, path: str) -> str:
        if self.was_set(path):
            return "--set"
        return "preset" if path in self.inherited else self.origin

    # -- whole scenario -----------------------------------------------------------
    def read(self, raw: dict[str, Any]) -> Resolved:
        top = self.read_table(raw, spec.TOP, "",
                              extra=("analysis", "deployment", "fabric", "site", "options"))
        analysis_raw = self.table(raw, "analysis", required=False)
        self.read_currency(analysis_raw)
        analysis = self.read_table(analysis_raw, spec.ANALYSIS, "analysis",
                                   skip=("currency", "exchange_rates"))
        self.one_of(analysis, ("pue", "cooling_energy_fraction"), "analysis")
        if "fabric" in raw and "deployment" in raw:
            raise self.error("fabric", "give [deployment] or [fabric], not both: the "
                                       "fabric derives the deployment")
        fabric, tiers = None, []
        self.with_fabric = "fabric" in raw
        if "fabric" in raw:
            deployment: dict[str, Input] = {}
            fabric, tiers = self.read_fabric(self.table(raw, "fabric"))
        else:
            deployment = self.read_table(self.table(raw, "deployment"), spec.DEPLOYMENT,
                                         "deployment")
        site = None
        if "site" in raw:
            if fabric is None:
                raise self.error("site", "a power-capped site needs a [fabric] (GPUs and "
                                         "their network), not [deployment]")
            site = self.read_table(self.table(raw, "site"), spec.SITE, "site")
        if fabric is not None and site is None and fabric["gpus"].value is None:
            raise self.error("fabric.gpus", "missing required key (give it, or a [site] "
                                            "whose power sizes the fabric)")
        resolved = Resolved(self.source, self.currency, self.rates, top, analysis,
                            deployment, extra=self.rate_inputs, fabric=fabric,
                            fabric_tiers=tiers, site=site, modes=self.modes)
        options_raw = self.table(raw, "options")
        if len(options_raw) < 2:
            raise self.error("options", f"expected at least two options to compare, "
                                        f"got {len(options_raw)}")
        for key, value in options_raw.items():
            resolved.options.append(self.read_option(key, value))
        marked = [key for key, opt, _ in resolved.options if opt["baseline"].value]
        if len(marked) > 1:
            raise self.error("options", f"at most one option may be the baseline, "
                                        f"got {', '.join(marked)}")
        unused = sorted(set(self.ranges) - self.ranges_used)
        if unused:
            raise InputError("no such key in the scenario (check the path)",
                             source=f"--range {unused[0]}")
        return resolved

    def read_currency(self, analysis_raw: dict[str, Any]) -> None:
        fields = spec.field_map(spec.ANALYSIS)
        cur = analysis_raw.get("currency", fields["currency"].default)
        cur, _, _ = self.unwrap("analysis.currency", cur)
        self.currency = self.convert(fields["currency"], "analysis.currency", cur)
        rates_raw = analysis_raw.get("exchange_rates", {})
        if not isinstance(rates_raw, dict):
            raise self.error("analysis.exchange_rates",
                             f'expected a table such as {{ EUR = "1.08 {self.currency}/EUR" }}, '
                             f"got {shown(rates_raw)}")
        for code, given in rates_raw.items():
            path = f"analysis.exchange_rates.{code}"
            value, source, note = self.unwrap(path, given)
            if code not in units.CURRENCIES:
                raise self.error(path, f"unknown currency {shown(code)} "
                                       f"(known: {', '.join(units.CURRENCIES)})")
            if code == self.currency:
                raise self.error(path, f"{code} is the reporting currency; it needs no rate")
            rate_field = Field(code, "quantity", "", unit=f"{self.currency}/{code}",
                               example=f"1.08 {self.currency}/{code}", minimum=0,
                               exclusive_minimum=True)
            self.rates[code] = self.convert(rate_field, path, value, allow_rates=False)
            self.rate_inputs.append(Input(path, self.rates[code], rate_field.unit, given=value,
                                          origin=self.origin_of(path), source=source,
                                          note=note))

    def read_fabric(self, raw: dict[str, Any]) -> tuple[dict[str, Input],
                                                         list[dict[str, Input]]]:
        tier_keys = ("tier1", "tier2", "tier3")
        fabric = self.read_table(raw, spec.FABRIC, "fabric", extra=tier_keys)
        levels = fabric["tiers"].value
        for key in tier_keys[levels:]:
            if key in raw:
                raise self.error(f"fabric.{key}", f"the fabric has {levels} tier"
                                                  f"{'s' if levels > 1 else ''}: no {key}")
        tiers = [self.read_table(self.table(raw, key, required=False, prefix="fabric"),
                                 spec.FABRIC_TIER, f"fabric.{key}")
                 for key in tier_keys[:levels]]
        return fabric, tiers

    def read_option(self, key: str, raw: Any) -> tuple[str, dict[str, Input],
                                                        dict[str, dict[str, Input]]]:
        path = f"options.{key}"
        if not _OPTION_KEY.match(key):
            raise self.error(path, "an option's key is letters, digits, _ and - (it is used "
                                   "in --set, --fail-if and explain): put the display name "
                                   "in label")
        if not isinstance(raw, dict):
            raise self.error(path, f"expected a table of option settings, got {shown(raw)}")
        part_names = [name for name, _, _ in spec.PARTS]
        option_keys = {f.name for f in spec.OPTION}
        # any other table is an extra part (a NIC module, a cable, a second switch ...)
        extra_parts = [k for k, v in raw.items() if k not in option_keys
                       and k not in part_names and isinstance(v, dict) and "value" not in v]
        opt = self.read_table(raw, spec.OPTION, path, extra=(*part_names, *extra_parts))
        self.one_of(opt, ("pue", "cooling_energy_fraction"), path)
        parts: dict[str, dict[str, Input]] = {}
        for name in extra_parts:
            if not _OPTION_KEY.match(name):
                raise self.error(f"{path}.{name}", "a part's key is letters, digits, _ and -")
        for name, required in [*((n, r) for n, _, r in spec.PARTS),
                               *((n, False) for n in extra_parts)]:
            if name not in raw and not required:
                continue
            ppath = f"{path}.{name}"
            praw = self.table(raw, name, prefix=path)
            if name == "switch":
                for banned in ("count", "per_port", "integral"):
                    if banned in praw:
                        raise self.error(f"{ppath}.{banned}",
                                         "the switch part is one unit per switch; "
                                         f"{banned} is not a key here")
            parts[name] = self.read_table(praw, spec.PART, ppath, extra=("failure_modes",))
            if "failure_modes" in praw:
                self.modes[ppath] = self.read_modes(praw["failure_modes"], parts[name],
                                                    ppath)
            if parts[name]["integral"].value:
                for banned in ("life", "salvage"):
                    if banned in praw:
                        raise self.error(f"{ppath}.{banned}",
                                         "an integral part is refreshed and salvaged with "
                                         f"the switch: set {banned} on the switch")
            self.one_of(parts[name], ("afr", "failure_rate", "mtbf"), ppath)
            self.one_of(parts[name], ("count", "per_port"), ppath)
            self.check_basis(name, parts[name], ppath)
            if name == "lasers" and not self.with_fabric and parts[name]["count"].value \
                    is None and parts[name]["per_port"].value is None:
                raise self.error(f"{ppath}.count",
                                 "external lasers need count (per switch) or per_port")
        return key, opt, parts

    def read_modes(self, raw: Any, part: dict[str, Input], ppath: str
                   ) -> list[dict[str, Input]]:
        """``failure_modes``: an array of tables, each with exactly one rate."""
        path = f"{ppath}.failure_modes"
        if not isinstance(raw, list) or not raw or \
                not all(isinstance(m, dict) for m in raw):
            raise self.error(path, "expected an array of tables "
                                   f"([[{path}]]), got {shown(raw)}")
        for rate in ("afr", "failure_rate", "mtbf"):
            if part[rate].value is not None:
                raise self.error(f"{ppath}.{rate}", "give the rate in failure_modes or "
                                                    "on the part, not both")
        rates = ("afr", "failure_rate", "mtbf")
        out = []
        for i, mraw in enumerate(raw, start=1):
            mpath = f"{path}[{i}]"
            mode = self.read_table(mraw, spec.FAILURE_MODE, mpath)
            self.one_of(mode, rates, mpath)
            if all(mode[r].value is None for r in rates):
                raise self.error(f"{mpath}.afr", "a failure mode needs one of afr, "
                                                 "failure_rate, mtbf")
            if mode["repair"].value == "fru" and mode["repair_price"].value is None:
                raise self.error(f"{mpath}.repair_price",
                                 "a fru repair needs its repair_price (the sub-unit's price)")
            out.append(mode)
        names = [m["name"].value for m in out]
        for i, name in enumerate(names, start=1):
            if names.index(name) != i - 1:
                raise self.error(f"{path}[{i}].name", f"a second failure mode named {name!r}")
        return out

    def check_basis(self, name: str, part: dict[str, Input], ppath: str) -> None:
        """per, tiers and media need a [fabric]; per_port needs a [deployment]."""
        if self.with_fabric:
            if name == "switch" and part["per"].value not in (None, "switch"):
                raise self.error(f"{ppath}.per", "the switch part is counted per switch; "
                                 "put per-port parts in a part of their own")
            if part["per_port"].value is not None:
                raise self.error(f"{ppath}.per_port", "with [fabric], give per (switch, "
                                 "switch_port, nic_port, link_end or link) and count")
            return
        for key in ("per", "tiers", "media"):
            if part[key].value is not None:
                raise self.error(f"{ppath}.{key}", "needs a [fabric] section (with "
                                                   "[deployment], parts are per switch)")

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
                                    given=value, origin=origin, source=source, note=note)
                if isinstance(raw[f.name], dict):
                    self.read_range(f, out[f.name], raw[f.name])
            elif f.default is REQUIRED:
                raise self.error(path, f"missing required key ({f.doc.rstrip('.')})")
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
                                     "(--set)", source=f"--range {path}")
                self.read_range(f, out[f.name], {"low": low, "high": high, "dist": dist},
                                from_option=True)
        return out

    def read_range(self, f: Field, item: Input, raw: dict[str, Any],
                   from_option: bool = False) -> None:
        """Check and attach ``low``/``high``/``dist`` of a value written as a table."""
        if "low" not in raw and "high" not in raw:
            if raw.get("dist") is not None:
                raise self.error(f"{item.path}.dist", "a distribution needs a range: "
                                                      "give low and high too")
            return
        path = item.path
        where = (lambda k: f"--range {path}") if from_option else (lambda k: f"{path}.{k}")

        def fail(key: str, message: str) -> InputError:
            if from_option:
                return InputError(message, source=where(key))
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
                bounds.append(self.convert(f, f"{path}.{key}", raw[key]))
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

    def unit_of(self, f: Field, value: Any = None) -> str:
        """The unit a value is expressed in: the canonical one or the alternative matched."""
        if f.kind == "percent":
            return "%"
        for unit in (f.unit, *f.alt_units):
            unit = unit.replace("{cur}", self.currency)
            if unit and (value is None or not hasattr(value, "units")
                         or value.units == units.Q(1, unit).units):
                return unit
        return f.unit.replace("{cur}", self.currency)

    # -- single values ------------------------------------------------------------
    def convert(self, f: Field, path: str, value: Any, allow_rates: bool = True) -> Any:
        kind = f.kind
        if kind in ("quantity", "percent"):
            return self.quantity(f, path, value, allow_rates)
        if kind == "ratio" or kind == "number":
            return self.number(f, path, value)
        if kind == "integer":
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                raise self.error(path, f"expected a whole number, got {shown(value)}")
            try:
                number = int(value)
            except (ValueError, OverflowError):
                raise self.error(path, f"expected a whole number, got {shown(value)}") from None
            self.check_range(f, path, number, value)
            return number
        if kind == "tiers":
            if not isinstance(value, list) or not value or any(
                    isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 3
                    for v in value):
                raise self.error(path, f"expected a list of tiers such as [2, 3] (1 to 3), "
                                       f"got {value!r}")
            return tuple(sorted(set(value)))
        if kind == "choice":
            if value not in f.choices:
                raise self.error(path, f"expected one of {', '.join(f.choices)}, "
                                       f"got {shown(value)}")
            return value
        if kind == "text":
            if not isinstance(value, str):
                raise self.error(path, f"expected text, got {shown(value)}")
            return value
        if kind == "flag":
            if not isinstance(value, bool):
                raise self.error(path, f"expected true or false, got {shown(value)}")
            return value
        raise AssertionError(f"unknown field kind {kind}")  # pragma: no cover

    def number(self, f: Field, path: str, value: Any) -> float:
        if isinstance(value, bool):
            raise self.error(path, f"expected a number, got {shown(value)}")
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            raise self.error(path, f"expected a number such as {f.example or '1'}, "
                                   f"got {shown(value)}") from None
        if not math.isfinite(number):
            raise self.error(path, f"expected a finite number, got {shown(value)}")
        self.check_range(f, path, number, value)
        return number

    def quantity(self, f: Field, path: str, value: Any, allow_rates: bool) -> Any:
        units_ok = [u.replace("{cur}", self.currency) for u in (f.unit, *f.alt_units)] \
            if f.kind == "quantity" else ["%"]
        example = f.example or units_ok[0]
        if "{cur}" in f.unit:
            example = example.replace("USD", self.currency)
        what = _WHAT.get(f.unit, f"a quantity in {units_ok[0]}") if f.kind == "quantity" \
            else "a percentage"
        wanted = f"{what} such as '{example}'"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise self.error(path, f"expected {wanted}, got {shown(value)} with no unit "
                                   f"(write it as a string with its unit)")
        try:
            q = units.parse(value)
        except units.UnitParseError as exc:
            raise self.error(path, f"expected {wanted}, but {exc}") from None
        if f.kind == "percent" and not str(value).strip().endswith(("%", "percent")):
            raise self.error(path, f"expected {wanted}, got {shown(value)}: write shares "
                                   "with % so that 3 % and 0.03 cannot be confused")
        if allow_rates:
            try:
                q = units.to_currency(q, self.currency, self.rates)
            except KeyError as exc:
                code = exc.args[0]
                raise self.error(path, f"{shown(value)} is in {code} but no rate is stated: add "
                                       f'analysis.exchange_rates.{code} = "... '
                                       f'{self.currency}/{code}"') from None
        for unit in units_ok:
            target = units.Q(1, unit)
            if q.dimensionality == target.dimensionality:
                q = q.to(unit)
                self.check_range(f, path, float(q.magnitude), value, unit)
                return q
        raise self.error(path, f"expected {wanted}, got {shown(value)}, which is "
                               f"{units.dimension_name(q)}")

    def check_range(self, f: Field, path: str, number: float, given: Any,
                    unit: str = "") -> None:
        """Finite and inside :func:`spec.bounds` (the key's own range, else the defaults).

        ``unit``: the unit ``number`` is expressed in, for the message.
        """
        unit = " %" if f.kind == "percent" else f" {unit}" if unit else ""
        if not math.isfinite(number):
            raise self.error(path, f"expected a finite value, got {shown(given)}, which "
                                   f"is beyond the range of a number in{unit or ' its unit'}")
        low, high = spec.bounds(f)
        lo, hi = spec.number_text(low), spec.number_text(high)
        if f.exclusive_minimum and number <= low:
            raise self.error(path, f"expected a value above {lo}{unit}, got {shown(given)}")
        if number < low:
            raise self.error(path, f"expected at least {lo}{unit}, got {shown(given)}")
        if number > high:
            why = f" ({spec.bound_reason(f)})" if f.maximum is None else ""
            raise self.error(path, f"expected at most {hi}{unit}{why}, got {shown(given)}")
