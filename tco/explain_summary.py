"""``tco explain`` for the numbers of the report beyond a cost category: the total,
present value, savings, break-even year, cost per port and per Tbit/s, and the
physical metrics. Each is shown as its formula and the figures substituted, read
from the engine's result (the same numbers the tables print), so that every
number in the report can be traced; a category is explained by :mod:`tco.explain`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import explain_power, reliability
from .engine import PHYSICAL_UNITS
from .errors import InputError

#: the report's row ids (``Id`` column) explained here, with accepted aliases
ITEMS: dict[str, tuple[str, ...]] = {
    "total": ("total",),
    "present_value": ("present_value", "npv", "pv"),
    "savings": ("savings",),
    "savings_percent": ("savings_percent",),
    "pv_savings": ("pv_savings", "present_value_savings"),
    "pv_savings_percent": ("pv_savings_percent",),
    "break_even_year": ("break_even_year", "break_even"),
    "cost_per_port": ("cost_per_port",),
    "cost_per_tbps": ("cost_per_tbps",),
}


def item_id(name: str, physical: list[str]) -> str | None:
    """The summary item or physical metric ``name`` names (any case), else None."""
    wanted = name.strip().lower().replace(" ", "_").replace("-", "_")
    for ident, aliases in ITEMS.items():
        if wanted in aliases:
            return ident
    return wanted if wanted in physical else None


def _f(x: Any) -> float:
    return float(np.mean(x))


def _m(x: Any) -> str:
    return f"{_f(x):,.2f}"


def explain(result: Any, option_id: str, item: str) -> str:
    o = next(o for o in result.options if o.id == option_id)
    base, cur, n = result.baseline, result.currency, result.horizon
    s = result.scenario
    rate = _f(s.analysis.discount_rate.to("%").magnitude)
    d = s.deployment
    ports = _f((d.switches * d.ports_in_use).to("").magnitude)
    tbps = _f((d.switches * d.ports_in_use * d.port_speed).to("Tbit/s").magnitude)
    head = [f"{o.label} ({o.id}): {item}",
            f"scenario: {s.name or s.source}; amounts in {cur}; year 0 is the deployment", ""]
    cats = list(o.category_totals)
    lines: list[str]
    if item == "total":
        lines = [f"Formula: total = sum over the {len(cats)} categories of their amounts "
                 f"in years 0..{n}", "", "Computation:"]
        lines += [f"  {c:<14} {_m(o.category_totals[c]):>22} {cur}" for c in cats]
        lines += [f"  {'= total':<14} {_m(o.total):>22} {cur}", "",
                  f"(one category year by year: tco explain --option {o.id} --item energy)"]
    elif item == "present_value":
        factors = np.asarray(result.discount_factors)
        flows = np.asarray(o.year_totals)
        lines = [f"Formula: present value = sum over years y = 0..{n} of cash flow(y) x "
                 f"(1 + {rate:g} %)^-y (year 0, the deployment, is not discounted)", "",
                 "Computation:"]
        for y in range(n + 1):
            flow, factor = _f(flows[..., y]), _f(factors[..., y])
            lines.append(f"  year {y}: {flow:,.2f} x {factor:.6f} = {flow * factor:,.2f}")
        lines.append(f"  = {_m(o.present_value)} {cur}")
    elif item in ("savings", "savings_percent"):
        lines = [f"Formula: savings = baseline total - this option's total "
                 f"(baseline: {base.label}); positive means cheaper", "", "Computation:",
                 f"  {_m(base.total)} - {_m(o.total)} = {_m(o.savings)} {cur}"]
        if item == "savings_percent":
            lines.append(f"  savings, % = {_m(o.savings)} / {_m(base.total)} x 100 = "
                         f"{_f(o.savings_percent):+.2f} %")
    elif item in ("pv_savings", "pv_savings_percent"):
        lines = [f"Formula: PV savings = baseline present value - this option's present "
                 f"value (baseline: {base.label}, discount rate {rate:g} %)", "",
                 "Computation:",
                 f"  {_m(base.present_value)} - {_m(o.present_value)} = "
                 f"{_m(o.present_value_savings)} {cur}"]
        if item == "pv_savings_percent":
            lines.append(f"  PV savings, % = {_m(o.present_value_savings)} / "
                         f"{_m(base.present_value)} x 100 = "
                         f"{_f(o.present_value_savings_percent):+.2f} %")
    elif item == "break_even_year":
        lines = ["Formula: the first year from which this option's cumulative cost stays at "
                 f"or below the baseline's ({base.label}) in every later year, undiscounted",
                 "", "Computation (cumulative cost):"]
        for y in range(n + 1):
            mine, theirs = _f(np.asarray(o.cumulative)[..., y]), \
                _f(np.asarray(base.cumulative)[..., y])
            sign = "<=" if mine <= theirs else "> "
            lines.append(f"  year {y}: {mine:,.2f} {sign} {theirs:,.2f}")
        year = None if o.break_even_year is None else int(np.max(o.break_even_year))
        lines.append("  = the baseline itself" if year is None
                     else "  = never" if year < 0 else f"  = year {year}")
    elif item in ("cost_per_port", "cost_per_tbps"):
        if item == "cost_per_port":
            lines = ["Formula: total / (switches x ports_in_use)", "", "Computation:",
                     f"  {_m(o.total)} / ({_f(d.switches.magnitude):,.0f} x "
                     f"{_f(d.ports_in_use.magnitude):,.0f} = {ports:,.0f} ports) = "
                     f"{_m(o.cost_per_port)} {cur}/port"]
        else:
            lines = ["Formula: total / (switches x ports_in_use x port_speed)", "",
                     "Computation:",
                     f"  {_m(o.total)} / {tbps:,.1f} Tbit/s = {_m(o.cost_per_tbps)} "
                     f"{cur}/(Tbit/s)"]
    else:
        lines = _physical(result, o, item)
    return "\n".join(head + lines) + "\n"


def _physical(result: Any, o: Any, key: str) -> list[str]:
    unit = PHYSICAL_UNITS.get(key, "")
    value = _f(o.physical[key])
    a = result.scenario.analysis
    parts = [(p.name, p) for p in o.parts]
    if key == "it_power_kw":
        lines = ["Formula: IT power = sum over parts of installed units x power per unit", "",
                 "Computation:", *(f"  {name:<12} {_f(p.power_kw):,.3f} kW"
                                   for name, p in parts)]
    elif key == "failures_per_year":
        lines = ["Formula: failures per year = sum over parts of installed units x failure "
                 "rate", "", "Computation:",
                 *(f"  {name:<12} {_f(p.failures_per_year):,.3f} /year" for name, p in parts)]
    elif key == "downtime_link_hours_per_year":
        lines = ["Formula: link-hours down per year = sum over parts of failures x "
                 "links_per_failure x time_to_repair", "", "Computation:",
                 *(f"  {name:<12} {_f(p.downtime_link_hours_per_year):,.1f} link-hour/year"
                   for name, p in parts)]
    elif key in ("job_availability_percent", "job_mtbi_h"):
        lines = ["Formula: job availability = job MTBI / (job MTBI + R) = 1 / (1 + lambda_job "
                 "x R), job MTBI = 8,760 h / lambda_job, "
                 "lambda_job = interruptions per year x job_gpus / fabric GPUs, R = "
                 "detection_time + restart_time + checkpoint_interval / 2; the mean over "
                 "years 1..N; none where the cost of one interruption is given directly or "
                 "not priced", "", "Computation:",
                 *_job_lines(a, o)]
    elif key in ("interruptions_per_year", "mean_time_between_interruptions_h"):
        lines = ["Formula: job interruptions per year = sum over parts and failure modes of "
                 "failures x interrupt_probability (default 100 % where a failure takes "
                 "links down, 0 % where it takes none), + switch swaps forced by an empty "
                 "spare-port pool x the chassis mode's interrupt_probability (mean over "
                 "years 1..N)", *(
                     ["fabric mean time between interruptions = 8,760 h / interruptions per "
                      "year (every job together; none where nothing interrupts a job)"]
                     if key.startswith("mean") else []), "", "Computation:",
                 *(f"  {name:<12} {_f(p.interruptions_per_year):,.3f} /year"
                   for name, p in parts)]
    elif key == "cooling_power_kw":
        lines = ["Formula: cooling and overhead power = IT power x (PUE - 1)", "",
                 "Computation:", f"  {_f(o.physical['it_power_kw']):,.3f} kW x "
                 f"{value / max(_f(o.physical['it_power_kw']), 1e-300):.4f}"]
    elif key == "total_power_kw":
        lines = ["Formula: total power = IT power + cooling and overhead power", "",
                 "Computation:", f"  {_f(o.physical['it_power_kw']):,.3f} + "
                 f"{_f(o.physical['cooling_power_kw']):,.3f}"]
    elif key.endswith("_energy_mwh_per_year"):
        power = "it_power_kw" if key.startswith("it_") else "total_power_kw"
        hours = value * 1000 / max(_f(o.physical[power]), 1e-300)
        lines = [f"Formula: energy per year = {power} x hours per year", "", "Computation:",
                 f"  {_f(o.physical[power]):,.3f} kW x {hours:,.0f} h / 1000"]
    elif key == "emissions_t_per_year":
        lines = ["Formula: emissions per year = total energy per year x grid carbon "
                 "intensity", "", "Computation:",
                 f"  {_f(o.physical['total_energy_mwh_per_year']):,.1f} MWh/year x "
                 f"{_f(a.grid_carbon_intensity.to('kgCO2e/kWh').magnitude):g} kgCO2e/kWh"]
    elif key == "emissions_t_total":
        lines = ["Formula: emissions over the horizon = emissions per year x years", "",
                 "Computation:", f"  {_f(o.physical['emissions_t_per_year']):,.1f} tCO2e/year "
                 f"x {result.horizon}"]
    elif key in explain_power.SITE_METRICS:
        lines = explain_power.physical_lines(result, o, key)
    else:
        lines = [f"Formula: {key.replace('_', ' ')}, as the engine computes it per option "
                 "(tco/engine.py)", "", "Computation:"]
    return [*lines, f"  = {value:,.4g} {unit}".rstrip()]


def unknown(name: str, categories: list[str], physical: list[str]) -> InputError:
    return InputError(f"unknown --item {name!r} (give a category: {', '.join(categories)}; "
                      f"or {', '.join(ITEMS)}; or a physical metric: {', '.join(physical)})")


def _job_lines(a: Any, o: Any) -> list[str]:
    """The job's MTBI and availability worked from the option's interruptions."""
    rate = _f(o.physical["interruptions_per_year"])
    r = reliability.recovery(a)
    if r is None:
        return [f"  interruptions per year {rate:,.3f}; none: the cost of one interruption "
                "is not derived from the job (no recovery time)"]
    share, hours = _f(reliability.job_share(a).magnitude), _f(r.to("hour").magnitude)
    mtbi = _f(o.physical["job_mtbi_h"])
    return [f"  lambda_job = {rate:,.3f} /year x {share:.4f} = {rate * share:,.3f} /year",
            f"  job MTBI = 8,760 h / {rate * share:,.3f} = {mtbi:,.2f} h; R = {hours:.4f} h",
            f"  availability = {mtbi:,.2f} / ({mtbi:,.2f} + {hours:.4f}) = "
            f"{_f(o.physical['job_availability_percent']):,.4f} % (mean over years 1..N: "
            "equal where nothing changes by year)"]
