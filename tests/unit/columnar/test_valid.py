"""The columnar path decides from columns only cases the row reader accepts as they are: every
case `columnar.valid.decidable` marks plain is one `records.decode_case` accepts, over the
fast path's own adversarial inputs (values varied, replaced, deleted, added, nested; keys
written twice; byte-order marks), and plain valid cases are not sent away needlessly."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("polars")

import msgspec
import polars as pl

from aftersales.columnar.valid import decidable
from aftersales.model.records import CaseRecord, decode_case
from tests.builders import case_dict, claim_case
from tests.inputs.classes import CASES
from tests.property.test_fast_path import mutated, written


def plain_texts(texts: list[str]) -> list[str]:
    """The texts `decidable` lets the columnar plan decide, in input order."""
    frame = pl.DataFrame({"case": texts}, schema={"case": pl.String}).with_row_index("row")
    flat = decidable(frame, "CNY")
    rows = flat.filter(pl.col("plain"))["row"].to_list()
    return [texts[row] for row in rows]


def in_a_table(sent: str) -> bool:
    """Whether an Arrow or Polars table can hold `sent` (a lone surrogate is not UTF-8)."""
    try:
        sent.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def text(case: dict[str, Any]) -> str:
    return json.dumps(case, ensure_ascii=False)


@settings(max_examples=60, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(mutated(), st.booleans(), st.sampled_from([None, 1]), st.none()
                          | st.sampled_from(["id", "paid_amount", "filed_at", "category",
                                             "quantity"])), min_size=1, max_size=40))
def test_every_case_decided_from_columns_is_one_the_row_reader_accepts(
        drawn: list[tuple[dict[str, Any], bool, int | None, str | None]]) -> None:
    texts = [str(written(case, ascii_only, indent, twice, False))
             for case, ascii_only, indent, twice in drawn]
    for sent in plain_texts([sent for sent in texts if in_a_table(sent)]):
        assert decode_case(sent) is not None, sent


def test_no_refused_input_class_is_decided_from_columns() -> None:
    texts = []
    for input_class in CASES:
        if not input_class.refused:
            continue
        sent = input_class.given()
        if isinstance(sent, bytes):  # a table holds texts
            sent = sent.decode("utf-8", errors="replace")
        if isinstance(sent, str) and in_a_table(sent):
            texts.append(sent)
    assert texts
    assert [sent for sent in plain_texts(texts) if decode_case(sent) is None] == []


def test_plain_valid_cases_are_decided_from_columns() -> None:
    cases = [case_dict(), claim_case("spoilage"), claim_case("allergy"),
             claim_case("price_match"),
             claim_case("spoilage", history=[{"guarantee": "price_match", "kind": "refund",
                                              "amount": "4.90", "line_ids": ["l1"]}]),
             claim_case("spoilage", history=[{"guarantee": "price_match", "kind": "refund",
                                              "amount": "4.90", "line_ids": ["l1", "l1"]}]),
             claim_case("spoilage", history=[{"guarantee": "price_match", "kind": "refund",
                                              "amount": "4.90", "line_ids": ["l9"],
                                              "order_id": "another order"}])]
    texts = [text(case) for case in cases]
    assert all(decode_case(sent) is not None for sent in texts)
    assert plain_texts(texts) == texts


@pytest.mark.parametrize(("name", "case"), [
    ("a leap second", case_dict(as_of="2025-08-30T23:59:60+08:00")),
    ("an hour of 24", case_dict(as_of="2025-08-30T24:00:00+08:00")),
    ("30 February", case_dict(as_of="2025-02-30T12:00:00+08:00")),
    ("a promise before payment",
     case_dict(order={"promised_ship_by": "2025-08-19T12:00:00+08:00"})),
    ("delivery before shipment", case_dict(order={"delivered_at": "2025-08-21T12:00:00+08:00"})),
    ("a claim filed after as_of", claim_case("spoilage", claim={
        "filed_at": "2026-12-30T12:00:00+08:00"})),
    ("an unknown claimed line", claim_case("spoilage", claim={
        "lines": [{"line_id": "nope", "quantity": 1}]})),
    ("more claimed than bought", claim_case("spoilage", claim={
        "lines": [{"line_id": "l1", "quantity": 99}]})),
    ("no claimed line", claim_case("spoilage", claim={"lines": []})),
    ("a line claimed twice", claim_case("spoilage", claim={
        "lines": [{"line_id": "l1", "quantity": 1}, {"line_id": "l1", "quantity": 1}]})),
    ("a price match without a reference price", claim_case("price_match", claim={
        "reference_price": None})),
    ("a partial refund without the amount asked", claim_case("spoilage", claim={
        "kind": "partial_refund"})),
    ("goodwill without the amount asked", claim_case("spoilage", claim={"kind": "goodwill"})),
    ("a refund above what was paid", claim_case("spoilage", history=[
        {"guarantee": "g", "kind": "refund", "amount": "100000.00", "line_ids": ["l1"]}])),
    ("a refund without an amount", claim_case("spoilage", history=[
        {"guarantee": "g", "kind": "refund", "line_ids": ["l1"]}])),
    ("a history line not in the order", claim_case("spoilage", history=[
        {"guarantee": "g", "kind": "refund", "amount": "1.00", "line_ids": ["l9"]}])),
    ("a history line not in the order beside one that is", claim_case("spoilage", history=[
        {"guarantee": "g", "kind": "refund", "amount": "1.00", "line_ids": ["l1", "l9"]}])),
    ("a line claimed twice beside one not in the order", claim_case("spoilage", claim={
        "lines": [{"line_id": "l1", "quantity": 1}, {"line_id": "l9", "quantity": 1},
                  {"line_id": "l1", "quantity": 1}]})),
    ("a region not in its one form", case_dict(order={"region": "cn-65"})),
    ("an unknown key", {**case_dict(), "colour": "red"}),
])
def test_a_case_the_row_reader_refuses_or_reads_otherwise_is_not_decided_from_columns(
        name: str, case: dict[str, Any]) -> None:
    assert plain_texts([text(case)]) == [], name


def test_a_text_that_is_not_json_is_left_to_the_row_engine() -> None:
    assert plain_texts(["nonsense", "", "[1]", '{"as_of": 3}']) == []


@pytest.mark.parametrize("refused", [
    '{"as_of": 3}',  # Polars decodes it (to nulls), msgspec refuses it
    "{not json",  # Polars cannot decode it: the texts msgspec read are flattened alone
])
def test_the_flat_columns_are_those_of_the_texts_msgspec_reads_whatever_else_is_there(
        refused: str) -> None:
    valid = [text(case_dict()), text(claim_case("spoilage")), text(claim_case("allergy"))]
    mixed = pl.DataFrame({"case": [valid[0], refused, *valid[1:]]}).with_row_index("row")
    alone = pl.DataFrame({"case": valid}).with_row_index("row").with_columns(
        row=pl.Series([0, 2, 3], dtype=pl.UInt32))
    assert decidable(mixed, "CNY").equals(decidable(alone, "CNY"))


def patterned_fields(kind: Any = None, path: tuple[str | int, ...] = ()
                     ) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each field of a case record whose text has a pattern, with its path (a list's first
    item standing for every item) and the pattern."""
    kind = msgspec.inspect.type_info(CaseRecord) if kind is None else kind
    if isinstance(kind, msgspec.inspect.StructType):
        for field in kind.fields:
            yield from patterned_fields(field.type, (*path, field.encode_name))
    elif isinstance(kind, msgspec.inspect.UnionType):
        for member in kind.types:
            yield from patterned_fields(member, path)
    elif isinstance(kind, msgspec.inspect.VarTupleType):
        yield from patterned_fields(kind.item_type, (*path, 0))
    elif isinstance(kind, msgspec.inspect.StrType) and kind.pattern is not None:
        yield path, kind.pattern


ARABIC_INDIC_39 = "\u0663\u0669"
FULLWIDTH_39_90 = "\uff13\uff19.\uff19\uff10"
FULLWIDTH_2025 = "\uff12\uff10\uff12\uff15"
FULLWIDTH_CNY = "\uff23\uff2e\uff39"
_AGAINST_PATTERNS = [
    "x", "", " 39.90", "39.90\n", "1e3", ARABIC_INDIC_39, FULLWIDTH_39_90,
    "2025-08-24T15:00:00+0800", "2025-08-24 15:00:00+08:00", "2025-08-24t15:00:00+08:00",
    f"{FULLWIDTH_2025}-08-24T15:00:00+08:00", "2025-08-24T15:00:00.1234567+08:00",
    "2025-08-24T15:00:00+08:00\n", "cny", FULLWIDTH_CNY]
"""Texts near the forms of instants, amounts and currencies; each field's pattern refuses
some of them."""


@pytest.mark.parametrize(("path", "pattern"), list(patterned_fields()),
                         ids=lambda value: ".".join(map(str, value))
                         if isinstance(value, tuple) else "")
def test_a_text_its_field_pattern_refuses_is_never_decided_from_columns(
        path: tuple[str | int, ...], pattern: str) -> None:
    # msgspec leaves the patterns to the flat columns: each field must be read there
    base = claim_case("spoilage", history=[{"guarantee": "price_match", "kind": "refund",
                                            "amount": "4.90", "line_ids": ["l1"]}])
    assert plain_texts([text(base)]) == [text(base)]
    refused = [value for value in _AGAINST_PATTERNS if re.search(pattern, value) is None]
    assert refused
    for value in refused:
        case = copy.deepcopy(base)
        place: Any = case
        for part in path[:-1]:
            place = place[part]
        place[path[-1]] = value
        assert plain_texts([text(case)]) == [], value
