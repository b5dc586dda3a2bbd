"""The JSON Schema of the output, shipped as tco/data/result.schema.json."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1.0"


def schema_text() -> str:
    return resources.files("tco.data").joinpath("result.schema.json").read_text("utf-8")


def schema() -> dict[str, Any]:
    return json.loads(schema_text())
