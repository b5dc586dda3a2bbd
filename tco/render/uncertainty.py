"""`tco uncertainty` as a JSON document and as a view (table, Markdown, CSV)."""

from __future__ import annotations

from typing import Any

from ..analysis.evaluate import CHUNK
from ..analysis.uncertainty import METRICS, PERCENTILES, UncertaintyResult
from .report import Grid
from .views import View, bar, compact, document_head, share

SCHEMA_VERSION = "1.1"
METHOD = (f"Latin hypercube sampling (replicated in blocks of {CHUNK:,} beyond that many "
          "samples); every option on the same draws (common random numbers)")


def _stats(u: UncertaintyResult, metric: str, option: str) -> dict[str, float]:
    out = {f"p{p}": u.percentile(metric, option, p) for p in PERCENTILES}
    out["mean"] = u.mean(metric, option)
    return out


def document(u: UncertaintyResult) -> dict[str, Any]:
    cheapest = u.cheapest_share()
    return {
        **document_head("uncertainty", SCHEMA_VERSION, u.name, u.source, u.currency),
        "samples": u.samples,
        "seed": u.seed,
        "method": METHOD,
        "conventions": {
            "savings": "baseline minus option: positive means cheaper than the baseline",
            "cheapest": "lowest present value in a sample; ties go to the option listed first",
            "probabilities": "fractions of the samples, 0 to 1",
            "metrics": METRICS,
        },
        "baseline": u.baseline,
        "percentiles": list(PERCENTILES),
        "options": [
            {
                "id": oid, "label": label, "baseline": oid == u.baseline,
                **{m: _stats(u, m, oid) for m in METRICS},
                "prob_cheapest": float(cheapest[i]),
                "prob_beats_baseline": u.prob_beats_baseline(oid),
                "present_value_by_category_mean": u.category_means(oid),
            }
            for i, (oid, label) in enumerate(zip(u.ids, u.outcome.labels, strict=True))
        ],
        "inputs": [
            {"path": v.path, "unit": v.unit, "value": v.value, "low": v.low, "high": v.high,
             "dist": v.dist, "source": v.source, "clipped": u.clipped.get(v.path, 0)}
            for v in u.varied
        ],
        "correlations": [
            {"inputs": [c.first, c.second], "rank": float(c.rank.value),
             "source": c.source or None}
            for c in u.correlations
        ],
    }


def view(u: UncertaintyResult) -> View:
    labels = dict(zip(u.ids, u.outcome.labels, strict=True))
    cheapest = u.cheapest_share()
    best = u.ids[int(cheapest.argmax())]
    n = f"{u.samples:,}"
    title = f"Uncertainty: {u.name or u.source} ({n} samples, seed {u.seed})"
    lines = [f"{labels[best]} has the lowest present value in {share(cheapest.max())} "
             f"of {n} samples."]
    if best != u.baseline:
        p50 = compact(u.percentile("pv_savings", best, 50))
        lines.append(
            f"Against {labels[u.baseline]} it saves {p50} "
            f"{u.currency} of present value (P50), between "
            f"{compact(u.percentile('pv_savings', best, 10))} (P10) and "
            f"{compact(u.percentile('pv_savings', best, 90))} (P90); it is cheaper in "
            f"{share(u.prob_beats_baseline(best))} of the samples.")
    if not u.varied:
        lines.append("No input has a range: every sample is the same (give ranges with "
                     "low/high in the scenario or --range).")
    heads = [f"P{p}" for p in PERCENTILES]
    pv = Grid(f"Present value ({u.currency}), percentiles over the samples",
              ["Option", *heads, "Mean"])
    for oid in u.ids:
        s = _stats(u, "present_value", oid)
        pv.add(labels[oid], *(compact(s[f"p{p}"]) for p in PERCENTILES), compact(s["mean"]))
    sav = Grid(f"Savings against {labels[u.baseline]}, present value ({u.currency})",
               ["Option", *heads, "Cheaper than baseline", "Cheapest", ""])
    for i, oid in enumerate(u.ids):
        s = _stats(u, "pv_savings", oid)
        sav.add(labels[oid] + (" (baseline)" if oid == u.baseline else ""),
                *(compact(s[f"p{p}"]) for p in PERCENTILES),
                "-" if oid == u.baseline else share(u.prob_beats_baseline(oid)),
                share(cheapest[i]), bar(float(cheapest[i]), 1.0, 10))
    sav.text_bars = {len(sav.headers) - 1}
    total = Grid(f"Total cost, undiscounted ({u.currency})", ["Option", *heads])
    for oid in u.ids:
        s = _stats(u, "total", oid)
        total.add(labels[oid], *(compact(s[f"p{p}"]) for p in PERCENTILES))
    inputs = Grid(f"Sampled inputs ({len(u.varied)})",
                  ["Input", "Distribution", "Low", "Value", "High", "Clipped"], text_columns=1)
    for v in u.varied:
        inputs.add(v.path, v.dist, v.show(v.low), v.show(v.value), v.show(v.high),
                   f"{u.clipped.get(v.path, 0):,}")
    notes = [f"Method: {METHOD}. Savings are the baseline's cost minus the option's."]
    if u.correlations:
        notes.append("Sampled together (rank correlation, Iman-Conover): " + "; ".join(
            f"{c.first} ~ {c.second} {float(c.rank.value):+.2f}" for c in u.correlations)
            + ". Every other input is sampled independently.")
    elif len(u.varied) > 1:
        notes.append("Every input is sampled independently (no [[correlations]]): where "
                     "inputs move together, the spread of the savings is too wide.")
    for path, count in u.clipped.items():
        notes.append(f"{count:,} of {n} samples of {path} fell outside the values it allows "
                     "and were clipped to the nearest one.")
    rows: list[tuple[Any, ...]] = []
    for i, oid in enumerate(u.ids):
        for m in METRICS:
            for stat, value in _stats(u, m, oid).items():
                rows.append((oid, m, stat, value, u.currency))
        rows.append((oid, "prob_cheapest", "", float(cheapest[i]), "fraction"))
        rows.append((oid, "prob_beats_baseline", "", u.prob_beats_baseline(oid), "fraction"))
    return View(title, lines, [pv, sav, total, inputs], notes,
                ("option", "metric", "statistic", "value", "unit"), rows)
