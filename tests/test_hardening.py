"""Hostile input at the command line: one line on stderr, exit 2, no hang, nothing overwritten.

Each case runs the installed `tco` in a subprocess with a timeout (the "no hang"
bound: a case that hangs fails with TimeoutExpired, whatever the machine's speed).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import tco_command

from tco.io import loader

#: a generous bound: the slowest case takes about a second on a shared core
TIMEOUT = 60
GOOD = loader.preset_text("default")


def run(*args: str, cwd: Path, stdout=subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "GITHUB_ACTIONS", "TCO_DEBUG")}
    env["COLUMNS"] = "80"
    return subprocess.run([*tco_command(), *args], cwd=cwd, env=env, stdout=stdout,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                          timeout=TIMEOUT)


def one_error_line(result: subprocess.CompletedProcess[str], expected: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    assert lines[0].startswith("tco: error: "), lines[0]
    assert expected in lines[0], lines[0]
    assert "Traceback" not in result.stderr
    assert len(lines[0]) < 400, "a message quotes too much"
    return lines[0]


# --- writes: atomic, never onto an input ------------------------------------------------

@pytest.mark.parametrize("how", ["hard link", "symbolic link", "same path"])
@pytest.mark.parametrize("flag", ["-o", "--plot"])
def test_output_onto_an_input_is_refused(tmp_path: Path, how: str, flag: str):
    scenario = tmp_path / "fleet.toml"
    scenario.write_text(GOOD)
    out = {"hard link": "out.json", "symbolic link": "out.json", "same path": "fleet.toml"}[how]
    if flag == "--plot":
        out = out.replace(".json", ".png")
    if how == "hard link":
        os.link(scenario, tmp_path / out)
    elif how == "symbolic link":
        os.symlink(scenario, tmp_path / out)
    args = ["compare", "fleet.toml", flag, out]
    if flag == "-o" and how == "same path":
        args += ["--format", "json"]
    one_error_line(run(*args, cwd=tmp_path), "is one of the inputs")
    assert scenario.read_text() == GOOD


def test_init_force_replaces_whole_file_and_init_refuses_without_it(tmp_path: Path):
    target = tmp_path / "scenario.toml"
    target.write_text("# mine\n")
    one_error_line(run("init", "scenario.toml", cwd=tmp_path), "already exists")
    assert target.read_text() == "# mine\n"
    result = run("init", "scenario.toml", "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "preset 'default'" in target.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenario.toml"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_write_to_a_full_device_is_one_line(tmp_path: Path):
    one_error_line(run("compare", "-o", "/dev/full", "--format", "json", cwd=tmp_path),
                   "/dev/full: cannot write")
