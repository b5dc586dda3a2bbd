"""The verdict: the answer first, read from the result object (hand-made results here)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from tco.render import verdict as v


def _result(*options, currency="USD", horizon=5, name="Fleet"):
    opts = [SimpleNamespace(id=i, label=label, total=total, present_value=pv,
                            is_baseline=base, break_even_year=be)
            for i, label, total, pv, base, be in options]
    return SimpleNamespace(options=opts, currency=currency, horizon=horizon,
                           scenario=SimpleNamespace(name=name, source="x.toml"))


def test_cheapest_savings_runner_up_and_year():
    r = _result(("plug", "Pluggable", 235.7e6, 228.8e6, True, None),
                ("lpo", "LPO", 200.4e6, 194.7e6, False, 0),
                ("cpo", "CPO", 146.4e6, 141.4e6, False, 2))
    out = v.verdict(r)
    assert [o.id for o in out.ranking] == ["cpo", "lpo", "plug"]
    assert out.cheapest.id == "cpo" and out.runner_up.id == "lpo"
    # 235.7 M - 146.4 M = 89.3 M, that is 89.3 / 235.7 = 37.89 % of the baseline
    assert out.savings_vs_baseline == pytest.approx(89.3e6)
    assert out.savings_vs_baseline_percent == pytest.approx(100 * 89.3 / 235.7)
    # the next best costs 200.4 M - 146.4 M = 54.0 M more
    assert out.margin_vs_runner_up == pytest.approx(54.0e6)
    assert out.from_year == 2
    said = v.lines(out)
    assert said[0] == "CPO is cheapest: 146.4 M USD over 5 years (present value 141.4 M)."
    assert said[1] == ("89.3 M USD (37.9 %) below Pluggable (the baseline) from year 2 on; "
                       "54.0 M USD (26.9 %) below the next best, LPO.")


def test_baseline_cheapest_tie_and_present_value_winner():
    r = _result(("a", "A", 100.0, 90.0, True, None), ("b", "B", 150.0, 80.0, False, -1))
    out = v.verdict(r)
    assert out.cheapest.id == "a" and out.from_year is None
    assert out.present_value_winner_differs
    said = v.lines(out, v.full)
    assert said[1] == "A is the baseline; 50 USD (33.3 %) below the next best, B."
    assert said[2] == "On present value B is cheapest (80 USD)."
    tie = v.verdict(_result(("a", "A", 100.0, 90.0, True, None),
                            ("b", "B", 100.0, 90.0, False, 0)))
    assert tie.tie and v.lines(tie, v.full)[0].startswith("A and B tie as cheapest")


def test_never_breaks_even_is_said_and_null_in_json():
    out = v.verdict(_result(("a", "A", 100.0, 90.0, True, None),
                            ("b", "B", 99.0, 89.0, False, -1)))
    assert "not below the baseline's every year" in v.lines(out, v.full)[1]
    assert v.document(out)["from_year"] is None


@pytest.mark.parametrize("x, shown", [(146_444_083, "146.4 M"), (950_000, "950.0 k"),
                                      (3_683, "3,683"), (0, "0"), (-1_600_000, "-1.6 M"),
                                      (2.5e9, "2.5 B"), (999_960, "1.0 M")])
def test_compact_money(x, shown):
    assert v.compact(x) == shown


def test_json_carries_the_verdict_and_table_opens_with_it(run_tco):
    doc = json.loads(run_tco("compare", "-f", "json").stdout)
    for res in doc["results"]:
        totals = {o["id"]: o["total"] for o in res["options"]}
        verdict = res["verdict"]
        assert verdict["ranking"] == sorted(totals, key=totals.get)
        assert verdict["cheapest"] == min(totals, key=totals.get)
        base = totals[res["baseline"]]
        assert verdict["savings_vs_baseline"] == pytest.approx(base - min(totals.values()))
    table = run_tco("compare", "--no-chart").stdout
    assert table.splitlines()[1].startswith("CPO (external lasers) is cheapest:")
    md = run_tco("compare", "-f", "markdown").stdout
    assert md.split("\n")[2].startswith("**CPO (external lasers) is cheapest:")


def test_hinge_names_a_ranged_input_in_the_verdict(run_tco):
    doc = json.loads(run_tco("compare", "--hinge", "-f", "json").stdout)["results"][0]
    hinge = doc["verdict"]["hinges_on"]
    assert hinge is not None and hinge["key"] in doc["inputs"]
    assert doc["verdict"]["text"].endswith(f"The answer hinges most on {hinge['text']}.")
    assert json.loads(run_tco("compare", "-f", "json").stdout)["results"][0]["verdict"][
        "hinges_on"] is None
