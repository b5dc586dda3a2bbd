"""The versioned JSON document (validated against tco/data/result.schema.json).

Money is in the scenario's reporting currency, named in ``currency``; every
other number names its unit in its key (``_kw``, ``_mwh_per_year``) or in the
``units`` map. Versioning: ``schema_version`` is "MAJOR.MINOR"; additions bump
MINOR, anything a reader could trip on bumps MAJOR.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

from .. import __version__
from ..engine import CATEGORIES, ScenarioResult
from ..power import VALUATIONS
from ..units import HOURS_PER_YEAR
from .schema import SCHEMA_VERSION
from .verdict import document as verdict_document
from .verdict import verdict

TIMING = ("index 0 is the deployment (time 0, not discounted); index y is the end of "
          "year y, discounted by (1 + discount_rate)^-y")


#: physical metrics that may be undefined (NaN in the result): null in the JSON
_NULLABLE = ("spare_ports_run_out_years", "mean_time_between_interruptions_h",
             "job_mtbi_h", "job_availability_percent")


def _num(x: Any) -> float:
    return float(x)


def _share(x: Any) -> float | None:
    """A percentage, or None where it is undefined (a baseline that costs nothing)."""
    value = float(x)
    return value if math.isfinite(value) else None


def _list(x: Any) -> list[float]:
    return [float(v) for v in x]


def value_with_unit(v: Any, unit: str = "") -> Any:
    """A value and its unit name; quantities not in ``unit`` name pint's own."""
    if hasattr(v, "magnitude") and hasattr(v, "units"):
        if not unit or v.units != v._REGISTRY.Quantity(1, unit).units:
            unit = format(v.units, "~C")
        return float(v.magnitude), "" if unit == "dimensionless" else unit
    return v, None


def document(results: list[ScenarioResult]) -> dict[str, Any]:
    """The whole JSON document for one or more scenario results."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "tco", "version": __version__},
        "conventions": {
            "hours_per_year": HOURS_PER_YEAR,
            "timing": TIMING,
            "savings": "baseline minus option: positive means cheaper than the baseline",
        },
        "results": [_scenario(r) for r in results],
    }


def dumps(results: list[ScenarioResult]) -> str:
    return json.dumps(document(results), indent=2, ensure_ascii=False, allow_nan=False)


def _scenario(r: ScenarioResult) -> dict[str, Any]:
    s = r.scenario
    return {
        "scenario": {"name": s.name, "description": s.description, "source": s.source},
        "currency": r.currency,
        "horizon_years": r.horizon,
        "discount_rate_percent": float(s.analysis.discount_rate.to("%").magnitude),
        "baseline": r.baseline.id,
        "deployment_year": s.analysis.deployment_year,
        "power_value": {"method": s.analysis.power_value,
                        "description": VALUATIONS[s.analysis.power_value]},
        "not_counted": [{"category": n.category, "key": n.shown_key, "hint": n.hint}
                        for n in r.not_counted],
        "warnings": list(r.warnings),
        "verdict": verdict_document(verdict(r)),
        "categories": [{"id": c, "description": d} for c, d in CATEGORIES.items()],
        "years": list(range(r.horizon + 1)),
        "discount_factors": _list(r.discount_factors),
        "units": {
            "money": r.currency,
            "cost_per_port": f"{r.currency}/port",
            "cost_per_tbps": f"{r.currency}/(Tbit/s)",
            "power": "kW",
            "energy": "MWh/year",
            "emissions": "tCO2e",
            "failures": "1/year",
            "downtime": "link-hour/year",
        },
        "options": [_option(o) for o in r.options],
        "inputs": {path: _input(i) for path, i in s.inputs.items() if i.value is not None},
        **({} if r.site is None else {"site": _site(r)}),
    }


def _site(r: ScenarioResult) -> dict[str, Any]:
    """What each option fits under the power cap (tco.site)."""
    s = r.scenario.site
    return {
        "power_mw": float(s.power.to("MW").magnitude),
        "valuation": ("not here: analysis.power_value = gpus values GPUs inside the TCO"
                      if r.scenario.analysis.power_value == "gpus" else
                      "the extra GPUs hosted (engine, tco.power) by site.gpu_valuation, "
                      "net of the energy they draw and its emissions; reported beside "
                      "the TCO, never added to it (the TCO already counts the network's "
                      "energy)"),
        "options": {key: {
            "gpus": f.fit.gpus, "switches": f.fit.switches,
            "network_power_per_gpu_w": f.network_w_per_gpu,
            "facility_power_mw": f.fit.facility_w / 1e6, "limited_by": f.fit.limited_by,
            "iterations": f.fit.iterations, "extra_gpus": f.extra_gpus,
            "extra_gpus_value": f.value, "extra_gpus_present_value": f.present_value,
        } for key, f in r.site.items()},
    }


def _option(o: Any) -> dict[str, Any]:
    be = None if o.break_even_year is None or int(o.break_even_year) < 0 \
        else int(o.break_even_year)
    return {
        "id": o.id,
        "label": o.label,
        "technology": o.technology,
        "baseline": o.is_baseline,
        "total": _num(o.total),
        "present_value": _num(o.present_value),
        "savings": {
            "total": _num(o.savings),
            "total_percent": _share(o.savings_percent),
            "present_value": _num(o.present_value_savings),
            "present_value_percent": _share(o.present_value_savings_percent),
        },
        "break_even_year": be,
        "book_value": _num(np.mean(o.book_value)),
        "refresh": [{"option": i, "year": y, "calendar_year": c}
                    for i, y, c in o.refreshes],
        "cost_per_port": {"total": _num(o.cost_per_port),
                          "present_value": _num(o.present_value_per_port)},
        "cost_per_tbps": {"total": _num(o.cost_per_tbps),
                          "present_value": _num(o.present_value_per_tbps)},
        "categories": {
            c: {"total": _num(o.category_totals[c]),
                "present_value": _num(o.category_present_values[c]),
                "by_year": _list(o.by_year[c])}
            for c in CATEGORIES
        },
        "year_totals": _list(o.year_totals),
        "cumulative": _list(o.cumulative),
        "physical": {k: _share(v) if k in _NULLABLE else _num(v)
                     for k, v in o.physical.items()},
        **({} if o.per_gpu is None else
           {"per_gpu": {k: _num(v) for k, v in o.per_gpu.items()}}),
        "parts": [
            {"name": p.name, "units": _num(p.units), "power_kw": _num(p.power_kw),
             "failures_per_year": _num(p.failures_per_year),
             "downtime_link_hours_per_year": _num(p.downtime_link_hours_per_year),
             "interruptions_per_year": _num(p.interruptions_per_year)}
            for p in o.parts
        ],
    }


def _input(i: Any) -> dict[str, Any]:
    value, unit = value_with_unit(i.value, i.unit)
    out: dict[str, Any] = {"value": value}
    if unit is not None:
        out["unit"] = unit
    if i.given is not None and i.given != value:
        out["given"] = i.given
    out["origin"] = i.origin
    if i.source:
        out["source"] = i.source
    if i.note:
        out["note"] = i.note
    return out
