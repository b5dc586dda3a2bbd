"""Bad input to the newer keys: one line on stderr naming the file (or option) and the key,
exit 2, no traceback, nothing the user wrote touched.

The keys: ``[[correlations]]``, failure modes addressed as ``failure_modes[N]``, exchange
rates with ranges, the interruption keys, warranty and support, ``[site]``, ``refresh_to``,
``compare --with``, the analysis commands' ``--vary``/``--between``/``--metric``/
``--fail-if``, and NaN or infinity written in TOML. Each case runs the real command line
in-process (:func:`test_hardening.run`) on files written to ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_hardening import one_error_line, run

PAIR = 'inputs = ["options.pluggable.optics.power", "options.cpo.optics.power"]\n'
C = "[[correlations]]\n"

#: name: (the scenario s.toml, extending "default", expected in the one line)
CORRELATIONS = {
    "unknown key path": (C + 'inputs = ["options.nope.switch.price", "options.cpo.switch.price"]'
                         "\nrank = 0.5\n",
                         "s.toml: correlations[1].inputs: no such key in the scenario: "
                         "'options.nope.switch.price'"),
    "failure mode 0 in a path": (C + 'inputs = ["options.cpo.switch.failure_modes[0].afr", '
                                 '"options.cpo.switch.price"]\nrank = 0.5\n',
                                 "correlations[1].inputs: no such key in the scenario: "
                                 "'options.cpo.switch.failure_modes[0].afr'"),
    "rank over 1": (C + PAIR + "rank = 1.5\n", "s.toml: correlations[1].rank: expected at most 1, "
                                               "got 1.5"),
    "rank -1": (C + PAIR + "rank = -1\n", "correlations[1].rank: expected at least -0.99, got -1"),
    "rank -2": (C + PAIR + "rank = -2\n", "correlations[1].rank: expected at least -0.99"),
    "rank text": (C + PAIR + 'rank = "high"\n', "correlations[1].rank: expected a number such "
                                                "as 0.8, got 'high'"),
    "rank percent": (C + PAIR + 'rank = "50 %"\n', "correlations[1].rank: expected a number"),
    "rank boolean": (C + PAIR + "rank = true\n", "correlations[1].rank: expected a number, "
                                                 "got True"),
    "rank nan": (C + PAIR + "rank = nan\n", "correlations[1].rank: expected a finite number, "
                                            "got nan"),
    "rank inf": (C + PAIR + "rank = inf\n", "correlations[1].rank: expected a finite number"),
    "rank a range": (C + PAIR + "rank = { value = 0.5, low = 0.2, high = 0.8 }\n",
                     "correlations[1].rank: a correlation is a number, not a range"),
    "rank missing": (C + PAIR, "s.toml: correlations[1].rank: missing required key (Rank "
                               "(Spearman) correlation of the two inputs' samples, such as 0.8)"),
    "same input twice": (C + 'inputs = ["options.cpo.optics.power", "options.cpo.optics.power"]'
                         "\nrank = 0.5\n", "correlations[1].inputs: the same input twice "
                                           "(options.cpo.optics.power)"),
    "same pair twice": (C + PAIR + "rank = 0.5\n" + C + 'inputs = ["options.cpo.optics.power", '
                        '"options.pluggable.optics.power"]\nrank = 0.3\n',
                        "s.toml: correlations[2].inputs: the same pair as correlations[1]"),
    "an input without a range": (C + 'inputs = ["options.pluggable.optics.laser_count", '
                                 '"options.cpo.optics.power"]\nrank = 0.5\n',
                                 "correlations[1].inputs: options.pluggable.optics.laser_count "
                                 "has no range (low/high)"),
    # a ~ b 0.9 and b ~ c 0.9 make a ~ c strongly positive: -0.9 cannot hold
    "not positive definite": (C + PAIR + "rank = 0.9\n" + C + 'inputs = ["options.cpo.optics.'
                              'power", "options.lpo.optics.power"]\nrank = 0.9\n' + C
                              + 'inputs = ["options.pluggable.optics.power", '
                              '"options.lpo.optics.power"]\nrank = -0.9\n',
                              "s.toml: correlations: these correlations cannot hold together"),
    "inputs one string": (C + 'inputs = "options.cpo.optics.power"\nrank = 0.5\n',
                          "correlations[1].inputs: expected two key paths"),
    "three inputs": (C + 'inputs = ["options.pluggable.optics.power", "options.cpo.optics.power",'
                     ' "options.lpo.optics.power"]\nrank = 0.5\n',
                     "correlations[1].inputs: expected two key paths"),
    "inputs numbers": (C + "inputs = [1, 2]\nrank = 0.5\n", "correlations[1].inputs: expected "
                                                            "two key paths"),
    "inputs missing": (C + "rank = 0.5\n", "correlations[1].inputs: missing required key"),
    "unknown key": (C + PAIR + "rank = 0.5\nrho = 0.3\n", "s.toml: correlations[1].rho: unknown "
                                                          "key (allowed: inputs, rank, source)"),
    "not an array": ("correlations = 5\n", "s.toml: correlations: expected an array of tables"),
    "a table, not an array": ("[correlations]\n" + PAIR + "rank = 0.5\n",
                              "correlations: expected an array of tables ([[correlations]])"),
    "source a number": (C + PAIR + "rank = 0.5\nsource = 3\n",
                        "correlations[1].source: expected text, got 3"),
}


@pytest.mark.parametrize("case", list(CORRELATIONS))
def test_bad_correlations(case: str, tmp_path: Path):
    body, expected = CORRELATIONS[case]
    text = 'extends = "default"\n' + body
    (tmp_path / "s.toml").write_text(text)
    one_error_line(run("validate", "s.toml", cwd=tmp_path), expected)
    assert (tmp_path / "s.toml").read_text() == text


def test_inconsistent_correlations_refused_by_uncertainty_with_no_report_written(
        tmp_path: Path):
    body, expected = CORRELATIONS["not positive definite"]
    (tmp_path / "s.toml").write_text('extends = "default"\n' + body)
    one_error_line(run("uncertainty", "s.toml", "-n", "50", "-o", "out.json", cwd=tmp_path),
                   expected)
    assert not (tmp_path / "out.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.toml"]


FM = "options.cpo.switch.failure_modes"
V = ["validate", "default", "--set"]

#: name: (arguments, expected in the one line)
FAILURE_MODES = {
    "N = 0": ([*V, f"{FM}[0].afr=1 %"],
              f"--set '{FM}[0].afr': [0] is not an entry number: entries are counted from 1"),
    "N past the end": ([*V, f"{FM}[3].afr=1 %"],
                       f"preset 'default': --set {FM}[3].afr: {FM}[3] does not exist "
                       "(entries 1 to 2)"),
    "N far past the end": ([*V, f"{FM}[99999].afr=1 %"], "(entries 1 to 2)"),
    "N a word": ([*V, f"{FM}[x].afr=1 %"], "[x] is not an entry number"),
    "N negative": ([*V, f"{FM}[-1].afr=1 %"], "[-1] is not an entry number"),
    "N a fraction": ([*V, f"{FM}[1.5].afr=1 %"], "[1.5] is not an entry"),
    "N empty": ([*V, f"{FM}[].afr=1 %"], "[] is not an entry number"),
    "N huge": ([*V, f"{FM}[{'9' * 30}].afr=1 %"], "is not an entry number"),
    "no index": ([*V, f"{FM}.afr=1 %"], f"{FM} is a value, not a table"),
    "unknown key": ([*V, f"{FM}[1].foo=1 %"],
                    f"preset 'default': {FM}[1].foo: unknown key"),
    "afr in watts": ([*V, f"{FM}[1].afr=5 W"],
                     f"{FM}[1].afr: expected a percentage such as '1.2 %', got '5 W'"),
    "failure rate in watts": ([*V, f"{FM}[1].failure_rate=5 W"],
                              f"{FM}[1].failure_rate: expected a failure rate (per time, or "
                              "FIT) such as '500 FIT', got '5 W'"),
    "negative failure rate": ([*V, f"{FM}[1].failure_rate=-5 FIT"],
                              f"{FM}[1].failure_rate: expected at least 0 1/year, got '-5 FIT'"),
    "negative afr": ([*V, f"{FM}[1].afr=-1 %"], "expected at least 0 %"),
    "probability over 100 %": ([*V, f"{FM}[1].interrupt_probability=150 %"],
                               f"{FM}[1].interrupt_probability: expected at most 100 %, "
                               "got '150 %'"),
    "MTBF under a year": ([*V, f"{FM}[1].mtbf=10 hour"],
                          f"{FM}[1].mtbf: expected at least 8760 hour"),
    "repair unknown": ([*V, f"{FM}[1].repair=magic"],
                       f"{FM}[1].repair: expected one of swap, replace_switch"),
    "afr nan": ([*V, f"{FM}[1].afr=nan %"], "'nan %' is not a finite number"),
    "a part with no modes": ([*V, "options.cpo.lasers.failure_modes[1].afr=1 %"],
                             "options.cpo.lasers.failure_modes is not an array of tables here"),
    "range N = 0": (["sensitivity", "--range", f"{FM}[0].afr=1..2 %"],
                    f"--range '{FM}[0].afr': [0] is not an entry number"),
    "range N a word": (["sensitivity", "--range", f"{FM}[a].afr=1..2 %"], "[a] is not an entry"),
    "range N past the end": (["sensitivity", "--range", f"{FM}[9].afr=1..2 %"],
                             f"preset 'default': --range {FM}[9].afr: no such key in the "
                             "scenario"),
    "range in watts": (["sensitivity", "--range", f"{FM}[1].afr=1..2 W"],
                       f"preset 'default': --range {FM}[1].afr: low: expected a percentage"),
    "range negative": (["sensitivity", "--range", f"{FM}[1].afr=-1..2 %"],
                       f"--range {FM}[1].afr: low: expected at least 0 %"),
    "range inverted": (["sensitivity", "--range", f"{FM}[1].afr=2..1 %"],
                       "expected low <= value <= high"),
    "range on a name": (["sensitivity", "--range", f"{FM}[1].name=1..2"],
                        "only quantities and numbers can take a range"),
    "range to infinity": (["sensitivity", "--range", f"{FM}[1].afr=1..inf %"],
                          "'inf %' is not a finite number"),
}


@pytest.mark.parametrize("case", list(FAILURE_MODES))
def test_bad_failure_mode_keys(case: str, tmp_path: Path):
    args, expected = FAILURE_MODES[case]
    one_error_line(run(*args, cwd=tmp_path), expected)


X = "analysis.exchange_rates.USD"

#: name: (arguments on the europe preset, expected)
RATES = {
    "range in the inverse unit": (["sensitivity", "--range", f"{X}=0.8..0.9 USD/EUR"],
                                  f"--range {X}: low: expected a quantity in EUR/USD such as "
                                  "'1.08 EUR/USD', got '0.8 USD/EUR'"),
    "range in watts": (["sensitivity", "--range", f"{X}=0.8..0.9 W"], "got '0.8 W'"),
    "range negative": (["sensitivity", "--range", f"{X}=-0.8..0.9 EUR/USD"],
                       "low: expected a value above 0 EUR/USD"),
    "range from zero": (["sensitivity", "--range", f"{X}=0..0.9 EUR/USD"],
                        "low: expected a value above 0 EUR/USD, got '0 EUR/USD'"),
    "range without the value": (["uncertainty", "-n", "50", "--range", f"{X}=0.5..0.6 EUR/USD"],
                                f"preset 'europe': --range {X}: expected low <= value <= "
                                "high, got '0.5 EUR/USD' <= "
                                "'0.92 EUR/USD' <= '0.6 EUR/USD'"),
    "range of a rate not given": (["sensitivity", "--range",
                                   "analysis.exchange_rates.GBP=0.5..0.6 EUR/GBP"],
                                  "--range analysis.exchange_rates.GBP: no such key"),
    "set zero": (["validate", "--set", f"{X}=0 EUR/USD"],
                 f"preset 'europe': {X}: expected a value above 0 EUR/USD"),
    "set inverse unit": (["validate", "--set", f"{X}=1.08 USD/EUR"],
                         f"{X}: expected a quantity in EUR/USD such as '1.08 EUR/USD'"),
    "set nan": (["validate", "--set", f"{X}=nan EUR/USD"], "is not a finite number"),
    "set no unit": (["validate", "--set", f"{X}=0.9"], "got 0.9 with no unit"),
    "set not a table": (["validate", "--set", "analysis.exchange_rates=5"],
                        'analysis.exchange_rates: expected a table such as '
                        '{ USD = "1.08 EUR/USD" }, got 5'),
    "low above the value": (["validate", "--set", f'{X}={{ value = "0.92 EUR/USD", '
                             'low = "0.95 EUR/USD", high = "0.96 EUR/USD" }'],
                            f"{X}.low: expected low <= value <= high"),
    "low in watts": (["validate", "--set", f'{X}={{ value = "0.92 EUR/USD", low = "0.85 W", '
                      'high = "0.96 EUR/USD" }'], f"{X}.low: expected a quantity in EUR/USD"),
    "dist unknown": (["validate", "--set", f'{X}={{ value = "0.92 EUR/USD", low = "0.85 EUR/USD",'
                      ' high = "0.96 EUR/USD", dist = "x" }'],
                     f"{X}.dist: expected one of pert, triangular, uniform, lognormal"),
    "vary in watts": (["sweep", "--vary", f"{X}=0.5..1 W"],
                      f"--vary {X}: expected a quantity in EUR/USD such as '1.08 EUR/USD', "
                      "got '0.5 W'"),
    "vary from below zero": (["sweep", "--vary", f"{X}=-1..1 EUR/USD"],
                             f"--vary {X}: expected a value above 0 EUR/USD, got '-1 EUR/USD'"),
    "vary in the inverse unit": (["sweep", "--vary", f"{X}=1..2 USD/EUR"], "got '1 USD/EUR'"),
    "between in watts": (["breakeven", "--option", "cpo", "--against", "pluggable", "--vary", X,
                          "--between", "0..1 W"], f"--between {X}: expected a quantity in "
                                                  "EUR/USD"),
}


@pytest.mark.parametrize("case", list(RATES))
def test_bad_exchange_rates(case: str, tmp_path: Path):
    args, expected = RATES[case]
    one_error_line(run(args[0], "europe", *args[1:], cwd=tmp_path), expected)


def test_a_swept_exchange_rate_is_read_in_its_own_unit(tmp_path: Path):
    """--vary and --between on a rate were converted at the rate itself (EUR/USD became a
    plain number) and refused every value: each point of the sweep is compare --set there."""
    import json

    result = run("sweep", "europe", "--vary", f"{X}=0.8..1 EUR/USD:0.2 EUR/USD", "-f", "json",
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    points = json.loads(result.stdout)["points"]
    assert [p["at"] for p in points] == [[0.8], [1.0]]
    for point in points:
        rate = point["at"][0]
        compared = run("compare", "europe", "--set", f"{X}={rate} EUR/USD", "-f", "json",
                       cwd=tmp_path)
        assert compared.returncode == 0, compared.stderr
        options = json.loads(compared.stdout)["results"][0]["options"]
        for option in options:
            assert point["options"][option["id"]]["present_value"] == pytest.approx(
                option["present_value"], rel=1e-9)
    result = run("breakeven", "europe", "--option", "cpo", "--against", "pluggable", "--vary", X,
                 "--between", "0.5..1.5 EUR/USD", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "from 0.5 EUR/USD to 1.5 EUR/USD" in result.stdout
