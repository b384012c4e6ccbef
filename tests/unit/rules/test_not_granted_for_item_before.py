"""`not_granted_for_item_before`: a buyer who buys one item several times is paid for it
once."""

from __future__ import annotations

from typing import Any

from aftersales import NotGrantedForItemBefore
from tests.builders import case_dict
from tests.unit.rules.running import check

RULE = NotGrantedForItemBefore()
TWO_LINES = [
    {"id": "l1", "sku": "shirt", "category": "apparel", "quantity": 1, "paid_amount": "100.00"},
    {"id": "l2", "sku": "skirt", "category": "apparel", "quantity": 1, "paid_amount": "100.00"},
]


def with_history(*entries: dict[str, Any]) -> dict[str, Any]:
    return case_dict(order={"lines": TWO_LINES}, history=[
        {"guarantee": "g", "kind": "compensation", "amount": "10.00", **entry}
        for entry in entries])


def test_with_no_grant_before_it_holds_on_every_line() -> None:
    outcome = check(RULE, with_history())
    assert (outcome.lines, outcome.code) == (0b11, "item_not_granted_before")


def test_a_grant_for_the_item_on_another_order_stops_that_line() -> None:
    outcome = check(RULE, with_history({"order_id": "o-9", "skus": ["shirt"]}))
    assert (outcome.lines, outcome.code) == (0b10, "item_already_granted")
    assert outcome.facts["skus_granted"] == ("shirt",)


def test_a_grant_on_this_order_counts_for_the_items_of_its_lines() -> None:
    assert check(RULE, with_history({"line_ids": ["l2"]})).lines == 0b01


def test_a_grant_on_this_order_without_lines_counts_for_every_item() -> None:
    assert check(RULE, with_history({})).lines == 0


def test_a_grant_on_another_order_naming_no_item_does_not_count() -> None:
    assert check(RULE, with_history({"order_id": "o-9"})).lines == 0b11


def test_a_grant_by_another_guarantee_does_not_count() -> None:
    history = with_history({"order_id": "o-9", "skus": ["shirt"]})
    history["history"][0]["guarantee"] = "other"
    assert check(RULE, history).lines == 0b11


def test_it_can_count_another_guarantees_grants() -> None:
    history = with_history({"order_id": "o-9", "skus": ["shirt"]})
    history["history"][0]["guarantee"] = "other"
    assert check(NotGrantedForItemBefore(guarantee="other"), history).lines == 0b10
