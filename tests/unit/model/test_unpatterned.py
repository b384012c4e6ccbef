"""`unpatterned` gives a record family that checks every constraint but the text patterns."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest

from aftersales.model.records import CaseRecord
from aftersales.model.unpatterned import unpatterned
from tests.builders import claim_case


def decodes(case: dict[str, Any], record: type[msgspec.Struct]) -> bool:
    try:
        msgspec.json.decode(json.dumps(case), type=record)
    except msgspec.ValidationError:
        return False
    return True


def with_order(**fields: Any) -> dict[str, Any]:
    case = claim_case("spoilage")
    case["order"].update(fields)
    return case


def test_texts_out_of_their_pattern_are_read_without_patterns() -> None:
    case = with_order(paid_at="yesterday", currency="cny")
    case["order"]["lines"][0]["paid_amount"] = "39,90"
    assert not decodes(case, CaseRecord)
    assert decodes(case, unpatterned(CaseRecord))


@pytest.mark.parametrize(("name", "case"), [
    ("an unknown field", with_order(colour="red")),
    ("a text where a count goes", with_order(lines=[{
        "id": "l1", "sku": "s", "category": "fresh", "quantity": "1", "paid_amount": "1"}])),
    ("a count of zero", with_order(lines=[{
        "id": "l1", "sku": "s", "category": "fresh", "quantity": 0, "paid_amount": "1"}])),
    ("an empty id", with_order(id="")),
    ("a flag that is not a boolean", with_order(insured="yes")),
    ("a number where a text goes", with_order(region=65)),
])
def test_every_other_constraint_still_holds_without_patterns(name: str,
                                                             case: dict[str, Any]) -> None:
    assert not decodes(case, CaseRecord), name
    assert not decodes(case, unpatterned(CaseRecord)), name


def test_the_records_fields_and_defaults_are_kept() -> None:
    record = unpatterned(CaseRecord)
    assert [(f.name, f.required, f.default) for f in msgspec.structs.fields(record)] == [
        (f.name, f.required, f.default) for f in msgspec.structs.fields(CaseRecord)]
    assert unpatterned(CaseRecord) is record
