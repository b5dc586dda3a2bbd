"""Job interruptions (issue 7, item 4): failures that stop a job x cost per interruption.

A 2-switch fleet of 51.2 Tbit/s switches (64 x 800G ports, all in use), worked by
hand: the x option's switch fails by psu (fru, 10 %, no link down) and by chassis
(replace_switch, 2 %, 64 links down); its optics (64 per switch) fail at 1 % a year,
one link each. The base option never fails.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import one_switch_fabric
from hypothesis import given, settings
from hypothesis import strategies as st
from test_failure_modes import HEAD
from test_hardening import one_error_line, run

from tco import engine
from tco.analysis import inputs
from tco.io import loader

REL = 1e-9

OPTION_X = """
[options.x.switch]
price = "10000 USD"
power = "100 W"

[[options.x.switch.failure_modes]]
name = "psu"
afr = "10 %"
repair = "fru"
repair_price = "500 USD"

[[options.x.switch.failure_modes]]
name = "chassis"
afr = "2 %"
repair = "replace_switch"
interrupt_probability = "50 %"

[options.x.optics]
price = "100 USD"
power = "1 W"
afr = "1 %"
"""

JOB = """job_gpu_hour_value = "2 USD/hour"
job_gpus = 1024
detection_time = "6 min"
restart_time = "24 min"
checkpoint_interval = "1 hour"
interruption_escalation = "10 %"
"""


def scenario(analysis_extra: str = JOB, option: str = OPTION_X) -> str:
    return HEAD.replace("[deployment]", analysis_extra + "\n[deployment]") + option


def _result(text: str, sets: list[str] | None = None):
    raw = loader.RawScenario(loader.parse_toml(text, "fleet.toml"), "fleet.toml", "scenario")
    return engine.evaluate(loader.load_raw(raw, sets or []))


def _x(text: str, sets: list[str] | None = None):
    return next(o for o in _result(text, sets).options if o.id == "x")


def test_two_switches_by_hand():
    x = _x(scenario())
    # interruptions per year, mode by mode: failures x interrupt probability
    psu = 2 * 0.10 * 0.0  # a fru fault takes no link down: 0 % by default
    chassis = 2 * 0.02 * 0.50  # 50 % as given
    optics = 2 * 64 * 0.01 * 1.0  # a link down: 100 % by default
    per_year = psu + chassis + optics
    assert per_year == pytest.approx(1.30)
    assert float(x.physical["interruptions_per_year"]) == pytest.approx(per_year, rel=REL)
    # mean time between interruptions: 8,760 h / 1.3 = 6,738.46 h
    assert float(x.physical["mean_time_between_interruptions_h"]) == pytest.approx(
        8760 / 1.3, rel=REL)
    # cost of one: 1,024 GPUs x 2 USD/h x (0.1 h detection + 0.4 h restart + 1 h / 2)
    each = 1024 * 2 * (0.1 + 0.4 + 0.5)
    assert each == pytest.approx(2048)
    # capped by the job's availability (one job on the fleet, job_gpus = the fleet's):
    # lambda_job R = 1.3 /year x 1 h / 8,760 h = 1.484e-4; 1 / (1 + 1.484e-4)
    up = 1 / (1 + 1.3 * 1.0 / 8760)
    assert float(x.physical["job_availability_percent"]) == pytest.approx(100 * up, rel=REL)
    # year 1: 1.3 x 2,048 = 2,662.4 USD x up = 2,662.005; then +10 % a year; nothing in
    # year 0
    flows = [0.0] + [1.3 * 2048 * 1.1 ** (y - 1) * up for y in range(1, 6)]
    assert np.allclose(x.by_year["interruptions"], flows, rtol=REL)
    # discounted at 8 % (the default) like every yearly cost
    pv = sum(f / 1.08 ** y for y, f in enumerate(flows))
    assert float(x.category_present_values["interruptions"]) == pytest.approx(pv, rel=REL)
    # per part: switch 0.02 x 2,048 = 40.96, optics 1.28 x 2,048 = 2,621.44 in year 1,
    # each x the option's availability
    parts = {p.name: float(p.by_year["interruptions"][1]) for p in x.parts}
    assert parts == pytest.approx({"switch": 40.96 * up, "optics": 2621.44 * up}, rel=REL)
    base = next(o for o in _result(scenario()).options if o.id == "base")
    assert float(base.category_totals["interruptions"]) == 0.0


def test_given_directly():
    text = scenario('interruption_cost = "50000 USD"\n')
    x = _x(text)
    # 1.3 interruptions a year x 50,000 USD, no escalation; a cost given directly is
    # not capped (no recovery time to weigh it by) and reports no availability
    assert np.isnan(float(x.physical["job_availability_percent"]))
    assert np.allclose(x.by_year["interruptions"], [0] + [65_000.0] * 5, rtol=REL)


def test_job_gpus_default_to_the_fabrics():
    text = one_switch_fabric("""\
job_gpu_hour_value = "1 USD/hour"
checkpoint_interval = "0 hour"
detection_time = "0 hour"
restart_time = "1 hour"\
""", "10 %")
    r = _result(text)
    a = next(o for o in r.options if o.id == "a")
    # one switch (64 GPUs on a 64-port leaf) x 10 % = 0.1 interruptions a year, each
    # 64 GPUs x 1 USD/h x 1 h restart = 64 USD, x 1 / (1 + 0.1 x 1 h / 8,760 h)
    assert float(a.by_year["interruptions"][1]) == pytest.approx(
        0.1 * 64 / (1 + 0.1 / 8760), rel=REL)
    assert r.scenario.inputs["analysis.job_gpus"].origin == "derived"
    # per GPU-day: 0.1 / 64 / 365
    assert float(a.per_gpu["interruptions_per_gpu_day"]) == pytest.approx(0.1 / 64 / 365)


def test_not_counted_without_inputs():
    r = _result(scenario(""))
    left = {n.category: n.shown_key for n in r.not_counted}
    assert left["interruptions"] in ("analysis.job_gpu_hour_value",
                                     "analysis.interruption_cost")
    x = next(o for o in r.options if o.id == "x")
    # the physical figures are there all the same: 1.3 interruptions a year
    assert float(x.physical["interruptions_per_year"]) == pytest.approx(1.3, rel=REL)


@settings(max_examples=20, deadline=None)
@given(value=st.floats(0.0, 100.0), k=st.floats(0.0, 10.0))
def test_linear_in_the_gpu_hour_value(value, k):
    def cost(v: float) -> float:
        text = scenario(JOB.replace('"2 USD/hour"', f'"{v!r} USD/hour"'))
        return float(_x(text).category_totals["interruptions"])

    assert cost(k * value) == pytest.approx(k * cost(value), rel=1e-9, abs=1e-6)


@settings(max_examples=20, deadline=None)
@given(p=st.sampled_from(["chassis", "all"]))
def test_zero_interrupt_probability_gives_zero(p):
    option = OPTION_X.replace('interrupt_probability = "50 %"',
                              'interrupt_probability = "0 %"')
    if p == "all":
        option = option.replace('afr = "1 %"', 'afr = "0 %"')
    x = _x(scenario(option=option))
    # year 1: 1.28 optics interruptions x 2,048 USD, x 1 / (1 + 1.28 x 1 h / 8,760 h)
    expected = 0.0 if p == "all" else 2 * 64 * 0.01 * 2048 * 5 / (1 + 1.28 / 8760)
    if p == "all":
        assert float(x.category_totals["interruptions"]) == 0.0
        assert float(x.physical["interruptions_per_year"]) == 0.0
        assert np.isnan(float(x.physical["mean_time_between_interruptions_h"]))
    else:
        assert float(x.by_year["interruptions"][1]) == pytest.approx(expected / 5, rel=REL)


@settings(max_examples=20, deadline=None)
@given(minutes=st.floats(0.0, 600.0), which=st.sampled_from(
    ["detection_time", "restart_time", "checkpoint_interval"]))
def test_unit_invariance_minutes_and_hours(minutes, which):
    def with_time(text: str) -> float:
        job = "\n".join(line for line in JOB.splitlines() if not line.startswith(which))
        return float(_x(scenario(job + f'\n{which} = "{text}"\n')).category_totals[
            "interruptions"])

    assert with_time(f"{minutes!r} min") == pytest.approx(
        with_time(f"{minutes / 60!r} hour"), rel=1e-9, abs=1e-6)


def test_sampling_the_gpu_hour_value_moves_the_category():
    raw = loader.RawScenario(loader.parse_toml(scenario(), "fleet.toml"), "fleet.toml",
                             "scenario")
    resolved = loader.resolve_raw(raw, [], ranges=["analysis.job_gpu_hour_value=1..4 USD/hour"])
    v = next(v for v in inputs.ranged(resolved) if v.path == "analysis.job_gpu_hour_value")
    values = np.array([1.0, 2.0, 4.0])
    s = inputs.build_with(resolved, {v.path: (v, values)})
    x = next(o for o in engine.evaluate(s).options if o.id == "x")
    # year 1: 1.3 interruptions x 1,024 GPUs x value x 1 h, x 1 / (1 + 1.3 x 1 h / 8,760 h)
    assert np.allclose(x.by_year["interruptions"][:, 1],
                       1.3 * 1024 * values / (1 + 1.3 / 8760), rtol=REL)


def test_sampling_a_modes_interrupt_probability_moves_it():
    raw = loader.RawScenario(loader.parse_toml(scenario(), "fleet.toml"), "fleet.toml",
                             "scenario")
    key = "options.x.switch.failure_modes[2].interrupt_probability"
    resolved = loader.resolve_raw(raw, [], ranges=[f"{key}=0..100 %"])
    v = next(v for v in inputs.ranged(resolved) if v.path == key)
    s = inputs.build_with(resolved, {key: (v, np.array([0.0, 100.0]))})
    x = next(o for o in engine.evaluate(s).options if o.id == "x")
    # chassis 0.04 x (0 or 1) + optics 1.28
    assert np.allclose(x.physical["interruptions_per_year"], [1.28, 1.32], rtol=REL)


BAD = {
    "both ways": ('interruption_cost = "50000 USD"\n' + JOB, "analysis.job_gpu_hour_value"),
    "both ways, one key": ('interruption_cost = "50000 USD"\ncheckpoint_interval = "2 hour"\n',
                           "analysis.checkpoint_interval"),
    "no job size": ('job_gpu_hour_value = "2 USD/hour"\n', "analysis.job_gpus"),
    "wrong unit": ('interruption_cost = "5 hour"\n', "analysis.interruption_cost"),
    "time as money": (JOB.replace('"6 min"', '"6 USD"'), "analysis.detection_time"),
    "negative": (JOB.replace('"2 USD/hour"', '"-2 USD/hour"'), "analysis.job_gpu_hour_value"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_inputs_exit_2_with_one_line(case, tmp_path):
    extra, key = BAD[case]
    (tmp_path / "s.toml").write_text(scenario(extra))
    line = one_error_line(run("compare", "s.toml", cwd=tmp_path), key)
    assert "s.toml" in line
