"""`pro_rata_deduction`: an amount less its pro-rata share of the payment channel's discount;
and `unit_price_difference` before the platform's discounts (price protection)."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

from aftersales import ProRataDeduction, ReferencePriceBelowUnitPrice, UnitPriceDifference
from tests.builders import claim_case
from tests.unit.rules.running import check, quote

LESS_CHANNEL = ProRataDeduction(amount=UnitPriceDifference())


def item(paid: str, reference: str, **line: Any) -> dict[str, Any]:
    return claim_case("price_match", order={"lines": [
        {"id": "l1", "sku": "cream", "category": "beauty.skincare", "tags": [], "quantity": 1,
         "paid_amount": paid, **line}]}, claim={"reference_price": reference})


def test_douyins_example_pays_two_forty() -> None:
    case = item("12.00", "9.00")
    case["order"]["payment_channel_discount"] = "2.00"
    result = quote(LESS_CHANNEL, case, lines=0b1)
    assert (result.amount, result.facts["deducted"]) == (Fraction("2.40"), Fraction("0.60"))


def test_without_a_channel_discount_the_amount_is_whole() -> None:
    assert quote(LESS_CHANNEL, item("12.00", "9.00"), lines=0b1).amount == Decimal("3.00")


def test_a_channel_that_funded_everything_leaves_nothing() -> None:
    case = item("12.00", "9.00")
    case["order"]["payment_channel_discount"] = "12.00"
    assert quote(LESS_CHANNEL, case, lines=0b1).amount == 0


def test_before_platform_discounts_the_price_paid_includes_them() -> None:
    # (100 − 10) − (100 − 20): paid 85.00 after a 5.00 red packet, now 80.00
    before = UnitPriceDifference(before_platform_discounts=True)
    case = item("85.00", "80.00", platform_discount="5.00")
    assert quote(before, case, lines=0b1).amount == Decimal("10.00")
    assert quote(UnitPriceDifference(), case, lines=0b1).amount == Decimal("5.00")


def test_the_condition_compares_as_the_amount_does() -> None:
    case = item("85.00", "87.00", platform_discount="5.00")
    assert check(ReferencePriceBelowUnitPrice(before_platform_discounts=True), case).lines
    assert not check(ReferencePriceBelowUnitPrice(), case).lines
