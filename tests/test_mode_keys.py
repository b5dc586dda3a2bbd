"""``--set`` and ``--range`` on a failure mode's keys (issue 7): a mode is addressed as
``options.X.PART.failure_modes[N].KEY``, N counted from 1 as in error messages, and
its rate can be sampled by the analysis commands.

The fleet is the 2-switch case of tests/test_failure_modes.py (worked by hand there):
psu faults (fru, 10 %, 500 USD + 0.5 h) and chassis faults (replace_switch, 2 %,
the 10,000 USD switch + 2 h) at 100 USD/h.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_failure_modes import MODES
from test_hardening import one_error_line, run

from tco import engine
from tco.analysis import inputs, uncertainty
from tco.io import loader

REL = 1e-9
CHASSIS = "options.x.switch.failure_modes[2]"


def _raw(text: str = MODES) -> loader.RawScenario:
    return loader.RawScenario(loader.parse_toml(text, "fleet.toml"), "fleet.toml", "scenario")


def _x(sets: list[str], text: str = MODES):
    s = loader.load_raw(_raw(text), sets)
    return next(o for o in engine.evaluate(s).options if o.id == "x")


def test_set_a_modes_rate():
    x = _x([f"{CHASSIS}.afr=4 %"])
    # psu 2 x 10 % x (500 + 0.5 x 100) = 110; chassis now 2 x 4 % x (10,000 + 2 x 100) = 816
    assert float(x.by_year["repairs"][1]) == pytest.approx(110 + 816, rel=REL)


def test_set_a_rate_in_other_units_replaces_the_modes_afr():
    # mtbf 100,000 h: 8,760 / 100,000 = 0.0876 failures per switch-year (afr is dropped)
    x = _x([f"{CHASSIS}.mtbf=100000 hour"])
    assert float(x.by_year["repairs"][1]) == pytest.approx(110 + 2 * 0.0876 * 10_200, rel=REL)
    s = loader.load_raw(_raw(), [f"{CHASSIS}.mtbf=100000 hour"])
    assert s.inputs[f"{CHASSIS}.mtbf"].origin == "--set"
    assert s.inputs[f"{CHASSIS}.afr"].value is None


def test_set_other_mode_keys():
    # the psu fault takes 2 links down for 1 h: 0.2 x 2 x 1 = 0.4 link-hours a year more
    x = _x(["options.x.switch.failure_modes[1].links_per_failure=2",
            "options.x.switch.failure_modes[1].time_to_repair=1 hour"])
    # chassis 0.04 x 64 x 24 = 61.44 link-hours, at 10 USD/h
    assert float(x.by_year["downtime"][1]) == pytest.approx((61.44 + 0.4) * 10, rel=REL)


def test_set_into_a_presets_array(monkeypatch):
    """A file extending a preset may --set a mode the preset wrote."""
    real_text, real_names = loader.preset_text, loader.preset_names
    monkeypatch.setattr(loader, "preset_names", lambda: [*real_names(), "modes"])
    monkeypatch.setattr(loader, "preset_text",
                        lambda name: MODES if name == "modes" else real_text(name))
    raw = _raw('extends = "modes"\n')
    s = loader.load_raw(raw, [f"{CHASSIS}.afr=4 %"])
    x = next(o for o in engine.evaluate(s).options if o.id == "x")
    assert float(x.by_year["repairs"][1]) == pytest.approx(110 + 816, rel=REL)
    assert s.inputs[f"{CHASSIS}.afr"].origin == "--set"
    assert s.inputs["options.x.switch.price"].origin == "preset"


def test_range_samples_a_modes_rate():
    resolved = loader.resolve_raw(_raw(), [], ranges=[f"{CHASSIS}.afr=1..4 %"])
    varied = inputs.ranged(resolved)
    assert [v.path for v in varied] == [f"{CHASSIS}.afr"]
    assert (varied[0].low, varied[0].value, varied[0].high, varied[0].unit) == (1, 2, 4, "%")
    afr = np.array([1.0, 2.0, 4.0])
    s = inputs.build_with(resolved, {f"{CHASSIS}.afr": (varied[0], afr)})
    x = next(o for o in engine.evaluate(s).options if o.id == "x")
    # 110 + 2 x afr x 10,200 per year
    assert np.allclose(x.by_year["repairs"][:, 1], 110 + 2 * afr / 100 * 10_200, rtol=REL)
    u = uncertainty.run(resolved, samples=64, seed=1)
    repairs = u.category_means("x")["repairs"]  # mean present value over the samples
    fixed = uncertainty.run(loader.resolve_raw(_raw()), samples=64, seed=1)
    assert repairs != pytest.approx(fixed.category_means("x")["repairs"], rel=1e-6)


def test_a_ranged_mode_in_the_file_is_sampled():
    text = MODES.replace('afr = "2 %"', 'afr = { value = "2 %", low = "1 %", high = "4 %" }')
    assert [v.path for v in inputs.ranged(loader.resolve_raw(_raw(text)))] == \
        [f"{CHASSIS}.afr"]


def test_mode_keys_are_numeric_inputs_for_delta():
    paths = [i.path for i in inputs.numeric(loader.resolve_raw(_raw()))]
    assert f"{CHASSIS}.afr" in paths
    assert "options.x.switch.failure_modes[1].repair_price" in paths


BAD_SETS = {
    "no such mode": ("options.x.switch.failure_modes[3].afr=1 %",
                     "options.x.switch.failure_modes[3] does not exist"),
    "no modes on the part": ("options.x.optics.failure_modes[1].afr=1 %",
                             "options.x.optics.failure_modes is not an array"),
    "a whole mode": (f"{CHASSIS}=1", "give a key inside"),
    "wrong unit": (f"{CHASSIS}.afr=4 hour", f"{CHASSIS}.afr"),
    "index 0": ("options.x.switch.failure_modes[0].afr=1 %", "[0] is not an entry number"),
    "unknown key": (f"{CHASSIS}.colour=1", f"{CHASSIS}.colour"),
}


@pytest.mark.parametrize("case", sorted(BAD_SETS))
def test_bad_mode_sets_exit_2_with_one_line(case, tmp_path):
    setting, expected = BAD_SETS[case]
    (tmp_path / "s.toml").write_text(MODES)
    one_error_line(run("compare", "s.toml", "--set", setting, cwd=tmp_path), expected)


def test_bad_mode_range_exit_2_with_one_line(tmp_path):
    (tmp_path / "s.toml").write_text(MODES)
    one_error_line(run("sensitivity", "s.toml", "--range",
                       "options.x.switch.failure_modes[3].afr=1..4 %", cwd=tmp_path),
                   "options.x.switch.failure_modes[3].afr")
