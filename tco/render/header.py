"""The header of a report, generated from the resolved inputs, so it never lies.

The first line names the scenario; the second states what was computed (fleet,
capacity, port speed, horizon, electricity price) from the values the engine
used. The scenario's own description is shown as given only when no input was
overridden (by --set, --years, --only, --baseline or a file extending it);
otherwise it is flagged as the preset's.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..power import VALUATIONS


def _num(q: Any) -> float:
    return float(np.mean(getattr(q, "magnitude", q)))


def _g(x: float) -> str:
    return f"{x:,.0f}" if x == round(x) and abs(x) >= 1000 else f"{x:,.4g}"


def _qty(q: Any, unit: str) -> str:
    return f"{_g(_num(q.to(unit)))} {unit}"


def facts(r: Any) -> str:
    """What was computed, in one line, from the resolved inputs."""
    s = r.scenario
    d, a = s.deployment, s.analysis
    switches = _num(d.switches)
    speed = d.port_speed.to("Gbit/s")
    speed_text = _qty(speed, "Tbit/s") if _num(speed) >= 1000 else _qty(speed, "Gbit/s")
    fleet = (f"{_g(switches)} switch{'es' if switches != 1 else ''} of "
             f"{_qty(d.switch_capacity, 'Tbit/s')}, {_g(_num(d.ports_in_use))} ports "
             f"of {speed_text} in use")
    gpus = _gpus(s)
    if gpus:
        fleet = f"{gpus} GPUs: {fleet}"
    years = f"{r.horizon} year{'s' if r.horizon != 1 else ''}"
    price = _num(a.electricity_price.to(f"{r.currency}/kWh"))
    return (f"{fleet}; {years}; electricity {price:.4g} {r.currency}/kWh; "
            f"{len(r.options)} options, baseline {r.baseline.label}")


def _gpus(s: Any) -> str:
    """The GPU count of a fabric, when the scenario describes one."""
    fabric = getattr(s, "fabric", None)
    gpus = getattr(fabric, "gpus", None) if fabric is not None else None
    return "" if gpus is None else _g(_num(gpus))


def overridden(s: Any) -> bool:
    """Whether any input differs from what the description was written for."""
    if getattr(s, "selection", ""):
        return True
    desc = s.inputs.get("description")
    desc_origin = getattr(desc, "origin", "scenario")
    for item in s.inputs.values():
        if item.origin == "--set":
            return True
        if desc_origin == "preset" and item.origin == "scenario":
            return True
    return False


def lines(r: Any) -> list[str]:
    s = r.scenario
    name = s.name or s.source
    out = [f"{name} ({s.source})" if s.name and s.source not in name else name, facts(r)]
    if s.description:
        if overridden(s):
            out.append(f"Preset's description, written before your changes: {s.description}")
        else:
            out.append(s.description)
    method = s.analysis.power_value
    out.append(f"Power valued as {method}: {VALUATIONS[method]}.")
    if s.analysis.carbon_price_kind == "shadow":
        out.append("Carbon at a shadow price: shown as its own line, not in the totals.")
    return out
