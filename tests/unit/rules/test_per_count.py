"""`per_count`: the order's paid amount over every unit in it, times the units claimed."""

from decimal import Decimal
from fractions import Fraction

from aftersales import PerCount
from tests.builders import claim_case
from tests.unit.rules.running import quote

CRABS = [{"id": "l1", "sku": "crab", "category": "fresh.seafood.crab", "tags": [],
          "quantity": 7, "paid_amount": "160.00"},
         {"id": "l2", "sku": "gift", "category": "fresh.seafood.crab", "tags": ["gift"],
          "quantity": 1, "paid_amount": "0.00"}]


def test_a_gift_counts_among_the_units() -> None:
    case = claim_case("spoilage", order={"lines": CRABS},
                      claim={"lines": [{"line_id": "l1", "quantity": 2}]})
    result = quote(PerCount(), case, lines=0b01)
    assert (result.amount, result.facts["units"]) == (Fraction("40"), 8)


def test_every_unit_claimed_is_the_whole_order() -> None:
    case = claim_case("spoilage", order={"lines": CRABS}, claim={"lines": [
        {"line_id": "l1", "quantity": 7}, {"line_id": "l2", "quantity": 1}]})
    assert quote(PerCount(), case, lines=0b11).amount == Decimal("160.00")
