"""`percent_between`: a percentage raised to its minimum and capped at its maximum."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from aftersales import PercentBetween
from tests.builders import case_dict
from tests.unit.rules.running import quote

ONE_PERCENT = PercentBetween(rate_percent=Decimal(1), minimum=Decimal(2), maximum=Decimal(50))


def paid(amount: str) -> dict[str, object]:
    return case_dict(order={"lines": [{"id": "l1", "sku": "s", "category": "home",
                                       "quantity": 1, "paid_amount": amount}]})


@pytest.mark.parametrize(("amount", "pays", "fact"), [
    ("199.99", "2", "raised_to"), ("200.00", "2.0000", None), ("200.50", "2.0050", None),
    ("5000.00", "50.0000", None), ("5000.01", "50", "capped_at"),
])
def test_the_percentage_is_kept_between_its_minimum_and_maximum(
        amount: str, pays: str, fact: str | None) -> None:
    found = quote(ONE_PERCENT, paid(amount), lines=0b1)
    assert found.amount == Decimal(pays)
    assert {"raised_to", "capped_at"} & set(found.facts) == ({fact} if fact else set())


def test_a_minimum_above_the_maximum_is_refused() -> None:
    with pytest.raises(ValidationError, match="minimum must not be above maximum"):
        PercentBetween(rate_percent=Decimal(1), minimum=Decimal(60), maximum=Decimal(50))


def test_its_minimum_can_pay_more_than_a_small_order() -> None:
    assert ONE_PERCENT.excess(Decimal(1), Decimal(1)) == "total"
    assert ONE_PERCENT.uncapped(Decimal(100)) is None
