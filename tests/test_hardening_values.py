"""Bad values of the newer keys (interruptions, warranty and support, [site], refresh_to)
and NaN or infinity written in TOML: one line naming the file and key, exit 2, no report
written (see test_hardening_keys.py for the rest of the sweep)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_hardening import one_error_line, run
from test_hardening_keys import PAIR, C

A = "analysis."
OPT = "options.cpo."
JOB = "analysis.job_gpu_hour_value=2 USD/hour"

#: name: (command, preset, --set values, expected)
SETS = {
    # interruptions
    "interruption cost in watts": ("validate", "default", [A + "interruption_cost=5 W"],
                                   "preset 'default': analysis.interruption_cost: expected an "
                                   "amount of money such as '50000 USD', got '5 W'"),
    "interruption cost per hour": ("validate", "default", [A + "interruption_cost=5 USD/hour"],
                                   "analysis.interruption_cost: expected an amount of money"),
    "interruption cost negative": ("validate", "default", [A + "interruption_cost=-5 USD"],
                                   "analysis.interruption_cost: expected at least 0 USD"),
    "GPU-hour value without hours": ("validate", "default", [A + "job_gpu_hour_value=5 USD"],
                                     "analysis.job_gpu_hour_value: expected a cost per hour"),
    "GPU-hour value negative": ("validate", "default", [A + "job_gpu_hour_value=-5 USD/hour"],
                                "analysis.job_gpu_hour_value: expected at least 0 USD/hour"),
    "cost and GPU-hour value both": ("validate", "default", [A + "interruption_cost=5 USD", JOB],
                                     "analysis.job_gpu_hour_value: give interruption_cost or "
                                     "the inputs it is derived from"),
    "job GPUs negative": ("validate", "default", [A + "job_gpus=-5", JOB],
                          "analysis.job_gpus: expected a value above 0, got -5"),
    # a job of no GPUs makes every interruption free while claiming to count them
    "job GPUs zero": ("compare", "default", [A + "job_gpus=0", JOB],
                      "analysis.job_gpus: expected a value above 0, got 0"),
    "job GPUs in watts": ("validate", "default", [A + "job_gpus=5 W", JOB],
                          "analysis.job_gpus: expected a number such as 32768, got '5 W'"),
    "job GPUs missing without a fabric": ("compare", "default", [JOB],
                                          "analysis.job_gpus: missing key: job_gpu_hour_value "
                                          "prices an interruption by the GPUs of the job"),
    "detection time in watts": ("validate", "default", [A + "detection_time=5 W"],
                                "analysis.detection_time: expected a time such as '10 min'"),
    "detection time negative": ("validate", "default", [A + "detection_time=-5 min"],
                                "analysis.detection_time: expected at least 0 hour"),
    "detection time over a year": ("validate", "default", [A + "detection_time=20 year"],
                                   "analysis.detection_time: expected at most 8760 hour"),
    "restart time negative": ("validate", "default", [A + "restart_time=-5 min"],
                              "analysis.restart_time: expected at least 0 hour"),
    "checkpoint interval in metres": ("validate", "default", [A + "checkpoint_interval=1 m"],
                                      "analysis.checkpoint_interval: expected a time"),
    "checkpoint interval negative": ("validate", "default", [A + "checkpoint_interval=-1 hour"],
                                     "analysis.checkpoint_interval: expected at least 0 hour"),
    "escalation in money": ("validate", "default", [A + "interruption_escalation=5 USD"],
                            "analysis.interruption_escalation: expected a percentage"),
    "escalation -100 %": ("validate", "default", [A + "interruption_escalation=-100 %"],
                          "analysis.interruption_escalation: expected at least -99.9 %"),
    "escalation no %": ("validate", "default", [A + "interruption_escalation=0.05"],
                        "got 0.05 with no unit"),
    # warranty and support
    "warranty in money": ("validate", "default", [OPT + "switch.warranty=3 USD"],
                          "options.cpo.switch.warranty: expected a time such as '3 year'"),
    "warranty negative": ("validate", "default", [OPT + "switch.warranty=-3 year"],
                          "options.cpo.switch.warranty: expected at least 0 year"),
    "warranty 1000 years": ("validate", "default", [OPT + "switch.warranty=1000 year"],
                            "options.cpo.switch.warranty: expected at most 100 year"),
    "warranty no unit": ("validate", "default", [OPT + "switch.warranty=3"], "got 3 with no unit"),
    "warranty handling in hours": ("validate", "default", [OPT + "switch.warranty_handling=3 hour"],
                                   "options.cpo.switch.warranty_handling: expected an amount"),
    "warranty handling negative": ("validate", "default", [OPT + "switch.warranty_handling=-3 USD"],
                                   "options.cpo.switch.warranty_handling: expected at least 0"),
    "warranty on the option": ("validate", "default", [OPT + "warranty=3 year"],
                               "options.cpo.warranty: unknown key"),
    "warranty on a failure mode": ("validate", "default",
                                   [OPT + "switch.failure_modes[1].warranty=3 year"],
                                   "options.cpo.switch.failure_modes[1].warranty: unknown key"),
    "support in money": ("validate", "default", [OPT + "support=5 USD"],
                         "options.cpo.support: expected a percentage such as '8 %'"),
    "support 150 %": ("validate", "default", [OPT + "support=150 %"],
                      "options.cpo.support: expected at most 100 %"),
    "support negative": ("validate", "default", [OPT + "support=-1 %"],
                         "options.cpo.support: expected at least 0 %"),
    "support on a part": ("validate", "default", [OPT + "switch.support=5 %"],
                          "options.cpo.switch.support: unknown key"),
    "support_from unknown": ("validate", "default", [OPT + "support_from=never"],
                             "options.cpo.support_from: expected one of deployment, "
                             "warranty_end, got 'never'"),
    "support escalation in watts": ("validate", "default", [A + "support_escalation=5 W"],
                                    "analysis.support_escalation: expected a percentage"),
    "support escalation -100 %": ("validate", "default", [A + "support_escalation=-100 %"],
                                  "analysis.support_escalation: expected at least -99.9 %"),
    # [site]
    "site power in money": ("validate", "hall-100mw", ["site.power=5 USD"],
                            "preset 'hall-100mw': site.power: expected a power such as "
                            "'100 MW', got '5 USD'"),
    "site power zero": ("validate", "hall-100mw", ["site.power=0 MW"],
                        "site.power: expected a value above 0 MW"),
    "site power no unit": ("validate", "hall-100mw", ["site.power=100"], "got 100 with no unit"),
    "site power too small": ("compare", "hall-100mw", ["site.power=1 kW"],
                             "site.power: not one GPU per plane fits under 1 kW"),
    "GPU power zero": ("validate", "hall-100mw", ["site.gpu_power=0 W"],
                       "site.gpu_power: expected a value above 0 W"),
    "GPU cooling unknown": ("validate", "hall-100mw", ["site.gpu_cooling=water"],
                            "site.gpu_cooling: expected one of air, liquid, got 'water'"),
    "planning margin 200 %": ("validate", "hall-100mw", ["site.planning_margin=200 %"],
                              "site.planning_margin: expected at most 100 %"),
    "site GPUs with a fabric": ("validate", "hall-100mw", ["site.gpus=1000"],
                                "site.gpus: with a [fabric] the GPUs are fabric.gpus"),
    "GPU valuation unknown": ("validate", "hall-100mw", ["site.gpu_valuation=money"],
                              "site.gpu_valuation: expected one of revenue, capacity"),
    "GPU-hour value of the site in money": ("validate", "hall-100mw", ["site.gpu_hour_value=2 USD"],
                                            "site.gpu_hour_value: expected a cost per hour"),
    # a negative value turns GPUs gained into a cost
    "GPU-hour value of the site negative": ("validate", "hall-100mw",
                                            ["site.gpu_hour_value=-2 USD/hour"],
                                            "site.gpu_hour_value: expected at least 0 USD/hour"),
    "utilisation 120 %": ("validate", "hall-100mw", ["site.utilisation=120 %"],
                          "site.utilisation: expected at most 100 %"),
    "site unknown key": ("validate", "hall-100mw", ["site.foo=1"], "site.foo: unknown key"),
    "site a number": ("validate", "hall-100mw", ["site=5"], "site: expected a table, got 5"),
    "site without GPUs on a deployment": ("validate", "default",
                                          ["site.power=10 MW", "site.gpu_power=1000 W"],
                                          "preset 'default': site.gpus: missing required key"),
    # refresh_to
    "refresh_to unknown": ("validate", "default", ["options.pluggable.refresh_to=nope"],
                           "options.pluggable.refresh_to: unknown option 'nope' (options: "
                           "pluggable, lpo, npo, cpo"),
    "refresh_to empty": ("validate", "default", ["options.pluggable.refresh_to=''"],
                         "options.pluggable.refresh_to: unknown option ''"),
    "refresh_to a number": ("validate", "default", ["options.pluggable.refresh_to=3"],
                            "options.pluggable.refresh_to: expected text, got 3"),
    "refresh_to a cycle": ("compare", "default", ["options.pluggable.refresh_to=cpo",
                                                  "options.cpo.refresh_to=pluggable",
                                                  "options.pluggable.switch.life=2 year",
                                                  "options.cpo.switch.life=2 year"],
                           "options.pluggable.refresh_to: refresh_to cycles: pluggable -> cpo "
                           "-> pluggable"),
    "refresh_to without a life": ("compare", "default", ["options.pluggable.refresh_to=cpo"],
                                  "options.pluggable.switch.life: refresh_to = 'cpo' needs the "
                                  "switch's service life"),
}


@pytest.mark.parametrize("case", list(SETS))
def test_bad_newer_keys(case: str, tmp_path: Path):
    command, preset, sets, expected = SETS[case]
    args = [command, preset, *(a for s in sets for a in ("--set", s))]
    if command == "compare":
        args += ["-o", "out.json"]
    one_error_line(run(*args, cwd=tmp_path), expected)
    assert list(tmp_path.iterdir()) == []  # no report, not even half of one


#: TOML's own nan and inf, for every kind of key: name: (scenario body, expected)
NON_FINITE = {
    "ratio nan": ("[analysis]\npue_air = nan\n", "s.toml: analysis.pue_air: expected a finite "
                                                 "number, got nan"),
    "ratio -inf": ("[analysis]\npue_air = -inf\n", "analysis.pue_air: expected a finite number"),
    "quantity nan": ("[options.cpo.switch]\nprice = nan\n",
                     "s.toml: options.cpo.switch.price: expected an amount of money such as "
                     "'1200 USD', got nan, which is not a finite number"),
    "quantity value nan": ("[options.cpo.switch]\nprice = { value = nan }\n",
                           "options.cpo.switch.price: expected an amount of money such as "
                           "'1200 USD', got nan, which is not a finite number"),
    "low nan": ('[options.cpo.switch]\nprice = { value = "1 USD", low = nan, high = "2 USD" }\n',
                "options.cpo.switch.price.low: expected an amount of money such as '1200 USD',"
                " got nan, which is not a finite number"),
    "high inf": ('[options.cpo.switch]\nprice = { value = "1 USD", low = "0 USD", high = inf }\n',
                 "options.cpo.switch.price.high: expected an amount of money such as "
                 "'1200 USD', got inf, which is not a finite number"),
    "high inf in text": ('[options.cpo.switch]\nprice = { value = "1 USD", low = "0 USD", '
                         'high = "inf USD" }\n', "'inf USD' is not a finite number"),
    "integer nan": ("[deployment]\nswitches = nan\n", "deployment.switches: expected a whole "
                                                      "number, got nan"),
    "integer inf": ("[analysis]\ndeployment_year = inf\n", "analysis.deployment_year: expected "
                                                           "a whole number, got inf"),
    "number inf": ("[options.cpo.optics]\nlaser_count = inf\n",
                   "options.cpo.optics.laser_count: expected a finite number, got inf"),
    "percent nan": ("[[options.cpo.switch.failure_modes]]\nname = 'x'\nafr = nan\n",
                    "options.cpo.switch.failure_modes[1].afr: expected a percentage such as "
                    "'1.2 %', got nan, which is not a finite number"),
    "text nan": ("[options.cpo]\nlabel = nan\n", "options.cpo.label: expected text, got nan"),
    "flag nan": ("[options.cpo]\nbaseline = nan\n", "options.cpo.baseline: expected true or "
                                                    "false, got nan"),
    "time nan": ("[analysis]\nhorizon = nan\n", "analysis.horizon: expected a time such as "
                                                "'5 year', got nan, which is not a finite"),
    "interruption keys inf": ('[analysis]\njob_gpus = inf\njob_gpu_hour_value = "2 USD/hour"\n',
                              "analysis.job_gpus: expected a finite number, got inf"),
    "exchange rate nan": ('extends = "europe"\n[analysis.exchange_rates]\nUSD = nan\n',
                          "s.toml: analysis.exchange_rates.USD: expected a quantity in EUR/USD "
                          "such as '1.08 EUR/USD', got nan, which is not a finite number"),
    "exchange rate low -inf": ('extends = "europe"\n[analysis.exchange_rates]\nUSD = { value = '
                               '"0.9 EUR/USD", low = -inf, high = "1 EUR/USD" }\n',
                               "analysis.exchange_rates.USD.low: expected a quantity in EUR/USD"),
    "site power nan": ('extends = "hall-100mw"\n[site]\npower = nan\n',
                       "s.toml: site.power: expected a power such as '100 MW', got nan"),
    "correlation nan": (C + PAIR + "rank = nan\n", "correlations[1].rank: expected a finite"),
    "dist nan": ('[options.cpo.switch]\nprice = { value = "1 USD", low = "0 USD", high = "2 USD",'
                 " dist = nan }\n", "options.cpo.switch.price.dist: expected one of pert"),
}


@pytest.mark.parametrize("case", list(NON_FINITE))
def test_nan_and_inf_in_toml(case: str, tmp_path: Path):
    body, expected = NON_FINITE[case]
    text = body if body.startswith("extends") else 'extends = "default"\n' + body
    (tmp_path / "s.toml").write_text(text)
    one_error_line(run("compare", "s.toml", "-o", "out.json", cwd=tmp_path), expected)
    assert (tmp_path / "s.toml").read_text() == text
    assert not (tmp_path / "out.json").exists()
