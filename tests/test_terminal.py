"""Through a real pseudo-terminal at 80 columns: every line fits, no number is cut.

A few subprocesses only (each command once, every preset in one `compare`), so the
suite stays fast. TERM=dumb is the case where rich assumed 80 columns whatever the
terminal; it is tested at 100 columns.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios

import pytest
from conftest import tco_command

from tco import engine
from tco.io import loader

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_in_terminal(*args: str, columns: int = 80, term: str = "xterm-256color",
                    cwd: str | None = None, locale: str = "C.UTF-8") -> tuple[int, str]:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items()
           if k not in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR",
                        "GITHUB_ACTIONS", "TCO_DEBUG", "LC_ALL", "LC_CTYPE", "LANG")}
    env["TERM"] = term
    env["LANG"] = locale
    proc = subprocess.Popen([*tco_command(), *args], stdin=follower, stdout=follower,
                            stderr=follower, env=env, cwd=cwd, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    code = proc.wait(timeout=120)
    return code, ESCAPES.sub("", b"".join(chunks).decode()).replace("\r\n", "\n")


def _check_fits(out: str, columns: int) -> None:
    # bytes, not characters: a terminal that is not really UTF-8 shows a byte per cell
    too_long = [line for line in out.splitlines() if len(line.encode()) > columns]
    assert not too_long, f"{len(too_long)} lines wider than {columns}: {too_long[:2]}"
    assert "…" not in out, "a cell was cut"


def test_compare_every_preset_fits_80_columns_in_compact_units():
    code, out = run_in_terminal("compare", *loader.preset_names())
    assert code == 0, out
    _check_fits(out, 80)
    # compact money, in millions with one decimal, from the engine's totals
    totals = {o.id: float(o.total) for o in engine.evaluate(loader.load("default")).options}
    assert f"is cheapest: {totals['cpo'] / 1e6:.1f} M USD over 5 years" in out
    assert re.search(rf"\| Total\s+\|\s+{totals['pluggable'] / 1e6:.1f} M \|", out)


def test_dumb_terminal_uses_its_real_width():
    code, out = run_in_terminal("compare", "--no-chart", columns=100, term="dumb")
    assert code == 0, out
    _check_fits(out, 100)
    wide = run_in_terminal("compare", "--wide", "--no-chart", columns=100, term="dumb")[1]
    total = float(engine.evaluate(loader.load("default")).options[-1].total)
    assert f"{total:,.0f}" in wide, "--wide gives full precision on a terminal"
    _check_fits(wide, 100)


# Analyses and the fabric split their tables into parts that fit (the first column
# repeated); a column rich would have cropped at the edge must still be there whole.
@pytest.mark.parametrize(("args", "whole"), [
    (("uncertainty", "--samples", "200"), "Cheapest"),
    (("sensitivity",), "Swing"),
    (("sensitivity", "--delta", "20%"), "Swing"),
    (("sweep", "--vary", "analysis.horizon=3..7 year",
      "--vary", "options.cpo.switch.price=50000..250000 USD:50000 USD"), "250,000 USD"),
    (("fabric",), "NIC ends"),
])
def test_analyses_and_fabric_fit_80_columns(args, whole):
    code, out = run_in_terminal(*args)
    assert code == 0, out
    _check_fits(out, 80)
    assert whole in out
    assert "options.cpo.switch.pri\n" not in out.replace(" ", "").replace("|", ""), \
        "a key split across lines"


@pytest.mark.parametrize("args", [("presets", "list"), ("presets", "show", "ai-cluster-32k"),
                                  ("keys",), ("explain", "--option", "cpo", "--item", "energy"),
                                  ("validate", "default", "ai-cluster-32k")])
def test_other_commands_fit_80_columns(args):
    code, out = run_in_terminal(*args)
    assert code == 0, out
    _check_fits(out, 80)
    assert "None" not in out


@pytest.mark.parametrize("locale", ["C", "", "C.UTF-8"])
def test_a_terminal_gets_ascii_that_fits_whatever_its_locale(locale):
    # A terminal that is not really UTF-8 (which its locale cannot tell: LANG may
    # say C.UTF-8 under a multiplexer or a tool that counts bytes) shows each byte
    # of a box-drawing character as a cell: 80 such characters (3 bytes each) would
    # draw 240 columns and wrap mid-number. On a terminal tco draws ASCII only.
    code, out = run_in_terminal("compare", locale=locale)
    assert code == 0
    raw = out.encode("utf-8")
    assert raw.isascii(), sorted({c for c in out if ord(c) > 127})
    assert max(len(line) for line in out.splitlines()) <= 80
