"""Write the scenario key reference (docs/scenario.md) from :mod:`tco.model.spec`.

Run ``python -m tco.docgen > docs/scenario.md``; a test checks the file is current.
"""

from __future__ import annotations

from .model import spec
from .units import HOURS_PER_YEAR, MAX_QUANTITY_CHARS

INTRO = f"""# Scenario key reference

A scenario is a TOML file with the tables `[analysis]`, `[deployment]` (or
`[fabric]`, from which the deployment is derived) and one
`[options.NAME]` table per option (at least two), each with `[options.NAME.switch]`,
`[options.NAME.optics]` and, where the technology has them, `[options.NAME.lasers]`.

- Every quantity is a string with its unit: `"15 W"`, `"5.5 pJ/bit"`,
  `"0.078 USD/kWh"`, `"3 %"`. Its dimension is checked when the scenario is
  loaded; a bare number where a quantity is due is an error, and shares are
  written with `%` so that 3 % and 0.03 cannot be confused.
- Any value may be written as `{{ value = "15 W", source = "NVIDIA datasheet 2024" }}`:
  the source is echoed with the value in the JSON output and by `tco presets show`.
- A quantity or number may carry a range for the analysis commands (`tco uncertainty`,
  `sensitivity`): `{{ value = "1250 USD", low = "1100 USD", high = "1400 USD",
  dist = "pert" }}`. low and high are checked like the value, with
  low <= value <= high; `dist` is `pert` (default), `triangular`, `uniform` or
  `lognormal` (median at the value, low its 5th percentile and high its 95th:
  each half of the curve fitted to its own end). `compare` uses the value only.
  Not for `analysis.horizon`, `deployment.switch_capacity`, `deployment.port_speed`
  or whole numbers (they shape the model: sweep them).
- A quantity is a number and a unit: the number may have a fraction and an exponent
  (`1.5e6 USD`) and thousands grouped by `_` (`1_250_000 USD`), or by `,` where it
  cannot be read as a decimal comma (`1,250,000`; `1,250` is refused); the unit is
  names joined by `*`, `/`, `**` (whole powers up to 9) and parentheses, or a lone `%`.
  Nothing is evaluated: no arithmetic, indexing or spaces inside the number. At most
  {MAX_QUANTITY_CHARS} characters.
- Every number must be finite and inside the range in the tables below, after
  conversion to the key's unit. Where a key states no bound of its own: shares and
  yearly rates (`%`) at most 100 %, a failure rate at most 1/year (100 % a year), a time
  in years at most 100, an emissions intensity at most 2 kgCO2e/kWh, anything else at
  most 10^9 (and at least -10^9), so that an absurd or overflowing value is refused
  when the scenario is loaded, naming the key and the bound.
- Scenario files are regular files of at most 10 MB, nested at most 64 levels deep,
  with no number longer than 100 digits.
- Unknown keys are errors (they are usually typos).
- Calendar: one year is 365 days = {HOURS_PER_YEAR:,.0f} hours.
- Money: `{{cur}}` below is the reporting currency (`analysis.currency`). A price in
  another currency needs a rate in `analysis.exchange_rates`.

Units understood: SI prefixes (p n u m k M G T P) on W, J, Wh, bit, b, bps, g,
gCO2e, t, tCO2e and currencies; `s`, `min`, `hour`/`h`, `day`, `week`, `month`,
`year`; `%`; `FIT` (failures per 10^9 device-hours); USD, EUR, GBP, JPY, CNY, CHF.
"""

TITLES = {
    "": "Top level",
    "analysis": "`[analysis]`",
    "deployment": "`[deployment]`",
    "fabric": "`[fabric]` (instead of `[deployment]`: the fleet derived from a cluster)",
    "fabric_tier": "`[fabric.tier1]`, `[fabric.tier2]`, `[fabric.tier3]`",
    "site": "`[site]` (with `[fabric]`: a power-capped site)",
    "option": "`[options.NAME]`",
    "part": "`[options.NAME.switch]`, `[options.NAME.optics]`, `[options.NAME.lasers]`",
    "failure_mode": "`[[options.NAME.PART.failure_modes]]` (instead of the part's afr, "
                    "failure_rate or mtbf: one table per way the part fails; a part with "
                    "one rate is one mode with the part's own repair keys)",
    "correlation": "`[[correlations]]` (for `tco uncertainty`: two sampled inputs that "
                   "move together)",
}


def _unit(f: spec.Field) -> str:
    if f.kind == "percent":
        return "%"
    if f.kind == "choice":
        return " \\| ".join(f.choices)
    units = [u for u in (f.unit, *f.alt_units) if u]
    return " or ".join(units) if units else f.kind


def render() -> str:
    lines = [INTRO]
    for section, fields in spec.SECTIONS.items():
        lines += [f"## {TITLES[section]}", ""]
        if section == "part":
            for name, what, required in spec.PARTS:
                need = "required" if required else "optional"
                lines.append(f"- `{name}` ({need}): {what}.")
            lines.append("")
        lines += ["| key | unit | range | default | meaning |", "|---|---|---|---|---|"]
        for f in fields:
            lines.append(f"| `{f.name}` | {_unit(f)} | {spec.range_text(f)} | "
                         f"{f.default_text()} | {f.doc} |")
        lines.append("")
    return "\n".join(lines)


#: how a section's keys are written in a scenario (and with --set)
PREFIXES = {
    "": "",
    "analysis": "analysis.",
    "deployment": "deployment.",
    "fabric": "fabric.",
    "fabric_tier": "fabric.TIER.",
    "option": "options.OPTION.",
    "part": "options.OPTION.PART.",
    "failure_mode": "options.OPTION.PART.failure_modes[N].",
    "correlation": "correlations[N].",
}


def keys() -> list[tuple[str, str, str, str]]:
    """Every scenario key as (path, unit, default, meaning), in reference order.

    OPTION stands for an option's key (``cpo``), PART for switch, optics or lasers,
    TIER for tier1, tier2 or tier3.
    """
    out = []
    for section, fields in spec.SECTIONS.items():
        prefix = PREFIXES.get(section, f"{section}.")
        for f in fields:
            out.append((prefix + f.name, _unit(f).replace(" \\| ", " | "), f.default_text(),
                        f.doc))
    return out


if __name__ == "__main__":  # pragma: no cover
    print(render(), end="")
