"""The bill of materials of a fabric, per tier, without costs (``tco fabric``).

One plain dictionary that the table, JSON and CSV renderers all read: no
renderer counts anything. Optical modules are the units of the parts counted
per switch port, NIC port or link end (not per switch, not cables per link, not
external lasers: :func:`tco.model.fleet.is_module`);
lasers are units x ``laser_count`` of every part.
"""

from __future__ import annotations

from typing import Any

from .fabric import Fabric
from .fleet import is_module
from .scenario import Option


def _tier(t: Any) -> dict[str, Any]:
    return {
        "tier": t.index, "name": t.name, "switches": t.switches, "radix": t.radix,
        "ports": t.ports, "ports_in_use": t.ports_in_use, "idle_ports": t.idle_ports,
        "links": t.links, "media": t.media, "reach_m": t.reach_m,
        "reach_class": t.reach_class,
        "switch_ends": t.switch_ends, "nic_ends": t.nic_ends,
    }


def _num(x: Any) -> float:
    return float(getattr(x, "magnitude", x))


def _option(o: Option, fabric: Fabric) -> dict[str, Any]:
    parts, modules, lasers = [], 0.0, 0.0
    for p in o.parts:
        count = _num(p.count)
        by_tier = {t: n * count for t, n in p.by_tier}
        n_units = sum(by_tier.values())
        n_lasers = n_units * _num(p.laser_count)
        if is_module(p):
            modules += n_units
        lasers += n_lasers
        parts.append({
            "name": p.name, "per": p.per, "count": count,
            "tiers": [t for t, _ in p.by_tier],
            "units_by_tier": {str(t): n for t, n in by_tier.items()},
            "units": n_units, "lasers": n_lasers,
            "units_per_gpu": n_units / fabric.gpus,
        })
    return {"id": o.id, "label": o.label, "parts": parts, "modules": modules,
            "lasers": lasers, "modules_per_gpu": modules / fabric.gpus,
            "lasers_per_gpu": lasers / fabric.gpus}


def bill_of_materials(fabric: Fabric, options: tuple[Option, ...] = ()) -> dict[str, Any]:
    """Counts per tier and in total, and per option its parts' units and lasers."""
    tiers = [_tier(t) for t in fabric.tiers]
    totals = {key: sum(t[key] for t in tiers) for key in
              ("switches", "ports", "ports_in_use", "idle_ports", "links", "switch_ends",
               "nic_ends")}
    totals["optical_ends"] = fabric.optical_ports()
    g = fabric.gpus
    return {
        "gpus": g, "nic_ports_per_gpu": fabric.nic_ports_per_gpu,
        "links_per_nic_port": fabric.links_per_nic_port, "host_ports": fabric.hosts,
        "planes": fabric.planes, "radix": fabric.radix,
        "leaf_down_ports": fabric.leaf_down, "leaf_up_ports": fabric.leaf_up,
        "capacity_host_ports": fabric.capacity,
        "tiers": tiers, "totals": totals,
        "per_gpu": {"switches": totals["switches"] / g, "links": totals["links"] / g,
                    "switch_ports_in_use": totals["ports_in_use"] / g,
                    "optical_ends": totals["optical_ends"] / g},
        "options": [_option(o, fabric) for o in options],
    }
