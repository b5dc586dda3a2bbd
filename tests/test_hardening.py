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


# --- usage errors: one line in tco's style, exit 2 --------------------------------------

USAGE = {
    "years garbage": (["compare", "--years", "soon"],
                      "tco: error: --years: expected a whole number of years from 1 to 50, "
                      "got 'soon'"),
    "years zero": (["compare", "--years", "0"], "from 1 to 50, got '0'"),
    "years too many": (["compare", "--years", "1000"], "from 1 to 50, got '1000'"),
    "years fraction": (["compare", "--years", "2.5"], "got '2.5'"),
    "years negative": (["compare", "--years=-3"], "got '-3'"),
    "years empty": (["compare", "--years", ""], "got ''"),
    "years missing value": (["compare", "--years"], "tco: error: --years: needs a value"),
    "format": (["compare", "--format", "xml"],
               "--format: expected one of table, json, csv, markdown, html, got 'xml'"),
    "unknown command": (["comp"], "tco: error: comp: no such command of tco; "
                                  "did you mean compare?"),
    "unknown subcommand": (["presets", "lst"], "did you mean list?"),
    "unknown option": (["compare", "--formt", "json"],
                       "tco: error: --formt: no such option of tco compare; "
                       "did you mean --format?"),
    "unknown short option": (["compare", "-x"], "-x: no such option of tco compare"),
    "validate without argument": (["validate"],
                                  "tco: error: tco validate: missing SCENARIO_OR_PRESET"),
    "explain year": (["explain", "--year", "soon"],
                     "tco: error: --year: expected a whole number, got 'soon'"),
    "extra argument": (["schema", "extra"], "extra: unexpected extra argument to tco schema"),
    "flag with a value": (["init", "--force=3"], "--force: takes no value"),
    "long value": (["compare", "--years", "9" * 10_000], "(10,000 characters)"),
}


@pytest.mark.parametrize("case", list(USAGE))
def test_usage_error_is_one_line(case: str, tmp_path: Path):
    args, expected = USAGE[case]
    result = run(*args, cwd=tmp_path)
    one_error_line(result, expected)
    assert result.stdout == ""


def test_tco_alone_prints_the_help(tmp_path: Path):
    result = run(cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert "Commands" in result.stdout and "compare" in result.stdout


# --- a closed stdout: exit 0, silent, for every format ----------------------------------

@pytest.mark.parametrize("args", [
    ["compare"], ["compare", "-f", "json"], ["compare", "-f", "csv"],
    ["compare", "-f", "markdown"], ["schema"], ["presets", "list"],
    ["presets", "show", "default"], ["--help"], ["explain", "--option", "cpo",
                                                 "--item", "energy"],
], ids=" ".join)
def test_closed_stdout_exits_0_silently(args: list[str], tmp_path: Path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before tco writes a byte
    try:
        result = run(*args, cwd=tmp_path, stdout=write_end)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, "")
