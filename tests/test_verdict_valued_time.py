"""The verdict says how much of its answer is valued time (job interruptions, downtime)
rather than cash, and which option is cheapest without it (hand-worked)."""

from __future__ import annotations

from types import SimpleNamespace

from tco.render.verdict import lines, verdict


def _option(id_, total, interruptions, downtime, baseline=False):
    return SimpleNamespace(id=id_, label=id_.upper(), total=total, present_value=total,
                           is_baseline=baseline, break_even_year=None,
                           category_totals={"interruptions": interruptions,
                                            "downtime": downtime, "equipment": 1.0})


def _result(*options):
    return SimpleNamespace(options=list(options), currency="USD", horizon=5,
                           scenario=SimpleNamespace(name="s", source="s"))


def test_winner_without_valued_time_is_named():
    # base 100 (interruptions 30, downtime 10: cash 60); a 70 (5 + 5: cash 60);
    # b 80 (2 + 1: cash 77). a is cheapest, 30 below base; of that saving
    # (30 + 10) - (5 + 5) = 30 is valued time, 100 %. Without it: base 60, a 60, b 77:
    # base and a tie at 60; the ranking's order keeps a (cheapest first) -> a stays,
    # 60 - 60 = 0 below base.
    v = verdict(_result(_option("base", 100.0, 30.0, 10.0, baseline=True),
                        _option("a", 70.0, 5.0, 5.0), _option("b", 80.0, 2.0, 1.0)))
    t = v.valued_time
    assert t.categories == ("interruptions", "downtime")
    assert t.saving == 30.0 and t.without.id == "a" and t.without_saving == 0.0
    text = " ".join(lines(v, money=lambda x: f"{x:g}"))
    assert "30 USD of the 30 saving (100.0 %)" in text
    assert "without them A stays cheapest, 0 USD below BASE" in text


def test_flip_without_valued_time():
    # base 100 (interruptions 40: cash 60); a 70 (interruptions 20: cash 50);
    # b 75 (interruptions 30: cash 45). a is cheapest by total, 30 below base, of which
    # 40 - 20 = 20 (66.7 %) is valued time; without it b is cheapest, 60 - 45 = 15 below.
    v = verdict(_result(_option("base", 100.0, 40.0, 0.0, baseline=True),
                        _option("a", 70.0, 20.0, 0.0), _option("b", 75.0, 30.0, 0.0)))
    assert v.valued_time.categories == ("interruptions",)
    text = " ".join(lines(v, money=lambda x: f"{x:g}"))
    assert "Job interruptions are time valued at a price (analysis.job_gpu_hour_value)" \
        in text
    assert "20 USD of the 30 saving (66.7 %)" in text
    assert "without them B would be cheapest, 15 USD below BASE." in text


def test_small_share_and_no_flip_says_nothing():
    # base 100 (downtime 2); a 70 (downtime 1): 1 of the 30 saving (3 %) is downtime,
    # under a tenth, and a stays cheapest: no sentence
    v = verdict(_result(_option("base", 100.0, 0.0, 2.0, baseline=True),
                        _option("a", 70.0, 0.0, 1.0)))
    assert v.valued_time is not None
    assert not any("valued" in line for line in lines(v))


def test_no_valued_time_category():
    v = verdict(_result(_option("base", 100.0, 0.0, 0.0, baseline=True),
                        _option("a", 70.0, 0.0, 0.0)))
    assert v.valued_time is None
