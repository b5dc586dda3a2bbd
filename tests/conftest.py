"""Shared helpers: run the installed `tco` as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
