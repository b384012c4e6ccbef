"""The JSON Schema of a policy document (`aftersales schema`): a valid 2020-12 schema that
every example, the packaged standard document and a written versions document meet, and that a
document with an unknown field or kind does not."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

from aftersales import Case, InvalidPolicyError
from aftersales.catalogue.standard import STANDARD_GUARANTEES
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


def test_each_override_parameters_description_is_its_factorys_whole_first_paragraph() -> None:
    definitions = policy_schema()["$defs"]
    for gid, factory in STANDARD_GUARANTEES.items():
        paragraph = " ".join((factory.__doc__ or "").split("\n\n")[0].split())
        description = definitions[f"{gid}_parameters"]["description"]
        assert description == f"Parameters of the standard `{gid}` guarantee: {paragraph}"
        assert description.endswith((".", ")")), gid


def test_every_field_of_the_documents_top_level_has_a_description() -> None:
    definitions = policy_schema()["$defs"]
    for name in ("Policy", "ExtendsDocument", "PolicyVersions"):
        undescribed = [field for field, schema in definitions[name]["properties"].items()
                       if field != "kind" and not schema.get("description")]
        assert undescribed == [], name


def test_no_description_keeps_a_docstrings_line_breaks() -> None:
    assert "\\n" not in json.dumps(policy_schema())


# check-jsonschema, as an author or CI runs it.

NOT_POLICIES = {"spoilage-case.json"}
"""Example files that are cases, not policies."""


def _check_jsonschema(schema: Path, *documents: Path) -> subprocess.CompletedProcess[str]:
    program = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run([str(program), "--schemafile", str(schema), *map(str, documents)],
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "policy.schema.json"
    path.write_text(json.dumps(policy_schema()), encoding="utf-8")
    return path


def _example_policies() -> list[Path]:
    return sorted(path for suffix in ("yaml", "json", "toml")
                  for path in (ROOT / "examples").glob(f"*.{suffix}")
                  if path.name not in NOT_POLICIES)


def test_the_example_that_is_no_policy_is_a_case() -> None:
    for name in NOT_POLICIES:
        Case.model_validate_json((ROOT / "examples" / name).read_text(encoding="utf-8"))


def test_every_shipped_document_meets_the_schema_by_check_jsonschema(schema_file: Path) -> None:
    # examples/broken/ are valid policies that lint flags: the schema takes them too.
    broken = sorted((ROOT / "examples/broken").glob("*.json"))
    documents = [Path(str(STANDARD_DOCUMENT)), *_example_policies(), *broken]
    assert len(documents) >= 7
    for path in documents:
        load_policy(path)
    result = _check_jsonschema(schema_file, *documents)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done"), (
        result.stdout + result.stderr)


def test_policy_show_output_meets_the_schema_by_check_jsonschema(
        schema_file: Path, tmp_path: Path) -> None:
    program = Path(sys.executable).with_name("aftersales")
    shown: list[Path] = []
    for source in ["standard", *map(str, _example_policies())]:
        for format in ("yaml", "json", "toml"):
            text = subprocess.run([str(program), "policy", "show", source, "--format", format],
                                  capture_output=True, text=True, check=True).stdout
            path = tmp_path / f"{Path(source).stem}.{format}"
            path.write_text(text, encoding="utf-8")
            shown.append(path)
    result = _check_jsonschema(schema_file, *shown)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done"), (
        result.stdout + result.stderr)


def _written(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ALLERGY_7 = (ROOT / "examples/allergy-7-days.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("bad", "message"), [
    (ALLERGY_7.replace("{window_days: 7}", "{window_days: 0}"),
     "$.overrides.allergy.window_days: 0 is less than the minimum of 1"),
    (ALLERGY_7.replace("{window_days: 7}", "{window_days: 7, payer: platfrom}"),
     "$.overrides.allergy.payer: 'platfrom' is not one of "
     "['platform', 'merchant', 'insurer', 'buyer']"),
    (ALLERGY_7.replace("{window_days: 7}", "{window_days: 7}\n  no_reason_return: "
                                           "{window_days: 5}"),
     "$.overrides.no_reason_return.window_days: 5 is less than the minimum of 7"),
    (ALLERGY_7.replace("overrides:", "overides:"),
     "$: Additional properties are not allowed ('overides' was unexpected)"),
    ((ROOT / "examples/allergy-versions.yaml").read_text(encoding="utf-8")
     .replace("{window_days: 90}", "{window_days: 36601}"),
     "$.versions[1].overrides.allergy.window_days: 36601 is greater than the maximum of "
     "36600"),
    (STANDARD_DOCUMENT.read_text(encoding="utf-8").replace("window_days: 90",
                                                           "window_days: 0"),
     "$.guarantees[2].conditions[0].window_days: 0 is less than the minimum of 1"),
    (STANDARD_DOCUMENT.read_text(encoding="utf-8").replace("kind: filed_within",
                                                           "kind: filed_witin", 1),
     "$.guarantees[1].conditions[0].kind: 'filed_witin' is not one of ['all_of', "),
], ids=["window", "payer", "legal_floor", "misspelt_field", "versions", "full_policy", "kind"])
def test_check_jsonschema_names_the_real_problem_of_a_bad_document(
        schema_file: Path, tmp_path: Path, bad: str, message: str) -> None:
    document = _written(tmp_path, "bad.yaml", bad)
    with pytest.raises(InvalidPolicyError):
        load_policy(document)
    result = _check_jsonschema(schema_file, document)
    assert result.returncode == 1
    lines = [line.strip() for line in result.stdout.splitlines()[1:] if line.strip()]
    assert lines == [f"{document}::{message}"] or (
        message.endswith(", ") and len(lines) == 1 and message in lines[0]), result.stdout
    assert "Best Match" not in result.stdout
