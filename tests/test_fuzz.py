"""Fuzzing: whatever a user writes, tco answers (exit 0) or refuses (exit 2), never crashes
(exit 3) and never hangs.

These properties assert nothing about values: only the outcome class. Each example
has a deadline (hypothesis's own, generous for a shared machine) and runs under the
SIGALRM bound of ``test_hardening.run``, so a hang fails instead of stalling the suite.
"""

from __future__ import annotations

import json
import math
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hardening import run

from tco import gates, units
from tco.errors import InputError
from tco.io import loader

FUZZ = settings(max_examples=150, deadline=timedelta(seconds=10), derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
CLI_FUZZ = settings(FUZZ, max_examples=40)

# --- quantity strings -------------------------------------------------------------------

_PIECES = ["1", "15", "0.5", ".5", "1e3", "1e400", "-3", "+2", "1_250", "1,250", "1,250,000",
           " ", "\u00a0", "W", "kW", "pJ", "bit", "/", "*", "**", "^", "(", ")", "%", "[0]",
           "USD", "EUR", "hour", "year", "FIT", "10", "**10", "inf", "nan", "e", ".", ",",
           "_", "$", "\\", "'", '"', "kWh", "gCO2e", "Tbit/s", "1/", "2**", "µ"]
quantity_text = st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(_PIECES), max_size=14).map("".join),
    st.builds(lambda n, u: f"{n} {u}", st.floats(allow_nan=True, allow_infinity=True),
              st.sampled_from(["W", "USD", "%", "pJ/bit", "hour", "1/year", "USD/kWh"])),
)


@FUZZ
@given(quantity_text)
def test_a_quantity_string_is_read_or_refused(text: str):
    try:
        q = units.parse(text)
    except units.UnitParseError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 400
        return
    assert math.isfinite(float(q.magnitude))


@FUZZ
@given(quantity_text, st.sampled_from(["<", ">=", "=="]))
def test_a_gate_literal_is_read_or_refused(text: str, op: str):
    try:
        gates.parse(f"cpo.npv {op} {text}")
    except InputError as exc:
        assert "\n" not in str(exc)


# --- scenario values through the command line -------------------------------------------

KEYS = sorted(loader.load("default").inputs)


def _toml(value: object) -> str:
    """A TOML literal for --set (strings JSON-quoted, which TOML reads the same)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") \
            if math.isinf(value) else repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    return json.dumps(value) if isinstance(value, str) else str(value)


scalars = st.one_of(
    quantity_text, st.integers(min_value=-(10 ** 60), max_value=10 ** 60),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["value", "source", "low", "high",
                                                             "dist", "x"]), inner,
                                            max_size=3)),
    max_leaves=6,
)
raw_text = st.text(max_size=60)  # not TOML at all: --set takes it as text


@CLI_FUZZ
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.one_of(values.map(_toml), raw_text)),
                min_size=1, max_size=3))
def test_any_set_values_exit_0_or_2(settings_: list[tuple[str, str]]):
    args = ["compare", "--format", "json"]
    for key, value in settings_:
        args += ["--set", f"{key}={value}"]
    with tempfile.TemporaryDirectory() as folder:
        result = run(*args, cwd=Path(folder))
    assert result.returncode in (0, 2), result.stderr[-2000:]
    if result.returncode == 2:
        assert len(result.stderr.splitlines()) == 1, result.stderr[-2000:]
        assert "Traceback" not in result.stderr


@CLI_FUZZ
@given(st.text(max_size=400))
def test_any_scenario_text_exits_0_or_2(text: str):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "s.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
        result = run("validate", "s.toml", cwd=Path(folder))
    assert result.returncode in (0, 2), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
