"""`fee_charged`: the order states a fee above zero (the insured return leg, a surcharge)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

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

__all__ = ["FeeCharged", "OrderFee"]


OrderFee = Literal["return_shipping_fee", "shipping_surcharge"]


class FeeCharged(Condition):
    """The order states a `fee` above zero (the return leg's insured amount, a surcharge)."""

    kind: Literal["fee_charged"] = "fee_charged"
    OUTCOMES: ClassVar[Outcomes] = {
        "fee_charged": OutcomeSpec(True, ("fee", "amount")),
        "no_fee": OutcomeSpec(False, ("fee", "amount")),
    }
    fee: OrderFee

    def compile(self, build: Build) -> Check:
        fee = self.fee

        def check(view: CaseView, lines: int) -> Outcome:
            amount = getattr(view.order, fee)
            facts = {"fee": fee, "amount": amount}
            if amount is not None and amount > 0:
                return Outcome(lines, "fee_charged", facts)
            return Outcome(0, "no_fee", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        charged = build.col(self.fee).fill_null(0) > 0
        return ColumnarCheck(lambda slot: charged, pl.lit("no_fee"))

    def needs(self, seed: Seed) -> None:
        seed.fees.append(self.fee)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # a fee is charged with the order

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self)
