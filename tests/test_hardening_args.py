"""Bad arguments to the analysis commands and to compare --with: --vary, --between,
--metric, --against, --delta, --fail-if. One line naming the option and the key, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_hardening import one_error_line, run
from test_hardening_keys import FM

P = "options.cpo.switch.price"
BE = ["breakeven", "--option", "cpo", "--against", "pluggable"]
N50 = ["uncertainty", "-n", "50", "--fail-if"]

#: name: (arguments, expected)
ANALYSIS = {
    "vary without =": (["sweep", "--vary", P], f"--vary '{P}': expected KEY=START..STOP[:STEP]"),
    "vary unknown key": (["sweep", "--vary", "options.nope.price=1..2 USD"],
                         "--vary options.nope.price: no such key with a value in the scenario"),
    "vary in watts": (["sweep", "--vary", P + "=1..2 W"],
                      f"--vary {P}: expected an amount of money such as '1200 USD', got '1 W'"),
    "vary without ..": (["sweep", "--vary", P + "=1 USD"],
                        f"--vary {P}='1 USD': expected LOW..HIGH"),
    "vary inverted": (["sweep", "--vary", P + "=2..1 USD"], "expected START <= STOP"),
    "vary step zero": (["sweep", "--vary", P + "=1..2 USD:0 USD"], "expected a step above zero"),
    "vary step in watts": (["sweep", "--vary", P + "=1..2 USD:1 W"],
                           f"--vary {P} step: expected a step in USD"),
    "vary step too small": (["sweep", "--vary", P + "=1..200000 USD:0.0001 USD"],
                            "values: at most 10,001 per --vary"),
    "vary nan": (["sweep", "--vary", P + "=nan..2 USD"], "'nan USD' is not a finite number"),
    # 'inf' takes the unit after it and is refused as infinite, not read as a bare number
    "vary to infinity": (["sweep", "--vary", P + "=1..inf USD"],
                         f"--vary {P}: expected an amount of money such as '1200 USD', but "
                         "'inf USD' is not a finite number"),
    "vary a negative price": (["sweep", "--vary", P + "=-5..2 USD"], "expected at least 0 USD"),
    "vary text": (["sweep", "--vary", "options.cpo.label=1..2"],
                  "--vary options.cpo.label: is not a number or quantity that can vary"),
    "vary failure mode 0": (["sweep", "--vary", f"{FM}[0].afr=1..2 %"],
                            f"--vary {FM}[0].afr: no such key with a value"),
    "vary three": (["sweep", "--vary", P + "=1..2 USD", "--vary", "analysis.pue_air=1.1..1.5",
                    "--vary", "analysis.electricity_price=0..1 USD/kWh"],
                   "--vary: give one (a line) or two (a grid), got 3"),
    "vary fractional years": (["sweep", "--vary", "analysis.horizon=1..5 year:0.5 year"],
                              "takes whole values only"),
    "breakeven vary garbage": ([*BE, "--vary", "xyz"], "--vary xyz: no such key with a value"),
    "breakeven vary text": ([*BE, "--vary", "options.cpo.label"], "is not a number or quantity"),
    "between garbage": ([*BE, "--vary", P, "--between", "abc"],
                        "--between 'abc': expected LOW..HIGH, such as 1100..1400 USD"),
    "between in watts": ([*BE, "--vary", P, "--between", "1..2 W"],
                         f"--between {P}: expected an amount of money"),
    "between inverted": ([*BE, "--vary", P, "--between", "2..1 USD"], "expected LOW < HIGH"),
    "between negative": ([*BE, "--vary", P, "--between", "-5..2 USD"], "expected at least 0 USD"),
    "between to infinity": ([*BE, "--vary", P, "--between", "1..inf USD"],
                            "'inf USD' is not a finite number"),
    "breakeven against itself": (["breakeven", "--option", "cpo", "--against", "cpo", "--vary", P],
                                 "--against: cpo against itself is always even"),
    "breakeven unknown option": (["breakeven", "--option", "xyz", "--against", "cpo", "--vary", P],
                                 "--option: unknown option 'xyz'"),
    "metric garbage": (["sensitivity", "--metric", "xyz"],
                       "--metric: expected one of pv_savings, savings, present_value, total, "
                       "got 'xyz'"),
    "metric empty": (["sensitivity", "--metric", ""], "--metric: expected one of"),
    # total is of one option: --against would be dropped without a word
    "against with total": (["sensitivity", "--metric", "total", "--against", "cpo"],
                           "--against: total is of one option (--option) alone"),
    "against with present value": (["sensitivity", "--metric", "present_value", "--against",
                                    "lpo"], "--against: present_value is of one option"),
    "delta no %": (["sensitivity", "--delta", "20"], "--delta '20': write it with %"),
    "delta 200 %": (["sensitivity", "--delta", "200%"], "above 0 and below 100"),
    "fail-if garbage": ([*N50, "garbage"], "--fail-if 'garbage': expected one comparison"),
    "fail-if p200": ([*N50, "p200(savings(cpo)) < 0 USD"], "p200: a percentile is p0 to p100"),
    "fail-if unknown option": ([*N50, "p10(savings(xyz)) < 0 USD"], "unknown option 'xyz'"),
    "fail-if in watts": ([*N50, "p10(savings(cpo)) < 5 W"], "cannot compare [USD] with"),
    "fail-if probability no unit": ([*N50, "prob_cheapest(cpo) < 2"], "'2' has no unit"),
    # a probability over 100 % trips every time: a gate that can never pass
    "fail-if probability 150 %": ([*N50, "prob_cheapest(cpo) < 150 %"],
                                  "prob_cheapest is a probability, 0 % to 100 %: '150 %' is "
                                  "outside it"),
    "fail-if probability negative": ([*N50, "prob_beats_baseline(cpo) > -1 %"],
                                     "prob_beats_baseline is a probability"),
    "fail-if nan": ([*N50, "p10(savings(cpo)) < nan USD"], "'nan USD' is not a finite number"),
    "fail-if empty": ([*N50, ""], "--fail-if '': expected one comparison"),
    "compare fail-if inf": (["compare", "--fail-if", "cpo.npv > inf USD"], "is not a finite"),
    "compare fail-if a statistic": (["compare", "--fail-if", "p10(savings(cpo)) < 0 USD"],
                                    "is a statistic over samples: use it with tco uncertainty"),
    "with garbage": (["compare", "--with", "foo"], "--with 'foo': expected uncertainty or "
                                                   "sensitivity"),
    "with empty": (["compare", "--with", ""], "--with '': expected uncertainty or sensitivity"),
    "with a comma": (["compare", "--with", ","], "--with ',': expected uncertainty or"),
    "with one bad": (["compare", "--with", "uncertainty,foo"], "--with 'foo'"),
    "samples without with": (["compare", "--samples", "50"],
                             "--samples sets the uncertainty analysis: add --with uncertainty"),
    "with samples zero": (["compare", "--with", "uncertainty", "--samples", "0"],
                          "--samples: expected a whole number from 1"),
    "with seed garbage": (["compare", "--with", "uncertainty", "--seed", "x"],
                          "--seed: expected a whole number"),
    # --only and --baseline: an empty value picked every option (or the usual baseline)
    "only empty": (["compare", "--only", ""], "--only '': expected option ids or labels, such "
                                              "as pluggable,lpo"),
    "only a comma": (["uncertainty", "-n", "20", "--only", ","], "--only ',': expected option"),
    "only unknown": (["compare", "--only", "cpo,xyz"], "--only: unknown option 'xyz'"),
    "baseline empty": (["compare", "--baseline", ""], "--baseline: unknown option ''"),
    "baseline unknown": (["sensitivity", "--baseline", "xyz"], "--baseline: unknown option"),
    "with csv": (["compare", "--with", "uncertainty", "-f", "csv"],
                 "--with adds sections to the table, Markdown and HTML reports, not to csv"),
}


@pytest.mark.parametrize("case", list(ANALYSIS))
def test_bad_analysis_arguments(case: str, tmp_path: Path):
    args, expected = ANALYSIS[case]
    one_error_line(run(*args, cwd=tmp_path), expected)
