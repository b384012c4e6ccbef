"""`capped`: an amount held to caps a claim, an order and a buyer's period, counted in money
from the history."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from aftersales import CappedAmount, UnitPriceDifference
from tests.builders import claim_case
from tests.unit.rules.running import quote

# The price-match case: 2 units paid 39.90 each, found at 35.00: a difference of 9.80.
MONTHLY = CappedAmount(amount=UnitPriceDifference(), per_buyer=Decimal("10.00"))


def with_history(*entries: dict[str, Any]) -> dict[str, Any]:
    return claim_case("price_match", history=list(entries))


def granted(amount: str, decided_at: str, order_id: str | None = "o-other",
            guarantee: str = "g") -> dict[str, Any]:
    entry = {"guarantee": guarantee, "kind": "refund", "amount": amount,
             "decided_at": decided_at}
    return entry if order_id is None else {**entry, "order_id": order_id}


def test_without_history_the_amount_is_paid_whole() -> None:
    assert quote(MONTHLY, with_history(), lines=0b1).amount == Decimal("9.80")


def test_a_claim_cap_holds_the_amount() -> None:
    capped = CappedAmount(amount=UnitPriceDifference(), per_claim=Decimal("5.00"))
    result = quote(capped, with_history(), lines=0b1)
    assert (result.amount, result.facts["capped_at"]) == (Fraction("5.00"), Fraction("5.00"))


def test_what_was_granted_this_month_on_other_orders_counts() -> None:
    result = quote(MONTHLY, with_history(granted("4.00", "2025-08-01T00:00:00+08:00")),
                   lines=0b1)
    assert (result.amount, result.facts["counted"]) == (Fraction("6.00"), Fraction("4.00"))


def test_last_month_does_not_count() -> None:
    entry = granted("10.00", "2025-07-31T23:59:59.999999+08:00")
    assert quote(MONTHLY, with_history(entry), lines=0b1).amount == Decimal("9.80")


def test_another_guarantees_grants_do_not_count() -> None:
    entry = granted("10.00", "2025-08-02T00:00:00+08:00", guarantee="other")
    assert quote(MONTHLY, with_history(entry), lines=0b1).amount == Decimal("9.80")


def test_a_cap_reached_pays_nothing() -> None:
    entry = granted("10.00", "2025-08-02T00:00:00+08:00")
    assert quote(MONTHLY, with_history(entry), lines=0b1).amount == 0


def test_a_rolling_period_counts_the_days_before_the_claim() -> None:
    rolling = CappedAmount(amount=UnitPriceDifference(), per_buyer=Decimal("10.00"),
                           period="rolling_days", period_days=30)
    # filed 2025-08-21 09:00: 2025-07-22 10:00 is within 30 days, 2025-07-22 08:00 is not
    assert quote(rolling, with_history(granted("4.00", "2025-07-22T10:00:00+08:00")),
                 lines=0b1).amount == Decimal("6.00")
    assert quote(rolling, with_history(granted("4.00", "2025-07-22T08:00:00+08:00")),
                 lines=0b1).amount == Decimal("9.80")


def test_an_order_cap_counts_only_this_orders_grants() -> None:
    per_order = CappedAmount(amount=UnitPriceDifference(), per_order=Decimal("10.00"))
    here = granted("4.00", "2025-08-20T12:00:00+08:00", order_id=None)
    elsewhere = granted("4.00", "2025-08-20T12:00:00+08:00")
    assert quote(per_order, with_history(here), lines=0b1).amount == Decimal("6.00")
    assert quote(per_order, with_history(elsewhere), lines=0b1).amount == Decimal("9.80")


def test_a_cap_is_needed_and_period_days_go_with_a_rolling_period() -> None:
    with pytest.raises(ValueError, match="at least one"):
        CappedAmount(amount=UnitPriceDifference())
    with pytest.raises(ValueError, match="period_days"):
        CappedAmount(amount=UnitPriceDifference(), per_buyer=Decimal(1), period_days=30)
