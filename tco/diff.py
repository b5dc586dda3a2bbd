"""``tco diff BASE.json NEW.json``: what changed between two saved results.

Per scenario (paired by position): first the inputs that changed (both files
carry every resolved input), then the winner (unchanged or changed), each
option's total, present value, savings against the baseline and rank, the cost
categories that changed and the physical metrics that changed. Options are
paired by id and shown by label; an option on one side only is added or removed.
Every change is new minus base (positive: costs more; for savings: saves more).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import InputError, shown
from .io.jsoncheck import first_problem
from .io.reading import load_json
from .render.schema import SCHEMA_VERSION, schema
from .units import plain

KNOWN_MAJOR = SCHEMA_VERSION.split(".")[0]

#: inputs that name or describe the scenario rather than feed the computation
_NOT_INPUTS = ("name", "description")


@dataclass(frozen=True)
class Change:
    scenario: str
    option: str
    item: str  # a category id, "total" or "present_value", or "option"
    base: float | None  # None: the option is new
    new: float | None  # None: the option was removed

    @property
    def change(self) -> float | None:
        return None if self.base is None or self.new is None else self.new - self.base

    @property
    def change_percent(self) -> float | None:
        if self.change is None or self.base == 0:
            return None
        return 100.0 * self.change / abs(self.base)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Pair:
    """One figure in the base and in the new result (None: absent on that side)."""

    base: float | None
    new: float | None

    @property
    def change(self) -> float | None:
        return None if self.base is None or self.new is None else self.new - self.base

    @property
    def change_percent(self) -> float | None:
        if self.change is None or not self.base:
            return None
        return 100.0 * self.change / abs(self.base)  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, float | None]:
        return {"base": self.base, "new": self.new, "change": self.change,
                "change_percent": self.change_percent}


@dataclass(frozen=True)
class InputChange:
    path: str
    base: Any  # the value in canonical units; None: not in the base
    new: Any
    unit: str | None
    base_given: str | None  # as written (with its unit), or None
    new_given: str | None


@dataclass(frozen=True)
class OptionDiff:
    id: str
    label: str
    rank: tuple[int | None, int | None]  # 1 = cheapest by total; None: absent
    total: Pair
    present_value: Pair
    savings: Pair


@dataclass(frozen=True)
class MetricChange:
    option: str
    label: str
    metric: str
    unit: str
    base: float | None
    new: float | None

    @property
    def change(self) -> float | None:
        return None if self.base is None or self.new is None else self.new - self.base


@dataclass
class ScenarioDiff:
    base_name: str
    new_name: str
    inputs_recorded: bool  # both files carry their inputs
    inputs: list[InputChange]
    winner: tuple[str, str]  # ids, base and new
    baseline: tuple[str, str]
    labels: dict[str, str]  # id -> label (the new file's where it has one)
    currency: str
    horizon: tuple[int, int]
    options: list[OptionDiff]
    categories: list[Change] = field(default_factory=list)
    physical: list[MetricChange] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.new_name if self.base_name == self.new_name \
            else f"{self.base_name} -> {self.new_name}"

    @property
    def winner_line(self) -> str:
        b, n = (self.labels[i] for i in self.winner)
        return f"winner unchanged: {n}" if self.winner[0] == self.winner[1] \
            else f"winner changed: {b} -> {n}"

    @property
    def empty(self) -> bool:
        return not (self.inputs or self.categories or self.physical
                    or self.winner[0] != self.winner[1] or self.baseline[0] != self.baseline[1]
                    or any(o.total.change != 0 or o.present_value.change != 0
                           or o.savings.change != 0 or o.rank[0] != o.rank[1]
                           for o in self.options))


def read(path: str) -> dict[str, Any]:
    """Read a saved `tco compare --format json` result, refusing unknown versions."""
    doc = load_json(path, "a JSON result")
    version = doc.get("schema_version") if isinstance(doc, dict) else None
    if not isinstance(version, str) or version.split(".")[0] != KNOWN_MAJOR:
        raise InputError(f"schema_version {shown(version)} is not one this tco reads "
                         f"({KNOWN_MAJOR}.x): save it again with `tco compare --format json`",
                         source=path)
    ours, theirs = SCHEMA_VERSION.split("."), version.split(".")
    newer = len(theirs) > 1 and theirs[1].isdigit() and int(theirs[1]) > int(ours[1])
    problem = _shape_problem(doc) or first_problem(doc, schema("result"), extra_ok=newer)
    if problem:
        raise InputError(f"not a `tco compare --format json` output: {problem}", source=path)
    return doc


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _shape_problem(doc: dict[str, Any]) -> str | None:
    """What a reader of the fields `diff` uses would trip on, or None."""
    results = doc.get("results")
    if not isinstance(results, list):
        return "no results list"
    for i, res in enumerate(results):
        where = f"results[{i}]"
        if not isinstance(res, dict) or not isinstance(res.get("scenario"), dict) \
                or not isinstance(res.get("options"), list):
            return f"{where} lacks scenario or options"
        if not isinstance(res.get("currency"), str) or not _is_number(res.get("horizon_years")):
            return f"{where} lacks currency or horizon_years"
        if not res["options"]:
            return f"{where} has no options"
        for j, o in enumerate(res["options"]):
            at = f"{where}.options[{j}]"
            if not isinstance(o, dict) or not isinstance(o.get("id"), str):
                return f"{at} lacks an id"
            if not (_is_number(o.get("total")) and _is_number(o.get("present_value"))):
                return f"{at} lacks total or present_value"
            cats = o.get("categories")
            if not isinstance(cats, dict) or not all(
                    isinstance(c, dict) and _is_number(c.get("total")) for c in cats.values()):
                return f"{at} lacks category totals"
    return None


def _same(a: Any, b: Any) -> bool:
    if _is_number(a) and _is_number(b):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
    return bool(a == b)


def _name(res: dict[str, Any], i: int) -> str:
    return str(res["scenario"].get("name") or res["scenario"].get("source") or f"#{i + 1}")


def _inputs(b_res: dict[str, Any], n_res: dict[str, Any], kept: set[str]) -> list[InputChange]:
    """Inputs whose value differs, in the base's order (new-only inputs after); the
    inputs of an option on one side only are left out (the option is added or removed),
    and so are derived values (they follow from the inputs listed)."""
    b_in, n_in = b_res.get("inputs") or {}, n_res.get("inputs") or {}
    out = []
    for path in [*b_in, *(p for p in n_in if p not in b_in)]:
        if path in _NOT_INPUTS:
            continue
        parts = path.split(".")
        if parts[0] == "options" and len(parts) > 1 and parts[1] not in kept:
            continue
        b, n = b_in.get(path), n_in.get(path)
        bv = None if b is None else b.get("value")
        nv = None if n is None else n.get("value")
        if b is not None and n is not None and _same(bv, nv) \
                and b.get("unit") == n.get("unit"):
            continue
        if bv is None and nv is None:
            continue
        if all(x is None or x.get("origin") == "derived" for x in (b, n)):
            continue  # follows from inputs listed (a repair price from the unit price)
        unit = (n or b or {}).get("unit")
        out.append(InputChange(path, bv, nv, unit, _given(b), _given(n)))
    return out


def _given(item: dict[str, Any] | None) -> str | None:
    if item is None or item.get("value") is None:
        return None
    if item.get("given"):
        return str(item["given"])
    value, unit = item["value"], item.get("unit")
    if isinstance(value, bool):
        text = str(value).lower()
    elif _is_number(value):
        text = plain(value)
    else:
        text = str(value)
    return f"{text} {unit}" if unit else text


def _ranking(res: dict[str, Any]) -> list[str]:
    """Option ids, cheapest (by total) first: the verdict's when the file has one."""
    verdict = res.get("verdict")
    ids = [o["id"] for o in res["options"]]
    if isinstance(verdict, dict) and isinstance(verdict.get("ranking"), list) \
            and sorted(verdict["ranking"]) == sorted(ids):
        return list(verdict["ranking"])
    return [o["id"] for o in sorted(res["options"], key=lambda o: o["total"])]


def _baseline(res: dict[str, Any]) -> str:
    if isinstance(res.get("baseline"), str):
        return str(res["baseline"])
    return next((o["id"] for o in res["options"] if o.get("baseline")), res["options"][0]["id"])


def _savings(o: dict[str, Any] | None) -> float | None:
    s = None if o is None else o.get("savings")
    if isinstance(s, dict) and _is_number(s.get("total")):
        return float(s["total"])
    return None


def scenario(b_res: dict[str, Any], n_res: dict[str, Any], i: int) -> ScenarioDiff:
    """What changed in one scenario, from its base result to its new one."""
    if b_res["currency"] != n_res["currency"]:
        raise InputError(f"results[{i}]: currency {b_res['currency']} in the base but "
                         f"{n_res['currency']} in the new result: compare like with like")
    b_opts = {o["id"]: o for o in b_res["options"]}
    n_opts = {o["id"]: o for o in n_res["options"]}
    labels = {oid: str(o.get("label") or oid) for oid, o in {**b_opts, **n_opts}.items()}
    b_rank, n_rank = _ranking(b_res), _ranking(n_res)
    d = ScenarioDiff(
        _name(b_res, i), _name(n_res, i), "inputs" in b_res and "inputs" in n_res,
        _inputs(b_res, n_res, set(b_opts) & set(n_opts)),
        (b_rank[0], n_rank[0]), (_baseline(b_res), _baseline(n_res)), labels,
        str(n_res["currency"]), (int(b_res["horizon_years"]), int(n_res["horizon_years"])),
        [])
    order = [*n_rank, *(x for x in b_rank if x not in n_opts)]
    for oid in order:
        b, n = b_opts.get(oid), n_opts.get(oid)
        d.options.append(OptionDiff(
            oid, labels[oid],
            (b_rank.index(oid) + 1 if b else None, n_rank.index(oid) + 1 if n else None),
            *(Pair(None if b is None else float(b[k]), None if n is None else float(n[k]))
              for k in ("total", "present_value")),
            Pair(_savings(b), _savings(n))))
        if b is None or n is None:
            continue
        for cat in n["categories"]:
            if cat in b["categories"]:
                bv, nv = b["categories"][cat]["total"], n["categories"][cat]["total"]
                if not _same(bv, nv):
                    d.categories.append(Change(d.new_name, oid, cat, bv, nv))
        d.physical += _physical(oid, labels[oid], b, n, n_res.get("units") or {})
    return d


def _physical(oid: str, label: str, b: dict[str, Any], n: dict[str, Any],
              units: dict[str, str]) -> list[MetricChange]:
    from .engine import PHYSICAL_UNITS

    bp, np_ = b.get("physical") or {}, n.get("physical") or {}
    out = []
    for key in [*np_, *(k for k in bp if k not in np_)]:
        bv, nv = bp.get(key), np_.get(key)
        if bv is None and nv is None or (_is_number(bv) and _is_number(nv) and _same(bv, nv)):
            continue
        if not (bv is None or _is_number(bv)) or not (nv is None or _is_number(nv)):
            continue
        out.append(MetricChange(oid, label, key, PHYSICAL_UNITS.get(key, ""),
                                None if bv is None else float(bv),
                                None if nv is None else float(nv)))
    return out


def diff(base: dict[str, Any], new: dict[str, Any]) -> list[ScenarioDiff]:
    if len(base["results"]) != len(new["results"]):
        raise InputError(f"the files hold {len(base['results'])} and "
                         f"{len(new['results'])} scenarios: compare like with like")
    return [scenario(b, n, i)
            for i, (b, n) in enumerate(zip(base["results"], new["results"], strict=True))]


def changes(base: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change of a cost category, total or present value, or an option added or
    removed, as one flat list (the ``changes`` of the JSON and the CSV rows)."""
    return flat(diff(base, new))


def flat(found: list[ScenarioDiff]) -> list[Change]:
    out: list[Change] = []
    for d in found:
        for o in d.options:
            if o.total.base is None or o.total.new is None:
                out.append(Change(d.new_name, o.id, "option", o.total.base, o.total.new))
                continue
            out += [c for c in d.categories if c.option == o.id]
            for item in ("total", "present_value"):
                pair = getattr(o, item)
                if not _same(pair.base, pair.new):
                    out.append(Change(d.new_name, o.id, item, pair.base, pair.new))
    return out


def winners(base: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Per scenario: "winner unchanged: CPO" or "winner changed: LPO -> CPO" (by total)."""
    return [d.winner_line for d in diff(base, new)]


def document(found: list[ScenarioDiff], base_path: str, new_path: str) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "diff",
        "base": base_path,
        "new": new_path,
        "conventions": {"change": "new minus base: positive costs more (for savings: "
                        "saves more); change_percent against the base's magnitude",
                        "rank": "1 is the cheapest by total; null: the option is absent"},
        "scenarios": [_scenario_doc(d) for d in found],
        "changes": [{**asdict(c), "change": c.change, "change_percent": c.change_percent}
                    for c in flat(found)],
    }


def _scenario_doc(d: ScenarioDiff) -> dict[str, Any]:
    return {
        "name": d.new_name,
        "base_name": d.base_name,
        "currency": d.currency,
        "horizon_years": {"base": d.horizon[0], "new": d.horizon[1]},
        "inputs_recorded": d.inputs_recorded,
        "inputs": [asdict(c) for c in d.inputs],
        "winner": {"base": d.winner[0], "new": d.winner[1],
                   "changed": d.winner[0] != d.winner[1], "text": d.winner_line},
        "baseline": {"base": d.baseline[0], "new": d.baseline[1]},
        "options": [{"id": o.id, "label": o.label,
                     "rank": {"base": o.rank[0], "new": o.rank[1]},
                     "total": o.total.as_dict(), "present_value": o.present_value.as_dict(),
                     "savings": o.savings.as_dict()} for o in d.options],
        "physical": [{**asdict(m), "change": m.change} for m in d.physical],
    }
