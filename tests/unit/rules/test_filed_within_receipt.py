"""`filed_within_receipt`: a window after 签收 (the carrier's record, else presumed some days
after shipment) or after confirmed receipt."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aftersales import FiledWithinReceipt
from aftersales.testing import edge_cases
from tests.builders import case_dict
from tests.unit.rules.running import check

SIGNED = FiledWithinReceipt(window_days=7)
CONFIRMED = FiledWithinReceipt(anchor="receipt_confirmed", window_days=15)
COUNTING_THE_DAY = FiledWithinReceipt(window_days=30, event_day_counts=True)


def claim(filed_at: str, **order: Any) -> dict[str, Any]:
    """Shipped 08-22 09:00, signed for 08-24 15:00 (the builders' order), claim filed then."""
    return case_dict(as_of="2025-10-31T12:00:00+08:00", order=order,
                     claim={"kind": "not_as_described", "filed_at": f"2025-{filed_at}+08:00"})


def test_a_claim_at_the_end_of_the_seventh_day_after_signing_is_in_time() -> None:
    outcome = check(SIGNED, claim("08-31T23:59:59.999999"))
    assert outcome.code == "filed_in_receipt_window"
    assert outcome.facts["signed_for_by"] == "carrier_record"


def test_a_claim_at_midnight_after_the_seventh_day_is_too_late() -> None:
    outcome = check(SIGNED, claim("09-01T00:00:00"))
    assert (outcome.lines, outcome.code) == (0, "filed_after_receipt_window")


def test_without_a_carrier_record_the_goods_count_as_signed_for_3_days_after_shipment() -> None:
    outcome = check(SIGNED, claim("09-01T23:59:59.999999", delivered_at=None))
    assert outcome.code == "filed_in_receipt_window"
    assert outcome.facts["event_at"] == datetime.fromisoformat("2025-08-25T09:00:00+08:00")
    assert outcome.facts["signed_for_by"] == "presumed_after_shipment"


def test_a_claim_before_the_presumed_signing_is_too_early() -> None:
    outcome = check(SIGNED, claim("08-25T08:59:59.999999", delivered_at=None))
    assert (outcome.lines, outcome.code) == (0, "filed_before_signed_for")


def test_without_a_presumption_an_unrecorded_delivery_is_not_signed_for() -> None:
    rule = FiledWithinReceipt(window_days=7, presumed_after_days=None)
    assert check(rule, claim("08-26T10:00:00", delivered_at=None)).code == "not_signed_for"


def test_an_unshipped_order_is_not_signed_for() -> None:
    outcome = check(SIGNED, claim("08-21T10:00:00", shipped_at=None, delivered_at=None))
    assert outcome.code == "not_signed_for"


def test_counting_the_signing_day_closes_the_window_a_day_earlier() -> None:
    assert check(COUNTING_THE_DAY, claim("09-22T23:59:59.999999")).lines == 1
    assert check(COUNTING_THE_DAY, claim("09-23T00:00:00")).code == "filed_after_receipt_window"


def test_before_receipt_is_confirmed_a_claim_after_signing_is_in_time() -> None:
    outcome = check(CONFIRMED, claim("08-30T10:00:00"))
    assert (outcome.lines, outcome.code) == (1, "filed_before_receipt_confirmed")


def test_a_confirmation_after_the_filing_leaves_the_claim_before_it() -> None:
    outcome = check(CONFIRMED, claim("08-26T10:00:00",
                                     receipt_confirmed_at="2025-08-27T10:00:00+08:00"))
    assert outcome.code == "filed_before_receipt_confirmed"


def test_the_confirmed_receipt_window_closes_at_the_end_of_the_fifteenth_day() -> None:
    confirmed = {"receipt_confirmed_at": "2025-08-25T10:00:00+08:00"}
    assert check(CONFIRMED, claim("09-09T23:59:59.999999", **confirmed)).lines == 1
    late = check(CONFIRMED, claim("09-10T00:00:00", **confirmed))
    assert late.code == "filed_after_receipt_window"
    assert late.deadline == datetime.fromisoformat("2025-09-09T23:59:59.999999+08:00")


def test_under_a_confirmed_receipt_window_a_claim_before_signing_is_still_too_early() -> None:
    outcome = check(CONFIRMED, claim("08-24T14:59:59.999999"))
    assert outcome.code == "filed_before_signed_for"


def test_without_a_claim_it_does_not_hold() -> None:
    assert check(SIGNED, case_dict()).code == "receipt_not_claimed"


def test_a_window_beyond_a_year_is_out_of_bounds_for_lint() -> None:
    assert [bound.field for bound in FiledWithinReceipt(window_days=400).bounds()] == [
        "window_days"]


def test_the_law_asks_that_the_window_run_from_the_buyers_receipt() -> None:
    assert SIGNED.legal_shortfalls()  # a presumed delivery may come after the real one
    assert CONFIRMED.legal_shortfalls()
    carrier_only = FiledWithinReceipt(window_days=7, presumed_after_days=None)
    assert carrier_only.legal_shortfalls() == []
    assert FiledWithinReceipt(window_days=6, presumed_after_days=None).legal_shortfalls()


def test_its_edge_cases_sit_either_side_of_the_signing_and_of_the_deadline() -> None:
    from aftersales import Guarantee, Policy, Refund
    from aftersales.rules.amounts import ClaimedFraction

    for rule in (SIGNED, CONFIRMED):
        guarantee = Guarantee(id="g", claim_kinds=("not_as_described",), conditions=(rule,),
                              remedies=(Refund(amount=ClaimedFraction()),))
        policy = Policy(id="p", version="1", guarantees=(guarantee,))
        sides = {(case.boundary, case.side) for case in edge_cases(policy)
                 if case.boundary.startswith("filed_within_receipt")}
        assert {side for _, side in sides} == {"inside", "outside"}
        assert len(sides) == 4


def test_what_if_tells_a_late_claim_the_last_instant_of_the_window() -> None:
    from aftersales import load_policy, what_if

    case = {
        "as_of": "2026-06-30T12:00:00+08:00",
        "order": {"id": "o-1", "buyer_id": "b-1", "paid_at": "2026-06-01T10:00:00+08:00",
                  "promised_ship_by": "2026-06-03T10:00:00+08:00",
                  "shipped_at": "2026-06-02T10:00:00+08:00",
                  "delivered_at": "2026-06-04T15:00:00+08:00",
                  "lines": [{"id": "l1", "sku": "s", "category": "apparel", "quantity": 1,
                             "paid_amount": "100.00"}]},
        "claim": {"kind": "not_as_described", "filed_at": "2026-06-12T10:00:00+08:00",
                  "problem": "material_mismatch"},
    }
    (file_sooner,) = what_if(case, load_policy("tmall"))
    assert (file_sooner.kind, file_sooner.value) == ("file_by",
                                                     "2026-06-11T23:59:59.999999+08:00")
