"""Rich tables: cost summary, cash flow by year, physical metrics.

Reads only the result object; never computes a figure of its own beyond
formatting it. Tables are printed at least as wide as they need to be, so a
number is never cut, whatever the terminal or pipe width.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

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


def money(x: Any) -> str:
    return f"{float(x):,.0f}"


def percent(x: Any) -> str:
    return f"{float(x):+.1f} %"


def _table(title: str, first: str, options: list[OptionResult]) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column(first, no_wrap=True)
    for o in options:
        name = f"{o.label} (baseline)" if o.is_baseline else o.label
        table.add_column(name, justify="right", no_wrap=True)
    return table


def _row(table: Table, label: str, options: list[OptionResult],
         cell: Callable[[OptionResult], str], end_section: bool = False) -> None:
    table.add_row(label, *(cell(o) for o in options), end_section=end_section)


def summary_table(r: ScenarioResult) -> Table:
    cur, opts = r.currency, r.options
    rate = float(r.scenario.analysis.discount_rate.to("%").magnitude)
    title = f"{r.scenario.name or 'Scenario'}: {r.horizon}-year cost by category ({cur})"
    t = _table(title, "Category", opts)
    cats = list(CATEGORIES)
    for c in cats:
        _row(t, CATEGORY_LABELS[c], opts, lambda o, c=c: money(o.category_totals[c]),
             end_section=c == cats[-1])
    _row(t, "Total", opts, lambda o: money(o.total))
    _row(t, f"Present value at {rate:g} %", opts, lambda o: money(o.present_value),
         end_section=True)
    _row(t, "Savings vs baseline", opts, lambda o: money(o.savings))
    _row(t, "Savings vs baseline, %", opts, lambda o: percent(o.savings_percent))
    _row(t, "PV savings vs baseline", opts, lambda o: money(o.present_value_savings))
    _row(t, "PV savings vs baseline, %", opts,
         lambda o: percent(o.present_value_savings_percent))
    _row(t, "Break-even year", opts, _break_even, end_section=True)
    _row(t, f"Total per port ({cur})", opts, lambda o: money(o.cost_per_port))
    _row(t, f"Total per Tbit/s ({cur})", opts, lambda o: money(o.cost_per_tbps))
    return t


def _break_even(o: OptionResult) -> str:
    if o.break_even_year is None:
        return "-"
    year = int(o.break_even_year)
    return "never" if year < 0 else f"year {year}"


def cash_flow_table(r: ScenarioResult) -> Table:
    cur, opts = r.currency, r.options
    t = _table(f"Cash flow by year ({cur}; year 0 is deployment)", "Year", opts)
    t.add_column("Discount factor", justify="right", no_wrap=True)
    for y in range(r.horizon + 1):
        t.add_row(str(y), *(money(o.year_totals[y]) for o in opts),
                  f"{float(r.discount_factors[y]):.4f}", end_section=y == r.horizon)
    t.add_row("Total", *(money(o.total) for o in opts), "")
    t.add_row("Present value", *(money(o.present_value) for o in opts), "")
    return t


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
    ("emissions_t_per_year", "Emissions (tCO2e/year)", "{:,.0f}"),
    ("emissions_t_total", "Emissions over the horizon (tCO2e)", "{:,.0f}"),
)


def physical_table(r: ScenarioResult) -> Table:
    opts = r.options
    t = _table("Physical metrics (fleet)", "Metric", opts)
    for key, label, fmt in PHYSICAL_ROWS:
        _row(t, label, opts, lambda o, key=key, fmt=fmt: fmt.format(float(o.physical[key])))
    names = [p.name for p in opts[0].parts]
    for name in {p.name: None for o in opts for p in o.parts if p.name not in names} or ():
        names.append(name)
    for name in names:
        def failures(o: OptionResult, name: str = name) -> str:
            part = next((p for p in o.parts if p.name == name), None)
            return "-" if part is None else f"{float(part.failures_per_year):,.1f}"
        _row(t, f"  failures/year: {name}", opts, failures)
    return t


def print_tables(console: Console, results: list[ScenarioResult]) -> None:
    for i, r in enumerate(results):
        if i:
            console.print()
        if r.scenario.description:
            console.print(r.scenario.description, highlight=False, soft_wrap=True)
        for table in (summary_table(r), cash_flow_table(r), physical_table(r)):
            print_wide(console, table)
            console.print()


def print_wide(console: Console, renderable: Any) -> None:
    """Print at the width the renderable needs, if the console is narrower."""
    options = console.options.update_width(100_000)
    needed = Measurement.get(console, options, renderable).maximum
    if needed <= console.width:
        console.print(renderable)
        return
    saved = console.width
    console.width = needed
    try:
        console.print(renderable, crop=False)
    finally:
        console.width = saved
