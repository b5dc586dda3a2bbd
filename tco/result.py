"""What the engine returns: :class:`ScenarioResult`, per option and per part, and how
an option's yearly flows are summed into totals and present values.

Every renderer reads these; none of them computes a number of its own. Built by
:func:`tco.engine.evaluate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import finance
from .components import lazy
from .model.scenario import Scenario

#: cost categories in report order, with what each one counts
CATEGORIES: dict[str, str] = {
    "equipment": "switches, optics and lasers bought at deployment",
    "spares": "spare units held from deployment",
    "installation": "technician time to install the units",
    "energy": "electricity drawn by the switches and their optics",
    "cooling": "cooling energy (PUE overhead) and cooling capacity",
    "capacity": "facility capacity for the power drawn (power_value = capacity)",
    "gpus": "GPUs gained or lost under a site power cap, net of the energy they draw "
            "(power_value = gpus; a credit when negative)",
    "repairs": "parts and labour to repair failures, every part at the year's price "
               "(warranty credit below)",
    "warranty": "repair parts the vendor pays for under the parts' warranty (a credit)",
    "downtime": "links out of service while failures are repaired",
    "interruptions": "GPU time lost when failures stop a job and it restarts from its "
                     "checkpoint",
    "replacement": "parts replaced at the end of their service life (or by the next "
                   "product: refresh_to), less what the retired units sell for",
    "support": "support contracts: a yearly share of the price of the equipment in service",
    "carbon": "price of the emissions from the electricity drawn and of making the units "
              "bought (a shadow price is shown but left out of the total)",
    "residual": "value left at the end of the horizon (a credit)",
}


#: the unit of each physical metric of an option (keys of OptionResult.physical)
PHYSICAL_UNITS: dict[str, str] = {
    "it_power_kw": "kW", "cooling_power_kw": "kW", "total_power_kw": "kW",
    "it_energy_mwh_per_year": "MWh/year", "total_energy_mwh_per_year": "MWh/year",
    "power_per_switch_w": "W", "interconnect_power_per_port_w": "W",
    "dsp_power_per_port_w": "W", "lasers_per_port": "", "failures_per_year": "1/year",
    "downtime_link_hours_per_year": "hour/year",
    "interruptions_per_year": "1/year", "mean_time_between_interruptions_h": "hour",
    "job_mtbi_h": "hour", "job_availability_percent": "%",
    "spare_ports_per_switch": "", "spare_ports_run_out_years": "year",
    "spare_port_swaps_per_year": "1/year", "emissions_t_per_year": "tCO2e/year",
    "emissions_t_total": "tCO2e", "embodied_t_total": "tCO2e", "gpus_hosted": "",
    "facility_w_per_gpu": "W", "extra_gpus": "", "extra_gpus_emissions_t_per_year":
    "tCO2e/year",
}


#: per-GPU figures of an option with a [fabric] (keys of OptionResult.per_gpu);
#: "{cur}" is the reporting currency
PER_GPU_UNITS: dict[str, str] = {
    "cost_per_gpu": "{cur}", "present_value_per_gpu": "{cur}",
    "network_power_per_gpu_w": "W", "facility_power_per_gpu_w": "W",
    "optical_modules_per_gpu": "", "lasers_per_gpu": "", "failures_per_gpu_year": "1/year",
    "interruptions_per_gpu_day": "1/day",
}


@dataclass
class PartResult:
    name: str
    units: Any  # installed units in the fleet
    power_kw: Any
    failures_per_year: Any
    downtime_link_hours_per_year: Any
    by_year: dict[str, Any]  # this part's share of the part-level categories
    book_value: Any = 0.0  # at the horizon's end, straight line (reported, not cash)
    embodied_t: Any = 0.0  # tCO2e of making the units bought, per year index
    #: job interruptions a year: failures x interrupt probability, summed over modes
    interruptions_per_year: Any = 0.0


@dataclass
class OptionResult:
    id: str
    label: str
    technology: str
    is_baseline: bool
    by_year: dict[str, Any]  # category -> amounts per year index 0..horizon
    physical: dict[str, Any]
    parts: list[PartResult]
    year_totals: Any = None
    cumulative: Any = None
    category_totals: dict[str, Any] = field(default_factory=dict)
    category_present_values: dict[str, Any] = field(default_factory=dict)
    total: Any = None
    present_value: Any = None
    savings: Any = None  # baseline total - this total (positive: cheaper)
    savings_percent: Any = None
    present_value_savings: Any = None
    present_value_savings_percent: Any = None
    break_even_year: Any = None  # year index, -1 never; None for the baseline
    cost_per_port: Any = None
    cost_per_tbps: Any = None
    present_value_per_port: Any = None
    present_value_per_tbps: Any = None
    #: with a [fabric]: per-GPU figures (see PER_GPU_UNITS); None without one
    per_gpu: dict[str, Any] | None = None
    #: fleet-wide optical modules and lasers (for the per-GPU figures)
    modules: Any = None
    lasers: Any = None
    #: job interruptions per year: per failure mode, failures x interrupt probability
    interruptions: Any = None
    book_value: Any = 0.0  # of the fleet at the horizon's end (reported, never cash)
    #: (option id, year index, calendar year) of each other product bought at a
    #: refresh (tco.refresh)
    refreshes: list[tuple[str, int, int]] = field(default_factory=list)
    #: with a [site] and power_value other than gpus: the extra GPUs' flows (gpus: their
    #: energy less their value; carbon: its price), reported beside the TCO, never in it
    gpus_beside: dict[str, Any] = field(default_factory=dict)


@dataclass
class ScenarioResult:
    scenario: Scenario
    options: list[OptionResult]
    discount_factors: Any
    #: messages for stderr: assumptions the inputs leave implicit (see tco.lifecheck)
    warnings: list[str] = field(default_factory=list)
    #: categories zero for every option because an input is absent (tco.model.coverage)
    not_counted: list[Any] = field(default_factory=list)
    #: with [site]: what each option fits under the power cap (tco.site.OptionFit by
    #: option id); None without a site or with sampled inputs
    site: dict[str, Any] | None = None

    @property
    def currency(self) -> str:
        return self.scenario.analysis.currency

    @property
    def horizon(self) -> int:
        return self.scenario.analysis.horizon_years

    @property
    def baseline(self) -> OptionResult:
        return next(o for o in self.options if o.is_baseline)


def add_per_gpu(r: OptionResult, gpus: int) -> None:
    """Per-GPU figures: cost, network power (IT, and with cooling), modules, lasers."""
    ph = r.physical
    r.per_gpu = {
        "cost_per_gpu": r.total / gpus,
        "present_value_per_gpu": r.present_value / gpus,
        "network_power_per_gpu_w": ph["it_power_kw"] * 1000.0 / gpus,
        "facility_power_per_gpu_w": ph["total_power_kw"] * 1000.0 / gpus,
        "optical_modules_per_gpu": r.modules / gpus,
        "lasers_per_gpu": r.lasers / gpus,
        "failures_per_gpu_year": ph["failures_per_year"] / gpus,
        "interruptions_per_gpu_day": r.interruptions / gpus / 365.0,
    }


def percent_of(part: Any, whole: Any) -> Any:
    """100 x part / whole; NaN (undefined) where the whole is zero."""
    whole = np.asarray(whole, dtype=float)
    safe = np.where(whole != 0, whole, 1.0)
    return np.where(whole != 0, 100.0 * np.asarray(part) / safe, np.nan)


def summarise(r: OptionResult, rate: Any, shown_only: tuple[str, ...] = ()) -> None:
    flows = np.broadcast_arrays(*(lazy.dense(f) for f in r.by_year.values()))
    r.by_year = {c: np.array(f) for c, f in zip(r.by_year, flows, strict=True)}
    flows = [f for c, f in r.by_year.items() if c not in shown_only]  # cash only
    for p in r.parts:  # a part's zero flows (nothing replaced) as full rows too
        p.by_year = {c: np.array(np.broadcast_to(lazy.dense(f), flows[0].shape))
                     for c, f in p.by_year.items()}
    r.year_totals = np.sum(flows, axis=0)
    r.cumulative = np.cumsum(r.year_totals, axis=-1)
    r.category_totals = {c: f.sum(axis=-1) for c, f in r.by_year.items()}
    r.category_present_values = {c: finance.present_value(f, rate) for c, f in r.by_year.items()}
    r.total = r.year_totals.sum(axis=-1)
    r.present_value = finance.present_value(r.year_totals, rate)


def summarise_totals(r: OptionResult, weights: tuple[lazy.Weights, lazy.Weights],
                     shown_only: tuple[str, ...] = ()) -> None:
    """Totals and present values per category only; the yearly flows are dropped.

    ``weights``: ones and the discount factors over the years. A flow still
    factored (:mod:`tco.components.lazy`) is summed term by term, without its
    samples x years array; a dense one by a product with the weights.
    """
    sums = {c: lazy.weigh_each(f, weights) for c, f in r.by_year.items()}
    r.category_totals = {c: np.asarray(s[0], dtype=float) for c, s in sums.items()}
    r.category_present_values = {c: np.asarray(s[1], dtype=float) for c, s in sums.items()}
    r.total = sum(v for c, v in r.category_totals.items() if c not in shown_only)
    r.present_value = sum(v for c, v in r.category_present_values.items()
                          if c not in shown_only)
    r.by_year = {}
