"""The columnar path decides from columns only cases the row reader accepts as they are: every
case `columnar.valid.decidable` marks plain is one `records.decode_case` accepts, over the
fast path's own adversarial inputs (values varied, replaced, deleted, added, nested; keys
written twice; byte-order marks), and plain valid cases are not sent away needlessly."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("polars")

import polars as pl

from aftersales.columnar.valid import decidable
from aftersales.model.records import decode_case
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
