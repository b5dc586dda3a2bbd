"""Part 1: presets' inputs beside the published figures they were taken from.

These rows read inputs back (or a ratio of two inputs): they catch a typing or
boundary slip, and they are labelled as such on the page. They are not evidence
that the model is right.
"""

from __future__ import annotations

from . import Row, around, lower_percent, phys, ports, run

PORT = "interconnect_power_per_port_w"
DSP = "dsp_power_per_port_w"
LASERS = "lasers_per_port"


def _switch_base(preset: str, option_id: str) -> float:
    """The preset's switch.power: the box without its per-port interconnect [W]."""
    return phys(preset, option_id, "power_per_switch_w") - ports(preset) * phys(
        preset, option_id, PORT)


def _pj_per_bit(preset: str, option_id: str) -> float:
    speed = run(preset).scenario.deployment.port_speed.to("bit/s").magnitude
    return phys(preset, option_id, PORT) / speed * 1e12


CHECKS: tuple[Row, ...] = (
    Row("I1", "800G DSP module: 14-16 W (Broadcom); twin-port 2x400G DR4 17 W (NVIDIA)",
        "Broadcom, Laser Focus World 2023; NVIDIA product documentation",
        "`default`", "module alone", "DSP pluggable per-port power",
        lambda: phys("default", "pluggable", PORT), 14.0, 17.0, "W", "as published"),
    Row("I2", "The DSP is 25-30 % of a pluggable module's power",
        "QYResearch 2026 (seed 004)", "`default`", "module alone",
        "DSP power / module power",
        lambda: 100.0 * phys("default", "pluggable", DSP) / phys("default", "pluggable", PORT),
        25.0, 30.0, "%", "as published"),
    Row("I3", "LPO uses 40-50 % less power than a DSP module",
        "vendor guides 2025 (800G LPO 8-9 W)", "`default`", "module alone",
        "LPO per-port power, % below the DSP pluggable",
        lambda: lower_percent(phys("default", "lpo", PORT), phys("default", "pluggable", PORT)),
        40.0, 50.0, "%", "as published"),
    Row("I4", "CPO optics: 5.5 W per 800G port (Broadcom Bailly, 51.2T)",
        "Broadcom via Laser Focus World 2023", "`default`",
        "optical engine + its share of the external lasers",
        "CPO per-port power", lambda: phys("default", "cpo", PORT),
        *around(5.5), "W", "5.5 W +-10 %"),
    Row("I5", "4x fewer lasers per port with CPO", "NVIDIA 2025", "`default`",
        "lasers in the modules serving one 800G port",
        "lasers per port, DSP pluggable / CPO",
        lambda: phys("default", "pluggable", LASERS) / phys("default", "cpo", LASERS),
        *around(4.0), "x", "4x +-10 %"),
    Row("I6", "1.6T DSP module: 25-30 W (about 17 pJ/bit)",
        "module vendors 2025-26; Cignal AI (\"hitting 30 W\")", "`th6-102t`",
        "module alone", "DSP pluggable per-port power",
        lambda: phys("th6-102t", "pluggable", PORT), 25.0, 30.0, "W", "as published"),
    Row("I7", "51.2T switch system without optics: 540 W typical, 1,125 W loaded",
        "AMD ROCm cluster networking reference design", "`default`",
        "the box without modules, its fans at the pluggable heat load",
        "DSP pluggable switch.power", lambda: _switch_base("default", "pluggable"),
        540.0, 1125.0, "W", "typical to loaded"),
    Row("I8", "Micro-LED CPO: 1-2 pJ/bit", "TrendForce 2025 (seed 000)", "`scale-up`",
        "the whole interface, as market reports count it",
        "micro-LED CPO per-port power / port speed",
        lambda: _pj_per_bit("scale-up", "microled_cpo"), 1.0, 2.0, "pJ/bit", "as published"),
    Row("I9", "Micro-LED: up to 68 % less power than laser optics; secondary summaries "
        "give 3.1-5.3 W per link vs 9.8-12 W per end for a laser AOC",
        "Microsoft Research MOSAIC, SIGCOMM 2025; secondary summaries", "`scale-up`",
        "one cable end for both", "MOSAIC-class power per end, % below the laser AOC",
        lambda: lower_percent(phys("scale-up", "mosaic", PORT), phys("scale-up", "aoc", PORT)),
        46.0, 68.0, "%", "46 % from the summaries' extremes taken as written, 68 % "
                        "from the paper",
        why_out="the summaries' 3.1-5.3 W per link is 1.55-2.65 W per end: against "
                "9.8-12 W per AOC end that is 78-87 % less, beyond the paper's own 'up "
                "to 68 %', which matches a per-link figure set against a per-end one "
                "(1 - 4.2 / 11 = 62 %); the preset keeps one boundary, per end"),
)
