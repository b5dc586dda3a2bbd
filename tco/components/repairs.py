"""Failures and their repair: parts and labour."""

from __future__ import annotations

from typing import Any


def failures_per_year(switches: Any, count: Any, failure_rate: Any) -> Any:
    """Expected failures per year across the fleet [1/year].

    A constant failure rate; a failed unit is repaired or replaced, so the
    installed count stays the same.

    Notes: switches x count x failure_rate [1/year per unit].
    """
    return (switches * count * failure_rate).to("1/year")


def cost_per_repair(repair_price: Any, repair_labour: Any, labour_rate: Any) -> Any:
    """Cost of one repair [currency].

    Notes: repair_price (what the repair replaces) + repair_labour [hour] x labour_rate.
    """
    return repair_price + (repair_labour * labour_rate).to(repair_price.units)


def repair_cost_per_year(failures: Any, per_repair: Any) -> Any:
    """Yearly cost of repairs [currency/year].

    Notes: failures per year x cost per repair.
    """
    return failures * per_repair
