"""``tco fabric`` output: the bill of materials per tier as a table, JSON or CSV.

Every number comes from :func:`tco.model.bom.bill_of_materials`; nothing is
counted here. JSON is versioned and validated against tco/data/fabric.schema.json.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .. import __version__

FABRIC_SCHEMA_VERSION = "1.0"

TIER_COLUMNS = (
    ("name", "Tier"), ("switches", "Switches"), ("ports", "Ports"),
    ("ports_in_use", "In use"), ("idle_ports", "Idle"), ("links", "Links below"),
    ("media", "Media"), ("reach_class", "Reach"), ("switch_ends", "Switch ends"),
    ("nic_ends", "NIC ends"),
)


def document(sources: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    return {"schema_version": FABRIC_SCHEMA_VERSION,
            "tool": {"name": "tco", "version": __version__},
            "fabrics": [{"source": source, **bom} for source, bom in sources]}


def dumps(sources: list[tuple[str, dict[str, Any]]]) -> str:
    return json.dumps(document(sources), indent=2) + "\n"


def _n(x: Any) -> str:
    x = float(x)
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 else f"{x:,.2f}"


def render_csv(sources: list[tuple[str, dict[str, Any]]]) -> str:
    """Tidy rows: source, option, part, tier, quantity, value."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(("source", "option", "part", "tier", "quantity", "value"))
    for source, bom in sources:
        for t in bom["tiers"]:
            for key, _ in TIER_COLUMNS[1:]:
                w.writerow((source, "", "", t["name"], key, t[key]))
        for key, value in bom["totals"].items():
            w.writerow((source, "", "", "total", key, value))
        for key, value in bom["per_gpu"].items():
            w.writerow((source, "", "", "per_gpu", key, repr(float(value))))
        names = {t["tier"]: t["name"] for t in bom["tiers"]}
        for o in bom["options"]:
            for p in o["parts"]:
                for tier, n in p["units_by_tier"].items():
                    w.writerow((source, o["id"], p["name"], names[int(tier)], "units",
                                repr(float(n))))
                w.writerow((source, o["id"], p["name"], "total", "units", repr(p["units"])))
                w.writerow((source, o["id"], p["name"], "total", "lasers",
                            repr(p["lasers"])))
            for key in ("modules", "lasers", "modules_per_gpu", "lasers_per_gpu"):
                w.writerow((source, o["id"], "", "total", key, repr(float(o[key]))))
    return out.getvalue()


def tables(source: str, bom: dict[str, Any]) -> list[Any]:
    """Rich tables: the tiers, then one per option (units of each part per tier)."""
    from rich.table import Table

    g = bom["gpus"]
    title = (f"Fabric of {source}: {g:,} GPUs x {bom['nic_ports_per_gpu']} NIC port(s), "
             f"{len(bom['tiers'])} tier(s) of {bom['radix']}-port switches"
             + (f", {bom['planes']} planes" if bom["planes"] > 1 else "")
             + f"; leaf {bom['leaf_down_ports']} down / {bom['leaf_up_ports']} up")
    t = Table(title=title, title_justify="left", header_style="bold")
    for i, (_, header) in enumerate(TIER_COLUMNS):
        t.add_column(header, justify="left" if i in (0, 6, 7) else "right", no_wrap=True)
    for row in bom["tiers"]:
        cells = [str(row[k]) if isinstance(row[k], str) else _n(row[k])
                 for k, _ in TIER_COLUMNS]
        cells[0] = f"{row['tier']} {row['name']}"
        cells[7] = f"{row['reach_class']} ({row['reach_m']:g} m)"
        t.add_row(*cells)
    tot, per = bom["totals"], bom["per_gpu"]
    t.add_row("total", *(_n(tot[k]) for k, _ in TIER_COLUMNS[1:6]), "", "",
              _n(tot["switch_ends"]), _n(tot["nic_ends"]), end_section=True)
    t.add_row("per GPU", _n(per["switches"]) if per["switches"] >= 1 else
              f"{per['switches']:.4f}", "", _n(per["switch_ports_in_use"]), "",
              _n(per["links"]), "", "", "", "")
    out = [t]
    note = Table(show_header=False, box=None, padding=(0, 1))
    note.add_column(no_wrap=True)
    note.add_column(justify="right", no_wrap=True)
    note.add_row("Optical link ends (ports) per GPU", f"{per['optical_ends']:,.2f}")
    note.add_row("Host ports the tiers can hold", f"{bom['capacity_host_ports']:,}")
    out.append(note)
    names = {r["tier"]: r["name"] for r in bom["tiers"]}
    for o in bom["options"]:
        ot = Table(title=f"Option {o['label']}: parts per tier (units)", title_justify="left",
                   header_style="bold", caption_justify="left",
                   caption="tier t: its switches (per switch), or the links below it "
                           "(1 NIC-leaf, 2 leaf-spine, 3 spine-core)")
        ot.add_column("Part", no_wrap=True)
        ot.add_column("Per", no_wrap=True)
        for idx in sorted(names):
            ot.add_column(f"tier {idx}", justify="right", no_wrap=True)
        for header in ("Units", "Per GPU", "Lasers"):
            ot.add_column(header, justify="right", no_wrap=True)
        for p in o["parts"]:
            by = p["units_by_tier"]
            ot.add_row(p["name"], f"{_n(p['count'])} / {p['per'].replace('_', ' ')}",
                       *(_n(by[str(i)]) if str(i) in by else "-" for i in sorted(names)),
                       _n(p["units"]), f"{p['units_per_gpu']:,.2f}", _n(p["lasers"]))
        ot.add_row("optical modules", "", *("" for _ in names), _n(o["modules"]),
                   f"{o['modules_per_gpu']:,.2f}", "", end_section=True)
        ot.add_row("lasers", "", *("" for _ in names), _n(o["lasers"]),
                   f"{o['lasers_per_gpu']:,.2f}", "")
        out.append(ot)
    return out
