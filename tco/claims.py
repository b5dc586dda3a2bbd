"""Published claims our presets must reproduce, each with the published range.

Each claim runs a preset through the engine and computes one figure from the
result; ``tests/test_claims.py`` asserts it lies in the published range, and
``python -m tco.claims > docs/claims.md`` writes the page (a test keeps it
current). The ranges are the published figures of
``shared/reference/figures.md``, not outputs of this code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

#: GPUs served by the ai-cluster-32k preset's fabric (the arithmetic is in the preset)
CLUSTER_GPUS = 32768
#: GPUs in NVIDIA's fabric comparison (72 MW -> 21.6 MW)
NVIDIA_FABRIC_GPUS = 400_000


@cache
def run(preset: str) -> Any:
    from . import engine
    from .io import loader

    return engine.evaluate(loader.load(preset))


def option(preset: str, option_id: str) -> Any:
    return next(o for o in run(preset).options if o.id == option_id)


def phys(preset: str, option_id: str, key: str) -> float:
    return float(option(preset, option_id).physical[key])


def interconnect_mw(preset: str, option_id: str) -> float:
    """Fleet power of every part but the switch itself [MW]."""
    return sum(float(p.power_kw) for p in option(preset, option_id).parts
               if p.name != "switch") / 1000.0


def lower_percent(new: float, old: float) -> float:
    return 100.0 * (1.0 - new / old)


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    source: str
    preset: str
    boundary: str
    figure: str  # what the computed number is
    compute: Callable[[], float]
    low: float
    high: float
    unit: str

    def value(self) -> float:
        return self.compute()

    def holds(self) -> bool:
        return self.low - 1e-9 <= self.value() <= self.high + 1e-9


PORT = "interconnect_power_per_port_w"
SWITCH = "power_per_switch_w"

CLAIMS: tuple[Claim, ...] = (
    Claim("1a", "Per-port optics power, CPO vs DSP pluggable: 14-16 W -> 5.5 W, 61-66 % lower",
          "Broadcom Bailly, Laser Focus World 2023", "default",
          "module alone (pluggable 15 W; CPO engine 4.3 W + laser share 1.2 W)",
          "CPO per-port power, % below the DSP pluggable",
          lambda: lower_percent(phys("default", "cpo", PORT), phys("default", "pluggable", PORT)),
          61.0, 66.0, "%"),
    Claim("1b", "Per-port power, DSP pluggable vs CPO: 30 W -> 9 W (3.3x)",
          "NVIDIA GTC 2025 coverage", "ai-cluster-32k",
          "with the host electrical path (NVIDIA's boundary)",
          "DSP pluggable / CPO per-port power",
          lambda: phys("ai-cluster-32k", "pluggable", PORT) / phys("ai-cluster-32k", "cpo", PORT),
          3.2, 3.4, "x"),
    Claim("1c", "Optics power 70 % lower with CPO at 102.4T",
          "Broadcom Davisson 2025, via press", "th6-102t",
          "module alone (1.6T pluggable 17 pJ/bit = 27.2 W)",
          "CPO per-port power, % below the DSP pluggable",
          lambda: lower_percent(phys("th6-102t", "cpo", PORT),
                                phys("th6-102t", "pluggable", PORT)),
          67.0, 73.0, "%"),
    Claim("2", "Switch system power ~30 % lower with CPO",
          "Broadcom (Laser Focus World 2023); Cisco webinar 2023", "default",
          "switch system: base power + per-port interconnect (read as 25-35 %)",
          "CPO switch power, % below the DSP pluggable switch",
          lambda: lower_percent(phys("default", "cpo", SWITCH),
                                phys("default", "pluggable", SWITCH)),
          25.0, 35.0, "%"),
    Claim("3", "Pluggable optics use 50-60 % more power than CPO",
          "QYResearch 2026 (seed 004)", "default",
          "switch system, as claim 2 (at the module alone the gap is far larger)",
          "DSP pluggable switch power, % above the CPO switch",
          lambda: 100.0 * (phys("default", "pluggable", SWITCH)
                           / phys("default", "cpo", SWITCH) - 1.0),
          50.0, 60.0, "%"),
    Claim("4a", "The DSP is 25-30 % of a pluggable module's power",
          "QYResearch 2026 (seed 004)", "default", "module alone",
          "DSP power / module power, DSP pluggable",
          lambda: 100.0 * phys("default", "pluggable", "dsp_power_per_port_w")
          / phys("default", "pluggable", PORT),
          25.0, 30.0, "%"),
    Claim("4b", "LPO, which drops the DSP, uses 40-50 % less power",
          "vendor guides 2025 (800G LPO 8-9 W vs DSP 14-16 W)", "default", "module alone",
          "LPO per-port power, % below the DSP pluggable",
          lambda: lower_percent(phys("default", "lpo", PORT), phys("default", "pluggable", PORT)),
          40.0, 50.0, "%"),
    Claim("5a", "Micro-LED CPO: 1-2 pJ/bit",
          "TrendForce 2025 (seed 000)", "scale-up",
          "the whole interface, as market reports count it",
          "micro-LED CPO per-port power / port speed",
          lambda: phys("scale-up", "microled_cpo", PORT)
          / run("scale-up").scenario.deployment.port_speed.to("bit/s").magnitude * 1e12,
          1.0, 2.0, "pJ/bit"),
    Claim("5b", "Micro-LED: up to 68 % less power than laser optics",
          "Microsoft Research MOSAIC, SIGCOMM 2025; secondary summaries (3.1-5.3 W vs "
          "9.8-12 W)", "scale-up",
          "one cable end; the published ranges give 46-68 %",
          "MOSAIC-class cable power, % below the laser AOC",
          lambda: lower_percent(phys("scale-up", "mosaic", PORT), phys("scale-up", "aoc", PORT)),
          46.0, 68.0, "%"),
    Claim("6", "4x fewer lasers per port with CPO",
          "NVIDIA 2025", "default", "DR8 module (8 lasers) vs external laser modules",
          "lasers per port, DSP pluggable / CPO",
          lambda: phys("default", "pluggable", "lasers_per_port")
          / phys("default", "cpo", "lasers_per_port"),
          4.0, 4.0, "x"),
    Claim("7a", "400k-GPU fabric optics power: 72 MW with pluggables",
          "NVIDIA GTC 2025 coverage", "ai-cluster-32k",
          "6 transceivers per GPU at 30 W, scaled from 32,768 to 400,000 GPUs (read as +-5 %)",
          "fleet interconnect power x 400,000 / 32,768 GPUs",
          lambda: interconnect_mw("ai-cluster-32k", "pluggable")
          * NVIDIA_FABRIC_GPUS / CLUSTER_GPUS,
          68.4, 75.6, "MW"),
    Claim("7b", "... and 21.6 MW with CPO",
          "NVIDIA GTC 2025 coverage", "ai-cluster-32k",
          "6 ends per GPU at 9 W, scaled as 7a (read as +-5 %)",
          "fleet interconnect power x 400,000 / 32,768 GPUs",
          lambda: interconnect_mw("ai-cluster-32k", "cpo") * NVIDIA_FABRIC_GPUS / CLUSTER_GPUS,
          20.52, 22.68, "MW"),
    Claim("7c", "... of which only 5/6 of the saving is available while NIC ends stay "
          "pluggable (CPO NICs do not ship)",
          "figures.md correction, November 2026 (LightCounting; 400k x 6 ports)",
          "ai-cluster-32k", "CPO on the 5 switch-side ends per GPU, the NIC end a 30 W "
          "pluggable (read as 5/6 = 83.3 % +- 0.4)",
          "saving of cpo_switch / saving of cpo, interconnect power",
          lambda: 100.0 * (interconnect_mw("ai-cluster-32k", "pluggable")
                           - interconnect_mw("ai-cluster-32k", "cpo_switch"))
          / (interconnect_mw("ai-cluster-32k", "pluggable")
             - interconnect_mw("ai-cluster-32k", "cpo")),
          82.9, 83.7, "%"),
)


def render() -> str:
    lines = [
        "# Claims reproduced",
        "",
        "Each published claim below is reproduced by a bundled preset, from the",
        "preset's own inputs through the tco engine. `tests/test_claims.py` asserts",
        "every figure lies in the published range; this page is written by",
        "`python -m tco.claims > docs/claims.md` and a test keeps it current.",
        "Ranges are the published figures, with the sources named in each row (the",
        "project's reference table of published figures gathers them). Where sources",
        "draw the boundary differently, the boundary column says which one the preset",
        "uses; \"seed\" marks a market article the project started from.",
        "",
        "| # | claim | source | preset | boundary | our figure | published range | within? |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in CLAIMS:
        value = c.value()
        rng = f"{c.low:g} {c.unit}" if c.low == c.high else f"{c.low:g}-{c.high:g} {c.unit}"
        lines.append(
            f"| {c.id} | {c.claim} | {c.source} | `{c.preset}` | {c.boundary} | "
            f"{c.figure}: **{value:.3g} {c.unit}** | {rng} | {'yes' if c.holds() else 'NO'} |")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(render(), end="")
