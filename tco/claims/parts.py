"""The parts a switch system's power is built from, each with its source and range.

A claim about *system* power (switch + optics) is only a check of the model if the
system is assembled from parts whose figures come from somewhere else than the
claim. This module holds those parts and the one rule that ties them together:

- ASIC power includes the host SerDes that drive front-panel modules; CPO (and,
  in part, NPO) replaces that long-reach electrical path by a short one and
  saves the difference (``serdes_saving``).
- Fans take a share ``fan_share`` of switch + transceiver power in a switch of
  pluggable modules (NeoPhotonics 2021); in another option of the same box, fan
  power follows a cubic law of airflow (NeoPhotonics 2021) and airflow follows
  the heat to be removed at a fixed temperature rise (assumption: the same inlet
  and outlet temperatures), so fans = reference fans x (heat / reference heat)^3.

The presets' ``switch.power`` (the box without its per-port interconnect) is
:func:`box` ``["base"]`` for the option's optics; ``tests/test_presets.py`` checks
that every preset uses the same figure for the same box.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A sourced number with the range its source supports."""

    value: float
    low: float
    high: float
    unit: str
    source: str


@dataclass(frozen=True)
class Box:
    """One switch generation's parts (the optics come from the preset)."""

    name: str
    ports: int
    asic: Figure  # ASIC with long-reach host SerDes [W]
    management: Figure  # CPU, board, power conversion [W]
    serdes_saving: Figure  # host SerDes power CPO saves on this switch [W]
    fan_share: Figure  # fans / (switch + transceivers), pluggable reference [%]
    reference_optics: Figure  # the DSP pluggable modules the fan share was read with [W]


FAN_SHARE = Figure(20, 15, 25, "%", "NeoPhotonics 2021: fans ~20 % of switch + transceiver "
                   "power; range 15-25 % (assumption: +-5 points around a rounded figure)")
FAN_EXPONENT = 3  # NeoPhotonics 2021: fan power follows a cubic law of airflow

def _generation(name: str, asic: Figure, management: Figure, serdes_saving: Figure,
                module: tuple[float, float, float], module_source: str) -> Box:
    """A 64-port box whose fan share was read with 64 DSP modules of ``module`` W
    (value, low, high): the shape every generation below shares."""
    value, low, high = module
    return Box(name, 64, asic=asic, management=management, serdes_saving=serdes_saving,
               fan_share=FAN_SHARE,
               reference_optics=Figure(64 * value, 64 * low, 64 * high, "W", module_source))


TH5 = _generation(
    "51.2T (Tomahawk-5 class, 64 x 800G)",
    asic=Figure(500, 450, 500, "W", "TechInsights 2022: Tomahawk 5 ~450-500 W"),
    management=Figure(150, 100, 200, "W", "assumption: CPU, board and power conversion; "
                      "range +-50 W (no published split)"),
    serdes_saving=Figure(120, 100, 140, "W", "engineering blog: CPO saves ~100-140 W of "
                         "host SerDes power on a 51.2T switch (grade L)"),
    module=(17, 14, 20), module_source="64 x the 800G DSP module of `default`, 17 W "
                                       "(NVIDIA twin-port DR4)",
)
TH6 = _generation(
    "102.4T (Tomahawk-6 class, 64 x 1.6T)",
    asic=Figure(1000, 750, 1000, "W", "assumption: no Tomahawk 6 power published (Broadcom "
                "2025); twice Tomahawk 5's 500 W at the same W per Tbit/s, down to -25 % "
                "for the newer process"),
    management=Figure(200, 150, 250, "W", "assumption: CPU, board and power conversion of "
                      "a larger box; range +-50 W"),
    serdes_saving=Figure(240, 200, 280, "W", "engineering blog: ~100-140 W on a 51.2T "
                         "switch, scaled by capacity to 102.4T (assumption: same pJ/bit)"),
    module=(27.2, 25, 30), module_source="64 x the 1.6T DSP module of `th6-102t`, "
                                         "17 pJ/bit x 1.6 Tbit/s = 27.2 W",
)
G204 = _generation(
    "204.8T (64 x 3.2T, deployed 2028)",
    asic=Figure(1600, 1200, 2000, "W", "assumption: no 204.8T ASIC announced; twice "
                "102.4T's 1,000 W less 20 % per generation in W per Tbit/s; range +-25 %"),
    management=Figure(250, 200, 300, "W", "assumption: CPU, board and power conversion; "
                      "range +-50 W"),
    serdes_saving=Figure(380, 300, 460, "W", "engineering blog: ~100-140 W on a 51.2T "
                         "switch, scaled by capacity (x 4) less 20 % per generation per "
                         "step (assumption)"),
    module=(44.8, 32, 54.4), module_source="64 x the 3.2T DSP module of `204t-2028`, "
                                           "14 pJ/bit x 3.2 Tbit/s = 44.8 W",
)

def box(b: Box, optics_w: float, saving_w: float = 0.0,
        reference_optics_w: float | None = None, fans: bool = True) -> dict[str, float]:
    """Power of one switch system by part [W].

    optics_w: the whole per-port interconnect of the switch (ports x W, lasers
    included); saving_w: host SerDes power this option saves; reference_optics_w:
    the pluggable modules the fan share was read with (None: the box's own).

    Notes: reference heat H0 = asic + management + optics0, fans0 = H0 x f / (1 - f);
    this option's heat H = asic - saving + management + optics, fans = fans0 x
    (H / H0)^3 (none when liquid-cooled, fans=False); base = the box without
    optics = asic - saving + management + fans.
    """
    f = b.fan_share.value / 100.0
    ref_optics = (b.reference_optics.value if reference_optics_w is None
                  else reference_optics_w)
    ref_heat = b.asic.value + b.management.value + ref_optics
    ref_fans = ref_heat * f / (1.0 - f)
    asic = b.asic.value - saving_w
    heat = asic + b.management.value + optics_w
    # a liquid-cooled box (fans=False) has no fans: its pumps are in the liquid PUE
    fans = ref_fans * (heat / ref_heat) ** FAN_EXPONENT if fans else 0.0
    base = asic + b.management.value + fans
    return {"asic": asic, "management": b.management.value, "optics": optics_w,
            "fans": fans, "base": base, "system": base + optics_w}


def base_range(b: Box, optics_w: float, saving: Figure | None = None,
               reference_optics_w: float | None = None, fans: bool = True
               ) -> tuple[float, float, float]:
    """(value, low, high) of the box without optics [W], over its parts' ranges.

    Notes: every corner of ASIC, management, fan share and SerDes saving, the
    optics held at their value.
    """
    from dataclasses import replace
    from itertools import product

    def one(asic: float, mgmt: float, share: float, save: float) -> float:
        parts = replace(b, asic=replace(b.asic, value=asic),
                        management=replace(b.management, value=mgmt),
                        fan_share=replace(b.fan_share, value=share))
        return box(parts, optics_w, save, reference_optics_w, fans)["base"]

    s = saving or Figure(0, 0, 0, "W", "")
    corners = [one(*c) for c in product((b.asic.low, b.asic.high),
                                         (b.management.low, b.management.high),
                                         (b.fan_share.low, b.fan_share.high),
                                         (s.low, s.high))]
    return (one(b.asic.value, b.management.value, b.fan_share.value, s.value),
            min(corners), max(corners))


def npo_saving(b: Box) -> Figure:
    """Host SerDes saved by near-packaged optics (on the board, not in the package)."""
    s = b.serdes_saving
    return Figure(s.value / 2, 0.0, s.value, "W",
                  "assumption: NPO shortens the host path about half as much as CPO "
                  "(TrendForce 2026: a shorter electrical path); range none to CPO's saving")
