"""What a result leaves out: cost categories that are zero because an input is absent.

"Zero is not 'not counted'": a category that is zero for every option only
because the keys that would price it were left at their "not counted" default
is reported as not counted, with the key that would count it, instead of a
row of zeros that reads as "counted and found negligible". A key absent or
written as zero (a preset's "assumption: not priced") leaves it uncounted.

A category may also be zero because of a valuation choice: facility capacity is
charged only with ``analysis.power_value = "capacity"``, GPUs under a site cap only
with ``"gpus"``. Such a category is not counted whatever its inputs (a
capacity_cost given under ``power_value = "energy"`` prices nothing): it is
reported with the choice that would count it.

This is the one place that knows which keys feed which category; categories it
does not know are never called "not counted".
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class NotCounted:
    category: str
    key: str  # the key (a pattern: ``options.*.*.life``) that would count it
    hint: str  # what to give, in a few words

    @property
    def shown_key(self) -> str:
        """The key as a reader writes it: ``options.OPTION.PART.life``."""
        return self.key.replace("options.*.*.", "options.OPTION.PART.").replace(
            "options.*.", "options.OPTION.")


#: category -> (key patterns any of which, given, would count it; what to give)
RULES: dict[str, tuple[tuple[str, ...], str]] = {
    "spares": (("options.*.*.spares",), "a share of spare units, e.g. \"2 %\""),
    "installation": (("options.*.*.install_labour",), "hours to install one unit"),
    "capacity": (("analysis.capacity_cost",),
                 'power_value = "capacity" with a capacity_cost per kW of facility power'),
    "gpus": (("site.power",), 'power_value = "gpus" with a [site]: its power cap'),
    "repairs": (("options.*.*.afr", "options.*.*.failure_rate", "options.*.*.mtbf"),
                "a failure rate of the parts"),
    "warranty": (("options.*.*.warranty",),
                 'a warranty period of the parts that fail, e.g. "3 year"'),
    "downtime": (("analysis.downtime_cost",), "the cost of one link-hour down"),
    "interruptions": (("analysis.job_gpu_hour_value", "analysis.interruption_cost"),
                      "the value of a GPU-hour of the interrupted job (or the cost of one "
                      "interruption, analysis.interruption_cost)"),
    "replacement": (("options.*.*.life",), "a service life shorter than the horizon"),
    "support": (("options.*.support",),
                'a yearly support contract, a share of the equipment price, e.g. "8 %"'),
    "carbon": (("analysis.carbon_price",), "a price of emissions"),
    "residual": (("options.*.*.salvage", "options.*.*.resale_decline"),
                 "a resale curve: a salvage share or a resale_decline"),
}


#: category -> (choice key, the value under which the category is counted, with what)
CHOICES: dict[str, tuple[str, str, str]] = {
    "capacity": ("analysis.power_value", "capacity",
                 "with a capacity_cost per kW of facility power"),
    "gpus": ("analysis.power_value", "gpus", "with a [site] (its power cap)"),
}


def _nonzero(value: Any) -> bool:
    magnitude = getattr(value, "magnitude", value)
    try:
        return bool(np.any(np.asarray(magnitude, dtype=float) != 0))
    except (TypeError, ValueError):
        return True


def _given(inputs: dict[str, Any], patterns: Iterable[str]) -> bool:
    """Whether any input matching the patterns holds a value other than zero."""
    return any(item.value is not None and _nonzero(item.value)
               for path, item in inputs.items()
               if any(fnmatch.fnmatchcase(path, p) for p in patterns))


def not_counted(inputs: dict[str, Any], zero_categories: Iterable[str]) -> list[NotCounted]:
    """The categories, among those zero for every option, left out for want of an input."""
    out = []
    for category in zero_categories:
        choice = CHOICES.get(category)
        chosen = inputs.get(choice[0]) if choice else None
        if choice and chosen is not None and chosen.value != choice[1]:
            out.append(NotCounted(category, choice[0],
                                  _choice_hint(inputs, category, choice, chosen.value)))
            continue
        rule = RULES.get(category)
        if rule is None:
            continue
        patterns, hint = rule
        if not _given(inputs, patterns):
            out.append(NotCounted(category, patterns[0], hint))
    return out


def _choice_hint(inputs: dict[str, Any], category: str, choice: tuple[str, str, str],
                 chosen: Any) -> str:
    """What to set, and which given inputs the current choice leaves unused."""
    key, wanted, needs = choice
    # under energy nothing else reads them (gpu_valuation = capacity reads capacity_cost)
    patterns = RULES[category][0] if category in RULES and chosen == "energy" else ()
    unused = sorted(path for path, item in inputs.items()
                    if any(fnmatch.fnmatchcase(path, p) for p in patterns)
                    and item.value is not None and _nonzero(item.value))
    given = f"; {', '.join(unused)} given but unused" if unused else ""
    return f'= "{wanted}" {needs}; now "{chosen}"{given}'
