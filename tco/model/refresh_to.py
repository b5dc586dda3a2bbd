"""Checks of ``options.X.refresh_to`` at load time (what it does: :mod:`tco.refresh`)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..errors import InputError


def check(options: list[Any], analysis: Any, source: str) -> None:
    """Every refresh_to names a known option, no chain cycles back, lives are whole."""
    by_id = {o.id: o for o in options}
    for opt in options:
        target = opt.refresh_to
        if target is None:
            continue
        key = f"options.{opt.id}.refresh_to"
        if target not in by_id:
            raise InputError(f"unknown option {target!r} (options: {', '.join(by_id)}; "
                             "an option left out by --only cannot be refreshed to)",
                             source=source, key=key)
        if analysis.power_value == "gpus":
            raise InputError('not modelled with analysis.power_value = "gpus" (the GPUs '
                             "a site hosts are planned once)", source=source, key=key)
        chain, cur = [opt.id], opt
        while cur.refresh_to is not None and cur.refresh_to != cur.id:
            cur = by_id[cur.refresh_to]
            if cur.id in chain:
                raise InputError(f"refresh_to cycles: {' -> '.join([*chain, cur.id])}",
                                 source=source, key=key)
            chain.append(cur.id)
        life = opt.part("switch").life.to("year").magnitude
        if np.ndim(life) == 0 and math.isinf(float(life)):
            raise InputError(f"refresh_to = {target!r} needs the switch's service life "
                             "(the year of the refresh): set options."
                             f"{opt.id}.switch.life", source=source,
                             key=f"options.{opt.id}.switch.life")
        if np.any(np.abs(np.asarray(life) - np.round(life)) > 1e-9):
            raise InputError(f"expected a whole number of years with refresh_to (the "
                             f"refresh year), got {float(np.ravel(life)[0]):g} year",
                             source=source, key=f"options.{opt.id}.switch.life")
