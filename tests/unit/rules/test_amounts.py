"""Amount formulas: the exact amount for the eligible lines, and each line's weight in it."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

from aftersales import (
    ApprovedReturnRefund,
    ClaimedFraction,
    Multiple,
    OrderFeeAmount,
    UnitPriceDifference,
)
from aftersales.model.money import EXACT
from tests.builders import case_dict, claim_case
from tests.unit.rules.running import quote

# l1: 2 units for 79.80 (39.90 each); l2: 1 unit for 20.00. Order total 99.80.
LINES = [
    {"id": "l1", "sku": "a", "category": "fresh.produce", "tags": [], "quantity": 2,
     "paid_amount": "79.80"},
    {"id": "l2", "sku": "b", "category": "electronics.phone", "tags": [], "quantity": 1,
     "paid_amount": "20.00"},
]
ONE_OF_L1 = [{"line_id": "l1", "quantity": 1}]


def counterfeit_claim(claim_lines: list[dict[str, Any]] | None = None,
                      **overrides: Any) -> dict[str, Any]:
    claim: dict[str, Any] = {"kind": "counterfeit", "filed_at": "2025-08-25T09:00:00+08:00",
                             "evidence": ["appraisal_report"]}
    if claim_lines is not None:
        claim["lines"] = claim_lines
    return case_dict(order={"lines": LINES}, claim=claim, **overrides)


class TestMultiple:
    THREE_TIMES = Multiple(multiplier=Decimal(3), minimum=Decimal("500.00"))

    def test_a_product_below_the_minimum_pays_the_minimum(self) -> None:
        # 3 × 99.80 = 299.40
        assert quote(self.THREE_TIMES, counterfeit_claim()).amount == Decimal("500.00")

    def test_a_product_one_fen_below_the_minimum_pays_the_minimum(self) -> None:
        formula = Multiple(multiplier=Decimal(3), minimum=Decimal("299.41"))
        assert quote(formula, counterfeit_claim()).amount == Decimal("299.41")

    def test_a_product_equal_to_the_minimum_pays_it(self) -> None:
        formula = Multiple(multiplier=Decimal(3), minimum=Decimal("299.40"))
        assert quote(formula, counterfeit_claim()).amount == Decimal("299.40")

    def test_a_product_one_fen_above_the_minimum_pays_the_product(self) -> None:
        formula = Multiple(multiplier=Decimal(3), minimum=Decimal("299.39"))
        assert quote(formula, counterfeit_claim()).amount == Decimal("299.40")

    def test_the_claimed_amount_base_is_what_was_claimed_on_the_eligible_lines(self) -> None:
        formula = Multiple(multiplier=Decimal(3))
        found = quote(formula, counterfeit_claim(ONE_OF_L1), lines=0b01)
        assert (found.amount, found.facts["base"]) == (Fraction("119.70"), Fraction("39.90"))

    def test_the_order_total_base_is_everything_paid_whatever_was_claimed(self) -> None:
        formula = Multiple(base="order_total", multiplier=Decimal(3))
        found = quote(formula, counterfeit_claim(ONE_OF_L1), lines=0b01)
        assert (found.amount, found.facts["base"]) == (Fraction("299.40"), Fraction("99.80"))

    def test_k_of_n_units_claimed_is_the_exact_fraction_of_the_line(self) -> None:
        data = case_dict(order={"lines": [{**LINES[0], "quantity": 3, "paid_amount": "100.00"}]},
                         claim={"kind": "counterfeit", "filed_at": "2025-08-25T09:00:00+08:00",
                                "lines": [{"line_id": "l1", "quantity": 2}]})
        found = quote(Multiple(multiplier=Decimal(3)), data, lines=0b1)
        assert found.amount == 200  # 3 × 200/3, exactly
        assert found.facts["base"] == EXACT.divide(Decimal(200), 3)  # to 60 digits

    def test_the_minimum_defaults_to_nothing(self) -> None:
        assert quote(Multiple(multiplier=Decimal(10)), counterfeit_claim()).amount == Decimal(
            "998.00")


class TestOrderFeeAmount:
    def test_the_stated_fee_is_paid(self) -> None:
        data = case_dict(order={"return_shipping_fee": "12.00", "shipping_surcharge": "8.00"})
        assert quote(OrderFeeAmount(fee="return_shipping_fee"), data, 1).amount == Decimal(
            "12.00")
        assert quote(OrderFeeAmount(fee="shipping_surcharge"), data, 1).amount == Decimal(
            "8.00")

    def test_an_absent_fee_pays_nothing(self) -> None:
        found = quote(OrderFeeAmount(fee="return_shipping_fee"), case_dict(), 1)
        assert (found.amount, found.weights) == (Fraction(0), None)


def approved(amount: str, **entry: Any) -> dict[str, Any]:
    """A refund granted earlier against the return of the goods."""
    return {"guarantee": "no_reason_return", "kind": "refund", "amount": amount,
            "return_required": True, **entry}


class TestApprovedReturnRefund:
    def returned(self, *history: dict[str, Any], lines: int = 0b01) -> Fraction:
        data = claim_case("spoilage", order={"lines": LINES},
                          claim={"kind": "return_shipped", "lines": ONE_OF_L1,
                                 "return_tracking_no": "SF1"},
                          history=list(history))
        return quote(ApprovedReturnRefund(), data, lines).amount

    def test_a_refund_approved_with_a_return_on_an_eligible_line_is_paid(self) -> None:
        assert self.returned(approved("39.90", line_ids=["l1"])) == Decimal("39.90")

    def test_a_refund_approved_with_a_return_on_another_line_is_not(self) -> None:
        assert self.returned(approved("20.00", line_ids=["l2"])) == Decimal(0)
        assert self.returned(approved("20.00", line_ids=["l2"]), lines=0b11) == Decimal("20.00")

    def test_a_refund_granted_without_a_return_is_not_paid(self) -> None:
        assert self.returned(approved("39.90", line_ids=["l1"], return_required=False)) == (
            Decimal(0))

    def test_only_refunds_are_paid_not_other_remedies_of_the_return(self) -> None:
        assert self.returned(approved("500.00", kind="compensation", line_ids=["l1"])) == (
            Decimal(0))

    def test_a_refund_approved_on_another_order_is_not_paid(self) -> None:
        assert self.returned(approved("39.90", order_id="o-2", line_ids=["l1"])) == Decimal(0)

    def test_an_entry_without_line_ids_covers_the_whole_order(self) -> None:
        assert self.returned(approved("99.80"), lines=0b11) == Decimal("99.80")

    def test_an_entry_without_line_ids_gives_each_line_its_paid_share(self) -> None:
        assert self.returned(approved("99.80"), lines=0b01) == Decimal("79.80")
        assert self.returned(approved("99.80"), lines=0b10) == Decimal("20.00")

    def test_an_entry_on_several_lines_gives_only_the_eligible_lines_part(self) -> None:
        # 59.90 split 79.80 : 20.00 to the fen is 47.90 + 12.00.
        entry = approved("59.90", line_ids=["l1", "l2"])
        assert self.returned(entry, lines=0b01) == Decimal("47.90")
        assert self.returned(entry, lines=0b10) == Decimal("12.00")
        assert self.returned(entry, lines=0b11) == Decimal("59.90")

    def test_advancing_lines_one_at_a_time_never_pays_more_than_was_approved(self) -> None:
        entry = approved("0.03")  # split 79.80 : 20.00 to the fen: 0.02 + 0.01
        parts = (self.returned(entry, lines=0b01), self.returned(entry, lines=0b10))
        assert parts == (Fraction("0.02"), Fraction("0.01"))
        assert sum(parts) == self.returned(entry, lines=0b11) == Decimal("0.03")

    def test_every_matching_refund_is_added_up(self) -> None:
        history = [approved("10.00", line_ids=["l1"]), approved("29.90", line_ids=["l1"]),
                   approved("20.00", line_ids=["l2"]), approved("1.00", line_ids=["l1"],
                                                                 return_required=False)]
        assert self.returned(*history) == Decimal("39.90")

    def test_with_no_history_nothing_was_approved(self) -> None:
        assert self.returned() == Decimal(0)


class TestLineWeights:
    def test_claimed_fraction_weighs_each_line_by_its_claimed_share(self) -> None:
        data = counterfeit_claim([*ONE_OF_L1, {"line_id": "l2", "quantity": 1}])
        found = quote(ClaimedFraction(), data)
        assert found.amount == Decimal("59.90")
        assert found.weights == {0: Fraction("39.90"), 1: Fraction("20.00")}

    def test_claimed_fraction_weighs_only_the_eligible_lines(self) -> None:
        found = quote(ClaimedFraction(), counterfeit_claim(), lines=0b10)
        assert (found.amount, found.weights) == (Fraction("20.00"), {1: Fraction("20.00")})

    def test_claimed_fraction_of_a_whole_line_is_its_paid_amount_exactly(self) -> None:
        found = quote(ClaimedFraction(), counterfeit_claim())
        assert found.weights == {0: Fraction("79.80"), 1: Fraction("20.00")}

    def test_unit_price_difference_weighs_each_line_by_its_difference(self) -> None:
        data = claim_case("price_match", order={"lines": LINES},
                          claim={"reference_price": "15.00", "lines": [
                              {"line_id": "l1", "quantity": 2}, {"line_id": "l2",
                                                                 "quantity": 1}]})
        found = quote(UnitPriceDifference(), data)
        # l1: (39.90 − 15.00) × 2 = 49.80; l2: (20.00 − 15.00) × 1 = 5.00
        assert found.amount == Decimal("54.80")
        assert found.weights == {0: Fraction("49.80"), 1: Fraction("5.00")}

    def test_unit_price_difference_counts_only_the_units_claimed(self) -> None:
        data = claim_case("price_match", order={"lines": LINES},
                          claim={"reference_price": "15.00", "lines": ONE_OF_L1})
        found = quote(UnitPriceDifference(), data, lines=0b01)
        assert (found.amount, found.weights) == (Fraction("24.90"), {0: Fraction("24.90")})

    def test_a_multiplier_scales_the_amount_but_not_the_proportions(self) -> None:
        data = claim_case("price_match", order={"lines": LINES},
                          claim={"reference_price": "15.00", "lines": None})
        found = quote(UnitPriceDifference(multiplier=Decimal(2)), data)
        assert found.amount == Decimal("109.60")
        assert found.weights == {0: Fraction("49.80"), 1: Fraction("5.00")}

    def test_unit_price_difference_without_a_reference_price_is_nothing(self) -> None:
        found = quote(UnitPriceDifference(), counterfeit_claim())
        assert (found.amount, found.weights) == (Fraction(0), None)
