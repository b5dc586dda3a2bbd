"""``tco diff BASE.json NEW.json``: what changed between two saved results.

Only what changed is reported: per scenario (paired by position), per option
(by id), each cost category's total, then the option's total and present
value. Options present on one side only are reported as added or removed.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from .errors import InputError, shown
from .io.jsoncheck import first_problem
from .io.reading import load_json
from .render.report import CATEGORY_LABELS, Grid, money
from .render.schema import SCHEMA_VERSION, schema

KNOWN_MAJOR = SCHEMA_VERSION.split(".")[0]


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


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def changes(base: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    if len(base["results"]) != len(new["results"]):
        raise InputError(f"the files hold {len(base['results'])} and "
                         f"{len(new['results'])} scenarios: compare like with like")
    out: list[Change] = []
    for i, (b_res, n_res) in enumerate(zip(base["results"], new["results"], strict=True)):
        for key in ("currency", "horizon_years"):
            if b_res[key] != n_res[key]:
                raise InputError(f"results[{i}]: {key} {b_res[key]} in the base but "
                                 f"{n_res[key]} in the new result: compare like with like")
        name = n_res["scenario"].get("name") or n_res["scenario"].get("source", f"#{i}")
        b_opts = {o["id"]: o for o in b_res["options"]}
        n_opts = {o["id"]: o for o in n_res["options"]}
        for oid in [*b_opts, *(i for i in n_opts if i not in b_opts)]:
            b, n = b_opts.get(oid), n_opts.get(oid)
            if b is None or n is None:
                out.append(Change(name, oid, "option", None if b is None else b["total"],
                                  None if n is None else n["total"]))
                continue
            for cat in n["categories"]:
                if cat not in b["categories"]:
                    continue
                bv, nv = b["categories"][cat]["total"], n["categories"][cat]["total"]
                if not _same(bv, nv):
                    out.append(Change(name, oid, cat, bv, nv))
            for item in ("total", "present_value"):
                if not _same(b[item], n[item]):
                    out.append(Change(name, oid, item, b[item], n[item]))
    return out


_ITEM_LABELS = {**CATEGORY_LABELS, "total": "Total", "present_value": "Present value",
                "option": "Option total"}


def _fmt(x: float | None) -> str:
    return "-" if x is None else money(x)


def winners(base: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Per scenario: "winner unchanged: CPO" or "winner changed: LPO -> CPO" (by total)."""
    out = []
    for b_res, n_res in zip(base["results"], new["results"], strict=True):
        def best(res: dict[str, Any]) -> dict[str, Any]:
            return min(res["options"], key=lambda o: o["total"])

        b, n = best(b_res), best(n_res)
        name = n_res["scenario"].get("name") or n_res["scenario"].get("source", "")
        label = n.get("label", n["id"])
        if b["id"] == n["id"]:
            out.append(f"{name}: winner unchanged: {label}")
        else:
            out.append(f"{name}: winner changed: {b.get('label', b['id'])} -> {label}")
    return out


def grid(found: list[Change], base_path: str, new_path: str) -> Grid:
    """The changes, the scenario named once, each change signed (+ costs more)."""
    g = Grid(f"Changes from {base_path} to {new_path}",
             ["Scenario", "Option", "Item", "Base", "New", "Change", "Change, %"],
             text_columns=3)
    shown = None
    for c in found:
        pct = "-" if c.change_percent is None else f"{c.change_percent:+.2f} %"
        change = "-" if c.change is None else f"{c.change:+,.0f}"
        g.add("" if c.scenario == shown else c.scenario, c.option,
              _ITEM_LABELS.get(c.item, c.item), _fmt(c.base), _fmt(c.new), change, pct)
        shown = c.scenario
    return g


def document(found: list[Change], base_path: str, new_path: str) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "diff",
        "base": base_path,
        "new": new_path,
        "changes": [{**asdict(c), "change": c.change, "change_percent": c.change_percent}
                    for c in found],
    }


def csv_text(found: list[Change]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("scenario", "option", "item", "base", "new", "change", "change_percent"))
    for c in found:
        writer.writerow((c.scenario, c.option, c.item,
                         *("" if v is None else repr(float(v))
                           for v in (c.base, c.new, c.change, c.change_percent))))
    return out.getvalue()
