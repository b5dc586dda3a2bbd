"""Shell completion: preset names, option ids and scenario keys.

Completion runs the command line's parser, so these stay cheap: presets are
file names, option ids are read from the TOML (not computed), keys come from
the spec. Errors give no completions rather than a traceback.
"""

from __future__ import annotations

import os
import shlex
from typing import Any


def _words() -> list[str]:
    """The command line being completed (click puts it in COMP_WORDS)."""
    try:
        return shlex.split(os.environ.get("COMP_WORDS", ""))
    except ValueError:
        return []


def presets(incomplete: str = "") -> list[str]:
    try:
        from ..io import loader

        return [n for n in loader.preset_names() if n.startswith(incomplete)]
    except Exception:  # noqa: BLE001 - completion must never fail loudly
        return []


def targets(incomplete: str = "") -> list[str]:
    """Preset names (files are completed by the shell itself)."""
    return presets(incomplete)


def option_ids(incomplete: str = "") -> list[str]:
    """Option ids of the first scenario or preset on the command line, else 'default'."""
    try:
        from ..io import loader

        names = set(loader.preset_names())
        target = next((w for w in _words()[1:] if w in names or w.endswith(".toml")),
                      None)
        raw = loader.resolve_extends(loader.read(target))
        return [k for k in raw.data.get("options", {}) if k.startswith(incomplete)]
    except Exception:  # noqa: BLE001
        return []


def keys(incomplete: str = "") -> list[str]:
    """``--set`` keys, with the option ids of the scenario in place of OPTION."""
    try:
        from ..docgen import keys as all_keys

        out = []
        ids = option_ids() or ["OPTION"]
        for path, *_ in all_keys():
            if path.startswith("options.OPTION."):
                rest = path[len("options.OPTION."):]
                parts = ("switch", "optics", "lasers") if rest.startswith("PART.") else ("",)
                for i in ids:
                    for part in parts:
                        tail = rest.replace("PART.", f"{part}.") if part else rest
                        out.append(f"options.{i}.{tail}=")
            else:
                out.append(f"{path}=")
        return [k for k in out if k.startswith(incomplete)]
    except Exception:  # noqa: BLE001
        return []


def complete(items: list[str], incomplete: str) -> list[Any]:
    return [i for i in items if i.startswith(incomplete)]
