"""The JSON Schema of the output, shipped as tco/data/result.schema.json."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1.10"


def schema_text(kind: str = "result") -> str:
    """The schema of `compare --format json` ("result") or `diff --format json` ("diff")."""
    return resources.files("tco.data").joinpath(f"{kind}.schema.json").read_text("utf-8")


def schema(kind: str = "result") -> dict[str, Any]:
    return json.loads(schema_text(kind))
