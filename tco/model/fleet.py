"""From a ``[fabric]`` to the fleet the engine counts: the deployment and each part's items.

The topology arithmetic is :mod:`tco.model.fabric` (plain integers); this module
converts the validated quantities for it, turns its errors into input errors
naming the key, and says what each part's ``count`` is per (see :class:`Basis`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import units
from ..errors import InputError
from . import fabric as fab
from .validate import Input, Resolved

Quantity = Any

#: copper reach by port speed (figures.md, November 2026: "800G DAC < 2 m; 1.6T copper < 1 m")
DAC_REACH_800G_M = 2.0
DAC_REACH_1600G_M = 1.0
#: default longest optical link: in-row to the leaf, DR class across the hall (assumption)
OPTICAL_REACH_TIER1_M = 50.0
OPTICAL_REACH_ABOVE_M = 500.0


@dataclass(frozen=True)
class Basis:
    """What a part's ``count`` is per, and how many of those the fleet has."""

    per: str  # switch | switch_port | nic_port | link_end | link
    items: Quantity | None  # fleet-wide items; None: the deployment's switches
    by_tier: tuple[tuple[int, int], ...]  # items per tier (empty without a fabric)
    default_count: float  # units per item when count is not given
    bits_per_item: Quantity  # bit rate one item carries (for pJ/bit powers)
    ports_per_item: float  # switch ports one item serves (for links per failure)


def build(resolved: Resolved, derive: Any) -> tuple[fab.Fabric, dict[str, Any]]:
    """Size the fabric of ``resolved.fabric``; derived defaults are written back."""
    f, src = resolved.fabric, resolved.source
    assert f is not None

    def fail(message: str, key: str) -> InputError:
        return InputError(message, source=src, key=f"fabric.{key}")

    nic = float(f["nic_speed"].value.to("Gbit/s").magnitude)
    if f["port_speed"].value is None:
        derive(f["port_speed"], f["nic_speed"].value)
    speed = float(f["port_speed"].value.to("Gbit/s").magnitude)
    capacity = float(f["switch_capacity"].value.to("Gbit/s").magnitude)
    if speed > nic + 1e-9:
        raise fail(f"a switch port of {speed:g} Gbit/s is faster than the NIC port "
                   f"({nic:g} Gbit/s, fabric.nic_speed): give port_speed at most nic_speed",
                   "port_speed")
    lanes = nic / speed
    if abs(lanes - round(lanes)) > 1e-6:
        raise fail(f"nic_speed / port_speed = {lanes:g} is not a whole number of links "
                   "per NIC port", "nic_speed")
    if capacity / speed > 100_000:
        raise fail(f"switch_capacity / port_speed = {capacity / speed:.3g} ports per switch: "
                   "check the units", "port_speed")
    dac_reach = DAC_REACH_800G_M if speed <= 800 + 1e-9 else DAC_REACH_1600G_M
    copper = f["copper_reach"].value
    if copper is None:
        copper = derive(f["copper_reach"], units.Q(dac_reach, "m"))
    copper_m = float(copper.to("m").magnitude)
    media, reach = [], []
    for i, t in enumerate(resolved.fabric_tiers, start=1):
        kind = t["media"].value
        if t["reach"].value is None:
            default = copper_m if kind == "copper" else (
                OPTICAL_REACH_TIER1_M if i == 1 else OPTICAL_REACH_ABOVE_M)
            derive(t["reach"], units.Q(default, "m"))
        r = float(t["reach"].value.to("m").magnitude)
        if kind == "copper" and r > copper_m + 1e-9:
            raise InputError(f"copper reaches {copper_m:g} m at {speed:g} Gbit/s "
                             f"(fabric.copper_reach), this tier needs {r:g} m: make it "
                             "optical, or raise copper_reach for AECs", source=src,
                             key=t["reach"].path)
        media.append(kind)
        reach.append(r)
    try:
        k = fab.radix(capacity, speed)
        fabric = fab.size(f["gpus"].value, f["tiers"].value, k,
                          nic_ports_per_gpu=f["nic_ports_per_gpu"].value,
                          links_per_nic_port=int(round(lanes)),
                          oversubscription=f["oversubscription"].value,
                          planes=f["planes"].value, media=tuple(media), reach_m=tuple(reach),
                          dac_reach_m=dac_reach)
    except fab.FabricError as exc:
        raise fail(str(exc), exc.key) from None
    return fabric, {"switch_capacity": f["switch_capacity"].value,
                    "port_speed": f["port_speed"].value, "nic_speed": f["nic_speed"].value,
                    "copper_reach_m": copper_m}


def derived_deployment(resolved: Resolved, fabric: fab.Fabric, speeds: dict[str, Any]
                       ) -> dict[str, Input]:
    """The ``deployment.*`` inputs a fabric implies, marked as derived (for the echo)."""
    source = "derived from [fabric]"
    return {
        "switches": Input("deployment.switches", fabric.switches, "", origin="derived",
                          source=source),
        "switch_capacity": Input("deployment.switch_capacity", speeds["switch_capacity"],
                                 "Tbit/s", origin="derived", source=source),
        "port_speed": Input("deployment.port_speed", speeds["port_speed"], "Gbit/s",
                            origin="derived", source=source),
        "ports_in_use": Input("deployment.ports_in_use",
                              fabric.ports_in_use / fabric.switches, "", origin="derived",
                              source=f"{source}: switch ports in use / switches"),
    }


def basis(name: str, p: dict[str, Input], fabric: fab.Fabric | None, dep: Any,
          derive: Any, nic_speed: Any = None) -> Basis:
    """What ``count`` of part ``name`` is per, from [fabric] or per switch."""
    ports = dep.ports_in_use
    if fabric is None:
        per_port = p["per_port"].value if p["per_port"].value is not None else 1.0
        return Basis("switch", None, (), float((per_port * ports).magnitude),
                     dep.port_speed * ports, float(ports.magnitude))
    per = p["per"].value or derive(p["per"], "switch" if name == "switch" else "link_end")
    media = "any" if per == "switch" else p["media"].value or derive(p["media"], "optical")
    by_tier = fabric.items(per, p["tiers"].value or (), media)
    n = sum(by_tier.values())
    if per == "switch":
        switches = sum(t.switches for t in fabric.tiers if t.index in by_tier)
        in_use = sum(t.ports_in_use for t in fabric.tiers if t.index in by_tier)
        per_switch = in_use / switches if switches else 0.0
        bits, served = dep.port_speed * per_switch, per_switch
    elif per == "nic_port":
        bits, served = nic_speed, float(fabric.links_per_nic_port)
    else:
        bits, served = dep.port_speed, 1.0
    return Basis(per, units.Q(float(n), ""), tuple(sorted(by_tier.items())), 1.0, bits,
                 served)
