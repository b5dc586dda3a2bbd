"""Keys of what the options connect: ``[deployment]`` or ``[fabric]``, and ``[site]``.

Gathered in :mod:`tco.model.spec`.
"""

from __future__ import annotations

from .field import COOLING, DERIVED, OPTIONAL, Field, _f

DEPLOYMENT: tuple[Field, ...] = (
    _f("switches", "integer", "Number of switches in the fleet.", minimum=1),
    _f("switch_capacity", "quantity", "Switching capacity of one switch.",
       unit="Tbit/s", example="51.2 Tbit/s", minimum=0, exclusive_minimum=True),
    _f("port_speed", "quantity", "Speed of one port.",
       unit="Gbit/s", example="800 Gbit/s", minimum=0, exclusive_minimum=True),
    _f("ports_in_use", "integer", "Ports in use on each switch.",
       default=DERIVED, minimum=1,
       default_doc="switch_capacity / port_speed (51.2 Tbit/s at 800 Gbit/s: 64)"),
)

FABRIC: tuple[Field, ...] = (
    _f("gpus", "integer", "GPUs the scale-out fabric connects.", example="32768", minimum=1,
       maximum=10_000_000, default=DERIVED,
       default_doc="required, unless [site] is given: then the GPUs the baseline option "
                   "fits under site.power"),
    _f("nic_ports_per_gpu", "integer", "Scale-out NIC ports per GPU.", default=1, minimum=1,
       maximum=64),
    _f("nic_speed", "quantity", "Speed of one NIC port.", unit="Gbit/s",
       example="800 Gbit/s", minimum=0, exclusive_minimum=True),
    _f("tiers", "integer", "Switch tiers of the folded Clos (fat tree): 1 to 3.",
       example="3", minimum=1, maximum=3),
    _f("switch_capacity", "quantity", "Switching capacity of one switch.",
       unit="Tbit/s", example="51.2 Tbit/s", minimum=0, exclusive_minimum=True),
    _f("port_speed", "quantity",
       "Speed of one switch port (radix = switch_capacity / port_speed). At most "
       "nic_speed; a faster NIC port is split into nic_speed / port_speed links.",
       unit="Gbit/s", example="800 Gbit/s", default=DERIVED, minimum=0,
       exclusive_minimum=True, default_doc="nic_speed"),
    _f("oversubscription", "ratio",
       "Leaf oversubscription r (r:1 = down-ports : up-ports); tiers above the leaf "
       "are non-blocking.", example="3", default=1.0, minimum=1.0, maximum=64,
       default_doc="(non-blocking)"),
    _f("planes", "integer",
       "Rail-optimised planes (rails): the host ports are split into this many "
       "equal, separate Clos fabrics.", example="8", default=1, minimum=1,
       maximum=4096),
    _f("copper_reach", "quantity",
       "Longest copper link at this port speed; a copper tier longer than this is "
       "refused.", unit="m", example="7 m", default=DERIVED, minimum=0,
       default_doc="2 m up to 800 Gbit/s ports, 1 m above (press: 800G DAC < 2 m, "
                   "1.6T copper < 1 m); AEC reaches ~7 m: set it to use AECs"),
)

FABRIC_TIER: tuple[Field, ...] = (
    _f("media", "choice",
       "What the links of this tier are: link tier 1 is NIC to leaf, 2 leaf to "
       "spine, 3 spine to core.", default="optical", choices=("optical", "copper")),
    _f("reach", "quantity", "Longest link of this tier (sets its reach class: "
       "DAC/AEC, SR <= 100 m, DR <= 500 m, FR <= 2 km, LR).", unit="m",
       example="3 m", default=DERIVED, minimum=0,
       default_doc="copper: copper_reach; optical: 50 m at tier 1, 500 m above "
                   "(assumption: in-row to the leaf, DR-class across the hall)"),
)

SITE: tuple[Field, ...] = (
    _f("power", "quantity",
       "Power the site can draw (facility power, cooling included): with it each option "
       "reports how many GPUs it hosts under the cap (and with a [fabric], how large a "
       "fabric). The one place for a power-capped site: analysis.power_value = gpus "
       "values the GPUs hosted here inside the TCO.",
       unit="MW", example="100 MW", minimum=0, exclusive_minimum=True),
    _f("gpu_power", "quantity",
       "Power of the GPU servers per GPU, at the wall, without the scale-out network "
       "(a 120-132 kW NVL72 rack is 1.7-1.8 kW per GPU).", unit="W", example="1800 W",
       minimum=0, exclusive_minimum=True),
    _f("gpu_cooling", "choice", "How the GPU servers are cooled: picks their PUE "
       "(analysis.pue_air or pue_liquid, unless analysis.pue is given).",
       default="liquid", choices=COOLING),
    _f("planning_margin", "percent", "Margin on facility watts when planning the site.",
       example="10 %", default="10 %", minimum=0, maximum=100,
       default_doc="(SemiAnalysis InferenceX calculator docs: +10 %)"),
    _f("gpus", "number",
       "GPUs the switch fleet connects, with [deployment]: the network's watts per GPU "
       "are the fleet's IT power / gpus.", example="65536", default=DERIVED,
       minimum=0, exclusive_minimum=True,
       default_doc="fabric.gpus with a [fabric]; required with [deployment]"),
    _f("gpu_valuation", "choice",
       "How an extra GPU under the cap is valued: revenue (gpu_hour_value x 8,760 h x "
       "utilisation each year) or capacity (the facility capacity it would otherwise "
       "need: all-in W per GPU x analysis.capacity_cost, at deployment).",
       default="revenue", choices=("revenue", "capacity")),
    _f("gpu_hour_value", "quantity",
       "What one GPU-hour is worth to the operator, net of the GPU's own costs other "
       "than power (its capital, servers, staff): the power the extra GPUs draw is "
       "charged apart, with its emissions. Values the GPUs an option hosts beyond the "
       "baseline's: inside the TCO with analysis.power_value = gpus, otherwise "
       "reported beside it, never added.",
       unit="{cur}/hour", example="2 USD/hour", default=OPTIONAL, minimum=0,
       default_doc="the extra GPUs are counted, not valued (required by power_value = "
                   "gpus with gpu_valuation = revenue)"),
    _f("utilisation", "percent", "Share of hours the extra GPUs earn gpu_hour_value "
       "(utilisation x availability).",
       example="80 %", default="100 %", minimum=0, maximum=100,
       default_doc="(assumption: set your own)"),
)
