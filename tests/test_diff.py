"""tco diff: inputs first, then signed changes in totals, present value, savings, rank,
categories and physical metrics; hand-made results with the arithmetic written out."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from analysis_cases import write
from test_terminal import _check_fits, run_in_terminal
from typer.testing import CliRunner

from tco import diff
from tco.cli import app
from tco.render import diff_view
from tco.render.schema import schema

runner = CliRunner()


def _option(oid: str, label: str, equipment: float, energy: float, pv: float,
            savings: float, power_kw: float, baseline: bool = False) -> dict:
    return {"id": oid, "label": label, "baseline": baseline,
            "total": equipment + energy, "present_value": pv, "savings": {"total": savings},
            "categories": {"equipment": {"total": equipment}, "energy": {"total": energy}},
            "physical": {"it_power_kw": power_kw, "spare_ports_run_out_years": None}}


def _result(price: str, options: list[dict]) -> dict:
    return {"scenario": {"name": "tiny", "description": "", "source": "tiny.toml"},
            "currency": "USD", "horizon_years": 1, "baseline": "a", "options": options,
            "inputs": {"name": {"value": "tiny"},
                       "analysis.electricity_price": {"value": float(price), "unit": "USD/kWh",
                                                      "given": f"{price} USD/kWh"},
                       "options.a.switch.price": {"value": 100.0, "unit": "USD",
                                                  "given": "100 USD"}}}


#: base: Alpha (the baseline) = 100 equipment + 60 energy = 160 USD, present value 150;
#: Beta = 120 + 30 = 150 USD, present value 140, saves 160 - 150 = 10 USD: Beta wins.
BASE = {"results": [_result("0.10", [_option("a", "Alpha", 100, 60, 150, 0, 10, True),
                                     _option("b", "Beta", 120, 30, 140, 10, 5)])]}
#: new: electricity at half the price halves energy: Alpha = 100 + 30 = 130 (PV 125),
#: Beta = 120 + 15 = 135 (PV 130), saves 130 - 135 = -5 USD: Alpha wins. Alpha's IT
#: power is edited from 10 to 12 kW to have a physical change.
NEW = {"results": [_result("0.05", [_option("a", "Alpha", 100, 30, 125, 0, 12, True),
                                    _option("b", "Beta", 120, 15, 130, -5, 5)])]}


def test_inputs_winner_totals_savings_rank_by_hand():
    (d,) = diff.diff(BASE, NEW)
    assert d.name == "tiny"  # named once
    # only the input that changed; the name is not an input
    assert [(c.path, c.base, c.new, c.base_given, c.new_given) for c in d.inputs] == [
        ("analysis.electricity_price", 0.10, 0.05, "0.10 USD/kWh", "0.05 USD/kWh")]
    assert d.winner == ("b", "a") and d.winner_line == "winner changed: Beta -> Alpha"
    a, b = d.options  # in the new ranking: Alpha first
    assert (a.id, a.rank, b.id, b.rank) == ("a", (2, 1), "b", (1, 2))
    # Alpha: 130 - 160 = -30 USD, -30 / 160 = -18.75 %; present value 125 - 150 = -25
    assert (a.total.change, a.total.change_percent) == (-30, pytest.approx(-18.75))
    assert a.present_value.change == 125 - 150
    # Beta: 135 - 150 = -15 USD (-10 %); its savings 10 -> -5 USD: -15
    assert (b.total.change, b.total.change_percent) == (-15, pytest.approx(-10.0))
    assert (b.savings.base, b.savings.new, b.savings.change) == (10, -5, -15)
    # categories: only energy moved, 60 -> 30 (-50 %) and 30 -> 15 (-50 %)
    assert [(c.option, c.item, c.change, c.change_percent) for c in d.categories] == [
        ("a", "energy", -30, pytest.approx(-50.0)), ("b", "energy", -15, pytest.approx(-50.0))]
    # physical: Alpha's IT power 12 - 10 = +2 kW; an undefined metric on both sides is no change
    assert [(m.option, m.metric, m.unit, m.change) for m in d.physical] == [
        ("a", "it_power_kw", "kW", 2)]


def test_signed_cells_and_one_heading():
    (d,) = diff.diff(BASE, NEW)
    grids = diff_view.grids(d)
    assert [g.name for g in grids] == ["inputs", "totals", "present_value", "savings",
                                       "categories", "physical"]
    totals = grids[1].rows
    assert totals[0] == ["Alpha", "a", "2 -> 1", "160", "130", "-30", "-18.8 %"]
    assert totals[1] == ["Beta", "b", "1 -> 2", "150", "135", "-15", "-10.0 %"]
    assert grids[3].rows[0][2:] == ["0", "0", "0"]  # the baseline saves nothing
    assert grids[5].rows == [["Alpha", "a", "", "", ""],
                             ["  IT power at the wall (kW)", "it_power_kw", "10.0", "12.0",
                              "+2.0"]]
    text = diff_view.markdown([d])
    assert text.count("tiny") == 1
    assert "**Winner changed: Beta -> Alpha (total 160 -> 130 USD, -30)**" in text


def test_json_document_matches_the_shipped_schema():
    doc = diff.document(diff.diff(BASE, NEW), "base.json", "new.json")
    jsonschema.validate(doc, schema("diff"), cls=jsonschema.Draft202012Validator)
    s = doc["scenarios"][0]
    assert s["winner"] == {"base": "b", "new": "a", "changed": True,
                           "text": "winner changed: Beta -> Alpha"}
    assert s["options"][0]["total"] == {"base": 160, "new": 130, "change": -30,
                                        "change_percent": pytest.approx(-18.75)}
    # the flat list: each option's energy, total and present value
    assert [(c["option"], c["item"], c["change"]) for c in doc["changes"]] == [
        ("a", "energy", -30), ("a", "total", -30), ("a", "present_value", -25),
        ("b", "energy", -15), ("b", "total", -15), ("b", "present_value", -10)]


def test_an_option_added_and_one_removed():
    new = copy.deepcopy(BASE)
    gamma = _option("c", "Gamma", 50, 50, 90, 60, 1)  # 50 + 50 = 100 USD
    new["results"][0]["options"] = [new["results"][0]["options"][0], gamma]
    new["results"][0]["inputs"]["options.c.switch.price"] = {"value": 1.0, "unit": "USD"}
    (d,) = diff.diff(BASE, new)
    assert d.inputs == []  # the inputs of an added option are not listed as changed
    # new ranking: Gamma (100) then Alpha (160); Beta (base rank 1) is gone
    assert [(o.id, o.rank) for o in d.options] == [("c", (None, 1)), ("a", (2, 2)),
                                                   ("b", (1, None))]
    assert d.winner_line == "winner changed: Beta -> Gamma"
    assert [(c.option, c.item, c.base, c.new) for c in diff.flat([d])] == [
        ("c", "option", None, 100), ("b", "option", 150, None)]


def test_nothing_changed_is_empty():
    (d,) = diff.diff(BASE, copy.deepcopy(BASE))
    assert d.empty and d.winner_line == "winner unchanged: Beta"


def _two(tmp_path: Path) -> tuple[str, str]:
    """Two saved results of the two-option case: a = 150 + 10 = 160 USD (the baseline),
    b = 150 USD; then a's switch at 100 USD: a = 100 + 10 = 110 USD."""
    target = write(tmp_path)
    base, new = str(tmp_path / "base.json"), str(tmp_path / "new.json")
    for out, extra in ((base, []), (new, ["--set", "options.a.switch.price=100 USD"])):
        result = runner.invoke(app, ["compare", target, "-o", out, *extra])
        assert result.exit_code == 0, result.output
    return base, new


def test_diff_of_saved_results_on_the_command_line(tmp_path: Path):
    base, new = _two(tmp_path)
    result = runner.invoke(app, ["diff", base, new, "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema("diff"), cls=jsonschema.Draft202012Validator)
    s = doc["scenarios"][0]
    assert [(i["path"], i["base_given"], i["new_given"]) for i in s["inputs"]] == [
        ("options.a.switch.price", "150 USD", "100 USD")]
    assert s["winner"]["text"] == "winner changed: b -> a"
    a = next(o for o in s["options"] if o["id"] == "a")
    # 110 - 160 = -50 USD, -50 / 160 = -31.25 %; b saves 160 - 150 = 10, then 110 - 150 = -40
    assert a["total"] == {"base": 160, "new": 110, "change": -50, "change_percent": -31.25}
    b = next(o for o in s["options"] if o["id"] == "b")
    assert b["savings"]["base"] == pytest.approx(10) and b["savings"]["new"] == pytest.approx(-40)
    table = runner.invoke(app, ["diff", base, new]).stdout
    assert table.index("Inputs that changed") < table.index("Winner changed: b -> a")
    assert table.count("two options") == 1  # the scenario named once


def test_diff_fits_80_columns_on_a_terminal(tmp_path: Path):
    base, new = _two(tmp_path)
    code, out = run_in_terminal("diff", base, new)
    assert code == 0, out
    _check_fits(out, 80)
    assert "Winner changed: b -> a (total 160 -> 110 USD, -50)" in out


def test_csv_is_one_tidy_table_of_every_section(tmp_path: Path):
    """The sections of the table, a row per figure, named in `section`."""
    import csv
    import io

    base, new = _two(tmp_path)
    result = runner.invoke(app, ["diff", base, new, "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["scenario", "section", "option", "item", "unit", "base", "new",
                             "change", "change_percent"]
    assert {r["scenario"] for r in rows} == {"two options"}
    got = {(r["section"], r["option"], r["item"]):
           (r["unit"], r["base"], r["new"], r["change"], r["change_percent"]) for r in rows}
    # a's switch 150 -> 100 USD: -50, -50 / 150 = -33.33 %
    unit, b, n, change, pct = got[("inputs", "a", "options.a.switch.price")]
    assert (unit, float(b), float(n), float(change)) == ("USD", 150, 100, -50)
    assert float(pct) == pytest.approx(-100 / 3)
    assert got[("winner", "", "winner")][1:3] == ("b", "a")
    assert got[("winner", "", "baseline")][1:3] == ("a", "a")
    # a: 150 + 10 = 160 -> 100 + 10 = 110 USD, -50, -50 / 160 = -31.25 %; rank 2 -> 1
    assert [float(x) for x in got[("totals", "a", "total")][1:]] == [160, 110, -50, -31.25]
    assert got[("totals", "a", "rank")] == ("", "2", "1", "-1", "")
    assert got[("totals", "b", "rank")] == ("", "1", "2", "1", "")
    assert [float(x) for x in got[("present_value", "a", "present_value")][1:]] == [
        160, 110, -50, -31.25]
    # b saves 160 - 150 = 10, then 110 - 150 = -40: -50 (no percentage, as in the table)
    unit, b, n, change, pct = got[("savings", "b", "savings")]
    assert (unit, float(b), float(n), float(change), pct) == ("USD", 10, -40, -50, "")
    assert [float(x) for x in got[("categories", "a", "equipment")][1:]] == [
        160, 110, -50, -31.25]
    assert {r["section"] for r in rows} == {"inputs", "winner", "totals", "present_value",
                                            "savings", "categories"}  # no physical moved


def test_csv_carries_the_physical_metrics_that_changed():
    (d,) = diff.diff(BASE, NEW)
    lines = diff_view.csv_text([d]).splitlines()
    # Alpha's IT power 10 -> 12 kW: +2 kW (no percentage, as in the table)
    assert "tiny,physical,a,it_power_kw,kW,10.0,12.0,2.0," in lines
    # Beta's energy 30 -> 15 USD: -15, -15 / 30 = -50 %
    assert "tiny,categories,b,energy,USD,30.0,15.0,-15.0,-50.0" in lines
