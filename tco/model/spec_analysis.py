"""Keys of the scenario's top level and of ``[analysis]``.

Money, energy, cooling, carbon and how power is valued; gathered in :mod:`tco.model.spec`.
"""

from __future__ import annotations

from .field import DERIVED, OPTIONAL, Field, _f

TOP: tuple[Field, ...] = (
    _f("name", "text", "Short name of the scenario, shown in titles.", default=""),
    _f("description", "text", "One-line description.", default=""),
    _f("extends", "text",
       "Name of a preset this scenario starts from: its values are taken, and every "
       "key written here replaces the preset's.", default=OPTIONAL),
)

ANALYSIS: tuple[Field, ...] = (
    _f("horizon", "quantity", "Length of the analysis, a whole number of years (1-50).",
       unit="year", example="5 year", default="5 year", minimum=1, maximum=50,
       default_doc="(hyperscaler useful life of network gear: 5-6 years, 10-K filings 2022-25)"),
    _f("discount_rate", "percent", "Yearly discount rate for present values.",
       example="8 %", default="8 %", minimum=-99.9,
       default_doc="(assumption: a typical cost of capital; set your own)"),
    _f("electricity_price", "quantity", "Price of electricity in the first year.",
       unit="{cur}/kWh", example="0.078 USD/kWh", minimum=0),
    _f("electricity_escalation", "percent", "Yearly rise of the electricity price.",
       example="2 %", default="0 %", minimum=-99.9),
    _f("pue", "ratio",
       "Power usage effectiveness: facility energy / IT energy. Cooling and other "
       "facility overhead is (PUE - 1) x IT energy. One PUE for every option: it "
       "replaces pue_air and pue_liquid (give pue or cooling_energy_fraction, or neither).",
       example="1.3", default=OPTIONAL, minimum=1.0, maximum=5.0,
       default_doc="cooling by type: pue_air or pue_liquid"),
    _f("cooling_energy_fraction", "percent",
       "Cooling and facility energy as a share of IT energy (the same as PUE - 1), for "
       "every option: it replaces pue_air and pue_liquid.",
       example="30 %", default=OPTIONAL, minimum=0, maximum=400),
    _f("pue_air", "ratio",
       "PUE of air-cooled options (cooling by type), unless analysis.pue or "
       "analysis.cooling_energy_fraction (every option) or the option's own pue is given.",
       example="1.3", default=1.3, minimum=1.0, maximum=5.0,
       default_doc="(SemiAnalysis InferenceX calculator docs: PUE 1.3 air)"),
    _f("pue_liquid", "ratio",
       "PUE of liquid-cooled options (cooling by type), unless analysis.pue or "
       "analysis.cooling_energy_fraction (every option) or the option's own pue is given.",
       example="1.1", default=1.1, minimum=1.0, maximum=5.0,
       default_doc="(SemiAnalysis InferenceX calculator docs: PUE 1.1 direct liquid cooling)"),
    _f("cooling_capex_air", "quantity",
       "Capital cost of cooling capacity per kW of heat, for air-cooled options.",
       unit="{cur}/kW", example="600 USD/kW", default="600 {cur}/kW", minimum=0,
       default_doc="(installed chilled-water CRAH cooling 600-1,200 USD/kW of IT load, "
                   "MEP Estimation USA 2024: the low end)"),
    _f("cooling_capex_liquid", "quantity",
       "Capital cost of cooling capacity per kW of heat, for liquid-cooled options.",
       unit="{cur}/kW", example="400 USD/kW", default="400 {cur}/kW", minimum=0,
       default_doc="(300-500 USD/kW, public GPU-cluster calculator README: the midpoint)"),
    _f("switch_fan_share", "percent",
       "Share of the switch part's power drawn by its fans. A liquid-cooled option's "
       "switch has no fans to run: it draws power x (1 - switch_fan_share). Leave it at "
       "0 % when the switch power given for a liquid option already excludes fans.",
       example="20 %", default="0 %", minimum=0, maximum=100,
       default_doc="(not modelled; fans are ~20 % of switch + transceiver power, "
                   "NeoPhotonics 2021)"),
    _f("deployment_year", "integer",
       "Calendar year of the deployment (year index 0); year y of the analysis is "
       "deployment_year + y.", example="2026", default=2026, minimum=1990, maximum=2100,
       default_doc="(assumption: deployed in the year of this release)"),
    _f("labour_escalation", "percent",
       "Yearly rise of the labour rate: work in year y costs labour_rate x "
       "(1 + labour_escalation)^y.", example="3 %", default="0 %", minimum=-99.9),
    _f("support_escalation", "percent",
       "Yearly rise of support contract prices (options.OPTION.support), from year 1 "
       "as electricity: year y pays (1 + support_escalation)^(y - 1).",
       example="3 %", default="0 %", minimum=-99.9),
    _f("carbon_price_escalation", "percent",
       "Yearly rise of the carbon price (from year 1, as electricity).",
       example="5 %", default="0 %", minimum=-99.9),
    _f("power_value", "choice",
       "How the interconnect's power is valued beyond its energy, one way per scenario "
       "so that no watt is counted twice: energy (kWh x price only); capacity (plus "
       "capacity_cost per kW of facility power, IT x PUE, at deployment; it includes "
       "the cooling plant, so cooling capital is not charged on top); gpus (the "
       "power-capped [site]: power the network does not draw hosts GPUs; the extra GPUs "
       "over the baseline are valued at site.gpu_valuation inside the TCO, and the "
       "energy they draw and its emissions are charged; without a [site] there is no "
       "cap and the result equals energy).",
       default="energy", choices=("energy", "capacity", "gpus")),
    _f("capacity_cost", "quantity",
       "Cost of building one kW of facility power (power_value = capacity, or "
       "site.gpu_valuation = capacity).", unit="{cur}/kW", example="11.7 MUSD/MW",
       default=OPTIONAL, minimum=0,
       default_doc="required by power_value = capacity (data centres cost 9.3-15.0 M USD "
                   "per MW, mean 11.7, Cushman & Wakefield 2025)"),
    _f("grid_carbon_intensity", "quantity", "Emissions per kWh drawn from the grid.",
       unit="kgCO2e/kWh", example="481 gCO2e/kWh", default="481 gCO2e/kWh", minimum=0,
       default_doc="(world average 2023, Ember via Our World in Data)"),
    _f("carbon_price", "quantity", "Price of emissions, counted as a cost each year.",
       unit="{cur}/tCO2e", example="80 EUR/tCO2e", default="0 {cur}/tCO2e", minimum=0,
       default_doc="(not counted)"),
    _f("grid_carbon_intensity_trend", "percent",
       "Yearly change of the grid's carbon intensity (a path: intensity in year y = "
       "grid_carbon_intensity x (1 + trend)^(y - 1)).", example="-4 %", default="0 %",
       minimum=-99.9, maximum=100),
    _f("carbon_price_kind", "choice",
       "cash: the carbon price is paid and counted in the total; shadow: an internal "
       "price, shown as its own line but left out of the cash total (use it where the "
       "electricity price already carries the cost of emissions, as EU ETS in Europe).",
       default="cash", choices=("cash", "shadow")),
    _f("downtime_cost", "quantity",
       "Cost of one link being down for one hour (a link-hour).",
       unit="{cur}/hour", example="50 USD/hour", default="0 {cur}/hour", minimum=0,
       default_doc="(not counted)"),
    # job interruptions (tco.components.interruptions): one way of pricing them, the
    # cost given (interruption_cost) or derived from the job (the keys after it)
    _f("interruption_cost", "quantity",
       "Cost of one job interruption, given directly (instead of job_gpu_hour_value "
       "and the keys that derive it). An interruption is the restart cost of the job; "
       "downtime_cost is the link capacity lost while a link waits for repair. Used as "
       "given, per interruption: it is not capped by the job's availability (that needs "
       "the recovery time and the job's GPUs: derive the cost to have it).",
       unit="{cur}", example="50000 USD", default=OPTIONAL, minimum=0,
       default_doc="derived from job_gpu_hour_value when that is given; otherwise "
                   "interruptions are not counted"),
    _f("job_gpu_hour_value", "quantity",
       "Value of one GPU-hour of the job a failure interrupts (a rental price, or the "
       "cost of owning and running a GPU for an hour). Cost of one interruption = "
       "job_gpus x job_gpu_hour_value x (detection_time + restart_time + "
       "checkpoint_interval / 2). The yearly cost is capped by the job's availability, "
       "MTBI / (MTBI + recovery): failures while a job recovers do not stop it again, so "
       "the cost of a year is at most the fabric's GPUs x this value x 8,760 h.",
       unit="{cur}/hour", example="2 USD/hour",
       default=OPTIONAL, minimum=0,
       default_doc="interruptions not counted (unless interruption_cost is given)"),
    _f("job_gpus", "number",
       "GPUs of the job one interruption stops (a synchronous job across the fabric: "
       "all of them). Jobs share the fabric's failures evenly: a job sees job_gpus / "
       "fabric GPUs of them (without a [fabric]: all, one job on the fleet). A job larger "
       "than the fabric is taken as the whole fabric, with a warning.", example="32768",
       default=DERIVED, minimum=0, exclusive_minimum=True,
       default_doc="fabric.gpus with a [fabric]; without one, required when "
                   "job_gpu_hour_value is given"),
    _f("detection_time", "quantity",
       "Time from a failure until the stalled job is stopped (its GPUs idle meanwhile).",
       unit="hour", example="10 min", default="10 min", minimum=0, maximum=8760,
       default_doc="(assumption: a hung collective is noticed at PyTorch's default "
                   "NCCL timeout, 10 min)"),
    _f("restart_time", "quantity",
       "Time to restart the job from its checkpoint on healthy resources (reschedule, "
       "load the checkpoint, warm up).", unit="hour", example="20 min", default="20 min",
       minimum=0, maximum=8760,
       default_doc="(assumption: minutes to tens of minutes for a large job; set your own)"),
    _f("checkpoint_interval", "quantity",
       "Time between checkpoints of the job: on average half of it is lost work, done "
       "again after a restart.", unit="hour", example="1 hour", default="1 hour",
       minimum=0, maximum=8760,
       default_doc="(assumption: hourly checkpoints; set your own)"),
    _f("interruption_escalation", "percent",
       "Yearly change of the cost of one interruption (from year 1, as electricity; "
       "negative as GPU-hours get cheaper).", example="-10 %", default="0 %",
       minimum=-99.9),
    _f("labour_rate", "quantity", "Cost of one hour of technician time.",
       unit="{cur}/hour", example="100 USD/hour", default="100 {cur}/hour", minimum=0,
       default_doc="(assumption)"),
    _f("currency", "choice", "Reporting currency: every result is in it.",
       default="USD", choices=("USD", "EUR", "GBP", "JPY", "CNY", "CHF")),
    _f("exchange_rates", "table",
       "Rates for prices written in other currencies, as a table "
       '{ EUR = "1.08 USD/EUR" } (reporting currency per unit of the other). A rate '
       "may carry a range (low/high, --range analysis.exchange_rates.EUR=...): the "
       "analysis commands then move every value written in that currency with it.",
       default=OPTIONAL),
)

#: one entry of ``[[correlations]]`` (counted from 1 in messages): two sampled inputs
#: that move together, for the analysis commands (``compare`` ignores it)
CORRELATION: tuple[Field, ...] = (
    _f("inputs", "keys",
       "The two inputs that move together, as key paths; each must carry a range "
       "(low/high) so that it is sampled.",
       example='["options.pluggable.switch.price", "options.cpo.switch.price"]'),
    _f("rank", "number",
       "Rank (Spearman) correlation of the two inputs' samples, induced by reordering "
       "the samples (Iman-Conover): each input keeps its own distribution. 1 means the "
       "same draw: the second input takes the first's probability (the same box "
       "priced in two options); it may then be in no other pair. Used by `tco "
       "uncertainty`; `tco sensitivity` moves inputs tied at rank 1 together (one "
       "row) and the others one at a time; `tco sweep` and `tco breakeven` move the "
       "keys tied at rank 1 with the varied key's value along with it.",
       example="0.8", minimum=-0.99, maximum=1),
    _f("source", "text", "Why the two inputs move together (a source or an assumption).",
       default=""),
)
