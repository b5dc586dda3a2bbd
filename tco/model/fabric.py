"""Fleet from a cluster: the folded-Clos (fat-tree) arithmetic of a scale-out fabric.

Pure integer arithmetic, no units: the scenario builder converts quantities to
plain numbers before calling :func:`size`, and turns a :class:`FabricError`
into an input error naming the key. Formulas (methods.md section 1):

- radix k = switch capacity / port speed (51.2 Tbit/s at 800 Gbit/s: k = 64).
- Host ports H = GPUs x NIC ports per GPU x links per NIC port, where a NIC
  port faster than a switch port is split into NIC speed / port speed links
  (an 800G NIC on 400G switch ports: 2 links).
- Leaf with oversubscription r:1: down = floor(k r / (r + 1)) ports to hosts,
  up = ceil(down / r) ports to the next tier (r = 1: k/2 and k/2; the port
  left over by rounding stands idle). Tiers above the leaf are non-blocking.
- Rail-optimised planes: the hosts are split into P equal planes (rails), each
  its own Clos; counts are summed over the planes.
- Per plane of h hosts, L tiers:
  L = 1: one switch, h <= k.
  L = 2: leaves = ceil(h / down); spines = ceil(leaves x up / k); at most k
  leaves (a spine port per leaf), so h <= k x down (k^2/2 non-blocking).
  L = 3: leaves = ceil(h / down); pods = ceil(leaves / (k/2)); each pod has
  ``up`` aggregation (spine) switches of k/2 ports down and k/2 up;
  cores = ceil(pods x up x (k/2) / k); at most k pods (a core port per pod),
  so h <= k x (k/2) x down (k^3/4 non-blocking).
- Links of tier 1 (NIC to leaf) = h; of tier 2 (leaf to spine) = leaves x up;
  of tier 3 (spine to core) = spines x k/2. A link has two ends: tier 1 has
  one NIC end and one switch end, tiers 2-3 two switch ends.
- Whole switches: a count that does not fill a tier is rounded up, and the
  ports left over are reported as idle.

Tier numbers: switch tier 1 is the leaf, 2 the spine (aggregation), 3 the core;
link tier t is the links below switch tier t (link tier 1: NIC to leaf).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

#: names of the switch tiers, by number of tiers
TIER_NAMES: dict[int, tuple[str, ...]] = {
    1: ("leaf",),
    2: ("leaf", "spine"),
    3: ("leaf", "spine", "core"),
}
#: what a part's count may be per (see :meth:`Fabric.items`)
PER = ("switch", "switch_port", "nic_port", "link_end", "link")
MEDIA = ("optical", "copper")


class FabricError(ValueError):
    """A fabric that cannot be built; ``key`` names the offending fabric key."""

    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Tier:
    """Switch tier ``index`` and the links of link tier ``index`` (below it)."""

    index: int
    name: str
    switches: int
    radix: int
    ports_in_use: int
    links: int  # links below this switch tier
    media: str  # of those links: optical or copper
    reach_m: float  # longest link of this link tier [m]
    reach_class: str = ""  # DAC, AEC, SR, DR, FR or LR (see reach_class)

    @property
    def ports(self) -> int:
        return self.switches * self.radix

    @property
    def idle_ports(self) -> int:
        return self.ports - self.ports_in_use

    @property
    def nic_ends(self) -> int:
        """Link ends on the NIC side (link tier 1 only)."""
        return self.links if self.index == 1 else 0

    @property
    def switch_ends(self) -> int:
        """Link ends on the switch side: one per link at tier 1, two above."""
        return self.links if self.index == 1 else 2 * self.links


@dataclass(frozen=True)
class Fabric:
    """The derived fabric: per tier and in total."""

    gpus: int
    nic_ports_per_gpu: int
    links_per_nic_port: int
    planes: int
    radix: int
    leaf_down: int
    leaf_up: int
    tiers: tuple[Tier, ...]
    capacity: int  # host ports the tiers can hold (all planes)
    oversubscription: float = 1.0
    dac_reach_m: float = 2.0

    def resized(self, gpus: int) -> Fabric:
        """The same fabric (switch, tiers, planes, media) for another GPU count."""
        return size(gpus, len(self.tiers), self.radix,
                    nic_ports_per_gpu=self.nic_ports_per_gpu,
                    links_per_nic_port=self.links_per_nic_port,
                    oversubscription=self.oversubscription, planes=self.planes,
                    media=tuple(t.media for t in self.tiers),
                    reach_m=tuple(t.reach_m for t in self.tiers), dac_reach_m=self.dac_reach_m)

    @property
    def max_gpus(self) -> int:
        """The most GPUs these tiers and planes hold."""
        return self.capacity // (self.nic_ports_per_gpu * self.links_per_nic_port)

    @property
    def nic_ports(self) -> int:
        return self.gpus * self.nic_ports_per_gpu

    @property
    def hosts(self) -> int:
        """Host ports: links from NICs to leaves."""
        return self.nic_ports * self.links_per_nic_port

    @property
    def switches(self) -> int:
        return sum(t.switches for t in self.tiers)

    @property
    def ports(self) -> int:
        return sum(t.ports for t in self.tiers)

    @property
    def ports_in_use(self) -> int:
        return sum(t.ports_in_use for t in self.tiers)

    @property
    def idle_ports(self) -> int:
        return sum(t.idle_ports for t in self.tiers)

    @property
    def links(self) -> int:
        return sum(t.links for t in self.tiers)

    def items(self, per: str, tiers: tuple[int, ...] = (), media: str = "any"
              ) -> dict[int, int]:
        """How many things of kind ``per`` each tier has, by tier number.

        ``per``: ``switch`` (switches of switch tier t), ``switch_port`` (switch-side
        link ends of link tier t: the switch ports in use), ``nic_port`` (NIC ports;
        link tier 1 only), ``link_end`` (both sides), ``link``. ``tiers`` limits the
        tiers (all when empty); ``media`` (optical, copper or any) limits the links
        counted (not switches).
        """
        if per not in PER:
            raise ValueError(f"unknown item kind {per!r}")
        out: dict[int, int] = {}
        for t in self.tiers:
            if tiers and t.index not in tiers:
                continue
            if per == "switch":
                out[t.index] = t.switches
                continue
            if media != "any" and t.media != media:
                out[t.index] = 0
                continue
            out[t.index] = {
                "switch_port": t.switch_ends,
                "nic_port": self.nic_ports if t.index == 1 else 0,
                "link_end": t.switch_ends + t.nic_ends,
                "link": t.links,
            }[per]
        return out

    def optical_ports(self) -> int:
        """Optical link ends (switch and NIC side): 2(L-1) + 2 x [tier 1 optical] per host."""
        return sum(t.switch_ends + t.nic_ends for t in self.tiers if t.media == "optical")


def radix(capacity_gbps: float, port_speed_gbps: float) -> int:
    """Ports of one switch: capacity / port speed, which must be whole."""
    k = capacity_gbps / port_speed_gbps
    if abs(k - round(k)) > 1e-6 or round(k) < 2:
        raise FabricError(f"switch_capacity / port_speed = {k:g} is not a whole number of "
                          "ports (at least 2)", "port_speed")
    return int(round(k))


def leaf_split(k: int, oversubscription: float) -> tuple[int, int]:
    """(down, up) ports of a leaf at ``oversubscription``:1 (see the module notes)."""
    if not oversubscription >= 1:
        raise FabricError(f"expected an oversubscription of at least 1 (1 = non-blocking), "
                          f"got {oversubscription:g}", "oversubscription")
    r = Fraction(oversubscription).limit_denominator(1000)
    down = math.floor(k * r / (r + 1))
    up = math.ceil(down / r)
    if down < 1 or up < 1:
        raise FabricError(f"a {k}-port leaf at {oversubscription:g}:1 has no port left "
                          "going up", "oversubscription")
    return down, up


def hosts_per_plane_max(tiers: int, k: int, down: int) -> int:
    """Host ports one plane of ``tiers`` tiers can hold."""
    return {1: k, 2: k * down, 3: k * (k // 2) * down}[tiers]


def _plane(h: int, tiers: int, k: int, down: int, up: int) -> tuple[list[int], list[int],
                                                                     list[int]]:
    """(switches, ports in use, links) per tier for one plane of ``h`` host ports."""
    if h == 0:
        return [0] * tiers, [0] * tiers, [0] * tiers
    if tiers == 1:
        return [1], [h], [h]
    leaves = math.ceil(h / down)
    up_links = leaves * up
    if tiers == 2:
        spines = math.ceil(up_links / k)
        return [leaves, spines], [h + up_links, up_links], [h, up_links]
    half = k // 2
    pods = math.ceil(leaves / half)
    spines = pods * up
    core_links = spines * half
    cores = math.ceil(core_links / k)
    return ([leaves, spines, cores], [h + up_links, up_links + core_links, core_links],
            [h, up_links, core_links])


def size(gpus: int, tiers: int, k: int, *, nic_ports_per_gpu: int = 1,
         links_per_nic_port: int = 1, oversubscription: float = 1.0, planes: int = 1,
         media: tuple[str, ...] = (), reach_m: tuple[float, ...] = (),
         dac_reach_m: float = 2.0) -> Fabric:
    """Size the fabric: switches, ports and links per tier (see the module notes).

    ``media`` and ``reach_m`` give each link tier's medium and longest link
    (default optical, 0 m); they are carried for counting, not checked here;
    ``dac_reach_m`` [m] only names the reach class (DAC up to it, AEC beyond).
    """
    if tiers not in TIER_NAMES:
        raise FabricError(f"expected 1 to 3 tiers, got {tiers}", "tiers")
    if planes < 1:
        raise FabricError(f"expected at least 1 plane, got {planes}", "planes")
    down, up = (k, 0) if tiers == 1 else leaf_split(k, oversubscription)
    hosts = gpus * nic_ports_per_gpu * links_per_nic_port
    if hosts < planes:
        raise FabricError(f"{hosts} host ports cannot fill {planes} planes", "planes")
    per_plane_max = hosts_per_plane_max(tiers, k, down)
    q, extra = divmod(hosts, planes)
    big = q + (1 if extra else 0)
    if big > per_plane_max:
        raise FabricError(
            f"{gpus:,} GPUs need {hosts:,} host ports ({big:,} per plane), more than "
            f"{tiers} tier{'s' if tiers > 1 else ''} of {k}-port switches hold "
            f"({per_plane_max:,} per plane): add a tier, planes or a larger switch", "gpus")
    totals = [[0] * tiers for _ in range(3)]
    for count, h in ((planes - extra, q), (extra, q + 1)):
        if count == 0:
            continue
        for acc, plane in zip(totals, _plane(h, tiers, k, down, up), strict=True):
            for i, v in enumerate(plane):
                acc[i] += count * v
    switches, in_use, links = totals
    media = media or ("optical",) * tiers
    reach_m = reach_m or (0.0,) * tiers
    return Fabric(
        gpus=gpus, nic_ports_per_gpu=nic_ports_per_gpu,
        links_per_nic_port=links_per_nic_port, planes=planes, radix=k,
        leaf_down=down, leaf_up=up, capacity=per_plane_max * planes,
        oversubscription=oversubscription, dac_reach_m=dac_reach_m,
        tiers=tuple(Tier(index=i + 1, name=TIER_NAMES[tiers][i], switches=switches[i],
                         radix=k, ports_in_use=in_use[i], links=links[i],
                         media=media[i], reach_m=reach_m[i],
                         reach_class=reach_class(media[i], reach_m[i], dac_reach_m))
                    for i in range(tiers)),
    )


def reach_class(media: str, reach_m: float, dac_reach_m: float) -> str:
    """A short name for a link tier's reach (informational).

    Copper up to ``dac_reach_m`` is DAC, beyond it AEC; optical: SR up to
    100 m, DR to 500 m, FR to 2 km, LR beyond (IEEE 802.3 reach names).
    """
    if media == "copper":
        return "DAC" if reach_m <= dac_reach_m else "AEC"
    for limit, name in ((100.0, "SR"), (500.0, "DR"), (2000.0, "FR")):
        if reach_m <= limit:
            return name
    return "LR"
