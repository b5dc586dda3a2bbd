"""The job's own mean time between interruptions beside the fabric's (issue 7 review).

The physical table's fabric row is every job together (8,760 h / the option's
interruptions a year); a job of job_gpus sees job_gpus / fabric GPUs of them, so its
MTBI is 8,760 h / (interruptions x job_gpus / fabric GPUs), and the availability row
is that job MTBI / (job MTBI + R): checkable on its face. Hand-worked on a one-switch
fabric of 64 GPUs.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import one_switch_fabric, run_option
from typer.testing import CliRunner

from tco.cli import app

REL = 1e-9
HOURS = 8760.0

#: a 16-GPU job; R = 0.5 h + 1.5 h + 2 h / 2 = 3 h
JOB = """job_gpu_hour_value = "1 USD/hour"
job_gpus = 16
detection_time = "30 min"
restart_time = "1.5 hour"
checkpoint_interval = "2 hour"
"""


def test_job_mtbi_is_the_fabrics_over_the_jobs_share():
    _, a = run_option(one_switch_fabric(JOB, "50 %"), "a")
    # one 64-port switch for 64 GPUs x 50 % = 0.5 failures a year, each takes its links
    # down and stops the job (100 %): 0.5 interruptions a year across the fabric
    assert float(a.physical["interruptions_per_year"]) == pytest.approx(0.5, rel=REL)
    # fabric: 8,760 h / 0.5 = 17,520 h between interruptions (every job together)
    assert float(a.physical["mean_time_between_interruptions_h"]) == pytest.approx(
        17_520.0, rel=REL)
    # the 16-GPU job sees 16 / 64 = 1/4 of them: 0.125 a year, 8,760 / 0.125 = 70,080 h
    assert pytest.approx(70_080.0) == HOURS / (0.5 * 16 / 64)
    assert float(a.physical["job_mtbi_h"]) == pytest.approx(70_080.0, rel=REL)
    # availability = job MTBI / (job MTBI + R) = 70,080 / (70,080 + 3) = 99.99572 %
    assert float(a.physical["job_availability_percent"]) == pytest.approx(
        100 * 70_080 / 70_083, rel=REL)
    # and not the fabric's: 17,520 / (17,520 + 3) would be 99.98288 %
    assert 100 * 17_520 / 17_523 < 100 * 70_080 / 70_083


def test_job_of_the_whole_fabric_has_the_fabrics_mtbi():
    _, a = run_option(one_switch_fabric(JOB.replace("job_gpus = 16", "job_gpus = 64"),
                                    afr="50 %"), "a")
    # 64 / 64 = 1: 8,760 / 0.5 = 17,520 h for both rows
    assert float(a.physical["job_mtbi_h"]) == pytest.approx(17_520.0, rel=REL)
    assert float(a.physical["mean_time_between_interruptions_h"]) == pytest.approx(
        17_520.0, rel=REL)


def test_no_job_mtbi_where_not_priced_or_nothing_interrupts():
    _, given = run_option(one_switch_fabric('interruption_cost = "50000 USD"', "50 %"),
                          "a")
    # the cost of one is given: no job (no recovery time) to weigh, so no job MTBI
    assert np.isnan(float(given.physical["job_mtbi_h"]))
    assert float(given.physical["mean_time_between_interruptions_h"]) == pytest.approx(
        17_520.0, rel=REL)
    _, none = run_option(one_switch_fabric(JOB, "0 %"), "a")
    assert np.isnan(float(none.physical["job_mtbi_h"]))


def test_table_rows_and_json_field(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(one_switch_fabric(JOB, "50 %"), encoding="utf-8")
    out = CliRunner().invoke(app, ["compare", str(path)], env={"COLUMNS": "250"}).stdout
    assert "fabric: mean time between interruptions (h)" in out
    assert "job: mean time between its interruptions (h)" in out
    assert "70,080.0" in out  # 8,760 / (0.5 x 16 / 64), as above
    res = CliRunner().invoke(app, ["compare", str(path), "--format", "json"])
    doc = json.loads(res.stdout)["results"][0]
    a = next(o for o in doc["options"] if o["id"] == "a")
    assert a["physical"]["job_mtbi_h"] == pytest.approx(70_080.0, rel=REL)
    b = next(o for o in doc["options"] if o["id"] == "b")
    assert b["physical"]["job_mtbi_h"] is None  # option b never fails
