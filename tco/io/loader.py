"""Read scenarios from TOML files or bundled presets, apply ``--set`` overrides.

Presets are data: the TOML files of the top-level ``presets/`` folder, shipped
in the wheel as the package ``tco.presets`` and read through the same
validation as a user's file.
"""

from __future__ import annotations

import copy
import re
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError, clip, shown
from ..model import spec
from .reading import check_structure, read_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_PRESET = "default"
#: longest --set KEY=VALUE read
MAX_SET_CHARS = 10_000
#: a dotted key path; a segment may index an array of tables from 1: ``failure_modes[2]``
_KEY_PATH = re.compile(r"^[A-Za-z0-9_-]+(\[[1-9][0-9]{0,5}\])?"
                       r"(\.[A-Za-z0-9_-]+(\[[1-9][0-9]{0,5}\])?)*$")
_INDEXED = re.compile(r"^(?P<name>[A-Za-z0-9_-]+)\[(?P<index>[0-9]+)\]$")
#: a bracket in a key path, whatever it holds (to explain a bad index)
_BRACKET = re.compile(r"\[([^\]]*)\]")


def _check_index(flag: str, key: str) -> None:
    """A key whose ``[N]`` is not an entry number (1, 2, ...) gets its own message."""
    for m in _BRACKET.finditer(key):
        if not re.fullmatch(r"[1-9][0-9]{0,5}", m[1]):
            raise InputError(f"{flag} {shown(key)}: [{m[1][:20]}] is not an entry number: "
                             "entries are counted from 1, such as failure_modes[1]")


@dataclass(frozen=True)
class RawScenario:
    data: dict[str, Any]
    source: str  # file path as given, or "preset 'name'"
    origin: str  # what explicit values count as: "scenario" or "preset"
    set_paths: frozenset[str] = frozenset()
    #: key paths whose values come from the preset named by ``extends``
    inherited: frozenset[str] = frozenset()
    #: ``extends`` already merged in (a ``--set`` into an array of tables needs the
    #: preset's array first): :func:`resolve_extends` leaves it as it is
    extended: bool = False


def preset_names() -> list[str]:
    """Names of the bundled presets, sorted, the default first."""
    names = sorted(p.name[:-5] for p in resources.files("tco.presets").iterdir()
                   if p.name.endswith(".toml"))
    return sorted(names, key=lambda n: (n != DEFAULT_PRESET, n))


def preset_text(name: str) -> str:
    if name not in preset_names():
        raise InputError(f"unknown preset {shown(name)} (presets: {', '.join(preset_names())})")
    return resources.files("tco.presets").joinpath(f"{name}.toml").read_text(encoding="utf-8")


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """Parse TOML after the cheap pre-scan of :func:`reading.check_structure`."""
    check_structure(text, source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", source=source) from None
    except (RecursionError, ValueError) as exc:  # backstops of the pre-scan
        raise InputError(f"invalid TOML: {clip(str(exc))}", source=source) from None


def read_file(path: Path, label: str) -> dict[str, Any]:
    """A scenario file: a regular file under 10 MB (see :mod:`tco.io.reading`)."""
    return parse_toml(read_text(str(path), "a scenario file", label), label)


def read_preset(name: str) -> RawScenario:
    """A preset as written (``extends`` is resolved by :func:`resolve_extends`)."""
    source = f"preset '{name}'"
    return RawScenario(parse_toml(preset_text(name), source), source, "preset")


def resolve_extends(raw: RawScenario) -> RawScenario:
    """Merge the preset named by ``extends`` under the scenario (its own keys win)."""
    if raw.extended:
        return raw
    data, inherited = _extend(raw.data, raw.source)
    return RawScenario(data, raw.source, raw.origin, raw.set_paths,
                       raw.inherited | frozenset(inherited), extended=True)


def _extend(data: dict[str, Any], source: str, seen: tuple[str, ...] = ()
            ) -> tuple[dict[str, Any], set[str]]:
    base_name = data.get("extends")
    if base_name is None:
        return data, set()
    if not isinstance(base_name, str) or base_name not in preset_names():
        raise InputError(f"expected the name of a preset ({', '.join(preset_names())}), "
                         f"got {shown(base_name)}", source=source, key="extends")
    if base_name in seen:
        raise InputError(f"presets extend each other in a loop: {' -> '.join(seen)}",
                         source=source, key="extends")
    base_source = f"preset '{base_name}'"
    base, _ = _extend(parse_toml(preset_text(base_name), base_source), base_source,
                      (*seen, base_name))
    base.pop("extends", None)
    inherited: set[str] = set()
    return _merge(base, data, "", inherited), inherited


def _merge(base: dict[str, Any], top: dict[str, Any], prefix: str, inherited: set[str]
           ) -> dict[str, Any]:
    """``top`` over ``base``; a key of an exclusive group in ``top`` drops its siblings."""
    out = dict(base)
    for key in top:
        for sibling in spec.exclusive_siblings(key):
            out.pop(sibling, None)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) \
                and "value" not in value:
            out[key] = _merge(out[key], value, f"{prefix}{key}.", inherited)
        else:
            out[key] = value
    for key in out:
        if key not in top:
            inherited.update(_paths(out[key], f"{prefix}{key}"))
    return out


def _paths(value: Any, path: str) -> list[str]:
    if isinstance(value, dict) and "value" not in value:
        return [p for k, v in value.items() for p in _paths(v, f"{path}.{k}")]
    return [path]


def read(target: str | None) -> RawScenario:
    """A scenario file, or a preset by name (the default preset for None).

    A preset's name wins over a file of the same name unless the name is
    written as a path (``./default``, ``default.toml``).
    """
    if target is None:
        return read_preset(DEFAULT_PRESET)
    path = Path(target)
    looks_like_path = path.suffix == ".toml" or "/" in target or "\\" in target
    if target in preset_names() and not looks_like_path:
        return read_preset(target)
    if path.exists() or looks_like_path:
        text = read_text(str(path), "a scenario file", target)
        data = parse_toml(text, target)
        return RawScenario(data, target, "scenario", inherited=_edited_init(text, data))
    raise InputError(f"no scenario file or preset of that name "
                     f"(presets: {', '.join(preset_names())})", source=target)


#: the first line `tco init` writes, naming the preset the file starts from
INIT_LINE = "# Starter scenario written by `tco init` from the preset '{}'."
_INIT = re.compile(r"\A\ufeff?# Starter scenario written by `tco init` from the preset "
                   r"'([^'\n]+)'\.")


def _edited_init(text: str, data: dict[str, Any]) -> frozenset[str]:
    """``{"description"}`` for a `tco init` file whose values were edited but whose
    description is still the preset's: those words describe the preset, not the file."""
    m = _INIT.match(text)
    if m is None or m.group(1) not in preset_names():
        return frozenset()
    preset = parse_toml(preset_text(m.group(1)), f"preset '{m.group(1)}'")
    if _values(data) == _values(preset) or data.get("description") != preset.get("description"):
        return frozenset()
    return frozenset({"description"})


def _values(data: Any) -> Any:
    """The data without its ``source`` notes (a source edited changes no value)."""
    if isinstance(data, dict):
        return {k: _values(v) for k, v in data.items() if k != "source"}
    if isinstance(data, list):
        return [_values(v) for v in data]
    return data


def parse_override(text: str) -> tuple[str, Any]:
    """``KEY.PATH=VALUE``: the value is read as TOML if it is TOML, else as text."""
    if len(text) > MAX_SET_CHARS:
        raise InputError(f"--set {shown(text)}: longer than {MAX_SET_CHARS:,} characters")
    key, sep, value = text.partition("=")
    key, value = key.strip(), value.strip()
    if sep:
        _check_index("--set", key)
    if not sep or not _KEY_PATH.match(key) or not value:
        raise InputError(f"--set {shown(text)}: expected KEY=VALUE with a dotted key, "
                         "such as analysis.electricity_price='0.12 USD/kWh'")
    check_structure(value, "--set", key)
    try:
        return key, tomllib.loads(f"v = {value}")["v"]
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return key, value


def apply_overrides(raw: RawScenario, overrides: list[str], years: int | None = None
                    ) -> RawScenario:
    """A copy of ``raw`` with each ``--set`` (and ``--years``) applied.

    A key may index an array of tables from 1, such as
    ``options.cpo.switch.failure_modes[2].afr``: the entry must exist (in the file, or
    in the preset it extends, which is then merged in first).
    """
    items = [parse_override(text) for text in overrides]
    if years is not None:
        items.append(("analysis.horizon", f"{years} year"))
    data = copy.deepcopy(raw.data)
    plain = [(k, v) for k, v in items if "[" not in k]
    indexed = [(k, v) for k, v in items if "[" in k]
    for key, value in plain:
        _set(data, key, value, raw.source)
    out = RawScenario(data, raw.source, raw.origin, raw.set_paths | {k for k, _ in items},
                      raw.inherited, raw.extended)
    if indexed:
        out = resolve_extends(out)  # the array may come from the preset
        data = copy.deepcopy(out.data)
        for key, value in indexed:
            _set(data, key, value, raw.source)
        out = RawScenario(data, out.source, out.origin, out.set_paths, out.inherited,
                          out.extended)
    return out


def _set(data: dict[str, Any], key: str, value: Any, source: str) -> None:
    """Write ``value`` at the dotted ``key`` of ``data``, making tables on the way."""
    node = data
    parts = key.split(".")
    for i, part in enumerate(parts):
        where = ".".join(parts[: i + 1])
        m = _INDEXED.match(part)
        if m is not None:
            array = node.get(m["name"])
            if not isinstance(array, list) or not array:
                raise InputError(f"--set {key}: {where.rpartition('[')[0]} is not an array "
                                 "of tables here ([[...]] in the scenario or its preset)",
                                 source=source)
            index = int(m["index"])
            if index > len(array) or not isinstance(array[index - 1], dict):
                raise InputError(f"--set {key}: {where} does not exist (entries 1 to "
                                 f"{len(array)})", source=source)
            child: Any = array[index - 1]
        elif i == len(parts) - 1:
            break
        else:
            child = node.setdefault(part, {})
        if i == len(parts) - 1:
            raise InputError(f"--set {key}: give a key inside {where}, such as "
                             f"{where}.afr", source=source)
        if not isinstance(child, dict):
            raise InputError(f"--set {key}: {where} is a value, not a table", source=source)
        node = child
    for sibling in spec.exclusive_siblings(parts[-1]):
        node.pop(sibling, None)
    node[parts[-1]] = value


#: a number at the start of a bound (inf and nan too: they take the unit, then are refused
#: as not finite, rather than read as a bare number)
_NUMBER = re.compile(r"^\s*[-+]?((\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|inf(inity)?\b|nan\b)",
                     re.IGNORECASE)


def split_span(text: str, what: str) -> tuple[str, str, str | None]:
    """``LOW..HIGH[:EXTRA]`` -> (low, high, extra); a bare LOW takes HIGH's unit.

    ``"1100..1400 USD"`` gives ``("1100 USD", "1400 USD", None)``;
    ``"0.05..0.15 USD/kWh:0.01 USD/kWh"`` gives the step as extra.
    """
    body, colon, extra = text.partition(":")
    low, dots, high = body.partition("..")
    low, high = low.strip(), high.strip()
    if not dots or not low or not high:
        sep = "" if what.endswith("=") else " "
        raise InputError(f"{what}{sep}{shown(text)}: expected LOW..HIGH, such as 1100..1400 USD")
    unit = high[m.end():].strip() if (m := _NUMBER.match(high)) else ""
    if unit and (m := _NUMBER.match(low)) and not low[m.end():].strip():
        low = f"{low} {unit}"
    return low, high, (extra.strip() or None) if colon else None


def parse_range(text: str) -> tuple[str, tuple[str, str, str | None]]:
    """``KEY=LOW..HIGH[:DIST]`` (the --range option) -> (key, (low, high, dist))."""
    key, sep, span = text.partition("=")
    key = key.strip()
    if sep:
        _check_index("--range", key)
    if not sep or not _KEY_PATH.match(key):
        raise InputError(f"--range {text!r}: expected KEY=LOW..HIGH[:DIST], such as "
                         "options.cpo.switch.price=60000..90000 USD")
    low, high, dist = split_span(span, f"--range {key}=")
    return key, (low, high, dist)


def load(target: str | None, overrides: list[str] | None = None,
         years: int | None = None, ranges: list[str] | None = None) -> Any:
    """Read, override, validate and build one scenario (a :class:`~tco.model.scenario.Scenario`)."""
    return load_raw(read(target), overrides, years, ranges)


def resolve(target: str | None, overrides: list[str] | None = None,
            years: int | None = None, ranges: list[str] | None = None) -> Any:
    """Read, override and validate a scenario, not yet built (a ``Resolved``).

    The analysis commands substitute samples into its inputs and build the model
    from them (:func:`tco.model.build.build`), so derived values follow.
    """
    return resolve_raw(read(target), overrides, years, ranges)


def resolve_raw(raw: RawScenario, overrides: list[str] | None = None,
                years: int | None = None, ranges: list[str] | None = None) -> Any:
    from ..model.validate import Reader

    raw = resolve_extends(apply_overrides(raw, overrides or [], years))
    parsed = dict(parse_range(text) for text in ranges or [])
    resolved = Reader(raw.source, raw.set_paths, raw.origin, raw.inherited,
                      ranges=parsed).read(raw.data)
    if resolved.site is not None:
        from ..site import size_to_cap

        size_to_cap(resolved)  # fabric.gpus, when not given, from the power cap
    return resolved


def load_raw(raw: RawScenario, overrides: list[str] | None = None,
             years: int | None = None, ranges: list[str] | None = None) -> Any:
    """Override, validate and build a scenario already read."""
    from ..model.build import build

    return build(resolve_raw(raw, overrides, years, ranges))


def load_fabric(target: str | None, overrides: list[str] | None = None) -> Any:
    """The fabric of a scenario and its options, or of a file holding only ``[fabric]``.

    Returns ``(fabric, options, source)``; options is empty for a fabric-only file.
    """
    from ..model import fleet
    from ..model.build import build
    from ..model.validate import Reader, Resolved

    raw = resolve_extends(apply_overrides(read(target), overrides or []))
    reader = Reader(raw.source, raw.set_paths, raw.origin, raw.inherited)
    if "fabric" not in raw.data:
        raise InputError("no [fabric] section: this scenario gives its fleet as "
                         "[deployment] (switch counts), so there is no fabric to derive",
                         source=raw.source, key="fabric")
    if "options" in raw.data:
        s = build(resolve_raw(raw))
        return s.fabric, s.options, s.source
    reader.check_keys(raw.data, ["name", "description", "extends", "analysis", "fabric"], "")
    fabric, tiers = reader.read_fabric(reader.table(raw.data, "fabric"))
    if fabric["gpus"].value is None:
        raise InputError("missing required key (a file with only [fabric] gives gpus)",
                         source=raw.source, key="fabric.gpus")
    resolved = Resolved(raw.source, "USD", {}, {}, {}, {}, fabric=fabric, fabric_tiers=tiers)

    def derive(item: Any, value: Any, unit: str = "") -> Any:
        item.value, item.origin = value, "derived"
        return value

    built, _ = fleet.build(resolved, derive)
    return built, (), raw.source
