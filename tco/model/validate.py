"""Check a raw scenario (a dict read from TOML) against :mod:`tco.model.spec`.

Every value comes out as an :class:`Input`: the value in its canonical unit,
what the user wrote, where it came from (scenario, ``--set`` or default) and
the source the scenario cites for it. The first problem found raises an
:class:`~tco.errors.InputError` naming the file, the key path, what was
expected and what was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import units
from ..errors import InputError, shown
from . import spec
from .correlations import Correlation, read_correlations
from .spec import Field
from .validate_tables import _NO_RANGE, _RANGED_KINDS, DISTRIBUTIONS, TableReader
from .validate_values import Input

__all__ = ["DISTRIBUTIONS", "Input", "Reader", "Resolved", "_NO_RANGE", "_RANGED_KINDS"]

_OPTION_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


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
    #: ``[[correlations]]``: pairs of sampled inputs that move together
    correlations: list[Correlation] = field(default_factory=list)

    def tables(self) -> list[dict[str, Input]]:
        """Every table of inputs, in scenario order (a part's failure modes after it;
        the [site] after what the options connect, so the analyses vary its inputs)."""
        out = [self.top, self.analysis, self.deployment]
        if self.fabric:
            out += [self.fabric, *self.fabric_tiers]
        if self.site:
            out.append(self.site)
        for key, opt, parts in self.options:
            out += [opt, *parts.values()]
            for name in parts:
                out += self.modes.get(f"options.{key}.{name}", [])
        return out

    def inputs(self) -> dict[str, Input]:
        """Every input by its key path (exchange rates included)."""
        out = {i.path: i for t in self.tables() for i in t.values()}
        out.update((i.path, i) for i in self.extra)
        return out


#: analysis keys of the former power_value = gpus site, and where they live now
MOVED = {
    "site_power": "site.power", "gpus": "site.gpus (or fabric.gpus)",
    "gpu_power": "site.gpu_power", "planning_margin": 'site.planning_margin (a share: '
    '"10 %" for 1.1)', "gpu_valuation": "site.gpu_valuation",
    "gpu_hour_value": "site.gpu_hour_value", "gpu_utilisation": "site.utilisation",
}


class Reader(TableReader):
    """Reads one raw scenario; ``origin`` is what an explicit value counts as."""

    def __init__(self, source: str, set_paths: frozenset[str] = frozenset(),
                 origin: str = "scenario", inherited: frozenset[str] = frozenset(),
                 ranges: dict[str, tuple[Any, Any, str | None]] | None = None) -> None:
        super().__init__(source, set_paths, origin, inherited, ranges)
        self.rate_inputs: list[Input] = []
        self.modes: dict[str, list[dict[str, Input]]] = {}
        self.with_fabric = False

    # -- whole scenario -----------------------------------------------------------
    def read(self, raw: dict[str, Any]) -> Resolved:
        top = self.read_table(raw, spec.TOP, "",
                              extra=("analysis", "deployment", "fabric", "site", "options",
                                     "correlations"))
        analysis_raw = self.table(raw, "analysis", required=False)
        for old, new in MOVED.items():  # one place for a power-capped site: [site]
            if old in analysis_raw:
                raise self.error(f"analysis.{old}", f"moved to [site]: write {new} (one "
                                                    "place for a power-capped site)")
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
            site = self.read_table(self.table(raw, "site"), spec.SITE, "site")
            if fabric is None and site["gpus"].value is None:
                raise self.error("site.gpus", "missing required key: with [deployment], "
                                              "the GPUs the switch fleet connects")
            if fabric is not None and site["gpus"].value is not None:
                raise self.error("site.gpus", "with a [fabric] the GPUs are fabric.gpus: "
                                              "remove site.gpus")
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
        if "correlations" in raw:
            resolved.correlations = read_correlations(self, raw["correlations"], resolved)
        unused = sorted(set(self.ranges) - self.ranges_used)
        if unused:
            raise InputError("no such key in the scenario (check the path)",
                             source=self.source, key=f"--range {unused[0]}")
        return resolved

    def read_currency(self, analysis_raw: dict[str, Any]) -> None:
        fields = spec.field_map(spec.ANALYSIS)
        cur = analysis_raw.get("currency", fields["currency"].default)
        cur, _, _ = self.unwrap("analysis.currency", cur)
        self.currency = self.convert(fields["currency"], "analysis.currency", cur)
        rates_raw = analysis_raw.get("exchange_rates", {})
        if not isinstance(rates_raw, dict):
            other = "USD" if self.currency != "USD" else "EUR"
            raise self.error("analysis.exchange_rates",
                             f'expected a table such as {{ {other} = '
                             f'"1.08 {self.currency}/{other}" }}, '
                             f"got {shown(rates_raw)}")
        for code, given in rates_raw.items():
            path = f"analysis.exchange_rates.{code}"
            value, source, note = self.unwrap(path, given, allow_range=True)
            if code not in units.CURRENCIES:
                raise self.error(path, f"unknown currency {shown(code)} "
                                       f"(known: {', '.join(units.CURRENCIES)})")
            if code == self.currency:
                raise self.error(path, f"{code} is the reporting currency; it needs no rate")
            rate_field = Field(code, "quantity", "", unit=f"{self.currency}/{code}",
                               example=f"1.08 {self.currency}/{code}", minimum=0,
                               exclusive_minimum=True)
            self.rates[code] = self.convert(rate_field, path, value, allow_rates=False)
            rate = Input(path, self.rates[code], rate_field.unit, given=value,
                         origin=self.origin_of(path), source=source, note=note)
            if isinstance(given, dict):  # a range: sampled by the analysis commands
                self.read_range(rate_field, rate, given, allow_rates=False)
            if path in self.ranges:
                self.ranges_used.add(path)
                low, high, dist = self.ranges[path]
                self.read_range(rate_field, rate, {"low": low, "high": high, "dist": dist},
                                from_option=True, allow_rates=False)
            self.rate_inputs.append(rate)

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
                for banned in ("life", "salvage", "warranty", "warranty_handling"):
                    if banned in praw:
                        raise self.error(f"{ppath}.{banned}",
                                         "an integral part is refreshed, salvaged and under "
                                         f"warranty with the switch: set {banned} on the "
                                         "switch")
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
        if part["interrupt_probability"].value is not None:
            raise self.error(f"{ppath}.interrupt_probability",
                             "give interrupt_probability in each failure mode or on the "
                             "part, not both")
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
