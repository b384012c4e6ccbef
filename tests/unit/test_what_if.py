"""What would change the outcome: the nearest changes to a case that flip its decision."""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import Any

import pytest

import aftersales
from aftersales import Change, InvalidCaseError, Status, late_shipment, standard_policy, what_if
from tests.builders import case_dict, claim_case


def line(paid_amount: str, category: str = "fresh.produce", quantity: int = 1) -> dict[str, Any]:
    return {"id": "l1", "sku": "sku-1", "category": category, "quantity": quantity,
            "paid_amount": paid_amount}


def late_shipped(paid_amount: str) -> dict[str, Any]:
    """An automatic check of an order shipped an hour after the promise."""
    return case_dict(order={"shipped_at": "2025-08-22T11:00:00+08:00",
                            "lines": [line(paid_amount)]})


def changed(case: dict[str, Any], change: Change) -> dict[str, Any]:
    """`case` with the change applied at its JSON path."""
    result = copy.deepcopy(case)
    keys: list[Any] = [int(k) if k.isdigit() else k for k in re.findall(r"\w+", change.path)]
    parent: Any = result
    for key in keys[:-1]:
        parent = parent[key]
    parent[keys[-1]] = change.value
    return result


def kinds(changes: list[Change]) -> list[tuple[str, str]]:
    return [(change.guarantee, change.kind) for change in changes]


def test_a_late_spoilage_claim_could_have_been_filed_by_the_window_deadline() -> None:
    case = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
    assert aftersales.evaluate(case).status is Status.DENIED

    (change,) = what_if(case)

    assert (change.guarantee, change.kind, change.path) == ("spoilage", "file_by",
                                                            "claim.filed_at")
    assert change.value == "2025-08-26T15:00:00+08:00"  # 48 h after delivery, inclusive
    assert (change.status, change.total) == (Status.APPROVED, Decimal("39.90"))
    assert change.message == ("filed by 2025-08-26 15:00 (3 h earlier), the spoilage claim "
                              "would be approved: refund 39.90 CNY")


def test_a_claim_filed_before_delivery_could_be_filed_at_delivery() -> None:
    case = claim_case("spoilage", claim={"filed_at": "2025-08-24T09:00:00+08:00"})

    (change,) = what_if(case)

    assert (change.kind, change.value) == ("file_from", "2025-08-24T15:00:00+08:00")
    assert change.status is Status.APPROVED


def test_an_allergy_claim_missing_a_medical_record_needs_only_that_evidence() -> None:
    case = claim_case("allergy", claim={"evidence": ["photo"]})
    assert aftersales.evaluate(case).status is Status.NEEDS_EVIDENCE

    changes = what_if(case)

    # The 7-day return (which also answers allergy claims) was filed too late and does not
    # say the goods are intact: neither fact alone would change the outcome.
    assert kinds(changes) == [("allergy", "add_evidence")]
    (change,) = changes
    assert (change.path, change.value) == ("claim.evidence", ["photo", "medical_record"])
    assert (change.status, change.total) == (Status.APPROVED, Decimal("79.80"))
    assert change.message.startswith("with medical_record added, the allergy claim would be "
                                     "approved: refund 79.80 CNY")


def test_a_late_ship_order_of_299_99_reaches_the_next_tier_at_300_00() -> None:
    policy = standard_policy().with_guarantee(late_shipment(rate_percent="2"))
    assert aftersales.evaluate(late_shipped("299.99"), policy).total() == Decimal("3.00")

    changes = what_if(late_shipped("299.99"), policy)

    (change,) = [c for c in changes if c.kind == "order_total_at_least"]
    assert (change.path, change.value) == ("order.lines[0].paid_amount", "300.00")
    assert (change.status, change.total) == (Status.APPROVED, Decimal("6.00"))
    assert "where the next tier starts" in change.message


def test_under_the_standard_tiers_the_next_tier_first_pays_more_at_300_50() -> None:
    # From 300.00 the coupon is 1 % of the total: 3.00 at 300.00, the same as below; half-up
    # rounding first gives 3.01 at 300.50.
    changes = what_if(late_shipped("299.99"))

    (change,) = [c for c in changes if c.kind == "order_total_at_least"]
    assert (change.value, change.total) == ("300.50", Decimal("3.01"))
    assert "the next tier starts at 300.00" in change.message


def test_an_order_total_of_3_00_is_one_cent_below_the_late_ship_minimum() -> None:
    assert aftersales.evaluate(late_shipped("3.00")).codes[0] == "late_shipment.below_minimum"

    (change,) = [c for c in what_if(late_shipped("3.00")) if c.guarantee == "late_shipment"]

    assert (change.kind, change.value) == ("order_total_at_least", "3.01")
    assert (change.status, change.total) == (Status.APPROVED, Decimal("3.00"))


def test_a_refund_request_above_the_fast_refund_limit_could_be_lowered_to_it() -> None:
    case = claim_case("spoilage", order={"lines": [line("2079.80", "beauty.skincare", 2)]},
                      claim={"kind": "refund_request", "filed_at": "2025-08-23T16:00:00+08:00",
                             "evidence": []})

    changes = what_if(case)

    (change,) = [c for c in changes if c.guarantee == "intercept_refund"]
    assert (change.kind, change.path, change.value) == (
        "order_total_at_most", "order.lines[0].paid_amount", "2000.00")
    assert change.status is Status.APPROVED
    assert "79.80 less" in change.message


def test_a_price_match_with_a_reference_not_lower_needs_one_just_below_the_unit_price() -> None:
    case = claim_case("price_match", claim={"reference_price": "39.90"})  # 79.80 for 2

    (change,) = what_if(case)

    assert (change.kind, change.path, change.value) == (
        "reference_price_below", "claim.reference_price", "39.89")
    assert (change.status, change.total) == (Status.APPROVED, Decimal("0.02"))


def test_a_return_that_does_not_say_the_goods_are_intact_would_pass_with_them_intact() -> None:
    case = claim_case("spoilage", order={"lines": [line("79.80", "beauty.skincare", 2)]},
                      claim={"kind": "no_reason_return", "evidence": []})

    (change,) = what_if(case)

    assert (change.kind, change.path, change.value) == (
        "item_intact", "claim.item_condition", "intact")
    assert change.status is Status.APPROVED


def test_a_shipped_return_without_a_tracking_number_would_pass_with_one() -> None:
    case = claim_case("spoilage", claim={"kind": "return_shipped", "evidence": []}, history=[
        {"guarantee": "no_reason_return", "kind": "refund", "amount": "39.90",
         "line_ids": ["l1"], "return_required": True}])

    (change,) = what_if(case)

    assert (change.kind, change.path) == ("add_return_tracking", "claim.return_tracking_no")
    assert (change.status, change.total) == (Status.APPROVED, Decimal("39.90"))


def test_a_merchant_who_had_shipped_by_the_promise_would_owe_no_coupon() -> None:
    (change,) = [c for c in what_if(late_shipped("100.00")) if c.kind == "ship_by"]

    assert (change.path, change.value) == ("order.shipped_at", "2025-08-22T10:00:00+08:00")
    assert (change.status, change.total) == (Status.DENIED, Decimal(0))


def test_an_approved_case_with_nothing_nearby_has_no_changes() -> None:
    assert aftersales.evaluate(claim_case("spoilage")).status is Status.APPROVED
    assert what_if(claim_case("spoilage")) == []


def test_an_invalid_case_raises_as_evaluate_does() -> None:
    with pytest.raises(InvalidCaseError) as raised:
        what_if(case_dict(as_of="2025-09-01T12:00:00"))
    assert [problem.path for problem in raised.value.problems] == ["as_of"]


def test_changes_are_sorted_by_guarantee_rank_then_kind() -> None:
    case = claim_case("spoilage", claim={"kind": "refund_request", "evidence": [],
                                         "filed_at": "2025-08-24T16:00:00+08:00"})

    changes = what_if(case)

    # pre_shipment_refund ranks before intercept_refund in the standard policy.
    assert kinds(changes) == [("pre_shipment_refund", "file_by"), ("intercept_refund", "file_by")]
    assert [c.value for c in changes] == ["2025-08-22T08:59:59.999999+08:00",
                                          "2025-08-24T14:59:59.999999+08:00"]


@pytest.mark.parametrize("case", [
    claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"}),
    claim_case("allergy", claim={"evidence": ["photo"]}),
    late_shipped("299.99"),
    late_shipped("3.00"),
    claim_case("price_match", claim={"reference_price": "45.00"}),
], ids=["late", "evidence", "tier", "minimum", "price"])
def test_every_change_is_what_deciding_the_changed_case_gives(case: dict[str, Any]) -> None:
    before = aftersales.evaluate(case)
    changes = what_if(case)
    assert changes
    for change in changes:
        after = aftersales.evaluate(changed(case, change))
        assert (after.status, after.total()) == (change.status, change.total)
        assert (after.status, after.total()) != (before.status, before.total())


def test_a_change_is_json_ready() -> None:
    (change,) = what_if(claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"}))
    assert change.model_dump(mode="json") == {
        "guarantee": "spoilage", "kind": "file_by", "path": "claim.filed_at",
        "value": "2025-08-26T15:00:00+08:00", "message": change.message,
        "status": "approved", "total": "39.90"}
