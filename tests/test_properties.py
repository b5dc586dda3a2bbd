"""Property tests over the engine: sums, discounting, linearity, price rises, units.

Scenarios start from the bundled default preset and vary it with ``--set``-style
overrides (or by editing the raw TOML data where a key must be removed).
"""

from __future__ import annotations

import copy
import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tco import engine
from tco.io import loader
from tco.model import build, derived, validate

OPTION_IDS = ("pluggable", "lpo", "npo", "cpo")
CATEGORIES = tuple(engine.CATEGORIES)
PART_CATEGORIES = ("equipment", "spares", "installation", "repairs", "downtime",
                   "replacement", "residual")
REL = 1e-9

PRESET = loader.read(None)

# about 25 examples each: the whole file runs in well under a minute
FAST = settings(max_examples=25, deadline=None)


def _num(x: float) -> str:
    """A float as text a scenario accepts (repr round-trips exactly)."""
    return repr(float(x))


def evaluate(overrides=(), data=None):
    """Load the default preset (or edited raw data), apply overrides, evaluate."""
    raw = PRESET if data is None else loader.RawScenario(data, PRESET.source, PRESET.origin)
    raw = loader.apply_overrides(raw, list(overrides))
    resolved = validate.Reader(raw.source, raw.set_paths, raw.origin).read(raw.data)
    return engine.evaluate(build.build(resolved))


def drawn(overrides, key):
    """The number written for ``key`` in an override list (the last one wins)."""
    text = [s.split("=", 1)[1] for s in overrides if s.split("=", 1)[0] == key][-1]
    return float(text.split()[0])


def by_id(result):
    return {o.id: o for o in result.options}


def tol(*values):
    """An absolute tolerance for sums that may cancel: 1e-9 of the magnitudes involved."""
    return 1e-9 * max([1.0, *(abs(float(v)) for v in values)])


# --------------------------------------------------------------------------------------
# strategies
# --------------------------------------------------------------------------------------

money = st.floats(min_value=0.0, max_value=500.0, allow_nan=False, allow_infinity=False)
price_per_kwh = st.floats(min_value=0.01, max_value=0.5, allow_nan=False)
percent = st.floats(min_value=0.0, max_value=15.0, allow_nan=False)
lives = st.floats(min_value=0.25, max_value=12.0, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def varied(draw, horizon=None):
    """Overrides that make every category non-zero somewhere, with drawn values."""
    h = draw(st.integers(1, 10)) if horizon is None else horizon
    out = [
        "deployment.switch_capacity=51.2 Tbit/s",
        "deployment.port_speed=800 Gbit/s",
        f"analysis.horizon={h} year",
        f"deployment.switches={draw(st.integers(1, 5000))}",
        f"analysis.electricity_price={_num(draw(price_per_kwh))} USD/kWh",
        f"analysis.electricity_escalation={_num(draw(st.floats(-5.0, 10.0)))} %",
        f"analysis.discount_rate={_num(draw(percent))} %",
        f"analysis.pue={_num(draw(st.floats(1.0, 2.0)))}",
        f"analysis.carbon_price={_num(draw(money))} USD/tCO2e",
        f"analysis.downtime_cost={_num(draw(money))} USD/hour",
        f"analysis.labour_rate={_num(draw(money))} USD/hour",
        f"analysis.cooling_capex_air={_num(draw(money))} USD/kW",
        f"analysis.cooling_capex_liquid={_num(draw(money))} USD/kW",
        f"options.npo.cooling={draw(st.sampled_from(['air', 'liquid']))}",
        # the properties below are about free-standing parts (with their own life,
        # salvage and spares); parts built into the switch: tests/test_integral.py
        "options.cpo.optics.integral=false",
    ]
    for key in OPTION_IDS:
        out.append(f"options.{key}.optics.life={_num(draw(lives))} year")
        out.append(f"options.{key}.optics.salvage={_num(draw(st.floats(0.0, 50.0)))} %")
        out.append(f"options.{key}.optics.install_labour={_num(draw(st.floats(0.0, 1.0)))} hour")
    out.append(f"options.pluggable.switch.life={_num(draw(lives))} year")
    out.append(f"options.cpo.lasers.life={_num(draw(lives))} year")
    return out


# --------------------------------------------------------------------------------------
# (a) totals add up
# --------------------------------------------------------------------------------------


@FAST
@given(varied())
def test_totals_add_up_and_discount(overrides):
    result = evaluate(overrides)
    horizon = result.horizon
    for o in result.options:
        cats = [float(o.category_totals[c]) for c in CATEGORIES]
        years = [float(v) for v in o.year_totals]
        assert len(years) == horizon + 1
        scale = tol(*cats, *years)
        assert float(o.total) == pytest.approx(sum(cats), rel=REL, abs=scale)
        assert float(o.total) == pytest.approx(sum(years), rel=REL, abs=scale)
        # each year's total is the sum of the categories booked that year
        for y in range(horizon + 1):
            in_year = [float(o.by_year[c][y]) for c in CATEGORIES]
            assert years[y] == pytest.approx(sum(in_year), rel=REL, abs=scale)
        # each part-level category is the sum over the parts
        for c in PART_CATEGORIES:
            parts_sum = sum(float(sum(p.by_year[c])) for p in o.parts)
            assert float(o.category_totals[c]) == pytest.approx(parts_sum, rel=REL, abs=scale)
        assert float(o.cumulative[-1]) == pytest.approx(float(o.total), rel=REL, abs=scale)
        # present value: year 0 undiscounted, the end of year y divided by (1 + r)^y
        r = drawn(overrides, "analysis.discount_rate") / 100
        assert float(o.present_value) == pytest.approx(
            sum(f / (1.0 + r) ** y for y, f in enumerate(years)), rel=REL, abs=scale)
        pv_cats = sum(float(o.category_present_values[c]) for c in CATEGORIES)
        assert float(o.present_value) == pytest.approx(pv_cats, rel=REL, abs=scale)


# --------------------------------------------------------------------------------------
# (b) discounting
# --------------------------------------------------------------------------------------


@FAST
@given(varied())
def test_present_value_at_zero_discount_is_the_total(overrides):
    result = evaluate([*overrides, "analysis.discount_rate=0 %"])
    for o in result.options:
        scale = tol(*o.year_totals)
        assert float(o.present_value) == pytest.approx(float(o.total), rel=REL, abs=scale)
        for c in CATEGORIES:
            assert float(o.category_present_values[c]) == pytest.approx(
                float(o.category_totals[c]), rel=REL, abs=scale)


# --------------------------------------------------------------------------------------
# (c) linear in the fleet size
# --------------------------------------------------------------------------------------


@FAST
@given(varied(), st.integers(min_value=2, max_value=50))
def test_every_cost_scales_with_the_number_of_switches(overrides, k):
    switches = int(drawn(overrides, "deployment.switches"))
    one = by_id(evaluate(overrides))
    many = by_id(evaluate([*overrides, f"deployment.switches={switches * k}"]))
    for key in OPTION_IDS:
        a, b = one[key], many[key]
        for c in CATEGORIES:
            assert float(b.category_totals[c]) == pytest.approx(
                k * float(a.category_totals[c]), rel=REL, abs=1e-9)
            for y in range(len(a.year_totals)):
                assert float(b.by_year[c][y]) == pytest.approx(
                    k * float(a.by_year[c][y]), rel=REL, abs=1e-9)
        assert float(b.total) == pytest.approx(k * float(a.total), rel=REL)
        assert float(b.present_value) == pytest.approx(k * float(a.present_value), rel=REL)
        assert b.physical["it_power_kw"] == pytest.approx(k * a.physical["it_power_kw"],
                                                          rel=REL)
        # per-port figures do not depend on the fleet size
        assert float(b.cost_per_port) == pytest.approx(float(a.cost_per_port), rel=REL)


# --------------------------------------------------------------------------------------
# (d) a price rise moves only what it should
# --------------------------------------------------------------------------------------


@FAST
@given(varied(), price_per_kwh, st.floats(min_value=1.01, max_value=5.0))
def test_electricity_price_rise_moves_only_energy_and_cooling(overrides, p1, factor):
    p2 = p1 * factor
    low = by_id(evaluate([*overrides, f"analysis.electricity_price={_num(p1)} USD/kWh"]))
    high = by_id(evaluate([*overrides, f"analysis.electricity_price={_num(p2)} USD/kWh"]))
    for key in OPTION_IDS:
        a, b = low[key], high[key]
        for c in CATEGORIES:
            if c in ("energy", "cooling"):
                continue
            assert (b.by_year[c] == a.by_year[c]).all(), c
        # energy cost is proportional to the price, year by year
        for y in range(len(a.year_totals)):
            assert float(b.by_year["energy"][y]) == pytest.approx(
                float(a.by_year["energy"][y]) * p2 / p1, rel=REL, abs=1e-9)
        # cooling: the capacity bought in year 0 is not electricity; the energy is
        assert float(b.by_year["cooling"][0]) == float(a.by_year["cooling"][0])
        for y in range(1, len(a.year_totals)):
            assert float(b.by_year["cooling"][y]) == pytest.approx(
                float(a.by_year["cooling"][y]) * p2 / p1, rel=REL, abs=1e-9)
        assert float(b.category_totals["energy"]) > float(a.category_totals["energy"])


def reference_schedule(life: float, horizon: int) -> tuple[list[int], float]:
    """Replacements per year index and the remaining life fraction, by plain enumeration.

    Replacements happen at t = life, 2 life, ... strictly before the horizon; one at t
    is booked in year ceil(t). The part in service at the end was bought at the last one.
    """
    events = [0] * (horizon + 1)
    k, last = 1, 0.0
    while k * life < horizon - 1e-9:
        t = k * life
        events[math.ceil(t - 1e-9)] += 1
        last = t
        k += 1
    remaining = max(0.0, 1.0 - (horizon - last) / life)
    return events, remaining


@FAST
@given(
    varied(),
    st.sampled_from(OPTION_IDS),
    st.floats(min_value=50.0, max_value=3000.0),
    st.floats(min_value=1.0, max_value=2000.0),
    st.floats(min_value=0.0, max_value=10.0),
    st.floats(min_value=100_000.0, max_value=5_000_000.0),
    st.sampled_from(["swap", "spare_port", "replace_switch"]),
)
def test_optics_price_rise_moves_only_capital_repairs_replacement_residual(
        overrides, key, price, rise, spares_pct, mtbf_h, repair):
    fixed = [
        *overrides,
        f"options.{key}.optics.per_port=1",
        f"options.{key}.optics.spares={_num(spares_pct)} %",
        f"options.{key}.optics.mtbf={_num(mtbf_h)} hour",
        f"options.{key}.optics.repair={repair}",
    ]
    low = by_id(evaluate([*fixed, f"options.{key}.optics.price={_num(price)} USD"]))
    high = by_id(evaluate([*fixed, f"options.{key}.optics.price={_num(price + rise)} USD"]))

    # the other options do not move at all
    for other in OPTION_IDS:
        if other != key:
            for c in CATEGORIES:
                assert (high[other].by_year[c] == low[other].by_year[c]).all(), (other, c)

    a, b = low[key], high[key]
    for c in ("installation", "energy", "cooling", "downtime", "carbon"):
        assert (b.by_year[c] == a.by_year[c]).all(), c

    # the drawn inputs, read back from the override list
    n = int(drawn(fixed, "deployment.switches"))
    horizon = int(drawn(fixed, "analysis.horizon"))
    life = drawn(fixed, f"options.{key}.optics.life")
    salvage = drawn(fixed, f"options.{key}.optics.salvage") / 100
    units = n * 64  # one module per port, 51.2 Tbit/s / 800 Gbit/s = 64 per switch
    delta = {c: float(b.category_totals[c]) - float(a.category_totals[c]) for c in CATEGORIES}
    scale = tol(a.total, b.total)

    # equipment: n x 64 x rise; spares: n x 64 x spares x rise
    assert delta["equipment"] == pytest.approx(units * rise, rel=1e-6, abs=scale)
    assert delta["spares"] == pytest.approx(units * spares_pct / 100 * rise, rel=1e-6, abs=scale)
    # repairs: a swap buys a new module at its price, 8760 / MTBF failures per
    # module-year. A module not swapped on its own (spare_port, replace_switch) goes
    # with a replaced switch, so the switch's derived repair price (switch + 64
    # modules) rises by 64 x rise for each switch swap (the preset's chassis mode,
    # AFR 0.8 %; its hot-swap psu_fan mode, 1.2 %, buys a FRU, not a switch);
    # replace_switch also buys that bundle for each module failure.
    failures = units * 8760 / mtbf_h * horizon
    switch_failures = n * 0.008 * horizon
    expected_repairs = {
        "swap": failures * rise,
        "spare_port": switch_failures * 64 * rise,
        "replace_switch": (switch_failures + failures) * 64 * rise,
    }[repair]
    assert delta["repairs"] == pytest.approx(expected_repairs, rel=1e-6, abs=scale)
    events, remaining = reference_schedule(life, horizon)
    # replacement: each replacement buys n x 64 new modules at the price, less the
    # salvage share of the price for the retired ones
    assert delta["replacement"] == pytest.approx(units * rise * (1 - salvage) * sum(events),
                                                 rel=1e-6, abs=scale)
    # residual (a credit): what used modules sell for; with no resale_decline only the
    # salvage share of the price: n x 64 x price x salvage
    assert delta["residual"] == pytest.approx(-units * rise * salvage, rel=1e-6, abs=scale)
    # book value, kept apart: n x 64 x price x (salvage + (1 - salvage) x remaining)
    assert float(b.book_value - a.book_value) == pytest.approx(
        units * rise * (salvage + (1 - salvage) * remaining), rel=1e-6, abs=scale)


# --------------------------------------------------------------------------------------
# (e) the same scenario in other units gives the same answer
# --------------------------------------------------------------------------------------


def assert_same(r1, r2):
    assert r1.horizon == r2.horizon
    for a, b in zip(r1.options, r2.options, strict=True):
        assert a.id == b.id
        scale = tol(a.total)
        for c in CATEGORIES:
            assert float(b.category_totals[c]) == pytest.approx(
                float(a.category_totals[c]), rel=REL, abs=scale), (a.id, c)
        assert [float(v) for v in b.year_totals] == pytest.approx(
            [float(v) for v in a.year_totals], rel=REL, abs=scale)
        assert float(b.total) == pytest.approx(float(a.total), rel=REL, abs=scale)
        assert float(b.present_value) == pytest.approx(float(a.present_value), rel=REL,
                                                       abs=scale)


@FAST
@example(overrides=[], p=0.078)  # 0.078 USD/kWh = 78 USD/MWh
@given(varied(), price_per_kwh)
def test_electricity_price_per_kwh_or_per_mwh(overrides, p):
    # p USD/kWh = 1000 p USD/MWh
    r1 = evaluate([*overrides, f"analysis.electricity_price={_num(p)} USD/kWh"])
    r2 = evaluate([*overrides, f"analysis.electricity_price={_num(p * 1000)} USD/MWh"])
    assert r2.scenario.analysis.electricity_price.to("USD/kWh").magnitude == pytest.approx(
        p, rel=REL)
    assert_same(r1, r2)


def _without_dsp_power():
    """The preset without any optics dsp_power (a share of power, which must not exceed it)."""
    data = copy.deepcopy(PRESET.data)
    for key in OPTION_IDS:
        data["options"][key]["optics"].pop("dsp_power", None)
    return data


@FAST
# 4 W = 5 pJ/bit at 800 Gbit/s; 4.8 W = 1.5 pJ/bit at 3.2 Tbit/s
@example(overrides=[], watts=dict.fromkeys(OPTION_IDS, 4.0), laser_watts=4.8)
@given(varied(), st.fixed_dictionaries(
    {k: st.floats(min_value=0.5, max_value=30.0) for k in OPTION_IDS}),
    st.floats(min_value=0.5, max_value=20.0))
def test_power_in_watts_or_energy_per_bit(overrides, watts, laser_watts):
    # an optics module carries one 800 Gbit/s port:
    #   w W = w / 800e9 J/bit = w / 0.8 pJ/bit (4 W = 5 pJ/bit)
    # 16 laser modules serve 64 x 800 Gbit/s = 51.2 Tbit/s, 3.2 Tbit/s each:
    #   w W = w / 3.2 pJ/bit (4.8 W = 1.5 pJ/bit)
    common = [*overrides, "deployment.switch_capacity=51.2 Tbit/s",
              "deployment.port_speed=800 Gbit/s", "options.cpo.lasers.count=16"]
    in_w = [f"options.{k}.optics.power={_num(w)} W" for k, w in watts.items()]
    in_w.append(f"options.cpo.lasers.power={_num(laser_watts)} W")
    in_pj = [f"options.{k}.optics.power={_num(w / 0.8)} pJ/bit" for k, w in watts.items()]
    in_pj.append(f"options.cpo.lasers.power={_num(laser_watts / 3.2)} pJ/bit")
    data = _without_dsp_power()
    r1 = evaluate([*common, *in_w], data=data)
    r2 = evaluate([*common, *in_pj], data=data)
    dep = r2.scenario.deployment
    for o in r2.scenario.options:
        optics = derived.resolve_option(o, dep).part("optics")
        assert optics.power.to("W").magnitude == pytest.approx(watts[o.id], rel=REL)
    cpo = derived.resolve_option(next(o for o in r2.scenario.options if o.id == "cpo"), dep)
    assert cpo.part("lasers").power.to("W").magnitude == pytest.approx(laser_watts, rel=REL)
    assert_same(r1, r2)


@FAST
@example(case=(5, []))  # the preset as shipped: 5 year = 60 month
@given(st.integers(min_value=1, max_value=20).flatmap(
    lambda h: st.tuples(st.just(h), varied(horizon=h))))
def test_horizon_in_years_or_months(case):
    h, overrides = case
    r1 = evaluate([*overrides, f"analysis.horizon={h} year"])
    r2 = evaluate([*overrides, f"analysis.horizon={12 * h} month"])
    assert r1.horizon == r2.horizon == h
    assert_same(r1, r2)


def _with_failure_rate(option_ids, mtbf_hours):
    """The preset with optics mtbf replaced by the same rate in FIT (1e9 / MTBF)."""
    data = copy.deepcopy(PRESET.data)
    for key in option_ids:
        optics = data["options"][key]["optics"]
        del optics["mtbf"]
        optics["failure_rate"] = f"{_num(1e9 / mtbf_hours[key])} FIT"
    return data


@FAST
# 750,000 hour = 1e9 / 750,000 FIT = 1333.3 FIT
@example(overrides=[], mtbf_hours=dict.fromkeys(OPTION_IDS, 750_000.0))
@given(varied(), st.fixed_dictionaries(
    {k: st.floats(min_value=10_000.0, max_value=10_000_000.0) for k in OPTION_IDS}))
def test_mtbf_or_failure_rate_in_fit(overrides, mtbf_hours):
    with_mtbf = [f"options.{k}.optics.mtbf={_num(h)} hour" for k, h in mtbf_hours.items()]
    r1 = evaluate([*overrides, *with_mtbf])
    r2 = evaluate(overrides, data=_with_failure_rate(OPTION_IDS, mtbf_hours))
    for o in r2.scenario.options:
        # MTBF h hours: 8760 / h failures per module-year
        assert o.part("optics").failure_rate.to("1/year").magnitude == pytest.approx(
            8760 / mtbf_hours[o.id], rel=REL)
    for o in r2.options:
        assert o.physical["failures_per_year"] > 0
    assert_same(r1, r2)


@FAST
@example(overrides=[], gbps=800)  # 800 Gbit/s = 0.8 Tbit/s, as shipped
@given(varied(), st.sampled_from([100, 200, 400, 800, 1600]))
def test_port_speed_in_gbit_or_tbit(overrides, gbps):
    # 800 Gbit/s = 0.8 Tbit/s; 51.2 Tbit/s = 51200 Gbit/s
    r1 = evaluate([*overrides, f"deployment.port_speed={gbps} Gbit/s",
                   "deployment.switch_capacity=51.2 Tbit/s"])
    r2 = evaluate([*overrides, f"deployment.port_speed={_num(gbps / 1000)} Tbit/s",
                   "deployment.switch_capacity=51200 Gbit/s"])
    # 51.2 Tbit/s / speed = ports per switch
    assert r2.scenario.deployment.ports_in_use.magnitude == 51_200 // gbps
    assert_same(r1, r2)
    for a, b in zip(r1.options, r2.options, strict=True):
        assert float(b.cost_per_tbps) == pytest.approx(float(a.cost_per_tbps), rel=REL)
