"""Keys of ``[options.NAME]``, of its parts and of each part's failure modes.

Gathered in :mod:`tco.model.spec`.
"""

from __future__ import annotations

from .field import COOLING, DERIVED, MODE_REPAIRS, OPTIONAL, REPAIR_MODES, TECHNOLOGIES, Field, _f

OPTION: tuple[Field, ...] = (
    _f("label", "text", "Name shown in tables.", default=DERIVED,
       default_doc="the option's key"),
    _f("technology", "choice", "Kind of interconnect (informational).",
       default="other", choices=TECHNOLOGIES),
    _f("description", "text", "One-line description.", default=""),
    _f("baseline", "flag",
       "Compare the other options against this one (at most one option; "
       "the first option when none is marked).", default=False),
    _f("cooling", "choice", "How the switches are cooled: picks the PUE (pue_air or "
       "pue_liquid), the cooling capital cost and whether switch fans run.",
       default="air", choices=COOLING),
    _f("reach", "quantity",
       "Longest link this interconnect serves at the port speed (informational: shown "
       "with the option; a scenario whose links are longer cannot use it).",
       unit="m", example="2 m", default=OPTIONAL, minimum=0, exclusive_minimum=True),
    _f("available", "integer",
       "Year volume shipments start (informational: an option not yet shipping in the "
       "deployment year is a forecast, not a purchase).",
       example="2028", default=OPTIONAL, minimum=2000, maximum=2100),
    _f("pue", "ratio", "This option's PUE, where it differs from the analysis's.",
       example="1.15", default=OPTIONAL, minimum=1.0, maximum=5.0),
    _f("cooling_energy_fraction", "percent",
       "This option's cooling energy share, where it differs from the analysis.",
       example="15 %", default=OPTIONAL, minimum=0, maximum=400),
    _f("refresh_to", "text",
       "The option (its key) bought at the refresh instead of this one: the next "
       "generation. The refresh is at this option's switch life (a whole number of "
       "years, required): every part is retired at once, whatever its own life, and "
       "credited at its resale value; every part of the named option is bought at its "
       "price of that year (its price_trend from deployment), installed and spared "
       "(no new spares when it names this option); cooling capital (or facility "
       "capacity) only for the power drawn beyond this option's. From then on its parts, "
       "power, failure rates, lives and prices apply, and its own refresh_to. Shown "
       "as \"X, then Y from year N\".",
       example='"cpo"', default=OPTIONAL,
       default_doc="the same product is bought again at the end of each part's life"),
    _f("support", "percent",
       "Yearly support contract as a share of the price paid for the equipment in "
       "service (the installed units of every part, at their deployment price, or at "
       "the refresh price once refreshed; spares held are not under contract), in its "
       "own row, rising by analysis.support_escalation from year 1.",
       example="8 %", default="0 %", minimum=0, maximum=100,
       default_doc="(not counted)"),
    _f("support_from", "choice",
       "When a unit's support contract starts: deployment (every year in service, "
       "alongside the warranty: support buys software, TAC and logistics a hardware "
       "warranty does not) or warranty_end (after each unit's warranty).",
       default="deployment", choices=("deployment", "warranty_end")),
)

#: the replaceable parts of an option, in order: key, what it is, required?
PARTS: tuple[tuple[str, str, bool], ...] = (
    ("switch", "the switch system without the per-port interconnect: chassis, ASIC, "
               "SerDes, fans, management (for CPO, the system price includes what the "
               "optics section does not)", True),
    ("optics", "the per-port interconnect: a pluggable module, a linear module, a "
               "near- or co-packaged optical engine's share per port, or a cable end",
     True),
    ("lasers", "external laser source modules (CPO/NPO with external lasers)", False),
)

PART: tuple[Field, ...] = (
    _f("count", "number", "Units of this part per switch (with [fabric]: per item of "
       "`per`; 0.5 per switch_port is a twin-port module).",
       example="16", default=DERIVED, minimum=0, exclusive_minimum=True,
       default_doc="optics: per_port x ports_in_use; with [fabric]: 1; "
                   "lasers: give count or per_port"),
    _f("per", "choice",
       "With [fabric]: what count is per: a switch, a switch port in use, a NIC port, "
       "a link end (either side) or a link.", default=DERIVED,
       choices=("switch", "switch_port", "nic_port", "link_end", "link"),
       default_doc="switch for the switch part, link_end for the others"),
    _f("tiers", "tiers",
       "With [fabric]: the tiers this part is on, such as [2, 3]: switch tiers "
       "(1 leaf, 2 spine, 3 core) for per = switch, link tiers (1 NIC-leaf, "
       "2 leaf-spine, 3 spine-core) otherwise.", example="[2, 3]", default=OPTIONAL,
       default_doc="every tier"),
    _f("media", "choice",
       "With [fabric]: count only the links of this medium (not for per = switch).",
       default=DERIVED, choices=("optical", "copper", "any"),
       default_doc="optical"),
    _f("per_port", "number", "Units of this part per port in use (instead of count).",
       example="1", default=OPTIONAL, minimum=0, exclusive_minimum=True),
    _f("integral", "flag",
       "The part is built into the switch (co-packaged optical engines, lasers inside "
       "the package). Its count follows the switch's capacity (per_port x "
       "switch_capacity / port_speed), not the ports in use; it is bought, refreshed "
       "(the switch's life), salvaged and valued with the switch (life and salvage are "
       "the switch's); its spares are spare ports priced at the switch system's cost "
       "per port ((switch price + integral units x price) / ports); its spare_port "
       "repairs draw on a pool per switch (spare ports bought plus ports not in use), "
       "and a fault that finds the pool empty is repaired by a switch swap (the "
       "switch's repair_labour and time_to_repair).",
       default=False, default_doc="(a free-standing part)"),
    _f("price", "quantity", "Price of one unit.", unit="{cur}", example="1200 USD",
       minimum=0),
    _f("power", "quantity",
       "Power of one unit, in watts or as energy per bit. Energy per bit is per "
       "direction at line rate, and is multiplied by the bit rate one unit carries "
       "(see bit_rate).",
       unit="W", alt_units=("pJ/bit",), example="15 W", minimum=0),
    _f("bit_rate", "quantity",
       "Bit rate one unit carries, one direction, line rate: what an energy per bit "
       "in power or dsp_power is multiplied by.",
       unit="Gbit/s", example="800 Gbit/s", default=DERIVED, minimum=0,
       exclusive_minimum=True,
       default_doc="switch: switch_capacity; a unit given per_port (optics by default): "
                   "one port's speed, port_speed, whatever per_port is; a unit given by "
                   "count, and lasers: its share of the switch, switch_capacity / count"),
    _f("dsp_power", "quantity",
       "Power of the DSP (retimer) inside one unit, already counted in power: "
       "reported as the DSP share, not added.",
       unit="W", alt_units=("pJ/bit",), example="4.2 W", default="0 W", minimum=0),
    _f("laser_count", "number", "Laser emitters in one unit (for lasers-per-port figures).",
       example="8", default=0, minimum=0),
    _f("afr", "percent", "Annualised failure rate: share of units failing per year. "
                          "Give at most one of afr, failure_rate, mtbf.",
       example="1.2 %", default=OPTIONAL, minimum=0,
       default_doc="no failures when none of afr, failure_rate, mtbf is given"),
    _f("failure_rate", "quantity", "Failure rate of one unit, in FIT or per time.",
       unit="1/year", example="500 FIT", default=OPTIONAL, minimum=0),
    _f("mtbf", "quantity", "Mean time between failures of one unit (at least a year: "
                           "a failure rate of at most 100 % a year, as afr).",
       unit="hour", example="750000 hour", default=OPTIONAL, minimum=8760),
    _f("repair", "choice",
       "How a failure is repaired: swap the unit in the field, replace the whole "
       "switch (or line card), or move the link to a spare port.",
       default=DERIVED, choices=REPAIR_MODES,
       default_doc="switch: replace_switch; other parts: swap"),
    _f("repair_price", "quantity", "Price of what one repair replaces.",
       unit="{cur}", example="95000 USD", default=DERIVED, minimum=0,
       default_doc="swap: the unit's price; replace_switch: the switch price plus the "
                   "units of parts not swapped on their own (e.g. co-packaged engines); "
                   "spare_port: 0"),
    _f("repair_labour", "quantity", "Technician time per repair.",
       unit="hour", example="0.5 hour", default="0.5 hour", minimum=0,
       default_doc="(assumption)"),
    _f("time_to_repair", "quantity", "Time a failed link stays down.",
       unit="hour", example="2.1 hour", default=DERIVED, minimum=0,
       default_doc="swap and spare_port: 2.1 hour (vendor case study, end to end); "
                   "replace_switch: 24 hour (assumption)"),
    _f("links_per_failure", "number", "Links one failure takes down.",
       example="4", default=DERIVED, minimum=0,
       default_doc="replace_switch: ports_in_use; otherwise the ports one unit serves "
                   "(ports_in_use / count, at least 1)"),
    _f("interrupt_probability", "percent",
       "Share of this part's failures that interrupt a job (a part with failure_modes "
       "gives it per mode instead).", example="50 %", default=OPTIONAL, minimum=0,
       maximum=100,
       default_doc="100 % where a failure takes links down, 0 % where it takes none"),
    _f("life", "quantity",
       "Service life: the part is replaced when it reaches it inside the horizon.",
       unit="year", example="3 year", default=OPTIONAL, minimum=0, exclusive_minimum=True,
       default_doc="never replaced inside the horizon"),
    _f("spares", "percent", "Spare units bought up front, as a share of installed units.",
       example="2 %", default="0 %", minimum=0),
    _f("salvage", "percent",
       "Lowest share of the price a used unit sells for (the floor of the resale "
       "curve; see resale_decline). Book value, reported apart, falls to it in a "
       "straight line over the service life.",
       example="10 %", default="0 %", minimum=0, maximum=100),
    _f("price_trend", "percent",
       "Yearly change of this part's price (negative for optics): bought again in year y "
       "(repairs, replacement) it costs price x (1 + price_trend)^max(0, y - price_hold).",
       example="-15 %", default="0 %", minimum=-99.9, maximum=100,
       default_doc="(constant price; optics fall ~15-30 % a year, methods.md section 4)"),
    _f("price_hold", "quantity",
       "Years the price stays flat before price_trend applies (a shortage).",
       unit="year", example="1 year", default="0 year", minimum=0),
    _f("resale_decline", "percent",
       "Yearly decline of what a used unit sells for: at age a it fetches the price "
       "paid x max(salvage, (1 - resale_decline)^a). Residual value and the units "
       "retired at end of life are credited at this resale value, not at book value.",
       example="35 %", default=OPTIONAL, minimum=0, maximum=100,
       default_doc="only the salvage share (no resale value assumed beyond it)"),
    _f("embodied_carbon", "quantity",
       "Emissions of making one unit (cradle to gate), counted when it is bought: at "
       "deployment (with spares) and at each end-of-life replacement.",
       unit="kgCO2e", example="25 kgCO2e", default="0 kgCO2e", minimum=0,
       default_doc="(not counted)"),
    _f("install_labour", "quantity", "Technician time to install one unit.",
       unit="hour", example="0.1 hour", default="0 hour", minimum=0),
    _f("warranty", "quantity",
       "Warranty period of one unit: a failure inside it costs labour (repair_labour) "
       "and warranty_handling, not the part (nor a fru sub-unit, nor a switch swapped "
       "for it); the saving is the warranty credit row. Counted from each purchase: "
       "units bought at deployment are covered for the first W years (years 1..W; a "
       "fraction of a year pro rata), units bought at an end-of-life refresh restart "
       "it; a unit the vendor sends carries the rest of the original warranty. An "
       "integral part is under the switch's warranty.",
       unit="year", example="3 year", default="0 year", minimum=0,
       default_doc="(no warranty: every repair buys its part)"),
    _f("warranty_handling", "quantity",
       "Cost of one warranty claim to the user (shipping, RMA handling), paid instead "
       "of the part; a claim is made only where it saves money.",
       unit="{cur}", example="150 USD", default="0 {cur}", minimum=0,
       default_doc="(assumption: the vendor ships at its cost)"),
)

#: one entry of ``[[options.NAME.PART.failure_modes]]`` (counted from 1 in messages)
FAILURE_MODE: tuple[Field, ...] = (
    _f("name", "text", "Name of the failure mode (e.g. laser, psu, chassis).",
       example='"laser"'),
    _f("afr", "percent", "Annualised failure rate of this mode: share of units failing "
                          "this way per year. Give exactly one of afr, failure_rate, mtbf.",
       example="1.2 %", default=OPTIONAL, minimum=0,
       default_doc="one of afr, failure_rate, mtbf is required"),
    _f("failure_rate", "quantity", "Failure rate of this mode, in FIT or per time.",
       unit="1/year", example="500 FIT", default=OPTIONAL, minimum=0),
    _f("mtbf", "quantity", "Mean time between failures of this mode (at least a year).",
       unit="hour", example="750000 hour", default=OPTIONAL, minimum=8760),
    _f("repair", "choice",
       "How a failure of this mode is repaired: swap the unit, replace the whole "
       "switch, move the link to a spare port, hot-swap a field-replaceable sub-unit "
       "(fru: a PSU or fan, no links down), or none (not repaired, nothing bought).",
       default=DERIVED, choices=MODE_REPAIRS,
       default_doc="as the part's repair: switch: replace_switch; other parts: swap"),
    _f("repair_price", "quantity", "Price of what one repair of this mode replaces.",
       unit="{cur}", example="300 USD", default=DERIVED, minimum=0,
       default_doc="as the part's repair_price for swap, replace_switch and spare_port; "
                   "spare_port and none: 0; fru: required (the sub-unit's price)"),
    _f("repair_labour", "quantity", "Technician time per repair of this mode.",
       unit="hour", example="0.5 hour", default="0.5 hour", minimum=0,
       default_doc="(assumption, as a part's)"),
    _f("time_to_repair", "quantity", "Time the links this mode takes down stay down.",
       unit="hour", example="2.1 hour", default=DERIVED, minimum=0,
       default_doc="replace_switch: 24 hour (assumption); otherwise 2.1 hour (as a part's)"),
    _f("links_per_failure", "number", "Links one failure of this mode takes down.",
       example="0", default=DERIVED, minimum=0,
       default_doc="fru and none: 0; otherwise as a part's links_per_failure"),
    _f("interrupt_probability", "percent",
       "Share of this mode's failures that interrupt a job.", example="50 %",
       default=OPTIONAL, minimum=0, maximum=100,
       default_doc="100 % where a failure takes links down, 0 % where it takes none"),
)
