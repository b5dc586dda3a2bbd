"""Check a JSON document against one of tco's shipped schemas, without jsonschema.

jsonschema is a test-only dependency, so reading a saved result (``tco diff``)
checks it with this small validator of the keywords tco's schemas use:
``type``, ``properties``, ``required``, ``additionalProperties``, ``items``,
``minItems``, ``enum``, ``const``, ``minimum``, ``pattern``, ``$ref`` (local,
``#/$defs/...``). Other keywords are ignored. The first problem found is
reported with its location, e.g. ``results[0].scenario.name: expected a
string, got 5``.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import shown

_TYPES = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "integer": lambda x: (isinstance(x, int) and not isinstance(x, bool))
    or (isinstance(x, float) and x.is_integer()),
    "number": lambda x: isinstance(x, (int, float)) and not isinstance(x, bool),
}
_ARTICLE = {"object": "an object", "array": "an array", "integer": "an integer"}


def first_problem(doc: Any, schema: dict[str, Any], *, extra_ok: bool = False) -> str | None:
    """The first place where ``doc`` breaks ``schema``, or None.

    ``extra_ok``: ignore ``additionalProperties: false`` (a file written by a newer
    MINOR version of the schema may hold fields this tco does not know).
    """
    return _check(doc, schema, schema, "", extra_ok)


def _where(path: str) -> str:
    return path or "the document"


def _check(x: Any, s: dict[str, Any], root: dict[str, Any], path: str,
           extra_ok: bool) -> str | None:
    if "$ref" in s:
        ref = s["$ref"]
        if not ref.startswith("#/"):  # pragma: no cover - tco's schemas are local
            return None
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        return _check(x, target, root, path, extra_ok)
    if "type" in s:
        kinds = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(_TYPES[k](x) for k in kinds if k in _TYPES):
            wanted = " or ".join(_ARTICLE.get(k, f"a {k}") for k in kinds)
            return f"{_where(path)}: expected {wanted}, got {shown(x)}"
    if "const" in s and x != s["const"]:
        return f"{_where(path)}: expected {shown(s['const'])}, got {shown(x)}"
    if "enum" in s and x not in s["enum"]:
        return f"{_where(path)}: expected one of {', '.join(map(str, s['enum']))}, got {shown(x)}"
    if "minimum" in s and _TYPES["number"](x) and x < s["minimum"]:
        return f"{_where(path)}: expected at least {s['minimum']}, got {shown(x)}"
    if "pattern" in s and isinstance(x, str) and not re.search(s["pattern"], x):
        return f"{_where(path)}: {shown(x)} does not match {s['pattern']}"
    if isinstance(x, dict):
        return _object(x, s, root, path, extra_ok)
    if isinstance(x, list):
        if len(x) < s.get("minItems", 0):
            return f"{_where(path)}: expected at least {s['minItems']} items, got {len(x)}"
        if isinstance(s.get("items"), dict):
            for i, item in enumerate(x):
                if problem := _check(item, s["items"], root, f"{path}[{i}]", extra_ok):
                    return problem
    return None


def _object(x: dict[str, Any], s: dict[str, Any], root: dict[str, Any], path: str,
            extra_ok: bool) -> str | None:
    for key in s.get("required", []):
        if key not in x:
            return f"{_where(path)}: missing {key!r}"
    props = s.get("properties", {})
    extra = s.get("additionalProperties", True)
    for key, value in x.items():
        here = f"{path}.{key}" if path else str(key)
        if key in props:
            sub = props[key]
        elif extra is False:
            if extra_ok:
                continue
            return f"{_where(path)}: unexpected key {shown(key)}"
        elif isinstance(extra, dict):
            sub = extra
        else:
            continue
        if problem := _check(value, sub, root, here, extra_ok):
            return problem
    return None
