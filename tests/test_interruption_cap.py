"""Job interruptions capped by the job's availability, and switch swaps forced by an
empty spare-port pool counted as interruptions (issue 7).

A job runs MTBI between interruptions and loses R (detection + restart + half the
checkpoint interval) after each; failures while it recovers do not stop it again.
Its lost share of time is lambda_job R / (1 + lambda_job R), lambda_job = the
option's interruptions a year x job GPUs / fabric GPUs, and a year's cost is the
uncapped cost (interruptions x cost of one) / (1 + lambda_job R), at most all the
GPU time. Hand-worked on the 2-switch fleet of 51.2 Tbit/s switches (64 x 800G
ports, all in use) of :func:`conftest.two_switch_fleet`.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import one_switch_fabric, run_option, two_switch_fleet
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hardening import one_error_line, run

from tco import engine

REL = 1e-9
HOURS = 8760.0


def fleet(job: str, afr: str = "68.4375 %") -> str:
    """2 switches that never fail; 128 optics (2 x 64) at ``afr``, one link each."""
    text = two_switch_fleet(64, "base") + f"""
[options.x.switch]
price = "10000 USD"
power = "100 W"

[options.x.optics]
price = "100 USD"
power = "1 W"
afr = "{afr}"
"""
    return text.replace("[deployment]", job + "\n[deployment]")


#: R = 0 + 100 h + 0 / 2 = 100 h; one job of 1,000 GPUs (no [fabric]: it is the fleet's)
JOB = """job_gpu_hour_value = "2 USD/hour"
job_gpus = 1000
detection_time = "0 hour"
restart_time = "100 hour"
checkpoint_interval = "0 hour"
"""


def test_cap_halves_the_cost_when_lambda_r_is_one():
    _, x = run_option(fleet(JOB), "x")
    # interruptions: 128 optics x 68.4375 % = 87.6 a year (each takes a link down: 100 %)
    assert pytest.approx(87.6) == 128 * 0.684375
    assert float(x.physical["interruptions_per_year"]) == pytest.approx(87.6, rel=REL)
    # MTBI = 8,760 h / 87.6 = 100 h = R: lambda_job R = 87.6 /year x 100 h / 8,760 h = 1
    assert float(x.physical["mean_time_between_interruptions_h"]) == pytest.approx(100.0)
    # availability = MTBI / (MTBI + R) = 100 / (100 + 100) = 50 %
    assert float(x.physical["job_availability_percent"]) == pytest.approx(50.0, rel=REL)
    # uncapped: 87.6 x (1,000 GPUs x 2 USD/h x 100 h = 200,000 USD) = 17,520,000 USD a year;
    # capped: / (1 + 1) = 8,760,000 = 1,000 GPUs x 2 USD/h x 8,760 h x 50 % lost
    assert pytest.approx(1000 * 2 * HOURS * 0.5) == 87.6 * 1000 * 2 * 100 / 2
    assert np.allclose(x.by_year["interruptions"], [0.0] + [8_760_000.0] * 5, rtol=REL)


def test_a_job_sees_its_share_of_the_fabrics_failures():
    text = one_switch_fabric("""\
job_gpu_hour_value = "1 USD/hour"
job_gpus = 16
checkpoint_interval = "0 hour"
detection_time = "0 hour"
restart_time = "8760 hour"\
""", "10 %")
    _, a = run_option(text, "a")
    # one 64-port leaf for 64 GPUs x 10 % = 0.1 interruptions a year; a 16-GPU job sees
    # 16 / 64 of them: lambda_job = 0.025 /year; R = 8,760 h: lambda_job R = 0.025
    assert float(a.physical["job_availability_percent"]) == pytest.approx(100 / 1.025,
                                                                          rel=REL)
    # uncapped: 0.1 x 16 GPUs x 1 USD/h x 8,760 h = 14,016 USD; capped / 1.025
    # = 64 GPUs x 1 USD/h x 8,760 h x 0.025 / 1.025 lost = 13,674.15 USD
    assert pytest.approx(64 * HOURS * 0.025 / 1.025) == 0.1 * 16 * HOURS / 1.025
    assert float(a.by_year["interruptions"][1]) == pytest.approx(0.1 * 16 * HOURS / 1.025,
                                                                rel=REL)


CPO = two_switch_fleet(64, "base") + """
[options.cpo.switch]
price = "10000 USD"
power = "100 W"

[[options.cpo.switch.failure_modes]]
name = "chassis"
afr = "2 %"
repair = "replace_switch"
interrupt_probability = "50 %"

[options.cpo.optics]
integral = true
price = "100 USD"
power = "1 W"
afr = "1 %"
repair = "spare_port"
"""


def test_forced_switch_swaps_are_interruptions():
    job = JOB.replace('"100 hour"', '"1 hour"')
    _, x = run_option(CPO.replace("[deployment]", job + "\n[deployment]"), "cpo")
    # no spare bought and every port in use: a pool of 0, so every port fault forces a
    # swap: 64 x 1 % = 0.64 swaps per switch a year, 1.28 across the 2 switches
    assert float(x.physical["spare_ports_per_switch"]) == 0.0
    assert float(x.physical["spare_port_swaps_per_year"]) == pytest.approx(1.28, rel=REL)
    # interruptions a year: port faults 1.28 x 100 % (a link down) + the swaps they force
    # 1.28 x 50 % (the chassis mode's: a swap takes every link of the switch down) +
    # chassis faults 2 x 2 % x 50 % = 1.28 + 0.64 + 0.02 = 1.94
    assert float(x.physical["interruptions_per_year"]) == pytest.approx(1.94, rel=REL)
    optics = next(p for p in x.parts if p.name == "optics")
    assert float(optics.interruptions_per_year) == pytest.approx(1.92, rel=REL)
    # cost: 1.94 x (1,000 GPUs x 2 USD/h x 1 h = 2,000 USD) / (1 + 1.94 x 1 h / 8,760 h)
    up = 1 / (1 + 1.94 / HOURS)
    assert np.allclose(x.by_year["interruptions"], [0.0] + [1.94 * 2000 * up] * 5,
                       rtol=REL)
    # the same swaps with a chassis mode that never stops a job: only 1.28 + 0
    _, y = run_option(CPO.replace("[deployment]", job + "\n[deployment]").replace(
        '"50 %"', '"0 %"'), "cpo")
    assert float(y.physical["interruptions_per_year"]) == pytest.approx(1.28, rel=REL)


def test_a_given_cost_is_not_capped():
    _, x = run_option(fleet('interruption_cost = "200000 USD"\n'), "x")
    # 87.6 x 200,000 USD = 17,520,000 USD a year, as given (no recovery time to cap it)
    assert np.allclose(x.by_year["interruptions"], [0.0] + [17_520_000.0] * 5, rtol=REL)
    assert np.isnan(float(x.physical["job_availability_percent"]))


def _cost(job: str, afr: float) -> tuple[float, float]:
    _, x = run_option(fleet(job, f"{afr!r} %"), "x")
    return (float(x.by_year["interruptions"][1]),
            float(x.physical["interruptions_per_year"]))


@settings(max_examples=25, deadline=None)
@given(afr=st.floats(0.0, 100.0), restart=st.floats(0.0, 8760.0),
       value=st.floats(0.0, 100.0), gpus=st.integers(1, 100_000))
def test_capped_cost_is_below_uncapped_and_all_gpu_time(afr, restart, value, gpus):
    job = (f'job_gpu_hour_value = "{value!r} USD/hour"\njob_gpus = {gpus}\n'
           f'detection_time = "0 hour"\ncheckpoint_interval = "0 hour"\n'
           f'restart_time = "{restart!r} hour"\n')
    cost, per_year = _cost(job, afr)
    uncapped = per_year * gpus * value * restart
    assert cost <= uncapped * (1 + 1e-12) + 1e-9
    assert cost <= gpus * value * HOURS * (1 + 1e-12) + 1e-9
    assert cost >= 0.0


@settings(max_examples=15, deadline=None)
@given(afr=st.floats(0.1, 100.0))
def test_cap_tends_to_uncapped_as_recovery_tends_to_zero(afr):
    def at(restart_h: float) -> float:
        job = JOB.replace('"100 hour"', f'"{restart_h!r} hour"')
        cost, per_year = _cost(job, afr)
        return cost / (per_year * 1000 * 2 * restart_h)  # capped / uncapped

    ratios = [at(r) for r in (1.0, 1e-2, 1e-4)]
    assert ratios[0] <= ratios[1] <= ratios[2] <= 1.0 + 1e-12
    assert ratios[2] == pytest.approx(1.0, abs=1e-5)


@settings(max_examples=15, deadline=None)
@given(minutes=st.floats(0.0, 6000.0), afr=st.floats(0.0, 100.0))
def test_unit_invariance(minutes, afr):
    job_min = JOB.replace('"100 hour"', f'"{minutes!r} min"')
    job_h = JOB.replace('"100 hour"', f'"{minutes / 60!r} hour"')
    assert _cost(job_min, afr)[0] == pytest.approx(_cost(job_h, afr)[0], rel=1e-9, abs=1e-6)


def test_a_job_larger_than_the_fabric_is_the_whole_fabric():
    text = one_switch_fabric("""\
job_gpu_hour_value = "1 USD/hour"
job_gpus = 65\
""")
    s, a = run_option(text, "a")
    # 65 GPUs on a 64-GPU fabric: the job runs on all 64 (a sweep of fabric.gpus below a
    # preset's job size stays valid), and the result says so
    assert float(s.analysis.job_gpus.magnitude) == 64.0
    assert float(a.physical["job_availability_percent"]) == 100.0  # no failures given
    r = engine.evaluate(s)
    assert any("analysis.job_gpus = 65 is more than the fabric's 64 GPUs" in w
               for w in r.warnings)


def test_a_parts_interrupt_probability():
    text = fleet(JOB.replace('"100 hour"', '"1 hour"'), "1 %").replace(
        'afr = "1 %"\n', 'afr = "1 %"\ninterrupt_probability = "25 %"\n')
    _, x = run_option(text, "x")
    # 128 optics x 1 % = 1.28 failures a year, a quarter of them stop the job: 0.32
    assert float(x.physical["interruptions_per_year"]) == pytest.approx(0.32, rel=REL)
    # 0.32 x (1,000 GPUs x 2 USD/h x 1 h) / (1 + 0.32 x 1 h / 8,760 h)
    assert float(x.by_year["interruptions"][1]) == pytest.approx(
        0.32 * 2000 / (1 + 0.32 / HOURS), rel=REL)


def test_a_parts_interrupt_probability_and_failure_modes_is_refused(tmp_path):
    text = CPO.replace('afr = "1 %"\nrepair = "spare_port"\n',
                       'interrupt_probability = "50 %"\n\n'
                       '[[options.cpo.optics.failure_modes]]\nname = "lane"\nafr = "1 %"\n'
                       'repair = "spare_port"\n')
    (tmp_path / "s.toml").write_text(text)
    line = one_error_line(run("compare", "s.toml", cwd=tmp_path),
                          "options.cpo.optics.interrupt_probability")
    assert "s.toml" in line and "not both" in line


def test_a_parts_interrupt_probability_over_100_percent_is_refused(tmp_path):
    text = fleet(JOB, "1 %").replace('afr = "1 %"\n',
                                     'afr = "1 %"\ninterrupt_probability = "120 %"\n')
    (tmp_path / "s.toml").write_text(text)
    line = one_error_line(run("compare", "s.toml", cwd=tmp_path),
                          "options.x.optics.interrupt_probability")
    assert "s.toml" in line
