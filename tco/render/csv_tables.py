"""CSV of every table of the report: summary, cashflow, physical and inputs.

Each table is tidy (one value per row, with its unit) and at full precision;
``cashflow`` is the long-standing CSV of :mod:`tco.render.csv_out`. Rows hold ids
(option ids, category and item ids, key paths), the same ids the tables show and
the commands take.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from ..engine import PHYSICAL_UNITS, ScenarioResult

TABLES = ("summary", "cashflow", "physical", "inputs")


def _num(x: Any) -> str:
    value = float(np.mean(x))
    return repr(value) if math.isfinite(value) else ""


def _write(header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _name(r: ScenarioResult) -> str:
    return r.scenario.name or r.scenario.source


def summary(results: list[ScenarioResult]) -> str:
    def rows() -> Iterable[tuple[Any, ...]]:
        for r in results:
            cur = r.currency
            for o in r.options:
                items: list[tuple[str, Any, str]] = [
                    (c, v, cur) for c, v in o.category_totals.items()]
                be = o.break_even_year
                items += [
                    ("total", o.total, cur), ("present_value", o.present_value, cur),
                    ("savings", o.savings, cur), ("savings_percent", o.savings_percent, "%"),
                    ("pv_savings", o.present_value_savings, cur),
                    ("pv_savings_percent", o.present_value_savings_percent, "%"),
                    ("break_even_year",
                     math.nan if be is None or int(np.max(be)) < 0 else int(np.max(be)),
                     "year"),
                    ("cost_per_port", o.cost_per_port, f"{cur}/port"),
                    ("cost_per_tbps", o.cost_per_tbps, f"{cur}/(Tbit/s)")]
                per_gpu = getattr(o, "per_gpu", None) or {}
                items += [(k, v, cur) for k, v in per_gpu.items() if "cost" in k
                          or "present_value" in k]
                for item, value, unit in items:
                    yield (_name(r), o.id, o.label, item, _num(value), unit)

    return _write(("scenario", "option", "label", "item", "value", "unit"), rows())


def physical(results: list[ScenarioResult]) -> str:
    def rows() -> Iterable[tuple[Any, ...]]:
        for r in results:
            for o in r.options:
                for key, value in o.physical.items():
                    yield (_name(r), o.id, o.label, key, _num(value),
                           PHYSICAL_UNITS.get(key, ""))
                per_gpu = getattr(o, "per_gpu", None) or {}
                for key, value in per_gpu.items():
                    if "cost" in key or "present_value" in key:
                        continue
                    unit = "W" if key.endswith("_w") else "1/year" if "year" in key else ""
                    yield (_name(r), o.id, o.label, key, _num(value), unit)
                for p in o.parts:
                    yield (_name(r), o.id, o.label, f"failures_per_year:{p.name}",
                           _num(p.failures_per_year), "1/year")

    return _write(("scenario", "option", "label", "metric", "value", "unit"), rows())


def inputs(results: list[ScenarioResult]) -> str:
    from .json_out import value_with_unit

    def rows() -> Iterable[tuple[Any, ...]]:
        for r in results:
            for path, item in r.scenario.inputs.items():
                if item.value is None:
                    continue
                value, unit = value_with_unit(item.value, item.unit)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    value = _num(value)
                given = "" if item.given is None else item.given
                yield (_name(r), path, value, unit or "", given, item.origin,
                       item.source or "")

    return _write(("scenario", "key", "value", "unit", "given", "origin", "source"), rows())


def cashflow(results: list[ScenarioResult]) -> str:
    from .csv_out import render

    return render(results)


RENDERERS: dict[str, Callable[[list[ScenarioResult]], str]] = {
    "summary": summary, "cashflow": cashflow, "physical": physical, "inputs": inputs}


def render(results: list[ScenarioResult], table: str) -> str:
    return RENDERERS[table](results)
