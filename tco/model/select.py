"""Options named by id or label, case-insensitively; ``--only`` and ``--baseline``.

Every command that takes an option accepts its id (``cpo``) or its label
(``CPO (external lasers)``), in any case. ``--only A,B`` keeps those options in
the order given; ``--baseline A`` compares the others against A. When
``--only`` leaves the baseline out and no ``--baseline`` is given, the first
option kept becomes the baseline.

Works on a built :class:`~tco.model.scenario.Scenario` (compare, explain) and on a
``Resolved`` scenario before it is built (the analysis commands).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..errors import InputError


def _norm(text: str) -> str:
    return " ".join(str(text).lower().split())


def match(name: str, choices: list[tuple[str, str]], what: str = "option") -> str:
    """The id among ``(id, label)`` pairs that ``name`` names (id first, then label)."""
    wanted = _norm(name)
    for ident, _label in choices:
        if _norm(ident) == wanted:
            return ident
    hits = [ident for ident, label in choices if _norm(label) == wanted]
    if len(hits) == 1:
        return hits[0]
    listed = ", ".join(ident if _norm(ident) == _norm(label) else f"{ident} ({label})"
                       for ident, label in choices)
    if hits:
        raise InputError(f"{what} {name!r} names several: {', '.join(hits)}; give the id")
    raise InputError(f"unknown {what} {name!r} (give an id or a label: {listed})")


def split(text: str | None) -> list[str]:
    """``"cpo, LPO"`` -> ``["cpo", "LPO"]``; labels holding commas need their id."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _choose(choices: list[tuple[str, str]], base: str, only: str | None,
            baseline: str | None) -> tuple[list[str], str]:
    if only is not None and not split(only):
        raise InputError(f"--only {only!r}: expected option ids or labels, such as "
                         f"{','.join(i for i, _ in choices[:2])}")
    kept = [_named("--only", name, choices) for name in split(only)] or [i for i, _ in choices]
    if len(set(kept)) != len(kept):
        raise InputError(f"--only {only!r} names an option twice")
    if baseline is not None:
        chosen = _named("--baseline", baseline, choices)
        if chosen not in kept:
            kept = [chosen, *kept]
    else:
        chosen = base if base in kept else kept[0]
    if len(kept) < 2:
        raise InputError(f"--only {only!r}: give at least two options to compare")
    return kept, chosen


def _named(flag: str, name: str, choices: list[tuple[str, str]]) -> str:
    """:func:`match`, its error naming the command-line option."""
    try:
        return match(name, choices)
    except InputError as exc:
        raise InputError(f"{flag}: {exc}") from None


def options(scenario: Any, only: str | None = None, baseline: str | None = None) -> Any:
    """A scenario with the options kept by ``--only`` and the baseline ``--baseline`` names."""
    if only is None and baseline is None:
        return scenario
    choices = [(o.id, o.label) for o in scenario.options]
    kept, chosen = _choose(choices, scenario.baseline.id, only, baseline)
    by_id = {o.id: o for o in scenario.options}
    picked = tuple(replace(by_id[i], is_baseline=i == chosen) for i in kept)
    for o in picked:  # the next product bought at a refresh must stay (tco.refresh)
        if getattr(o, "refresh_to", None) not in (None, *kept):
            raise InputError(f"names {o.refresh_to!r}, left out by --only: keep it "
                             f"(--only {','.join([*kept, o.refresh_to])})",
                             source=scenario.source, key=f"options.{o.id}.refresh_to")
    said = " ".join(x for x in (only and f"--only {only}", baseline and f"--baseline {baseline}")
                    if x)
    dropped = tuple(f"options.{o.id}." for o in scenario.options if o.id not in kept)
    inputs = {path: item for path, item in scenario.inputs.items()
              if not path.startswith(dropped)}
    return replace(scenario, options=picked, selection=said, inputs=inputs)


def resolved_options(resolved: Any, only: str | None = None,
                     baseline: str | None = None) -> Any:
    """The same on a validated scenario before it is built (analysis commands)."""
    if only is None and baseline is None:
        return resolved
    choices = [(key, opt["label"].value or key) for key, opt, _parts in resolved.options]
    base = next((key for key, opt, _ in resolved.options if opt["baseline"].value),
                resolved.options[0][0])
    kept, chosen = _choose(choices, base, only, baseline)
    by_id = {entry[0]: entry for entry in resolved.options}
    for key, opt, _parts in resolved.options:
        item = opt["baseline"]
        if bool(item.value) != (key == chosen):
            item.value, item.origin = key == chosen, "--set"
    resolved.options = [by_id[i] for i in kept]
    resolved.correlations = kept_correlations(resolved)
    return resolved


def kept_correlations(resolved: Any) -> list[Any]:
    """The ``[[correlations]]`` among the inputs ``--only`` kept.

    A pair with an input left out goes. A rank-1 group whose lead (the input the others
    follow) was left out is led by its first follower kept, in every pair of the lead:
    the followers kept are still one draw (the engine's price still the system's share).
    """
    present = resolved.inputs()
    pairs = list(resolved.correlations)
    for lead in dict.fromkeys(c.first for c in pairs if c.same):
        heirs = [c.second for c in pairs if c.same and c.first == lead and c.second in present]
        if lead in present or not heirs:
            continue
        pairs = [replace(c, first=heirs[0] if c.first == lead else c.first,
                         second=heirs[0] if c.second == lead else c.second) for c in pairs]
        pairs = [c for c in pairs if c.first != c.second]
    return [c for c in pairs if c.first in present and c.second in present]
