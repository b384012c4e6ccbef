"""`requested_amount`: the amount the claim asks, held to a cap that is an amount formula."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from aftersales import (
    Guarantee,
    PercentOf,
    Refund,
    RequestedAmount,
    evaluate,
    standard_policy,
)
from tests.builders import claim_case
from tests.unit.rules.running import quote

CAPPED = RequestedAmount(at_most=PercentOf(rate_percent=Decimal(30), cap=Decimal("200.00")))


def asking(amount: str | None, paid: str = "100.00") -> dict[str, Any]:
    facts = {} if amount is None else {"requested_amount": amount}
    lines = [{"id": "l1", "sku": "lamp", "category": "home.lighting", "tags": [],
              "quantity": 1, "paid_amount": paid}]
    return claim_case("spoilage", order={"lines": lines},
                      claim={"kind": "partial_refund", "lines": None, **facts})


@pytest.mark.parametrize(("asked", "paid", "granted"), [
    ("30.00", "100.00", "30.00"), ("30.01", "100.00", "30.00"), ("12.00", "100.00", "12.00"),
    ("200.00", "1000.00", "200.00"), ("200.01", "1000.00", "200.00"),
    ("0.00", "100.00", "0.00"),
])
def test_the_amount_asked_is_paid_up_to_the_cap(asked: str, paid: str, granted: str) -> None:
    assert quote(CAPPED, asking(asked, paid), lines=0b1).amount == Decimal(granted)


def test_the_cap_is_rounded_before_it_is_compared() -> None:
    """30 % of 33.33 is 9.999: a claim asking 10.00 is paid 10.00, not capped."""
    priced = quote(CAPPED, asking("10.00", "33.33"), lines=0b1)
    assert (priced.amount, priced.note) == (Fraction("10.00"), None)
    capped = quote(CAPPED, asking("10.01", "33.33"), lines=0b1)
    assert (capped.amount, capped.note) == (Fraction("10.00"), "requested_capped")


def test_a_capped_quote_names_what_was_asked_and_the_cap() -> None:
    facts = quote(CAPPED, asking("50.00"), lines=0b1).facts
    assert (facts["requested"], facts["capped_at"]) == (Decimal("50.00"), Decimal("30.00"))


def test_without_a_cap_the_amount_asked_is_paid() -> None:
    assert quote(RequestedAmount(), asking("99.00"), lines=0b1).amount == Decimal("99.00")


def test_a_claim_of_another_kind_without_an_amount_asked_is_paid_nothing() -> None:
    data = claim_case("spoilage")
    priced = quote(CAPPED, data, lines=0b1)
    assert (priced.amount, priced.facts["requested"]) == (Fraction(0), None)


POLICY = standard_policy().with_guarantee(Guarantee(
    id="partial", title="Partial refund", claim_kinds=("partial_refund",),
    remedies=(Refund(amount=CAPPED),)))


def test_a_capped_approval_carries_the_second_reason() -> None:
    decision = evaluate(asking("30.01"), POLICY)
    assert decision.codes == ("partial.approved", "partial.requested_capped")
    assert str(decision.remedies[0].amount) == "30.00"
    assert "30.01" in decision.reasons[1].message


def test_an_approval_within_the_cap_carries_no_second_reason() -> None:
    assert evaluate(asking("30.00"), POLICY).codes == ("partial.approved",)


def test_asking_nothing_is_a_denial_with_nothing_to_pay() -> None:
    assert evaluate(asking("0.00"), POLICY).codes == ("partial.zero_amount",)


def test_the_guarantee_lists_the_second_reason_among_its_codes() -> None:
    assert "partial.requested_capped" in POLICY.guarantee("partial").reason_codes()


def test_describe_and_lint_facts() -> None:
    assert CAPPED.describe() == "the amount asked, at most 30 % of the order total (at most 200.00)"
    assert RequestedAmount().excess(Decimal(1), Decimal(1)) == "total"
    assert RequestedAmount().uncapped(Decimal(100)) is not None
    assert CAPPED.uncapped(Decimal(100)) is None
    assert CAPPED.notes() == ("requested_capped",)
