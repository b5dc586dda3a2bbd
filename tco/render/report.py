"""The report's tables as plain grids of formatted cells.

Both the rich tables and the Markdown tables are drawn from these grids, and
the grids only format figures the result object holds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..engine import CATEGORIES, OptionResult, ScenarioResult

CATEGORY_LABELS = {
    "equipment": "Equipment",
    "spares": "Spares",
    "installation": "Installation",
    "energy": "Energy",
    "cooling": "Cooling",
    "repairs": "Repairs",
    "downtime": "Downtime",
    "replacement": "End-of-life replacement",
    "carbon": "Carbon",
    "residual": "Residual value",
}

PHYSICAL_ROWS = (
    ("it_power_kw", "IT power at the wall (kW)", "{:,.1f}"),
    ("cooling_power_kw", "Cooling and overhead power (kW)", "{:,.1f}"),
    ("total_power_kw", "Total power (kW)", "{:,.1f}"),
    ("power_per_switch_w", "Power per switch (W)", "{:,.1f}"),
    ("interconnect_power_per_port_w", "Interconnect power per port (W)", "{:,.2f}"),
    ("dsp_power_per_port_w", "  of which DSP (W)", "{:,.2f}"),
    ("lasers_per_port", "Lasers per port", "{:,.2f}"),
    ("it_energy_mwh_per_year", "IT energy (MWh/year)", "{:,.0f}"),
    ("total_energy_mwh_per_year", "Total energy (MWh/year)", "{:,.0f}"),
    ("failures_per_year", "Expected failures per year", "{:,.1f}"),
    ("downtime_link_hours_per_year", "Downtime (link-hours/year)", "{:,.0f}"),
    ("spare_ports_per_switch", "Spare-port pool per switch (ports)", "{:,.0f}"),
    ("spare_ports_run_out_years", "  runs out at switch age (years)", "{:,.1f}"),
    ("spare_port_swaps_per_year", "  switch swaps when empty (/year)", "{:,.1f}"),
    ("emissions_t_per_year", "Emissions (tCO2e/year)", "{:,.0f}"),
    ("emissions_t_total", "Emissions over the horizon (tCO2e)", "{:,.0f}"),
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

    def add(self, *cells: str, end_section: bool = False) -> None:
        self.rows.append(list(cells))
        if end_section:
            self.breaks.add(len(self.rows) - 1)


def money(x: Any) -> str:
    return f"{float(x):,.0f}"


def percent(x: Any) -> str:
    value = float(x)
    return f"{value:+.1f} %" if math.isfinite(value) else "-"


def break_even(o: OptionResult) -> str:
    if o.break_even_year is None:
        return "-"
    year = int(o.break_even_year)
    return "never" if year < 0 else f"year {year}"


def _headers(first: str, options: list[OptionResult]) -> list[str]:
    return [first, *(f"{o.label} (baseline)" if o.is_baseline else o.label for o in options)]


def summary(r: ScenarioResult) -> Grid:
    cur, opts = r.currency, r.options
    rate = float(r.scenario.analysis.discount_rate.to("%").magnitude)
    g = Grid(f"{r.scenario.name or 'Scenario'}: {r.horizon}-year cost by category ({cur})",
             _headers("Category", opts))
    cats = list(CATEGORIES)
    for c in cats:
        g.add(CATEGORY_LABELS[c], *(money(o.category_totals[c]) for o in opts),
              end_section=c == cats[-1])
    g.add("Total", *(money(o.total) for o in opts))
    g.add(f"Present value at {rate:g} %", *(money(o.present_value) for o in opts),
          end_section=True)
    g.add("Savings vs baseline", *(money(o.savings) for o in opts))
    g.add("Savings vs baseline, %", *(percent(o.savings_percent) for o in opts))
    g.add("PV savings vs baseline", *(money(o.present_value_savings) for o in opts))
    g.add("PV savings vs baseline, %",
          *(percent(o.present_value_savings_percent) for o in opts))
    g.add("Break-even year", *(break_even(o) for o in opts), end_section=True)
    g.add(f"Total per port ({cur})", *(money(o.cost_per_port) for o in opts))
    g.add(f"Total per Tbit/s ({cur})", *(money(o.cost_per_tbps) for o in opts))
    return g


def cash_flow(r: ScenarioResult) -> Grid:
    opts = r.options
    g = Grid(f"Cash flow by year ({r.currency}; year 0 is deployment)",
             [*_headers("Year", opts), "Discount factor"])
    for y in range(r.horizon + 1):
        g.add(str(y), *(money(o.year_totals[y]) for o in opts),
              f"{float(r.discount_factors[y]):.4f}", end_section=y == r.horizon)
    g.add("Total", *(money(o.total) for o in opts), "")
    g.add("Present value", *(money(o.present_value) for o in opts), "")
    return g


def physical(r: ScenarioResult) -> Grid:
    opts = r.options
    g = Grid("Physical metrics (fleet)", _headers("Metric", opts))
    for key, label, fmt in PHYSICAL_ROWS:
        g.add(label, *(_cell(fmt, o.physical[key]) for o in opts))
    names = list(dict.fromkeys(p.name for o in opts for p in o.parts))
    for name in names:
        cells = []
        for o in opts:
            part = next((p for p in o.parts if p.name == name), None)
            cells.append("-" if part is None else f"{float(part.failures_per_year):,.1f}")
        g.add(f"  failures/year: {name}", *cells)
    return g


def _cell(fmt: str, value: Any) -> str:
    """A physical figure; "-" where it is undefined (a pool that never runs out)."""
    x = float(value)
    return fmt.format(x) if math.isfinite(x) else "-"


def grids(r: ScenarioResult) -> list[Grid]:
    return [summary(r), cash_flow(r), physical(r)]
