"""Options by id or label in any case; --only, --baseline; explain of every report number."""

from __future__ import annotations

import pytest

from tco import engine
from tco.errors import InputError
from tco.io import loader
from tco.model import select


def test_match_by_id_or_label_in_any_case():
    choices = [("pluggable", "DSP pluggable"), ("cpo", "CPO (external lasers)")]
    assert select.match("CPO", choices) == "cpo"
    assert select.match("dsp  PLUGGABLE", choices) == "pluggable"
    with pytest.raises(InputError, match=r"unknown option 'x' .*pluggable \(DSP pluggable\)"):
        select.match("x", choices)


def test_only_and_baseline_change_what_is_compared():
    s = loader.load(None)
    picked = select.options(s, "CPO (external lasers), lpo", None)
    # the baseline (pluggable) is left out: the first option kept becomes it
    assert [(o.id, o.is_baseline) for o in picked.options] == [("cpo", True), ("lpo", False)]
    assert picked.selection and not any(p.startswith("options.pluggable.")
                                        for p in picked.inputs)
    r = engine.evaluate(select.options(s, None, "lpo"))
    by_id = {o.id: o for o in r.options}
    # savings are measured against the new baseline: lpo total - cpo total
    assert float(by_id["cpo"].savings) == pytest.approx(
        float(by_id["lpo"].total) - float(by_id["cpo"].total))
    with pytest.raises(InputError, match="at least two"):
        select.options(s, "cpo", None)


def test_compare_only_baseline_on_the_command_line(run_tco):
    out = run_tco("compare", "--only", "cpo,LPO", "--baseline", "lpo", "-f", "json").stdout
    import json

    res = json.loads(out)["results"][0]
    assert [o["id"] for o in res["options"]] == ["cpo", "lpo"] and res["baseline"] == "lpo"
    bad = run_tco("compare", "--only", "cpo,nope")
    assert bad.returncode == 2 and "unknown option 'nope'" in bad.stderr


@pytest.mark.parametrize("item, words", [
    ("Total", "= total"), ("npv", "present value = sum over years"),
    ("savings_percent", "x 100 ="), ("break_even", "cumulative cost"),
    ("cost_per_port", "switches x ports_in_use"), ("IT_power_kw", "installed units x power"),
    ("Residual value", "residual")])
def test_explain_every_kind_of_number_by_id_or_label(item, words, run_tco):
    result = run_tco("explain", "--option", "cpo (external lasers)", "--item", item)
    assert result.returncode == 0, result.stderr
    assert words in result.stdout


def test_explain_total_adds_up_the_categories():
    from tco.explain_summary import explain

    r = engine.evaluate(loader.load(None))
    cpo = next(o for o in r.options if o.id == "cpo")
    text = explain(r, "cpo", "total")
    for c, amount in cpo.category_totals.items():
        assert f"{c:<14} {float(amount):>22,.2f} USD" in text
    assert f"= total        {float(cpo.total):>22,.2f} USD" in text
