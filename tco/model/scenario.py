"""The scenario model the calculation core reads.

Every quantity is a pint Quantity in its canonical unit. Magnitudes may be
floats or numpy arrays (one value per sample): the cost components and the
engine broadcast over them, so sweeps and Monte Carlo reuse the same code by
replacing a field with ``dataclasses.replace``.

Built from validated inputs by :func:`tco.model.build.build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import units
from .validate import Input

if TYPE_CHECKING:  # a field's type only: the fabric is imported where one is built
    from .fabric import Fabric

Quantity = Any  # pint.Quantity; kept loose so that this module imports without pint


@dataclass(frozen=True)
class Analysis:
    horizon_years: int
    discount_rate: Quantity  # dimensionless fraction
    electricity_price: Quantity  # {cur}/kWh
    electricity_escalation: Quantity  # dimensionless fraction per year
    pue: Quantity | None  # dimensionless, every option; None: cooling by type
    cooling_energy_fraction: Quantity | None  # dimensionless fraction, every option
    pue_air: Quantity  # dimensionless, air-cooled options
    pue_liquid: Quantity  # dimensionless, liquid-cooled options
    switch_fan_share: Quantity  # fraction of switch power drawn by fans
    cooling_capex_air: Quantity  # {cur}/kW
    cooling_capex_liquid: Quantity  # {cur}/kW
    grid_carbon_intensity: Quantity  # kgCO2e/kWh
    carbon_price: Quantity  # {cur}/tCO2e
    downtime_cost: Quantity  # {cur}/hour per link
    labour_rate: Quantity  # {cur}/hour
    currency: str
    # what a watt is worth beyond its energy (tco.components.capacity)
    power_value: str = "energy"  # energy | capacity | gpus
    capacity_cost: Quantity | None = None  # {cur}/kW of facility power
    # prices over time (tco.components.pricing)
    deployment_year: int = 2026
    labour_escalation: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    support_escalation: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    carbon_price_escalation: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    grid_carbon_intensity_trend: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    carbon_price_kind: str = "cash"  # cash | shadow (shown, not in the total)
    # job interruptions (tco.components.interruptions, tco.model.interruption): the
    # cost of one given, or derived from the job; neither: not counted
    interruption_cost: Quantity | None = None  # {cur} per interruption, given
    job_gpu_hour_value: Quantity | None = None  # {cur}/hour
    job_gpus: Quantity | None = None  # GPUs of the job (count); None: not derived
    #: GPUs the fabric serves (count): fabric.gpus, or job_gpus without a [fabric] (one
    #: job on the fleet); the job's share of failures is job_gpus / fabric_gpus
    fabric_gpus: Quantity | None = None
    detection_time: Quantity = field(default_factory=lambda: units.Q(10.0, "min"))
    restart_time: Quantity = field(default_factory=lambda: units.Q(20.0, "min"))
    checkpoint_interval: Quantity = field(default_factory=lambda: units.Q(1.0, "hour"))
    interruption_escalation: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    #: years from the deployment to this analysis's year 0 (a product bought at a
    #: refresh, tco.refresh): support prices rise from the deployment's year 1
    support_offset: int = 0


@dataclass(frozen=True)
class Deployment:
    switches: Quantity  # dimensionless count
    switch_capacity: Quantity  # Tbit/s
    port_speed: Quantity  # Gbit/s
    ports_in_use: Quantity  # dimensionless count per switch


@dataclass(frozen=True)
class FailureMode:
    """One way a part fails: its own rate, repair and blast radius."""

    name: str
    failure_rate: Quantity  # failures per unit per year
    repair: str  # swap | spare_port | replace_switch | fru | none
    repair_price: Quantity  # {cur} per repair (worked out when repair_price_derived)
    repair_labour: Quantity  # hour per repair
    time_to_repair: Quantity  # hour the links stay down
    links_per_failure: Quantity  # links down per failure (worked out when links_derived)
    #: share of failures that interrupt a job [fraction]; None: 1 where links go down
    interrupt_probability: Quantity | None = None
    repair_price_derived: bool = False
    links_derived: bool = False


@dataclass(frozen=True)
class Site:
    """A power-capped site: the GPUs each option hosts under the cap (tco.power), and
    with a [fabric] how large a fabric fits (tco.site). The one place for site power."""

    power: Quantity  # MW the site can draw (facility)
    gpu_power: Quantity  # W per GPU, GPU servers at the wall
    gpu_cooling: str  # air | liquid: picks the GPU servers' PUE
    planning_margin: Quantity  # fraction added to facility watts
    gpu_hour_value: Quantity | None  # {cur}/hour; None: extra GPUs not valued
    utilisation: Quantity  # fraction of hours the extra GPUs earn
    gpus: Quantity | None = None  # GPUs the fleet connects (fabric.gpus with a fabric)
    gpu_valuation: str = "revenue"  # revenue | capacity


@dataclass(frozen=True)
class Part:
    """A replaceable unit of an option (the switch, its optics, its lasers)."""

    name: str
    count: Quantity  # units per switch (derived from per_port when that is given)
    price: Quantity  # {cur} per unit
    power: Quantity  # per unit, as given: W, or pJ/bit (derived.resolve_part gives W)
    dsp_power: Quantity  # per unit, part of power (reported, not added); W or pJ/bit
    laser_count: Quantity  # laser emitters per unit
    failure_rate: Quantity  # failures per unit per year
    repair: str  # swap | replace_switch | spare_port
    repair_price: Quantity  # {cur} per repair
    repair_labour: Quantity  # hour per repair
    time_to_repair: Quantity  # hour a failed link is down
    links_per_failure: Quantity  # links down per failure
    life: Quantity  # year (inf: never replaced inside the horizon)
    spares: Quantity  # fraction of installed units held as spares
    salvage: Quantity  # fraction of price left at end of life
    install_labour: Quantity  # hour per unit installed
    per_port: Quantity | None = None  # units per port; None: count is per switch
    bit_rate: Quantity | None = None  # Gbit/s one unit carries; None: derived
    integral: bool = False  # part of the switch: count follows its capacity
    repair_price_derived: bool = False  # repair_price worked out from prices
    links_derived: bool = False  # links_per_failure worked out from counts
    #: how many things in the fleet ``count`` applies to (switches, switch ports, NIC
    #: ports, link ends or links, from a ``[fabric]``); None: the deployment's switches,
    #: read where the engine runs so that sampling ``deployment.switches`` moves it
    items: Quantity | None = None
    #: what one item is, for reports: switch, switch_port, nic_port, link_end or link
    per: str = "switch"
    #: the part's failure modes; empty: one mode from the part's own rate and repair
    modes: tuple[FailureMode, ...] = ()
    #: share of failures that interrupt a job (one-mode parts); None: 1 where links go down
    interrupt_probability: Quantity | None = None
    # prices over time and resale (tco.components.pricing, tco.components.resale)
    price_trend: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    price_hold: Quantity = field(default_factory=lambda: units.Q(0.0, "year"))
    resale_decline: Quantity | None = None  # fraction per year; None: salvage only
    embodied_carbon: Quantity = field(default_factory=lambda: units.Q(0.0, "kgCO2e"))
    #: items per tier (tier number, items), from a [fabric]; empty without one
    by_tier: tuple[tuple[int, int], ...] = ()
    #: the links counted, with a [fabric]: optical, copper or any
    media: str = "any"
    #: a fabric item other than a switch (a port, link end, link): the bit rate it
    #: carries and the switch ports it serves; None for parts counted per switch
    item_rate: Quantity | None = None
    item_ports: float | None = None
    #: warranty of one unit (tco.components.warranty) and the user's cost per claim
    warranty: Quantity = field(default_factory=lambda: units.Q(0.0, "year"))
    warranty_handling: Quantity | None = None  # {cur} per claim; None: 0

    def fleet_units(self, switches: Quantity) -> Quantity:
        """Installed units in the fleet: items (or switches) x count."""
        return (switches if self.items is None else self.items) * self.count


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    technology: str
    description: str
    cooling: str
    parts: tuple[Part, ...]
    is_baseline: bool = False
    pue: Quantity | None = None  # dimensionless; None: the analysis's
    cooling_energy_fraction: Quantity | None = None  # fraction; None: the analysis's
    #: the option bought at the switch's life instead of this one (tco.refresh)
    refresh_to: str | None = None
    #: yearly support contract, a share of the equipment in service (components.support)
    support: Quantity = field(default_factory=lambda: units.Q(0.0, ""))
    support_from: str = "deployment"  # deployment | warranty_end

    def part(self, name: str) -> Part | None:
        return next((p for p in self.parts if p.name == name), None)


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    source: str
    analysis: Analysis
    deployment: Deployment
    options: tuple[Option, ...]
    #: every input as resolved, by key path, in scenario order (for the JSON echo)
    inputs: dict[str, Input] = field(default_factory=dict, compare=False)
    #: the fabric the deployment was derived from (None: given as [deployment])
    fabric: Fabric | None = None
    site: Site | None = None
    #: ``--only``/``--baseline`` as given, when they changed the options (for headers)
    selection: str = ""

    @property
    def baseline(self) -> Option:
        return next((o for o in self.options if o.is_baseline), self.options[0])
