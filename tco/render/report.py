"""The report's tables as plain grids of formatted cells.

Both the rich tables and the Markdown tables are drawn from these grids, and
the grids only format figures the result object holds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..engine import PHYSICAL_UNITS, OptionResult, ScenarioResult

CATEGORY_LABELS = {
    "equipment": "Equipment",
    "spares": "Spares",
    "installation": "Installation",
    "energy": "Energy",
    "cooling": "Cooling",
    "capacity": "Facility capacity",
    "gpus": "GPUs under the site cap",
    "repairs": "Repairs",
    "warranty": "Warranty credit",
    "downtime": "Downtime",
    "interruptions": "Job interruptions",
    "replacement": "End-of-life replacement",
    "support": "Support contract",
    "carbon": "Carbon",
    "residual": "Residual value",
}

PHYSICAL_ROWS = (
    ("it_power_kw", "IT power at the wall (kW)", "{:,.1f}"),
    ("cooling_power_kw", "Cooling and overhead power (kW)", "{:,.1f}"),
    ("total_power_kw", "Facility power (kW, IT x PUE)", "{:,.1f}"),
    ("power_per_switch_w", "Power per switch (W)", "{:,.1f}"),
    ("interconnect_power_per_port_w", "Interconnect power per port (W)", "{:,.2f}"),
    ("dsp_power_per_port_w", "  of which DSP (W)", "{:,.2f}"),
    ("lasers_per_port", "Lasers per port", "{:,.2f}"),
    ("it_energy_mwh_per_year", "IT energy (MWh/year)", "{:,.0f}"),
    ("total_energy_mwh_per_year", "Total energy (MWh/year)", "{:,.0f}"),
    ("failures_per_year", "Expected failures per year", "{:,.1f}"),
    ("downtime_link_hours_per_year", "Downtime (link-hours/year)", "{:,.0f}"),
    ("interruptions_per_year", "Job interruptions per year", "{:,.1f}"),
    ("mean_time_between_interruptions_h", "  fabric: mean time between interruptions (h)",
     "{:,.1f}"),
    ("job_mtbi_h", "  job: mean time between its interruptions (h)", "{:,.1f}"),
    ("job_availability_percent", "  job availability, job MTBI/(job MTBI+R) (%)", "{:,.2f}"),
    ("spare_ports_per_switch", "Spare-port pool per switch (ports)", "{:,.0f}"),
    ("spare_ports_run_out_years", "  runs out at switch age (years)", "{:,.1f}"),
    ("spare_port_swaps_per_year", "  switch swaps when empty (/year)", "{:,.1f}"),
    ("emissions_t_per_year", "Emissions (tCO2e/year)", "{:,.0f}"),
    ("emissions_t_total", "Emissions over the horizon (tCO2e)", "{:,.0f}"),
    ("facility_w_per_gpu", "All-in facility W per GPU (site cap)", "{:,.1f}"),
    ("gpus_hosted", "GPUs hosted under the site cap", "{:,.0f}"),
    ("extra_gpus", "  beyond the baseline's", "{:+,.0f}"),
    ("extra_gpus_emissions_t_per_year", "  their emissions (tCO2e/year, counted)",
     "{:,.0f}"),
)


#: per-GPU rows of the physical grid, with a [fabric]
PER_GPU_ROWS = (
    ("network_power_per_gpu_w", "Network power per GPU (W, IT)", "{:,.1f}"),
    ("facility_power_per_gpu_w", "  with cooling (W)", "{:,.1f}"),
    ("optical_modules_per_gpu", "Optical modules per GPU", "{:,.2f}"),
    ("lasers_per_gpu", "Lasers per GPU", "{:,.1f}"),
    ("failures_per_gpu_year", "Failures per GPU-year", "{:,.4f}"),
    ("interruptions_per_gpu_day", "Job interruptions per GPU-day", "{:,.6f}"),
)


@dataclass
class Grid:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    #: indexes of rows after which a section ends
    breaks: set[int] = field(default_factory=set)
    #: leading columns of text (aligned left); the rest are figures (aligned right)
    text_columns: int = 1
    #: the id of each column (an option id), "" where none; shown under the header
    column_ids: list[str] = field(default_factory=list)
    #: a name for files and ``--table`` (summary, cashflow, physical)
    name: str = ""
    #: lines under the table (what it leaves out)
    notes: list[str] = field(default_factory=list)
    #: columns drawn in text (block-character bars): HTML leaves them out, its charts
    #: show the same
    text_bars: set[int] = field(default_factory=set)

    def add(self, *cells: str, end_section: bool = False) -> None:
        self.rows.append(list(cells))
        if end_section:
            self.breaks.add(len(self.rows) - 1)

    def header_id(self, i: int) -> str:
        return self.column_ids[i] if i < len(self.column_ids) else ""


def money(x: Any) -> str:
    """Money in full (files, pipes, --wide)."""
    value = float(np.mean(x))
    return f"{value:,.0f}" if math.isfinite(value) else "-"


def percent(x: Any) -> str:
    value = float(np.mean(x))
    return f"{value:+.1f} %" if math.isfinite(value) else "-"


def break_even(o: OptionResult) -> str:
    if o.break_even_year is None:
        return "-"
    year = int(np.max(o.break_even_year))
    return "never" if year < 0 else f"year {year}"


def category_label(c: str) -> str:
    return CATEGORY_LABELS.get(c) or c.replace("_", " ").capitalize()


def categories(r: ScenarioResult) -> list[str]:
    """The categories the result carries, in its order."""
    return list(r.options[0].category_totals)


def _headers(first: str, options: list[OptionResult]) -> list[str]:
    return [first, "Id", *(f"{o.label} (baseline)" if o.is_baseline else o.label
                           for o in options)]


def _ids(options: list[OptionResult], extra: int = 0) -> list[str]:
    return ["", "", *(o.id for o in options), *([""] * extra)]


def not_counted_note(r: ScenarioResult) -> list[str]:
    """One line per category left out for want of an input, with the key that counts it."""
    out = []
    for n in getattr(r, "not_counted", []):
        label = category_label(n.category)
        named = label if label.lower() == n.category else f"{label} [{n.category}]"
        out.append(f"Not counted: {named}; give {n.shown_key} ({n.hint}).")
    return out


def summary(r: ScenarioResult, fmt_money: Any = money) -> Grid:
    cur, opts = r.currency, r.options
    rate = float(r.scenario.analysis.discount_rate.to("%").magnitude)
    g = Grid(f"{r.horizon}-year cost by category ({cur})", _headers("Category", opts),
             text_columns=2, column_ids=_ids(opts), name="summary",
             notes=not_counted_note(r))
    left_out = {n.category for n in getattr(r, "not_counted", [])}
    cats = [c for c in categories(r) if c not in left_out]
    for c in cats:
        g.add(category_label(c), c, *(fmt_money(o.category_totals[c]) for o in opts),
              end_section=c == cats[-1])
    g.add("Total", "total", *(fmt_money(o.total) for o in opts))
    g.add(f"Present value at {rate:g} %", "present_value",
          *(fmt_money(o.present_value) for o in opts), end_section=True)
    g.add("Savings vs baseline", "savings", *(fmt_money(o.savings) for o in opts))
    g.add("Savings vs baseline, %", "savings_percent",
          *(percent(o.savings_percent) for o in opts))
    g.add("PV savings vs baseline", "pv_savings",
          *(fmt_money(o.present_value_savings) for o in opts))
    g.add("PV savings vs baseline, %", "pv_savings_percent",
          *(percent(o.present_value_savings_percent) for o in opts))
    g.add("Break-even year", "break_even_year", *(break_even(o) for o in opts),
          end_section=True)
    g.add(f"Total per port ({cur})", "cost_per_port", *(money(o.cost_per_port) for o in opts))
    g.add(f"Total per Tbit/s ({cur})", "cost_per_tbps",
          *(money(o.cost_per_tbps) for o in opts))
    if all(getattr(o, "per_gpu", None) is not None for o in opts):
        g.add(f"Total per GPU ({cur})", "cost_per_gpu",
              *(money(o.per_gpu["cost_per_gpu"]) for o in opts))
    return g


def cash_flow(r: ScenarioResult, fmt_money: Any = money) -> Grid:
    opts = r.options
    g = Grid(f"Cash flow by year ({r.currency}; year 0 is deployment)",
             [*_headers("Year", opts), "Discount factor"], text_columns=2,
             column_ids=_ids(opts, 1), name="cashflow")
    for y in range(r.horizon + 1):
        g.add(str(y), "", *(fmt_money(np.asarray(o.year_totals)[..., y]) for o in opts),
              f"{float(r.discount_factors[..., y].mean()):.4f}",
              end_section=y == r.horizon)
    g.add("Total", "total", *(fmt_money(o.total) for o in opts), "")
    g.add("Present value", "present_value", *(fmt_money(o.present_value) for o in opts), "")
    return g


def physical_label(key: str) -> tuple[str, str]:
    """The row label and number format of a physical metric (any key the result carries)."""
    for k, label, fmt in (*PHYSICAL_ROWS, *PER_GPU_ROWS):
        if k == key:
            return label, fmt
    unit = PHYSICAL_UNITS.get(key, "")
    words = key.replace("_", " ").capitalize()
    return (f"{words} ({unit})" if unit else words), "{:,.2f}"


def physical(r: ScenarioResult) -> Grid:
    opts = r.options
    g = Grid("Physical metrics (fleet)", _headers("Metric", opts), text_columns=2,
             column_ids=_ids(opts), name="physical")
    for key in opts[0].physical:
        label, fmt = physical_label(key)
        g.add(label, key, *(_cell(fmt, np.mean(o.physical[key])) for o in opts))
    if all(getattr(o, "per_gpu", None) is not None for o in opts):
        for key in opts[0].per_gpu:
            if key in ("cost_per_gpu", "present_value_per_gpu"):
                continue  # money: in the summary
            label, fmt = physical_label(key)
            g.add(label, key, *(fmt.format(float(np.mean(o.per_gpu[key]))) for o in opts))
    names = list(dict.fromkeys(p.name for o in opts for p in o.parts))
    for name in names:
        cells = []
        for o in opts:
            part = next((p for p in o.parts if p.name == name), None)
            cells.append("-" if part is None
                         else f"{float(np.mean(part.failures_per_year)):,.1f}")
        g.add(f"  failures/year: {name}", "", *cells)
    return g


def _cell(fmt: str, value: Any) -> str:
    """A physical figure; "-" where it is undefined (a pool nothing draws on)."""
    x = float(value)
    return fmt.format(x) if math.isfinite(x) else "-"


def site(r: ScenarioResult, fmt_money: Any = money) -> Grid:
    """What each option fits under the power cap (tco.site)."""
    opts, cur = r.options, r.currency
    fits = [r.site[o.id] for o in opts] if r.site else []
    mw = float(r.scenario.site.power.to("MW").magnitude)
    note = "; extra GPUs valued beside the TCO, never in it" if any(
        f.value is not None for f in fits) else ""
    if r.scenario.analysis.power_value == "gpus":
        note = "; extra GPUs valued in the TCO (power_value = gpus: gpus row), not here"
    g = Grid(f"Power-capped site: {mw:,.4g} MW{note}", _headers("Under the cap", opts),
             text_columns=2, column_ids=_ids(opts), name="site")
    g.add("GPUs that fit, fabric resized (whole switches)", "gpus",
          *(f"{f.fit.gpus:,}" for f in fits))
    g.add("  limited by", "limited_by", *(f.fit.limited_by for f in fits))
    g.add("Switches of that fabric", "switches", *(f"{f.fit.switches:,}" for f in fits))
    g.add("Network power per GPU (W, IT)", "network_power_per_gpu_w",
          *(f"{f.network_w_per_gpu:,.1f}" for f in fits))
    g.add("Facility power (MW)", "facility_power_mw",
          *(f"{f.fit.facility_w / 1e6:,.2f}" for f in fits))
    g.add("GPUs hosted beyond the baseline (physical table)", "extra_gpus",
          *(f"{f.extra_gpus:+,}" for f in fits))
    if any(f.value is not None for f in fits):
        g.add(f"  their value net of their energy ({cur})", "extra_gpus_value",
              *(fmt_money(f.value) for f in fits))
        g.add(f"  present value ({cur})", "extra_gpus_present_value",
              *(fmt_money(f.present_value) for f in fits))
    return g


def grids(r: ScenarioResult, fmt_money: Any = money) -> list[Grid]:
    return [summary(r, fmt_money), cash_flow(r, fmt_money), physical(r),
            *([site(r, fmt_money)] if r.site else [])]
