"""The case JSON Schema the library publishes (`Case.model_json_schema()`, what a web API
built on the models shows) and the library agree: a case the schema refuses, the library
refuses too, so no client that checks the schema is surprised."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import jsonschema  # type: ignore[import-untyped]
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aftersales
from aftersales import Case, InvalidCaseError
from tests.builders import case_dict, claim_case
from tests.fuzz.test_fuzz import JSON_VALUES, _paths

SCHEMA = Case.model_json_schema()
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
BASES = [case_dict(), claim_case("spoilage"), claim_case("price_match")]


def test_the_schema_admits_the_shipped_sample_cases() -> None:
    text = (files("aftersales") / "data" / "sample-cases.jsonl").read_text(encoding="utf-8")
    for line in text.splitlines():
        assert not list(VALIDATOR.iter_errors(json.loads(line)))


@settings(max_examples=600, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(st.sampled_from(BASES), st.data())
def test_a_case_the_schema_refuses_the_library_refuses(base: dict[str, Any],
                                                       data: st.DataObject) -> None:
    case = json.loads(json.dumps(base))
    path = data.draw(st.sampled_from(_paths(case)[1:]))
    target = case
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = data.draw(JSON_VALUES | st.sampled_from(
        ["1_000", "\uff17\uff19", "yes", "2025-08-24 15:00:00+08:00", "beauty-care", "美妆"]))
    if list(VALIDATOR.iter_errors(case)):
        try:
            aftersales.parse_case(case)
        except InvalidCaseError:
            return
        raise AssertionError(f"the schema refuses, the library reads: {case}")
