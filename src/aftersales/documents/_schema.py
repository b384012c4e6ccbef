"""The JSON Schema of a policy document, for editors to validate and complete as you type.

The form of a document is picked as the loader picks it (`_read.build_policy`), by the keys
it has, with `if`/`then` rather than a `oneOf` of the three forms: a validator then checks a
document against its own form only, and reports the problem itself (`window_days: 0 is less
than the minimum of 1`), not which of three forms it fails the least."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from pydantic.json_schema import models_json_schema

from ..catalogue.no_reason_return import no_reason_return
from ..model.kinds import ClaimKind
from ..policy.policy import Policy
from ..policy.versions import PolicyVersions
from ..rules.statute import LEGAL_RETURN_DAYS
from ._changes import Revision
from ._descriptions import describe_fields, field_docstrings, models_in
from ._extends import extends_document_model
from ._limits import MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_VALUES

__all__ = ["policy_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def policy_schema() -> dict[str, Any]:
    """A schema that each of the three document forms meets, and nothing else does."""
    extends = extends_document_model()
    (refs, schema) = models_json_schema(
        [(Policy, "validation"), (extends, "validation"), (PolicyVersions, "validation"),
         (Revision, "validation")],
        ref_template="#/$defs/{model}")
    definitions: dict[str, Any] = schema["$defs"]
    policy_ref = refs[(Policy, "validation")]["$ref"]
    extends_ref = refs[(extends, "validation")]["$ref"]
    versions_ref = refs[(PolicyVersions, "validation")]["$ref"]
    revision_ref = refs[(Revision, "validation")]["$ref"]
    for model in models_in(Policy, extends, PolicyVersions, Revision):
        if model.__name__ in definitions:
            describe_fields(definitions[model.__name__], field_docstrings(model))
    # An extends document's settings are the full policy's.
    describe_fields(definitions[_name(extends_ref)], field_docstrings(Policy))
    _with_the_legal_window(definitions)
    # A version takes the document's id, so inside `versions` the id is optional.
    for ref in (policy_ref, extends_ref):
        name = _name(ref)
        version = copy.deepcopy(definitions[name])
        version["required"] = [field for field in version.get("required", []) if field != "id"]
        version["title"] = f"{version.get('title', name)} (as a version)"
        definitions[f"{name}Version"] = version
    versions = definitions[_name(versions_ref)]
    versions["properties"]["versions"]["items"] = {
        "if": {"required": ["changes"], "not": {"required": ["extends"]}},
        "then": {"$ref": revision_ref},
        "else": _by_extends(f"{extends_ref}Version", f"{policy_ref}Version")}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://aftersales.invalid/schema/policy-document.json",
        "title": "aftersales policy document",
        "description": "A policy, a policy that extends the standard one with parameter "
        "overrides, or a policy's versions in force (docs/policy-files.md). A document is "
        "read as versions if it has `versions` or `kind: policy_versions`, else as extending "
        "a policy if it has `extends`, else as a full policy. The loader also refuses a "
        f"document of more than {MAX_DOCUMENT_BYTES:,} bytes, nested more than {MAX_DEPTH} "
        f"levels deep, or holding more than {MAX_VALUES:,} values (YAML aliases count once "
        "per use), which a schema cannot say.",
        "type": "object",
        "if": {"anyOf": [{"required": ["versions"]},
                         {"required": ["kind"],
                          "properties": {"kind": _kind_of(definitions, versions_ref)}}]},
        "then": {"$ref": versions_ref},
        "else": _by_extends(extends_ref, policy_ref),
        "$defs": _dispatched(definitions),
    }


def _with_the_legal_window(definitions: dict[str, Any]) -> None:
    """The statutory return's window in the `no_reason_return` override: at least
    `LEGAL_RETURN_DAYS` while the guarantee answers no-reason returns (its other legal terms,
    and the floor in a full policy, are the whole policy's: only the library checks them)."""
    parameters = definitions[f"{no_reason_return.__name__}_parameters"]
    answers = ClaimKind.NO_REASON_RETURN.value
    parameters["if"] = {"properties": {"claim_kinds": {
        "if": {"type": "array"}, "then": {"contains": {"const": answers}}}}}
    parameters["then"] = {"properties": {"window_days": {
        "minimum": LEGAL_RETURN_DAYS,
        "description": f"the law's {LEGAL_RETURN_DAYS}-day return may be extended, not "
        "restricted"}}}


def _name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _kind_of(definitions: Mapping[str, Any], ref: str) -> dict[str, Any]:
    """The `kind` a form's document has: `{"const": "policy_versions"}`."""
    return {"const": definitions[_name(ref)]["properties"]["kind"]["const"]}


def _by_extends(extends_ref: str, policy_ref: str) -> dict[str, Any]:
    """A document with `extends` is checked as one, any other as a full policy."""
    return {"if": {"required": ["extends"]},
            "then": {"$ref": extends_ref}, "else": {"$ref": policy_ref}}


def _dispatched(schema: Any) -> Any:
    """`schema` in the words a validator reports best. Each optional value (pydantic's
    `anyOf` of it and null) as one schema that also takes null; each integer bound as
    `minimum`/`maximum` (`exclusiveMinimum: 0` reads "0 is less than or equal to the minimum
    of 0"); each tagged union (pydantic's `oneOf` with a `discriminator`, which a
    validator does not read) as an `if`/`then` on its tag: a condition with a bad
    `window_days` is reported as that, not as matching none of 25 condition kinds."""
    if isinstance(schema, list):
        return [_dispatched(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = _plain(_or_null({key: _dispatched(value) for key, value in schema.items()}))
    if isinstance(schema.get("description"), str):  # docstrings: wrapped, indented
        schema["description"] = " ".join(schema["description"].split())
    discriminator = schema.pop("discriminator", None)
    if discriminator is None or "oneOf" not in schema:
        return schema
    del schema["oneOf"]
    tag: str = discriminator["propertyName"]
    mapping: dict[str, str] = discriminator["mapping"]
    return {
        **schema,
        "type": "object",
        "required": [tag],
        "properties": {tag: {"enum": list(mapping)}},
        "allOf": [{"if": {"properties": {tag: {"const": value}}}, "then": {"$ref": ref}}
                  for value, ref in mapping.items()],
    }


_NULL: Mapping[str, Any] = {"type": "null"}


def _or_null(schema: dict[str, Any]) -> dict[str, Any]:
    """`{"anyOf": [X, {"type": "null"}]}` as X that also takes null: a bad value is then
    reported against X itself, not as matching neither X nor null."""
    options = schema.get("anyOf")
    if not isinstance(options, list) or _NULL not in options or len(options) < 2:
        return schema
    others = [option for option in options if option != _NULL]
    rest = {key: value for key, value in schema.items() if key != "anyOf"}
    if len(others) == 1 and isinstance(others[0].get("type"), str) \
            and not {"enum", "const"} & set(others[0]):
        return {**rest, **others[0], "type": [others[0]["type"], "null"]}
    value = others[0] if len(others) == 1 else {"anyOf": others}
    return {**rest, "if": {"not": _NULL}, "then": value}


def _plain(schema: dict[str, Any]) -> dict[str, Any]:
    """An integer's exclusive bounds as the inclusive ones they are: `exclusiveMinimum: 0`
    as `minimum: 1`."""
    if schema.get("type") not in ("integer", ["integer", "null"]):
        return schema
    schema = dict(schema)
    low = schema.pop("exclusiveMinimum", None)
    if isinstance(low, int):
        schema["minimum"] = low + 1
    high = schema.pop("exclusiveMaximum", None)
    if isinstance(high, int):
        schema["maximum"] = high - 1
    return schema
