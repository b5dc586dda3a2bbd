"""What a watt is worth beyond its energy: facility capacity, or GPUs under a site cap.

Three valuations, one per scenario (``analysis.power_value``), so that the same
watt is never counted twice (methods.md section 2):

- ``energy``: kWh x price only (the energy and cooling categories);
- ``capacity``: a data centre's build cost per kW of facility power (IT x PUE),
  charged once at deployment; it covers the cooling plant, so the cooling
  capital per kW is not charged on top;
- ``gpus``: the site's power is fixed; a watt the network does not draw hosts
  GPUs. The extra GPUs over the baseline are valued (revenue per GPU-hour, or
  the capacity they would otherwise need), and the energy they draw is charged:
  freed power re-spent on GPUs is not an electricity saving (as SemiAnalysis's
  InferenceX estimator, which does not claim it).

All-in facility power per GPU and GPUs deployable under a cap follow the
SemiAnalysis InferenceX calculator docs (figures.md, November 2026 update).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..units import Q

#: +10 % on facility watts when planning a site (SemiAnalysis InferenceX calculator docs)
PLANNING_MARGIN = 1.10


def facility_power(it_power: Any, overhead: Any) -> Any:
    """Facility power drawn for an IT load [kW].

    ``overhead`` is PUE - 1 [fraction]. Notes: it_power x (1 + overhead) = IT x PUE.
    """
    return (it_power * (1.0 + overhead)).to("kW")


def capacity_charge(facility_kw: Any, cost_per_kw: Any) -> Any:
    """Cost of the facility capacity for a load, paid at deployment [currency].

    Notes: facility power [kW] x capacity cost [currency/kW] (e.g. 11.7 M USD/MW,
    Cushman & Wakefield 2025).
    """
    return (facility_kw * cost_per_kw).to_reduced_units()


def facility_watts_per_gpu(gpu_power: Any, gpu_pue: Any, network_power_per_gpu: Any,
                           overhead: Any, margin: Any = PLANNING_MARGIN - 1.0) -> Any:
    """All-in facility power to plan per GPU [W].

    ``gpu_power`` is the GPU server's power per GPU [W] (everything but the
    scale-out network), cooled at ``gpu_pue``; ``network_power_per_gpu`` the
    network's IT power per GPU [W], cooled at the option's PUE (``overhead`` = PUE -
    1); ``margin`` the planning margin [fraction] (tco.site: the same formula).

    Notes: (GPU server W x PUE of the GPU servers + network W per GPU x PUE of the
    network) x (1 + margin).
    """
    m = np.asarray(getattr(margin, "magnitude", margin), dtype=float)
    p = getattr(gpu_pue, "magnitude", gpu_pue)
    return ((gpu_power * p + network_power_per_gpu * (1.0 + overhead)) * (1.0 + m)).to("W")


def gpus_hosted(site_power: Any, watts_per_gpu: Any) -> Any:
    """Whole GPUs a site of fixed power can host [count, float or array].

    Notes: floor(site W / all-in facility W per GPU).
    """
    ratio = (site_power / watts_per_gpu).to("").magnitude
    return np.floor(np.asarray(ratio, dtype=float) + 1e-9)


def gpu_value_per_year(extra_gpus: Any, gpu_hour_value: Any, utilisation: Any) -> Any:
    """Yearly value of GPUs gained (negative: lost) [currency/year].

    Notes: extra GPUs x value per GPU-hour x 8,760 h/year x utilisation.
    """
    hours_per_year = Q(1.0, "year").to("hour") / Q(1.0, "year")
    return (extra_gpus * gpu_hour_value * utilisation.to("") * hours_per_year).to(
        gpu_hour_value.units * Q(1.0, "hour/year").units)
