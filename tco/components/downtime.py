"""Links out of service while failures are repaired."""

from __future__ import annotations

from typing import Any


def link_hours_per_year(failures: Any, links_per_failure: Any, time_to_repair: Any) -> Any:
    """Link-hours of downtime per year [hour/year].

    Notes: failures per year x links taken down per failure x time to repair [hour].
    """
    return (failures * links_per_failure * time_to_repair).to("hour/year")


def downtime_cost_per_year(link_hours: Any, cost_per_link_hour: Any) -> Any:
    """Yearly cost of downtime [currency/year].

    Notes: link-hours per year x cost of one link-hour [currency/hour].
    """
    return link_hours * cost_per_link_hour
