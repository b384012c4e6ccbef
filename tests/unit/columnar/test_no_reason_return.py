"""The no-reason return, decided columnar as the row engine decides it: its exclusions (a
line's category and tags) and its intact-goods check fail with the row engine's reason codes;
under the standard policy, where it shares an exclusive group with the allergy return, a
case is left to the row engine only when it is approved and another member of that group
granted on the order before. Its add-ons follow an approval columnar too, one of them on the
order where two would pay."""

from __future__ import annotations

import json
from typing import Any

import pytest

pl = pytest.importorskip("polars")

import aftersales  # noqa: E402
from aftersales.policy.policy import ExclusiveGroup, Stacking  # noqa: E402
from aftersales.rules.amounts import OrderFeeAmount  # noqa: E402

POLICY = aftersales.Policy(id="p", version="1", guarantees=(aftersales.no_reason_return(),))


def returned(*, category: str = "home.kitchen", tags: tuple[str, ...] = (),
             item_condition: str | None = "intact",
             history: tuple[dict[str, Any], ...] = ()) -> str:
    """A no-reason return filed 2 days after delivery, of one line."""
    line: dict[str, Any] = {"id": "l1", "sku": "s-1", "category": category, "quantity": 1,
                            "paid_amount": "120.00"}
    if tags:
        line["tags"] = list(tags)
    claim: dict[str, Any] = {"kind": "no_reason_return", "filed_at": "2025-08-05T10:00:00+08:00"}
    if item_condition is not None:
        claim["item_condition"] = item_condition
    return json.dumps({
        "id": "c-1", "as_of": "2025-08-05T12:00:00+08:00", "history": list(history),
        "order": {"id": "o-1", "currency": "CNY", "paid_at": "2025-08-01T10:00:00+08:00",
                  "promised_ship_by": "2025-08-02T10:00:00+08:00",
                  "shipped_at": "2025-08-02T10:00:00+08:00",
                  "delivered_at": "2025-08-03T10:00:00+08:00", "lines": [line]},
        "claim": claim})


CASES = {
    "intact goods": returned(),
    "a fresh line": returned(category="fresh.produce"),
    "a freshwater line (not below fresh)": returned(category="freshwater.fish"),
    "a custom-made line": returned(tags=("gift", "custom_made")),
    "other tags only": returned(tags=("gift",)),
    "goods not intact": returned(item_condition="not_intact"),
    "the condition unknown": returned(item_condition=None),
}


def test_each_case_is_decided_columnar_as_the_row_engine_decides_it() -> None:
    result = aftersales.evaluate_table(pl.DataFrame({"case": list(CASES.values())}), POLICY)
    assert (result.columnar_rows, result.row_engine_rows) == (len(CASES), 0)
    table = dict(zip(CASES, result.frame.select("status", "reason_code").rows(), strict=True))
    rows = {name: (decision.status.value, decision.reasons[0].code)
            for name, decision in zip(CASES, aftersales.evaluate_many(
                list(CASES.values()), POLICY), strict=True)
            if isinstance(decision, aftersales.Decision)}
    assert table == rows


def test_the_exclusions_and_the_condition_fail_with_their_own_codes() -> None:
    result = aftersales.evaluate_table(pl.DataFrame({"case": list(CASES.values())}), POLICY)
    codes = dict(zip(CASES, result.frame["reason_code"], strict=True))
    assert codes == {
        "intact goods": "no_reason_return.approved",
        "a fresh line": "no_reason_return.category_excluded",
        "a freshwater line (not below fresh)": "no_reason_return.approved",
        "a custom-made line": "no_reason_return.tag_excluded",
        "other tags only": "no_reason_return.approved",
        "goods not intact": "no_reason_return.item_not_intact",
        "the condition unknown": "no_reason_return.item_condition_unknown",
    }


def test_history_by_a_guarantee_outside_the_exclusive_group_stays_columnar() -> None:
    coupon = {"guarantee": "late_shipment", "kind": "coupon", "amount": "3.00"}
    texts = [returned(item_condition="not_intact", history=(coupon,)),  # denied: no add-on
             returned(history=(coupon,))]
    result = aftersales.evaluate_table(pl.DataFrame({"case": texts}))
    assert (result.columnar_rows, result.row_engine_rows) == (2, 0)
    assert result.frame["status"].to_list() == statuses(texts)


def test_history_by_another_member_sends_only_an_approval_to_the_row_engine() -> None:
    refund = {"guarantee": "allergy", "kind": "refund", "amount": "10.00", "line_ids": ["l1"]}
    own = {"guarantee": "no_reason_return", "kind": "refund", "amount": "10.00",
           "line_ids": ["l1"]}
    texts = [returned(item_condition="not_intact", history=(refund,)),  # denied: no contest
             returned(history=(refund,)),  # approved: the allergy refund may exclude it
             returned(history=(own,))]  # its own grant before never excludes it
    result = aftersales.evaluate_table(pl.DataFrame({"case": texts}))
    assert (result.columnar_rows, result.row_engine_rows) == (2, 1)
    assert result.frame["status"].to_list() == statuses(texts)
    assert result.frame["reason_code"].to_list() == [
        d.reasons[0].code for d in aftersales.evaluate_many(texts)
        if isinstance(d, aftersales.Decision)]


def statuses(texts: list[str]) -> list[str]:
    return [d.status.value for d in aftersales.evaluate_many(texts)
            if isinstance(d, aftersales.Decision)]


def test_its_add_ons_follow_an_approval_columnar_once_per_order() -> None:
    insured = json.loads(returned())
    insured["order"] |= {"insured": True, "return_shipping_fee": "8.00"}
    bulky = json.loads(returned(category="home.furniture.sofa"))
    bulky["order"]["return_shipping_fee"] = "30.00"
    both = json.loads(json.dumps(bulky))
    both["order"]["insured"] = True  # both pay the fee: the higher rank keeps the order
    texts = [json.dumps(case) for case in (insured, bulky, both)]
    granted = granted_both_ways(texts, aftersales.standard_policy())
    assert granted == [[("no_reason_return", 12000), ("return_shipping_insurance", 800)],
                       [("no_reason_return", 12000), ("large_item_pickup", 3000)],
                       [("no_reason_return", 12000), ("large_item_pickup", 3000)]]


def granted_both_ways(texts: list[str], policy: aftersales.Policy) -> list[list[tuple[str, int]]]:
    """The remedies (guarantee, amount in fen) granted on each case, decided columnar, after
    checking that the row engine grants exactly the same."""
    result = aftersales.evaluate_table(pl.DataFrame({"case": texts}), policy)
    assert (result.columnar_rows, result.row_engine_rows) == (len(texts), 0)
    granted = [[(r["guarantee"], r["amount"]) for r in remedies]
               for remedies in result.frame["remedies"].to_list()]
    rows = [[(r.guarantee, None if r.amount is None else int(r.amount * 100))
             for r in d.remedies]
            for d in aftersales.evaluate_many(texts, policy) if isinstance(d, aftersales.Decision)]
    assert rows == granted
    return granted


def test_of_two_add_ons_paying_on_one_order_the_one_paying_more_keeps_it_columnar() -> None:
    pickup = aftersales.large_item_pickup().model_copy(update={"remedies": (
        aftersales.large_item_pickup().remedies[0].model_copy(update={
            "amount": OrderFeeAmount(fee="shipping_surcharge")}),)})
    policy = aftersales.Policy(
        id="p", version="1", guarantees=(aftersales.no_reason_return(), pickup,
                                         aftersales.return_shipping_insurance()),
        stacking=Stacking(priority=("large_item_pickup",), exclusive=(ExclusiveGroup(
            guarantees=("large_item_pickup", "return_shipping_insurance"), per="order"),)))
    texts = []
    for fee, surcharge in (("8.00", "30.00"), ("30.00", "8.00"), ("8.00", "8.00")):
        case = json.loads(returned(category="home.furniture.sofa"))
        case["order"] |= {"insured": True, "return_shipping_fee": fee,
                          "shipping_surcharge": surcharge}
        texts.append(json.dumps(case))
    assert granted_both_ways(texts, policy) == [  # in rank order: the pickup first
        [("large_item_pickup", 3000), ("no_reason_return", 12000)],
        [("no_reason_return", 12000), ("return_shipping_insurance", 3000)],
        [("large_item_pickup", 800), ("no_reason_return", 12000)]]
