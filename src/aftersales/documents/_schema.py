"""The JSON Schema of a policy document, for editors to validate and complete as you type."""

from __future__ import annotations

import copy
from typing import Any

from pydantic.json_schema import models_json_schema

from ..policy.policy import Policy
from ..policy.versions import PolicyVersions
from ._extends import extends_document_model

__all__ = ["policy_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def policy_schema() -> dict[str, Any]:
    """A schema that each of the three document forms meets, and nothing else does."""
    extends = extends_document_model()
    (refs, schema) = models_json_schema(
        [(Policy, "validation"), (extends, "validation"), (PolicyVersions, "validation")],
        ref_template="#/$defs/{model}")
    definitions: dict[str, Any] = schema["$defs"]
    policy_ref = refs[(Policy, "validation")]["$ref"]
    extends_ref = refs[(extends, "validation")]["$ref"]
    versions_name = refs[(PolicyVersions, "validation")]["$ref"].rsplit("/", 1)[-1]
    # A version takes the document's id, so inside `versions` the id is optional.
    for ref in (policy_ref, extends_ref):
        name = ref.rsplit("/", 1)[-1]
        version = copy.deepcopy(definitions[name])
        version["required"] = [field for field in version.get("required", []) if field != "id"]
        version["title"] = f"{version.get('title', name)} (as a version)"
        definitions[f"{name}Version"] = version
    versions = definitions[versions_name]
    versions["properties"]["versions"]["items"] = {"anyOf": [
        {"$ref": f"{policy_ref}Version"}, {"$ref": f"{extends_ref}Version"}]}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://aftersales.invalid/schema/policy-document.json",
        "title": "aftersales policy document",
        "description": "A policy, a policy that extends the standard one with parameter "
        "overrides, or a policy's versions in force (docs/policy-files.md).",
        "oneOf": [{"$ref": policy_ref}, {"$ref": extends_ref},
                  {"$ref": f"#/$defs/{versions_name}"}],
        "$defs": definitions,
    }
