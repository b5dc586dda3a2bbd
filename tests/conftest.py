"""Shared helpers: run the installed `tco` as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
#: a frozen scenario (the default preset before issue 13) for hand-worked arithmetic
BASIC = Path(__file__).resolve().parent / "data" / "basic-51t.toml"


def tco_command() -> list[str]:
    script = Path(sys.executable).with_name("tco")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tco"]


@pytest.fixture
def run_tco(tmp_path: Path):
    """Run `tco ARGS...` in a fresh temporary folder, output captured, no terminal."""

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "GITHUB_ACTIONS", "TCO_DEBUG")}
        env["COLUMNS"] = "80"
        return subprocess.run([*tco_command(), *args], cwd=cwd or tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)

    return run


#: analysis and deployment of a 2-switch fleet of 51.2 Tbit/s switches (64 x 800G ports),
#: with one free-standing option to compare against: the base of hand-worked cases
_TWO_SWITCH = """
[analysis]
horizon = "5 year"
electricity_price = "0.1 USD/kWh"
pue = 1.0
labour_rate = "100 USD/hour"
downtime_cost = "10 USD/hour"

[deployment]
switches = 2
switch_capacity = "51.2 Tbit/s"
port_speed = "800 Gbit/s"
ports_in_use = {ports_in_use}

[options.{option}.switch]
price = "10000 USD"
power = "100 W"

[options.{option}.optics]
price = "100 USD"
power = "1 W"
"""


def two_switch_fleet(ports_in_use: int = 64, option: str = "base") -> str:
    """The TOML of a 2-switch fleet with one option (``option``): switch 10,000 USD and
    100 W, optics 100 USD and 1 W per port; 5 years, 0.1 USD/kWh, PUE 1, labour
    100 USD/h, downtime 10 USD/h. Append the options under test."""
    return _TWO_SWITCH.format(ports_in_use=ports_in_use, option=option)


_ONE_SWITCH_FABRIC = """
[analysis]
electricity_price = "0.1 USD/kWh"
{analysis}

[fabric]
gpus = 64
nic_speed = "800 Gbit/s"
tiers = 1
switch_capacity = "51.2 Tbit/s"
port_speed = "800 Gbit/s"

[options.a.switch]
price = "10000 USD"
power = "100 W"
{afr}
[options.a.optics]
price = "100 USD"
power = "1 W"

[options.b.switch]
price = "10000 USD"
power = "100 W"

[options.b.optics]
price = "100 USD"
power = "1 W"
"""


def one_switch_fabric(analysis: str, afr: str | None = None) -> str:
    """The TOML of a 64-GPU fabric of one tier: one 51.2T leaf (64 x 800G), 64 optics,
    options ``a`` and ``b`` (switch 10,000 USD and 100 W, optics 100 USD and 1 W);
    ``analysis``: lines added to [analysis]; ``afr``: option a's switch AFR (none: its
    switch never fails)."""
    return _ONE_SWITCH_FABRIC.format(analysis=analysis,
                                     afr="" if afr is None else f'afr = "{afr}"\n')


def load_text(text: str, overrides: Sequence[str] = ()) -> Any:
    """A scenario written as TOML text (named fleet.toml in messages), with --set overrides."""
    from tco.io import loader

    raw = loader.RawScenario(loader.parse_toml(text, "fleet.toml"), "fleet.toml", "scenario")
    return loader.load_raw(raw, list(overrides))


def run_option(text: str, option: str, overrides: Sequence[str] = ()) -> tuple[Any, Any]:
    """The scenario of ``text`` and the engine's result for one of its options."""
    from tco import engine

    s = load_text(text, overrides)
    return s, next(o for o in engine.evaluate(s).options if o.id == option)
