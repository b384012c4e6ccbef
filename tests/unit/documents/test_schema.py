"""The JSON Schema of a policy document (`aftersales schema`): a valid 2020-12 schema that
every example, the packaged standard document and a written versions document meet, and that a
document with an unknown field or kind does not."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

from aftersales.documents import STANDARD_DOCUMENT, dump_policy, load_policy, policy_schema

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@cache
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(policy_schema())


def as_an_editor_reads(text: str) -> Any:
    """The YAML document as JSON data: dates and numbers as an editor's YAML 1.2 reader sees
    them (PyYAML's own types turned into text)."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


def errors(document: Any) -> list[str]:
    return [error.message for error in validator().iter_errors(document)]


def test_the_schema_is_a_valid_json_schema() -> None:
    schema = policy_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "oneOf" not in json.dumps(schema)  # every choice is an if/then on a key


def test_the_schema_is_json() -> None:
    assert json.loads(json.dumps(policy_schema())) == policy_schema()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_every_example_file_meets_the_schema(path: Path) -> None:
    assert errors(as_an_editor_reads(path.read_text(encoding="utf-8"))) == []


def test_the_packaged_standard_document_meets_the_schema() -> None:
    assert errors(as_an_editor_reads(STANDARD_DOCUMENT.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("format", ["yaml", "json"])
def test_a_written_versions_document_meets_the_schema(format: str) -> None:
    versions = load_policy(ROOT / "examples/allergy-versions.yaml")
    text = dump_policy(versions, format)  # type: ignore[arg-type]
    assert errors(as_an_editor_reads(text)) == []


def _standard() -> dict[str, Any]:
    data: dict[str, Any] = as_an_editor_reads(STANDARD_DOCUMENT.read_text(encoding="utf-8"))
    return data


def test_an_unknown_top_level_field_does_not_meet_the_schema() -> None:
    document = _standard()
    document["titel"] = "Acme"
    assert errors(document)


def test_an_unknown_condition_kind_does_not_meet_the_schema() -> None:
    document = _standard()
    document["guarantees"][2]["conditions"][0]["kind"] = "filed_witin"
    assert errors(document)


def test_a_zero_window_does_not_meet_the_schema() -> None:
    document = _standard()
    document["guarantees"][2]["conditions"][0]["window_days"] = 0
    assert errors(document)


def test_an_unknown_field_in_an_override_does_not_meet_the_schema() -> None:
    document = as_an_editor_reads((ROOT / "examples/allergy-7-days.yaml").read_text())
    assert errors(document) == []
    document["overrides"]["allergy"]["window_day"] = 7
    assert errors(document)
    document = as_an_editor_reads((ROOT / "examples/allergy-7-days.yaml").read_text())
    document["overrides"]["alergy"] = {}
    assert errors(document)


def test_a_bad_payer_in_an_override_does_not_meet_the_schema() -> None:
    document = as_an_editor_reads((ROOT / "examples/stricter-late-shipment.yaml").read_text())
    document["overrides"]["late_shipment"]["payer"] = "platfrom"
    assert errors(document)


def test_a_version_may_leave_out_the_id_but_a_policy_may_not() -> None:
    versions = as_an_editor_reads((ROOT / "examples/allergy-versions.yaml").read_text())
    assert "id" not in versions["versions"][0]
    assert errors(versions) == []
    single = copy.deepcopy(versions["versions"][0])
    assert errors(single)
    assert errors({**single, "id": "acme"}) == []


def test_a_wrong_document_kind_does_not_meet_the_schema() -> None:
    document = _standard()
    document["kind"] = "policy_versions"
    assert errors(document)


def test_an_override_parameter_shows_its_standard_value_as_an_author_writes_it() -> None:
    definitions = policy_schema()["$defs"]
    late = definitions["late_shipment_parameters"]["properties"]
    assert late["payer"]["description"] == "standard value: platform"
    assert late["cap"]["description"] == 'standard value: "30.00"'
    spoilage = definitions["spoilage_parameters"]["properties"]
    assert spoilage["categories"]["description"] == "standard value: [fresh, pantry.grain_oil]"
    assert spoilage["window_hours"]["description"] == "standard value: 48"
