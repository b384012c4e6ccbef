"""`percent_by_tag`: a rate per line, set by the line's tags, of its claimed amount."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from aftersales import PercentByTag, TagRate
from tests.builders import case_dict
from tests.unit.rules.running import quote

FORMULA = PercentByTag(rates=(TagRate(tag="platform_qc", rate_percent=Decimal(100)),),
                       otherwise_percent=Decimal(30))


def lines(first_tags: list[str], second_paid: str = "33.33") -> dict[str, object]:
    return case_dict(order={"lines": [
        {"id": "l1", "sku": "a", "category": "apparel", "tags": first_tags, "quantity": 2,
         "paid_amount": "100.00"},
        {"id": "l2", "sku": "b", "category": "apparel", "quantity": 1,
         "paid_amount": second_paid}]},
        claim={"kind": "not_as_described", "filed_at": "2025-08-25T09:00:00+08:00",
               "lines": [{"line_id": "l1", "quantity": 1}, {"line_id": "l2", "quantity": 1}]})


def test_a_tagged_line_gets_its_rate_and_the_others_the_default_exactly() -> None:
    quoted = quote(FORMULA, lines(["platform_qc"]))
    assert quoted.amount == Decimal("50.00") + Decimal("9.999")  # 1 of 2 at 100 %; 30 %
    assert quoted.weights == {0: Fraction("50.00"), 1: Fraction("9.999")}


def test_without_the_tag_every_line_gets_the_default() -> None:
    assert quote(FORMULA, lines([])).amount == Decimal("15.00") + Decimal("9.999")


def test_the_first_listed_tag_a_line_carries_decides() -> None:
    formula = PercentByTag(rates=(TagRate(tag="x", rate_percent=Decimal(10)),
                                  TagRate(tag="y", rate_percent=Decimal(50))),
                           otherwise_percent=Decimal(0))
    assert quote(formula, lines(["y", "x"]), lines=0b01).amount == Decimal("5.00")


def test_a_rate_above_100_percent_is_out_of_bounds_for_lint() -> None:
    formula = PercentByTag(rates=(TagRate(tag="x", rate_percent=Decimal(150)),),
                           otherwise_percent=Decimal(30))
    assert [bound.field for bound in formula.amount_bounds()] == ["rates"]
    assert formula.excess(Decimal(1), Decimal(1)) == "total"
    assert FORMULA.excess(Decimal(1), Decimal(1)) is None


def test_it_pays_each_line_alone_and_is_never_fixed_nor_always_zero() -> None:
    assert FORMULA.per_line()
    assert FORMULA.fixed() is None
    assert not FORMULA.always_zero()
    assert PercentByTag(rates=(TagRate(tag="x", rate_percent=Decimal(0)),),
                        otherwise_percent=Decimal(0)).always_zero()
