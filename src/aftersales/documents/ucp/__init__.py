"""Policies as Universal Commerce Protocol return policies (`dev.ucp.shopping.policy.return`),
and back: `export_ucp`, `import_ucp`, and the shipped UCP JSON Schemas (`ucp_schemas`)."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from ._export import RETURN_TYPE, UcpExport, Unexpressed, export_ucp
from ._import import import_ucp

__all__ = ["RETURN_TYPE", "UcpExport", "Unexpressed", "export_ucp", "import_ucp", "ucp_schemas"]

_SCHEMA_FILES = ("policy_return.json", "types_policy.json", "amount.json", "description.json",
                 "reverse_domain_name.json")


def ucp_schemas() -> dict[str, dict[str, Any]]:
    """The shipped UCP schemas by `$id` (load them into a `referencing.Registry` to validate;
    the entry of one policy is `https://ucp.dev/schemas/shopping/policy_return.json#/$defs/
    policies_item`)."""
    folder = files("aftersales") / "data" / "ucp"
    schemas = [json.loads((folder / name).read_text(encoding="utf-8")) for name in _SCHEMA_FILES]
    return {schema["$id"]: schema for schema in schemas}
