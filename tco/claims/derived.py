"""Part 2: figures the model derives from parts and a stated boundary.

Each figure is assembled from inputs with sources of their own (module and engine
powers, ELSFP datasheets, ASIC and SerDes power, the fan law, fabric counts,
failure rates), never from the claim it is set beside. Where a row lands out of
its window the row says why; the inputs stay as their sources put them.
"""

from __future__ import annotations

import math

from . import Row, around, lower_percent, phys, ports
from .parts import TH5, TH6, box

PORT = "interconnect_power_per_port_w"
LASERS = "lasers_per_port"

# -- fabric counts (methods.md section 1) -------------------------------------------


def clos_tiers(hosts: int, radix: int) -> int:
    """Tiers of a non-blocking folded Clos of radix-k switches for ``hosts`` NIC ports.

    Notes: L tiers serve at most 2 (k/2)^L hosts (k, k^2/2, k^3/4, ...).
    """
    tiers = 1
    while 2 * (radix // 2) ** tiers < hosts:
        tiers += 1
    return tiers


def optical_ports_per_gpu(tiers: int, nic_optical: bool = True) -> int:
    """Optical link ends per GPU: 2 (L - 1) switch-to-switch + the NIC link's two ends."""
    return 2 * (tiers - 1) + (2 if nic_optical else 0)


def three_tier_switches(hosts: int, radix: int) -> int:
    """Switches of a 3-tier non-blocking fat tree (methods.md: leaves, aggregation, core)."""
    leaves = math.ceil(hosts / (radix // 2))
    return leaves + leaves + math.ceil(leaves * (radix // 2) / radix)


# -- D1/D2: switch system power from its parts (default, 51.2T) -----------------------


def _systems(preset: str = "default") -> tuple[dict[str, float], dict[str, float]]:
    n = ports(preset)
    plug_optics = n * phys(preset, "pluggable", PORT)
    cpo_optics = n * phys(preset, "cpo", PORT)
    plug = box(TH5, plug_optics)
    cpo = box(TH5, cpo_optics, TH5.serdes_saving.value, reference_optics_w=plug_optics)
    return plug, cpo


def _system_detail() -> str:
    plug, cpo = _systems()
    f = TH5.fan_share.value
    return (f"`default` at its module boundary, {ports('default')} ports. DSP pluggable: "
            f"ASIC {plug['asic']:.0f} + management {plug['management']:.0f} + optics "
            f"{plug['optics']:.0f} = {plug['system'] - plug['fans']:.0f} W of heat; fans "
            f"{f:g} % of the total: x {f:g}/{100 - f:g} = {plug['fans']:.1f}; system "
            f"{plug['system']:.1f}. CPO: ASIC {TH5.asic.value:.0f} - host SerDes saved "
            f"{TH5.serdes_saving.value:.0f} = {cpo['asic']:.0f} + management "
            f"{cpo['management']:.0f} + optics {cpo['optics']:.1f} (engines and lasers) = "
            f"{cpo['system'] - cpo['fans']:.1f} of heat; fans (cubic law of airflow, "
            f"airflow with heat) {plug['fans']:.1f} x ({cpo['system'] - cpo['fans']:.1f} / "
            f"{plug['system'] - plug['fans']:.0f})^3 = {cpo['fans']:.1f}; system "
            f"{cpo['system']:.1f}. Sources: {TH5.asic.source}; {TH5.serdes_saving.source}; "
            f"{TH5.fan_share.source}; management {TH5.management.source}")


# -- D3/D4: one 1.6T port at two boundaries (th6-102t) ---------------------------------


def _port_1p6t() -> tuple[float, float, float]:
    """(pluggable module, host SerDes saved per port, CPO engine + lasers) [W]."""
    return (phys("th6-102t", "pluggable", PORT), TH6.serdes_saving.value / ports("th6-102t"),
            phys("th6-102t", "cpo", PORT))


def _nvidia_boundary() -> tuple[float, float]:
    module, serdes, cpo = _port_1p6t()
    return module + serdes, cpo


def _port_detail() -> str:
    module, serdes, cpo = _port_1p6t()
    return (f"`th6-102t`: DSP pluggable module {module:.1f} (17 pJ/bit x 1.6 Tbit/s) + host "
            f"long-reach SerDes the CPO path does not need, {TH6.serdes_saving.value:.0f} / "
            f"{ports('th6-102t')} ports = {serdes:.2f} -> {module + serdes:.2f} per port at "
            f"NVIDIA's boundary; CPO engine + its share of the ELSFP lasers = {cpo:.2f} "
            "(the short electrical path to the engine is in NVIDIA's 7 W engine figure). "
            f"Module boundary: {cpo:.2f} vs {module:.1f}")


# -- D5/D6: NVIDIA's 400k-GPU fabric ---------------------------------------------------

FABRIC_GPUS = 400_000
#: 1.6 Tbit/s per GPU as 2 planes of 800G on 102.4T switches of 128 x 800G
PLANES, RADIX_800G = 2, 128


def _fabric_ports_per_gpu() -> int:
    return optical_ports_per_gpu(clos_tiers(FABRIC_GPUS, RADIX_800G))


def _fabric_mw(cpo: bool) -> float:
    """Optics power of the fabric [MW]: ports at NVIDIA's boundary, 1.6T-equivalent."""
    plug, cpo_port = _nvidia_boundary()
    n = _fabric_ports_per_gpu()
    # each plane's 800G port draws half a 1.6T port (the same energy per bit)
    per_gpu = PLANES * (n * plug / 2 if not cpo else ((n - 1) * cpo_port + plug) / 2)
    return FABRIC_GPUS * per_gpu / 1e6


def _fabric_detail() -> str:
    plug, cpo = _nvidia_boundary()
    tiers, n = clos_tiers(FABRIC_GPUS, RADIX_800G), _fabric_ports_per_gpu()
    return (f"{FABRIC_GPUS:,} GPUs at 1.6 Tbit/s each, carried as {PLANES} planes of 800G "
            f"on 102.4T switches of {RADIX_800G} x 800G: 2 x (k/2)^L >= {FABRIC_GPUS:,} "
            f"gives L = {tiers} tiers, so 2(L-1) + 2 = {n} optical ports per GPU per plane "
            f"({n} per GPU in 1.6T-equivalents). Pluggable: {FABRIC_GPUS:,} x {n} x "
            f"{plug:.2f} W = {_fabric_mw(False):.1f} MW. CPO today: the {n - 1} switch-side "
            f"ends at {cpo:.2f} W, the NIC end stays pluggable ({plug:.2f} W) until CPO "
            f"NICs exist: {_fabric_mw(True):.1f} MW; with CPO NICs too it would be "
            f"{FABRIC_GPUS * n * cpo / 1e6:.1f} MW")


# -- D7/D8: lasers per GPU (Lambda, 128k GPUs at 800G) -----------------------------------

LAMBDA_GPUS, RADIX_Q3450 = 131_072, 144  # Quantum-X Photonics: 144 x 800G


def _lasers_per_gpu(cpo: bool) -> float:
    n = optical_ports_per_gpu(clos_tiers(LAMBDA_GPUS, RADIX_Q3450))
    plug = phys("default", "pluggable", LASERS)
    if not cpo:
        return n * plug
    return (n - 1) * phys("default", "cpo", LASERS) + plug


def _lasers_detail() -> str:
    tiers = clos_tiers(LAMBDA_GPUS, RADIX_Q3450)
    n = optical_ports_per_gpu(tiers)
    return (f"{LAMBDA_GPUS:,} GPUs, one 800G NIC port each, switches of {RADIX_Q3450} x "
            f"800G: L = {tiers} tiers, {n} optical ports per GPU. Lasers per port from "
            f"`default`: DSP pluggable {phys('default', 'pluggable', LASERS):g}, CPO "
            f"{phys('default', 'cpo', LASERS):g}. Pluggable: {n} x "
            f"{phys('default', 'pluggable', LASERS):g} = {_lasers_per_gpu(False):g}; CPO: "
            f"{n - 1} switch ports x {phys('default', 'cpo', LASERS):g} + a pluggable NIC "
            f"module {phys('default', 'pluggable', LASERS):g} = {_lasers_per_gpu(True):g}")


# -- D9: interruptions against Meta's Llama 3 run -----------------------------------

META_GPUS, META_HOURS, META_EVENTS = 16_384, 54 * 24, 35
#: 95 % Poisson interval of 35 events: chi2(0.025; 70)/2 = 24.38, chi2(0.975; 72)/2 = 48.68
META_EVENTS_LOW, META_EVENTS_HIGH = 24.38, 48.68
RADIX_400G = 128  # a 51.2T switch as 128 x 400G (H100 with 400G NICs)


def _interruptions() -> tuple[int, int, float]:
    """(switches, transceivers, failures per hour) of Meta's cluster size."""
    from . import option

    switches = three_tier_switches(META_GPUS, RADIX_400G)
    modules = META_GPUS * optical_ports_per_gpu(clos_tiers(META_GPUS, RADIX_400G))
    opt = option("default", "pluggable")
    rate = {p.name: p.failures_per_year / p.units for p in opt.parts}  # per unit-year
    from ..units import Q

    hours_per_year = Q(1, "year").to("hour").magnitude  # the project's year: 8,760 h
    per_hour = (switches * rate["switch"] + modules * rate["optics"]) / hours_per_year
    return switches, modules, float(per_hour)


def _interruption_detail() -> str:
    switches, modules, per_hour = _interruptions()
    tiers = clos_tiers(META_GPUS, RADIX_400G)
    return (f"{META_GPUS:,} GPUs, one 400G NIC port each, 51.2T switches as {RADIX_400G} x "
            f"400G: L = {tiers} tiers, {switches:,} switches and {modules:,} transceivers "
            f"(6 per GPU). Failure rates of `default`'s DSP pluggable option: "
            f"{per_hour:.4f} failures per hour, one per {1 / per_hour:.1f} h, if every "
            "switch or transceiver failure stops the synchronous job. Meta: 35 in "
            f"{META_HOURS:,} h = one per {META_HOURS / META_EVENTS:.1f} h; 95 % Poisson "
            f"interval {META_HOURS / META_EVENTS_HIGH:.1f}-{META_HOURS / META_EVENTS_LOW:.1f} h")


DERIVED: tuple[Row, ...] = (
    Row("D1", "Switch system power ~30 % lower with CPO",
        "Broadcom (Laser Focus World 2023); Cisco webinar 2023", "`default`",
        "switch system: ASIC with host SerDes, management, fans, optics",
        "CPO system power, % below the DSP pluggable system",
        lambda: lower_percent(_systems()[1]["system"], _systems()[0]["system"]),
        *around(30.0), "%", "30 % +-10 %",
        why_out="Cisco's ~30 % follows a 50 % cut in optics power; here the optics fall "
                "63 %, 120 W of host SerDes go, and fans follow the cubic law with no "
                "floor (real fans keep a minimum speed), so the system falls further",
        detail=_system_detail),
    Row("D2", "Pluggable optics use 50-60 % more power than CPO",
        "QYResearch 2026 (seed 004)", "`default`", "switch system, as D1 (the same ratio "
        "read the other way)", "DSP pluggable system power, % above the CPO system",
        lambda: 100.0 * (_systems()[0]["system"] / _systems()[1]["system"] - 1.0),
        50.0, 60.0, "%", "as published",
        why_out="the same ratio as D1; at the module boundary the gap is larger still",
        detail=None),
    Row("D3", "Optics power 70 % lower with CPO at 102.4T (Davisson); 65 % (Broadcom at "
        "Meta)", "Broadcom 2025 via press; Broadcom ECOC 2025", "`th6-102t`",
        "module alone vs optical engine + its share of external lasers",
        "CPO per-port power, % below the 1.6T DSP module",
        lambda: lower_percent(_port_1p6t()[2], _port_1p6t()[0]), *around(70.0), "%",
        "70 % +-10 %", detail=_port_detail),
    Row("D4", "Per 1.6T port: 30 W pluggable -> 9 W CPO, a 70 % decrease",
        "NVIDIA GTC 2025 via LightCounting", "`th6-102t`",
        "NVIDIA's: module + host electrical path vs engine + laser",
        "CPO port power, % below the pluggable port",
        lambda: lower_percent(_nvidia_boundary()[1], _nvidia_boundary()[0]),
        *around(70.0), "%", "70 % +-10 %", detail=None),
    Row("D5", "400k-GPU fabric: 72 MW of optics with pluggables",
        "NVIDIA GTC 2025 coverage", "`th6-102t`",
        "NVIDIA's per-port boundary; every optical end of a 3-tier fabric",
        "fabric optics power", lambda: _fabric_mw(False), *around(72.0), "MW",
        "72 MW +-10 %", detail=_fabric_detail),
    Row("D6", "... and 21.6 MW with CPO", "NVIDIA GTC 2025 coverage", "`th6-102t`",
        "as D5; the NIC end stays pluggable until CPO NICs exist",
        "fabric optics power with CPO switches", lambda: _fabric_mw(True),
        *around(21.6), "MW", "21.6 MW +-10 %",
        why_out="NVIDIA counts 9 W at the NIC end too, but NICs stay pluggable until CPO "
                "NICs exist (figures.md, November 2026 correction), and our CPO port "
                "carries ELSFP datasheet lasers (3 W, not NVIDIA's 2 W)",
        detail=None),
    Row("D7", "~39 lasers per GPU with pluggables (~5 M for 128k GPUs)",
        "Lambda via trade press 2026", "`default`",
        "lasers in every optical module of a 3-tier 800G fabric",
        "lasers per GPU, DSP pluggable", lambda: _lasers_per_gpu(False), *around(39.0), "",
        "39 +-10 %",
        why_out="we put one 8-laser module on every port; NVIDIA's ~5.1 modules per GPU "
                "(twin-port modules serving two switch ports) x 8 lasers gives ~41",
        detail=_lasers_detail),
    Row("D8", "~8 lasers per GPU with CPO (~1 M for 128k GPUs)",
        "Lambda via trade press 2026", "`default`", "as D7; NIC end pluggable",
        "lasers per GPU, CPO switches", lambda: _lasers_per_gpu(True), *around(8.0), "",
        "8 +-10 %",
        why_out="the NIC end's pluggable module alone carries 8 lasers; `default` gives CPO "
                "2 lasers per port (16 ELSFPs x 8 per 64 ports) where NVIDIA's Q3450 has 18 "
                "modules for 144 ports",
        detail=None),
    Row("D9", "One switch-or-cable interruption per ~37 h on 16,384 GPUs (35 in 54 days)",
        "Meta 2024 (Llama 3 training)", "`default`",
        "every switch and transceiver of a 3-tier 400G fabric for 16,384 GPUs",
        "hours between interruptions", lambda: 1.0 / _interruptions()[2],
        META_HOURS / META_EVENTS_HIGH, META_HOURS / META_EVENTS_LOW, "h",
        "95 % Poisson interval of 35 events",
        why_out="`default` follows the 0.5-1 M h module MTBF of secondary reports; Alibaba's "
                "field rate (>= ~2.5 M h per transceiver) would give about 3x fewer failures",
        detail=_interruption_detail),
)
