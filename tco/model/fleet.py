"""From a ``[fabric]`` to the fleet the engine counts: the deployment and each part's items.

The topology arithmetic is :mod:`tco.model.fabric` (plain integers); this module
converts the validated quantities for it, turns its errors into input errors
naming the key, and says what each part's ``count`` is per (see :class:`Basis`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import units
from ..errors import InputError
from .validate import Input, Resolved

if TYPE_CHECKING:  # imported on use: a scenario without [fabric] never needs it
    from . import fabric as fab

Quantity = Any

#: copper reach by port speed (figures.md, November 2026: "800G DAC < 2 m; 1.6T copper < 1 m")
DAC_REACH_800G_M = 2.0
DAC_REACH_1600G_M = 1.0
#: default longest optical link: in-row to the leaf, DR class across the hall (assumption)
OPTICAL_REACH_TIER1_M = 50.0
OPTICAL_REACH_ABOVE_M = 500.0


#: parts counted on these fabric items are optical modules (or an engine's port share)
MODULE_ITEMS = ("switch_port", "nic_port", "link_end")


def is_module(part: Any) -> bool:
    """An optical module (or a co-packaged engine's port share): a part counted per
    switch port, NIC port or link end, other than the external lasers feeding it."""
    return part.per in MODULE_ITEMS and part.name != "lasers"


@dataclass(frozen=True)
class Basis:
    """What a part's ``count`` is per, with a fabric, and how many of those it has."""

    per: str  # switch | switch_port | nic_port | link_end | link
    items: Quantity  # fleet-wide items
    by_tier: tuple[tuple[int, int], ...]  # items per tier
    media: str  # links counted: optical, copper or any
    item_rate: Quantity | None  # bit rate one item carries; None for per switch
    item_ports: float | None  # switch ports one item serves; None for per switch

    def fields(self) -> dict[str, Any]:
        """The :class:`~tco.model.scenario.Part` fields this basis sets."""
        return {"items": self.items, "per": self.per, "by_tier": self.by_tier,
                "media": self.media,
                "item_rate": self.item_rate, "item_ports": self.item_ports}


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
    from . import fabric as fab

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


def basis(name: str, p: dict[str, Input], fabric: fab.Fabric | None, derive: Any,
          nic_speed: Any = None, source: str | None = None) -> Basis | None:
    """What ``count`` of part ``name`` is per, from [fabric]; None without a fabric.

    A part per switch keeps the per-switch rules of :mod:`.derived` (bit rate: the
    switch's capacity, or its share of it); a part per port, link end or link
    carries one port's speed (a NIC port: the NIC's) and serves one port (a NIC
    port split into links: that many).
    """
    if fabric is None:
        return None
    per = p["per"].value or derive(p["per"], "switch" if name == "switch" else "link_end")
    media = "any" if per == "switch" else p["media"].value or derive(p["media"], "optical")
    tiers = p["tiers"].value or ()
    if any(t > len(fabric.tiers) for t in tiers):
        raise InputError(f"the fabric has {len(fabric.tiers)} tier(s), got {list(tiers)}",
                         source=source, key=p["tiers"].path)
    by_tier = fabric.items(per, tiers, media)
    items = units.Q(float(sum(by_tier.values())), "")
    rate, served = None, None
    if per == "nic_port":
        rate, served = nic_speed, float(fabric.links_per_nic_port)
    elif per != "switch":
        rate = nic_speed / fabric.links_per_nic_port
        served = 1.0
    return Basis(per, items, tuple(sorted(by_tier.items())), media, rate, served)


def items_in(part: Any, fabric: fab.Fabric) -> int:
    """How many of a part's items a fabric has (the same tiers and media)."""
    tiers = tuple(t for t, _ in part.by_tier)
    return sum(fabric.items(part.per, tiers, part.media).values())
