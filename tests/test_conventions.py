"""CLI conventions: a closed pipe, `tco keys`, no 'None' printed."""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import tco_command

from tco.docgen import keys
from tco.model import spec


@pytest.mark.parametrize("args", [("compare",), ("presets", "show", "default")])
def test_closed_pipe_exits_0_without_a_message(args):
    env = {k: v for k, v in os.environ.items() if k != "TCO_DEBUG"}
    proc = subprocess.Popen([*tco_command(), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    proc.stdout.readline()  # like `| head -1`: read a line, then go away
    proc.stdout.close()
    code = proc.wait(timeout=120)
    assert code == 0
    assert proc.stderr.read() == b""


def test_keys_lists_every_key_with_unit_default_and_meaning(run_tco):
    out = run_tco("keys").stdout
    every = sum(len(fields) for fields in spec.SECTIONS.values())
    assert len(keys()) == every
    for path, unit, _default, meaning in keys():
        assert f"{path} [{unit}]\n    {meaning}\n" in out
    price = run_tco("keys", "ELECTRICITY_PRICE").stdout.splitlines()
    assert price == ["analysis.electricity_price [{cur}/kWh]",
                     "    Price of electricity in the first year.", "    default: required"]
    parts = run_tco("keys", "options.*.price").stdout
    assert "options.OPTION.PART.price [{cur}]" in parts and "analysis." not in parts
    missing = run_tco("keys", "no-such-key")
    assert missing.returncode == 2 and "no scenario key matches" in missing.stderr


def test_presets_show_never_prints_none(run_tco):
    for name in ("default", "scale-up"):
        out = run_tco("presets", "show", name).stdout
        assert "None" not in out
    # a PUE is a plain number: shown without a unit (it printed "1.3 None")
    assert any(line.split("│")[2].strip() == "1.3" for line in
               run_tco("presets", "show", "default").stdout.splitlines()
               if "analysis.pue_air" in line)
