"""Hostile input at the command line: one line on stderr, exit 2, no hang, nothing overwritten.

Most cases run ``tco.cli.run`` in-process (fast), under a SIGALRM time bound: a
case that hangs fails with ``Hung`` after TIMEOUT seconds, whatever the machine's
speed; no test asserts a timing. The closed-pipe cases run the installed `tco`
in a subprocess with a timeout, since they need real file descriptors.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
from pathlib import Path

import pytest
from conftest import tco_command

from tco.cli import run as tco_run
from tco.io import loader

#: a generous bound: the slowest case takes about a second on a shared core
TIMEOUT = 60
GOOD = loader.preset_text("default")


class Hung(Exception):
    pass


def _alarm(signum, frame):
    raise Hung(f"no answer within {TIMEOUT} s")


def run(*args: str, cwd: Path, stdout=None) -> subprocess.CompletedProcess[str]:
    """`tco ARGS` in-process in ``cwd`` (or as a subprocess when ``stdout`` is a descriptor)."""
    if stdout is not None:
        env = {k: v for k, v in os.environ.items()
               if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "GITHUB_ACTIONS", "TCO_DEBUG")}
        return subprocess.run([*tco_command(), *args], cwd=cwd, env=env, stdout=stdout,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                              timeout=TIMEOUT)
    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT)
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = tco_run(list(args))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.chdir(before)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


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
    ["compare", "-f", "markdown"], ["--help"],
], ids=" ".join)
def test_closed_stdout_exits_0_silently(args: list[str], tmp_path: Path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before tco writes a byte
    try:
        result = run(*args, cwd=tmp_path, stdout=write_end)  # a subprocess
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, "")


# --- bounded reading: scenarios and saved results ---------------------------------------

def _result_json(tmp_path: Path) -> str:
    result = run("compare", "-o", "base.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return (tmp_path / "base.json").read_text()


def _fifo(tmp_path: Path, name: str) -> str:
    os.mkfifo(tmp_path / name)  # nobody ever writes: reading it would block for ever
    return name


READING = {
    # name: (make the file in tmp_path -> argument, command, expected)
    "FIFO scenario": (lambda p: _fifo(p, "s.toml"), "compare", "is a FIFO, not a scenario"),
    "FIFO result": (lambda p: _fifo(p, "r.json"), "diff", "is a FIFO, not a JSON result"),
    "/dev/zero": (lambda p: "/dev/zero", "compare", "/dev/zero: is a device"),
    "/dev/urandom": (lambda p: "/dev/urandom", "compare", "is a device"),
    "/dev/zero diffed": (lambda p: "/dev/zero", "diff", "is a device"),
    "directory result": (lambda p: ".", "diff", ".: is a directory"),
    "11 MB scenario": (lambda p: _write(p, "big.toml", "#" * (11 * 1024 * 1024)), "compare",
                       "is larger than 10 MB"),
    "deep TOML array": (lambda p: _write(p, "d.toml", "a = " + "[" * 100_000 + "]" * 100_000),
                        "compare", "nested more than 64 levels deep"),
    "deep inline tables": (lambda p: _write(p, "d.toml", "a = " + "{b=" * 5000 + "1"
                                            + "}" * 5000), "compare", "nested more than 64"),
    "5000-digit TOML integer": (lambda p: _write(p, "n.toml", GOOD.replace(
        "switches = { value = 1000", "switches = { value = 1" + "0" * 5000)), "compare",
        "has a number of more than 100 digits"),
    "deep JSON": (lambda p: _write(p, "d.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"),
                  "diff", "nested more than 64 levels deep"),
    "5000-digit JSON integer": (lambda p: _write(p, "n.json", '{"a": 1' + "0" * 5000 + "}"),
                                "diff", "has a number of more than 100 digits"),
    "NaN in a result": (lambda p: _write(p, "n.json", _result_json(p).replace(
        '"total": ', '"total": NaN, "x": ', 1)), "diff", "NaN is not a number JSON allows"),
    "overflowing number": (lambda p: _write(p, "n.json", _result_json(p).replace(
        '"total": ', '"total": 1e999, "x": ', 1)), "diff", "1e999 is beyond the range"),
    "scenario name not text": (lambda p: _write(p, "n.json", _result_json(p).replace(
        '"name": "51.2T', '"name": 5, "was": "51.2T', 1)), "diff",
        "results[0].scenario.name: expected a string, got 5"),
    "not UTF-8": (lambda p: _write_bytes(p, "b.toml", b"\xff\xfe[analysis]"), "compare",
                  "not a text file"),
}


def _write(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text)
    return name


def _write_bytes(folder: Path, name: str, data: bytes) -> str:
    (folder / name).write_bytes(data)
    return name


@pytest.mark.parametrize("case", list(READING))
def test_bounded_reading(case: str, tmp_path: Path):
    make, command, expected = READING[case]
    target = make(tmp_path)
    if command == "diff":
        if not (tmp_path / "base.json").exists():
            _result_json(tmp_path)
        args = ["diff", target, "base.json"]
    else:
        args = ["compare", target]
    one_error_line(run(*args, cwd=tmp_path), expected)


# --- quantities and --set values: refused, never misread or hung ------------------------

SETS = {
    "spaces as thousands": ("options.lpo.optics.price=1 250 000 USD",
                            "has a number after the number"),
    "no-break spaces": ("options.lpo.optics.price=1\u00a0250\u00a0000 USD",
                        "has a number after the number"),
    "indexing": ("options.lpo.optics.power=15 W[0]", "has brackets"),
    "% operator": ("options.lpo.optics.power=15 W % 2", "uses % other than alone"),
    "power tower": ("options.lpo.optics.power=15 W * 10**10**10",
                    "has a number inside its unit"),
    "power of numbers": ("options.lpo.optics.power=2**2000 W", "has '**' out of place"),
    "40,000 characters": ("options.lpo.optics.power=15 W" + " " * 40_000 + "x",
                          "longer than 10,000 characters"),
    "5,000 characters": ("options.lpo.optics.power=15 W" + " " * 5_000 + "x",
                         "is longer than 100 characters"),
    "400-digit count": ("deployment.switches=1" + "0" * 400, "more than 100 digits"),
    "deep --set": ("deployment.switches=" + "[" * 1000 + "]" * 1000, "nested more than 64"),
}


@pytest.mark.parametrize("case", list(SETS))
def test_hostile_set_values(case: str, tmp_path: Path):
    text, expected = SETS[case]
    one_error_line(run("compare", "--set", text, cwd=tmp_path), expected)


# --- every input finite and in range after conversion -----------------------------------

BOUNDS = {
    "discount rate over 100 %": ("analysis.discount_rate=150 %",
                                 "analysis.discount_rate: expected at most 100 % "
                                 "(the bound of shares and yearly rates), got '150 %'"),
    "escalation over 100 % a year": ("analysis.electricity_escalation=101 %",
                                     "expected at most 100 %"),
    "AFR over 100 %": ("options.cpo.optics.afr=150 %", "options.cpo.optics.afr: expected at "
                                                       "most 100 %"),
    "failure rate over 1/year": ("options.cpo.optics.failure_rate=2/year",
                                 "expected at most 1 1/year (a failure rate of 100 % a year)"),
    "MTBF under a year": ("options.cpo.optics.mtbf=100 hour", "expected at least 8760 hour"),
    "PUE over 5": ("analysis.pue=6", "analysis.pue: expected at most 5, got 6"),
    "more than 10^9 switches": ("deployment.switches=2000000000",
                                "deployment.switches: expected at most 10^9 "
                                "(the bound of every input)"),
    "laser count 1e308": ("options.cpo.optics.laser_count=1e308",
                          "options.cpo.optics.laser_count: expected at most 10^9"),
    "life infinite in hours": ("options.cpo.optics.mtbf=1.79e308 day",
                               "options.cpo.optics.mtbf: expected a finite value"),
    "price 1e300": ("options.cpo.optics.price=1e300 USD", "expected at most 10^9 USD"),
    "dirtier than coal": ("analysis.grid_carbon_intensity=5 kgCO2e/kWh",
                          "expected at most 2 kgCO2e/kWh"),
    "huge negative": ("options.cpo.optics.price=-1e300 USD", "expected at least 0 USD"),
}


@pytest.mark.parametrize("case", list(BOUNDS))
def test_out_of_range_is_refused_at_load(case: str, tmp_path: Path):
    text, expected = BOUNDS[case]
    one_error_line(run("validate", "default", "--set", text, cwd=tmp_path), expected)


def test_every_numeric_key_has_finite_bounds():
    """A key added later (by any section) is bounded too, with no work of its own."""
    from tco.model import spec

    numeric = [f for fields in spec.SECTIONS.values() for f in fields
               if f.kind in spec.NUMERIC_KINDS]
    assert numeric
    for f in numeric:
        low, high = spec.bounds(f)
        assert -1e9 <= low < high <= 1e9, f.name
        assert spec.range_text(f), f.name
