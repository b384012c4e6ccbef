"""Facts as the machine text the JSON contract writes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from aftersales.model.facts import Granted, LineCategory, fact_text, fact_texts


def test_sequences_of_texts_are_joined_by_commas_and_empty_ones_read_none() -> None:
    assert fact_texts({"lines": ("l1", "l2"), "tags": (), "ids": ["a", "b"]}) == {
        "lines": "l1, l2", "tags": "none", "ids": "a, b"}


def test_a_sequence_of_granted_remedies_is_joined_by_semicolons() -> None:
    granted = (Granted("refund", Decimal("1.00"), "CNY", "merchant"),
               Granted("pickup", None, "CNY", "platform"))
    assert fact_texts({"granted": granted})["granted"] == (
        "refund of 1.00 CNY paid by merchant; pickup, paid by platform")


def test_a_sequence_of_other_facts_joins_each_ones_text() -> None:
    at = datetime(2025, 8, 26, 15, 0, tzinfo=timezone(timedelta(hours=8)))
    mixed = (LineCategory("l1", "fresh.produce"), at, Decimal("2.50"), 3)
    assert fact_texts({"mixed": mixed})["mixed"] == ", ".join(
        fact_text(item) for item in mixed)


def test_every_fact_reads_the_same_alone_and_among_others() -> None:
    facts = {"lines": ("l1",), "amount": Decimal("3.00"), "count": 2, "kind": "refund",
             "late_by": timedelta(hours=3), "none": None, "flag": True}
    assert fact_texts(facts) == {name: fact_text(value) for name, value in facts.items()}



def test_equal_tuples_of_other_facts_keep_their_own_texts_after_texts_are_remembered() -> None:
    east = datetime(2025, 8, 26, 15, 0, tzinfo=timezone(timedelta(hours=8)))
    west = east.astimezone(timezone(timedelta(hours=-5)))  # the same instant
    for first, second in ((True, 1), (Decimal("1.0"), Decimal("1.00")), (east, west)):
        assert (first,) == (second,)
        for value in (first, second, first, second):
            assert fact_texts({"x": (value,)}) == {"x": fact_text(value)}
    for _ in range(2):
        assert fact_texts({"lines": tuple(f"l{n}" for n in (1, 2))}) == {"lines": "l1, l2"}
