"""Policy documents: policies written as YAML, JSON or TOML files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..policy import Policy
from ..versions import AnyPolicy, PolicyVersions

__all__ = ["load_policy"]


def load_policy(path: str | Path) -> AnyPolicy:
    """The policy, or the versions in force, that the document at `path` holds."""
    data: Any = json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)
    if isinstance(data, dict) and "versions" in data:
        return PolicyVersions.parse(data)
    return Policy.parse(data)
