"""Ranges on scenario values: written in TOML or with --range, checked like values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tco import engine
from tco.errors import InputError
from tco.io import loader


def _scenario(tmp_path: Path, price: str) -> str:
    path = tmp_path / "s.toml"
    path.write_text('extends = "default"\n[options.cpo.switch]\n'
                    f"price = {price}\n", encoding="utf-8")
    return str(path)


def _input(resolved, path: str):
    sections = [resolved.top, resolved.analysis, resolved.deployment]
    for _, opt, parts in resolved.options:
        sections += [opt, *parts.values()]
    return next(t[k] for t in sections for k in t if t[k].path == path)


def test_a_range_is_read_with_its_unit_and_distribution(tmp_path: Path):
    target = _scenario(tmp_path, '{ value = "75 kUSD", low = "60000 USD", high = "0.11 MUSD", '
                                 'dist = "triangular", source = "x" }')
    item = _input(loader.resolve(target), "options.cpo.switch.price")
    assert item.value.magnitude == pytest.approx(75000)
    assert item.low.to("USD").magnitude == pytest.approx(60000)
    assert item.high.to("USD").magnitude == pytest.approx(110000)
    assert item.dist == "triangular" and item.source == "x"


def test_pert_is_the_default_distribution(tmp_path: Path):
    target = _scenario(tmp_path, '{ value = "75000 USD", low = "60000 USD", high = "90000 USD" }')
    assert _input(loader.resolve(target), "options.cpo.switch.price").dist == "pert"


@pytest.mark.parametrize(("price", "message"), [
    ('{ value = "75000 USD", low = "60 W", high = "90000 USD" }', "amount of money"),
    ('{ value = "75000 USD", low = "80000 USD", high = "90000 USD" }', "low <= value <= high"),
    ('{ value = "75000 USD", low = "60000 USD" }', "both low and high"),
    ('{ value = "75000 USD", low = "6 USD", high = "9e5 USD", dist = "normal" }', "pert"),
    ('{ value = "75000 USD", dist = "uniform" }', "needs a range"),
    ('{ value = "75000 USD", low = "-1 USD", high = "9e5 USD" }', "at least 0"),
    ('{ value = "75000 USD", low = "0 USD", high = "9e5 USD", dist = "lognormal" }',
     "above zero"),
])
def test_bad_ranges_name_the_key(tmp_path: Path, price: str, message: str):
    target = _scenario(tmp_path, price)
    with pytest.raises(InputError, match=message) as info:
        loader.resolve(target)
    assert "options.cpo.switch.price" in str(info.value)


def test_compare_ignores_ranges(tmp_path: Path):
    plain = _scenario(tmp_path, '"75000 USD"')
    a = engine.evaluate(loader.load(plain))
    ranged = _scenario(tmp_path, '{ value = "75000 USD", low = "1 USD", high = "9e6 USD" }')
    b = engine.evaluate(loader.load(ranged))
    assert [float(o.present_value) for o in a.options] == \
        [float(o.present_value) for o in b.options]


def test_range_option_sets_a_range_on_a_default_and_takes_the_high_unit():
    resolved = loader.resolve(None, ranges=[
        "analysis.labour_rate=80..120 USD/hour:uniform",
        "options.cpo.optics.spares=5..10 %"])
    labour = _input(resolved, "analysis.labour_rate")
    assert (labour.low.magnitude, labour.high.magnitude, labour.dist) == (80, 120, "uniform")
    spares = _input(resolved, "options.cpo.optics.spares")
    assert (spares.low.magnitude, spares.high.magnitude) == (5, 10)


@pytest.mark.parametrize(("text", "message"), [
    ("analysis.horizon=3..7 year", "sweep it instead"),
    ("deployment.switches=900..1100", "only quantities and numbers"),
    ("analysis.nope=1..2", "no such key"),
    ("analysis.pue", "KEY=LOW..HIGH"),
    ("analysis.pue=1.4", "LOW..HIGH"),
    ("analysis.pue_air=0.5..2", "at least 1"),
    ("options.cpo.switch.price=1..2 W", "amount of money"),
])
def test_bad_range_options_are_refused(text: str, message: str):
    with pytest.raises(InputError, match=message) as info:
        loader.resolve(None, ranges=[text])
    assert "--range" in str(info.value)


def test_the_default_preset_ranges_hold_their_values():
    resolved = loader.resolve(None)
    sections = [resolved.analysis, *(t for _, o, p in resolved.options for t in (o, *p.values()))]
    ranged = [i for t in sections for i in t.values() if i.ranged]
    assert len(ranged) >= 20
    for i in ranged:
        low, value, high = (float(getattr(q, "magnitude", q)) for q in (i.low, i.value, i.high))
        assert low <= value <= high, i.path
