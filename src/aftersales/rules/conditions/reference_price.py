"""`reference_price_below_unit_price`: the price the buyer found elsewhere is below the unit
price paid."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from ...model.facts import UnitPrice
from ...model.fields import Flag
from ...model.money import EXACT
from ..outcome import Check, Outcome
from ..protocol import (
    Bound,
    Boundary,
    BoundaryEnv,
    Build,
    Condition,
    FilingBound,
    Flip,
    LintFacts,
    Outcomes,
    OutcomeSpec,
    Seed,
    restricts,
    same_check,
)
from ..view import CaseView

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["ReferencePriceBelowUnitPrice"]


class ReferencePriceBelowUnitPrice(Condition):
    """The claim's `reference_price` is strictly below the unit price paid
    (`paid_amount / quantity`, exact; with `before_platform_discounts`, `(paid_amount +
    platform_discount) / quantity`, as `unit_price_difference` compares)."""

    kind: Literal["reference_price_below_unit_price"] = "reference_price_below_unit_price"
    OUTCOMES: ClassVar[Outcomes] = {
        "price_lower": OutcomeSpec(True, ("reference_price", "unit_prices")),
        "price_not_lower": OutcomeSpec(False, ("reference_price", "unit_prices")),
        "reference_price_missing": OutcomeSpec(False, ()),
    }
    before_platform_discounts: Flag = False

    def compile(self, build: Build) -> Check:
        before = self.before_platform_discounts

        def check(view: CaseView, lines: int) -> Outcome:
            claim = view.claim
            reference = claim.reference_price if claim is not None else None
            if reference is None:
                return Outcome(0, "reference_price_missing", {})
            held = 0
            unit_prices: list[UnitPrice] = []
            for index, line in view.lines_in(lines):
                paid = line.paid_amount
                if before and line.platform_discount is not None:
                    paid = EXACT.add(paid, line.platform_discount)
                unit_price = EXACT.divide(paid, line.quantity)
                unit_prices.append(UnitPrice(line.id, unit_price))
                if reference < unit_price:
                    held |= 1 << index
            return Outcome(held, "price_lower" if held == lines else "price_not_lower",
                           {"reference_price": reference, "unit_prices": tuple(unit_prices)})

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck, line_paid

        reference, before = build.col("reference"), self.before_platform_discounts

        def holds(slot: int) -> pl.Expr:  # reference < paid / quantity, in integers
            return reference.is_not_null() & (
                reference * build.line(slot, "qty") < line_paid(build, slot, before))

        code = pl.when(reference.is_null()).then(pl.lit("reference_price_missing")).otherwise(
            pl.lit("price_not_lower"))
        return ColumnarCheck(holds, code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        """A reference price one minor unit below the lowest unit price compared."""
        if step.passed:
            return None
        compared = step.facts.get("unit_prices") or ()
        prices = [item.price for item in compared if isinstance(item, UnitPrice)]
        if not prices:
            return None
        lowest = min(prices)
        price = lowest.quantize(unit, ROUND_CEILING, context=EXACT) - unit
        if price < 0:
            return None
        return Flip("reference_price_below", "claim.reference_price", str(price),
                    "reference_price_below", {"price": price, "unit_price": lowest})

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def needs(self, seed: Seed) -> None:
        seed.reference_price = True

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)
