"""How guarantees combine: add-ons follow an approval, exclusive groups keep one payer per
line (or order), the refund cap is taken up in rank order, advances are not new money."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

import aftersales
from aftersales import (
    BuyersChoice,
    ClaimedFraction,
    Compensation,
    ExclusiveGroup,
    FixedAmount,
    Guarantee,
    Policy,
    Refund,
    Reship,
    Stacking,
    Status,
    evaluate,
)
from tests.builders import case_dict, claim_case, merged

SPOILAGE_CLAIM = {"kind": "spoilage", "filed_at": "2025-08-25T09:00:00+08:00",
                  "evidence": ["photo"]}


def refunding(gid: str, amount: FixedAmount | ClaimedFraction) -> Guarantee:
    return Guarantee(id=gid, claim_kinds=("spoilage",), remedies=(Refund(amount=amount),))


def two_refunds(priority: tuple[str, ...], exclusive: tuple[ExclusiveGroup, ...] = ()) -> Policy:
    return Policy(id="two", version="1",
                  guarantees=(refunding("whole", ClaimedFraction()),
                              refunding("flat", FixedAmount(amount="10.00"))),
                  stacking=Stacking(priority=priority, exclusive=exclusive))


CASE = case_dict(claim=SPOILAGE_CLAIM)  # one line of 79.80


def test_the_refund_cap_is_taken_up_in_rank_order() -> None:
    first_flat = evaluate(CASE, two_refunds(("flat", "whole")))
    assert [(r.guarantee, str(r.amount)) for r in first_flat.remedies] == [
        ("flat", "10.00"), ("whole", "69.80")]
    assert "whole.refund_capped" in first_flat.codes

    first_whole = evaluate(CASE, two_refunds(("whole", "flat")))
    assert [(r.guarantee, str(r.amount)) for r in first_whole.remedies] == [("whole", "79.80")]
    assert "flat.nothing_left_to_refund" in first_whole.codes


def test_without_a_priority_guarantees_rank_by_id_whatever_their_order_in_the_list() -> None:
    policy = two_refunds(())
    flipped = Policy(id="two", version="1", guarantees=policy.guarantees[::-1])
    assert evaluate(CASE, policy) == evaluate(CASE, flipped)
    assert [r.guarantee for r in evaluate(CASE, policy).remedies] == ["flat", "whole"]


def test_in_an_exclusive_group_the_guarantee_paying_more_wins_whatever_its_rank() -> None:
    decision = evaluate(CASE, two_refunds(("flat", "whole"),
                                          (ExclusiveGroup(guarantees=("flat", "whole")),)))
    assert [(r.guarantee, str(r.amount)) for r in decision.remedies] == [("whole", "79.80")]
    assert decision.codes == ("whole.approved", "flat.excluded")
    excluded = decision.reasons[1]
    assert "whole" in excluded.message
    assert "pays the buyer more" in excluded.message


def test_an_exclusive_tie_goes_to_the_higher_priority() -> None:
    policy = Policy(id="tie", version="1",
                    guarantees=(refunding("a", ClaimedFraction()),
                                refunding("b", ClaimedFraction())),
                    stacking=Stacking(priority=("b", "a"), exclusive=(("a", "b"),)))
    decision = evaluate(CASE, policy)
    assert decision.codes == ("b.approved", "a.excluded")
    assert "ranks higher" in decision.reasons[1].message


def test_exclusivity_is_per_line_so_the_loser_keeps_the_other_lines() -> None:
    order = {"lines": [
        {"id": "l1", "sku": "a", "category": "beauty.skincare", "quantity": 1,
         "paid_amount": "100.00"},
        {"id": "l2", "sku": "b", "category": "home.kitchen", "quantity": 1,
         "paid_amount": "50.00"}]}
    case = case_dict(order=order, claim={
        "kind": "allergy", "filed_at": "2025-08-27T09:00:00+08:00", "item_condition": "intact",
        "evidence": ["photo", "medical_record"]})
    decision = evaluate(case)
    assert [(r.guarantee, r.line_ids, str(r.amount)) for r in decision.remedies] == [
        ("allergy", ("l1",), "100.00"), ("no_reason_return", ("l2",), "50.00")]
    assert "no_reason_return.excluded" in decision.codes


def test_a_line_paid_before_by_a_group_member_excludes_the_others_on_it() -> None:
    history = [{"guarantee": "no_reason_return", "kind": "refund", "amount": "79.80",
                "line_ids": ["l1"], "return_required": True}]
    case = claim_case("allergy", history=history)
    decision = evaluate(case)
    assert decision.status is Status.DENIED
    assert "allergy.excluded" in decision.codes
    assert "granted before" in decision.reasons[decision.codes.index("allergy.excluded")].message


def test_a_group_member_on_another_order_does_not_exclude() -> None:
    history = [{"guarantee": "no_reason_return", "kind": "refund", "amount": "79.80",
                "line_ids": ["l1"], "order_id": "o-other", "return_required": True}]
    assert evaluate(claim_case("allergy", history=history)).status is Status.APPROVED


def test_an_exclusive_group_per_order_lets_one_member_pay_on_the_whole_order() -> None:
    order = {"insured": True, "return_shipping_fee": "20.00", "lines": [
        {"id": "l1", "sku": "sofa", "category": "home.furniture", "quantity": 1,
         "paid_amount": "900.00"},
        {"id": "l2", "sku": "lamp", "category": "home.lighting", "quantity": 1,
         "paid_amount": "100.00"}]}
    case = case_dict(order=order, claim={
        "kind": "no_reason_return", "filed_at": "2025-08-27T09:00:00+08:00",
        "item_condition": "intact"})
    decision = evaluate(case)
    assert [(r.guarantee, r.kind.value, str(r.amount)) for r in decision.remedies] == [
        ("no_reason_return", "refund", "1000.00"), ("large_item_pickup", "pickup", "20.00")]
    assert "return_shipping_insurance.excluded" in decision.codes


def test_members_paying_the_same_on_the_order_tie_exactly_whatever_lines_they_pay_on() -> None:
    # The pickup pays its 14.72 on the sofa, the insurance on both lines, one of them a third
    # of 275.54: split over the lines in 28-digit decimals and summed back, the insurance
    # came out a hair below 14.72, and the pickup "paid more".
    lines = [{"id": "l1", "sku": "cream", "category": "beauty.makeup", "quantity": 3,
              "paid_amount": "275.54"},
             {"id": "l2", "sku": "sofa", "category": "home.furniture", "quantity": 1,
              "paid_amount": "24.45"}]
    case = case_dict(order={"insured": True, "return_shipping_fee": "14.72", "lines": lines},
                     claim={"kind": "no_reason_return", "filed_at": "2025-08-27T09:00:00+08:00",
                            "item_condition": "intact",
                            "lines": [{"line_id": "l1", "quantity": 1},
                                      {"line_id": "l2", "quantity": 1}]})
    (excluded,) = [r for r in evaluate(case).reasons if r.code.endswith(".excluded")]
    assert excluded.facts["why"] == "it pays the same and ranks higher in the policy's priority"


def test_an_add_on_that_does_not_apply_gives_no_reason_but_is_in_the_trace() -> None:
    decision = evaluate(claim_case("spoilage"))
    assert decision.codes == ("spoilage.approved",)
    assert {step.guarantee for step in decision.trace} >= {"return_shipping_insurance"}


def test_add_ons_are_not_checked_when_nothing_is_approved() -> None:
    decision = evaluate(claim_case("spoilage", claim={"evidence": []}))
    assert decision.status is Status.NEEDS_EVIDENCE
    assert all(step.guarantee != "return_shipping_insurance" for step in decision.trace)


def test_insurance_follows_a_return_whose_leg_the_buyer_bears_but_not_an_allergy_return() -> None:
    order = {"insured": True, "return_shipping_fee": "12.00",
             "lines": [{"id": "l1", "sku": "cream", "category": "beauty.skincare",
                        "quantity": 1, "paid_amount": "80.00"}]}
    no_reason = case_dict(order=order, claim={
        "kind": "no_reason_return", "filed_at": "2025-08-27T09:00:00+08:00",
        "item_condition": "intact"})
    allergy = merged(no_reason, {"claim": {"kind": "allergy",
                                           "evidence": ["photo", "medical_record"]}})
    assert [r.kind.value for r in evaluate(no_reason).remedies] == ["refund", "return_shipping"]
    assert evaluate(no_reason).remedies[0].return_shipping_payer == "buyer"
    assert [r.kind.value for r in evaluate(allergy).remedies] == ["refund"]
    assert evaluate(allergy).remedies[0].return_shipping_payer == "merchant"


def test_an_advance_is_paid_even_when_history_refunds_reach_the_order_total() -> None:
    history = [{"guarantee": "no_reason_return", "kind": "refund", "amount": "79.80",
                "line_ids": ["l1"], "return_required": True}]
    case = case_dict(history=history, claim={
        "kind": "return_shipped", "filed_at": "2025-08-27T09:00:00+08:00",
        "return_tracking_no": "SF1"})
    decision = evaluate(case)
    assert [(r.kind.value, str(r.amount), r.payer.value, r.advance)
            for r in decision.remedies] == [("refund", "79.80", "platform", True)]
    later = merged(case, {"history": [*history, {
        "guarantee": "instant_refund_on_return", "kind": "refund", "amount": "79.80",
        "line_ids": ["l1"]}], "claim": {"kind": "spoilage", "evidence": ["photo"],
                                        "filed_at": "2025-08-25T09:00:00+08:00"}})
    # The advance in history is not counted again: nothing is left, as after one refund.
    assert "spoilage.nothing_left_to_refund" in evaluate(later).codes


def test_a_guarantee_grants_several_remedies_and_compensation_is_not_capped() -> None:
    history = [{"guarantee": "spoilage", "kind": "refund", "amount": "79.80",
                "line_ids": ["l1"]}]
    case = case_dict(history=history, claim={
        "kind": "counterfeit", "filed_at": "2025-08-27T09:00:00+08:00",
        "evidence": ["appraisal_report"]})
    decision = evaluate(case)
    assert [(r.kind.value, str(r.amount)) for r in decision.remedies] == [
        ("compensation", "500.00")]
    assert decision.codes[:2] == ("counterfeit.approved", "counterfeit.nothing_left_to_refund")


def test_the_buyers_choice_grants_the_preferred_option_or_else_the_first() -> None:
    choice = BuyersChoice(options=(Reship(), Refund(amount=ClaimedFraction())))
    assert choice.choose("refund").kind == "refund"
    assert choice.choose(None).kind == "reship"
    assert choice.choose("coupon").kind == "reship"
    with pytest.raises(ValidationError, match="different kind"):
        BuyersChoice(options=(Reship(), Reship()))


def test_a_multi_line_remedy_is_allocated_to_the_fen() -> None:
    order = {"lines": [
        {"id": f"l{i}", "sku": f"s{i}", "category": "fresh.produce", "quantity": 1,
         "paid_amount": "10.00"} for i in (1, 2, 3)]}
    policy = Policy(id="third", version="1", guarantees=(Guarantee(
        id="third", claim_kinds=("spoilage",),
        remedies=(Compensation(amount=FixedAmount(amount="10.00")),)),))
    decision = evaluate(case_dict(order=order, claim=SPOILAGE_CLAIM), policy)
    allocation = decision.remedies[0].allocation
    assert allocation == {"l1": Decimal("3.34"), "l2": Decimal("3.33"), "l3": Decimal("3.33")}


def test_stacking_must_name_guarantees_of_the_policy_once() -> None:
    guarantees = (refunding("a", ClaimedFraction()), refunding("b", ClaimedFraction()))
    for stacking, message in [
        (Stacking(priority=("a", "zz")), "names zz, which the policy lacks"),
        (Stacking(priority=("a", "a")), "twice"),
        (Stacking(exclusive=(("a", "a"),)), "two different guarantees"),
        (Stacking(exclusive=(("a", "b"), ("b", "a"))), "one exclusive group only: a, b"),
    ]:
        with pytest.raises(ValidationError, match=message):
            Policy(id="p", version="1", guarantees=guarantees, stacking=stacking)


def test_exclusive_groups_read_plain_lists_as_per_line_groups() -> None:
    stacking = Stacking.model_validate({"exclusive": [["a", "b"]]})
    assert stacking.exclusive == (ExclusiveGroup(guarantees=("a", "b"), per="line"),)


def test_the_policy_declares_the_excluded_code_only_for_group_members() -> None:
    codes = aftersales.standard_policy().reason_codes()
    assert "no_reason_return.excluded" in codes
    assert "late_shipment.excluded" not in codes
