"""`requested_amount`: the amount the claim asks (`claim.requested_amount`), held to a cap
that is itself an amount formula (Douyin's partial refund: what the buyer asks, at most 30 %
of what was paid)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from ...model.facts import Formula
from ...model.money import exact, round_exact
from ..outcome import Price, Quote
from ..protocol import AmountFormula, Bound, Boundary, BoundaryEnv, Build, Edit

if TYPE_CHECKING:
    from ..columnar import ColumnarAmount, ColumnarBuild
    from ..view import CaseView
    from . import AnyAmount

__all__ = ["RequestedAmount"]

_ZERO = Decimal(0)


class RequestedAmount(AmountFormula):
    """The claim's `requested_amount`, at most `at_most` (an amount formula: `percent_of`
    30 % of the order's paid amount with a cap of 200.00, say) when one is given. The cap is
    rounded to the currency's minor unit (the policy's rounding) before it is compared, so a
    capped claim is paid the cap exactly; a capped claim's approval carries the second reason
    `requested_capped`. A claim asking nothing (or no claim) is paid nothing: the remedy is
    not granted (`zero_amount`)."""

    kind: Literal["requested_amount"] = "requested_amount"
    FACTS = ("requested", "capped_at")
    NOTES: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "requested_capped": ("requested", "capped_at", "amount", "currency")}
    at_most: AnyAmount | None = None

    def compile(self, build: Build) -> Price:
        cap = None if self.at_most is None else self.at_most.compile(build)
        unit, rounding = build.unit, build.rounding
        formula = Formula(self.kind, self.describe())

        def price(view: CaseView, lines: int) -> Quote:
            claim = view.claim
            requested = claim.requested_amount if claim is not None else None
            amount = _ZERO if requested is None else requested
            facts: dict[str, object] = {"formula": formula, "requested": requested}
            if cap is not None:
                limit = round_exact(cap(view, lines).amount, unit, rounding)
                if amount > limit:
                    facts["capped_at"] = limit
                    amount = limit
            facts["exact"] = amount
            return Quote(exact(amount), facts, note="requested_capped" if "capped_at" in facts
                         else None)

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        """The amount asked, held to the cap rounded to a whole minor unit (half-up: the
        columnar path's one rounding)."""
        import polars as pl

        from ..columnar import ColumnarAmount, round_half_up

        asked = build.col("requested_amount").fill_null(0)
        if self.at_most is None:
            return ColumnarAmount(asked, pl.lit(1))
        cap = self.at_most.columnar(build)
        if cap is None:
            return None
        limit = round_half_up(cap.numerator, cap.denominator)
        return ColumnarAmount(pl.when(asked > limit).then(limit).otherwise(asked), pl.lit(1),
                              cap.sure)

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        """The cap's own thresholds, and a claim asking exactly the cap of the plain case
        (below: paid as asked) and one minor unit more (at: capped)."""
        if self.at_most is None:
            return
        yield from self.at_most.thresholds(kind, env)
        value = self.at_most.value_of("order_total")
        order = env.seed.get("order") or {}
        if value is None or "claim" not in env.seed or not order.get("lines"):
            return
        total = sum((Decimal(line["paid_amount"]) for line in order["lines"]), _ZERO)
        limit = value(total).quantize(env.unit, rounding=env.rounding)
        text = f"{kind} the amount asked reaches the cap {limit}"
        yield Boundary(text, "below", _ask(limit))
        yield Boundary(text, "at", _ask(limit + env.unit))

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return ()

    def describe(self) -> str:
        if self.at_most is None:
            return "the amount asked"
        return f"the amount asked, at most {self.at_most.describe()}"

    def fixed(self) -> Decimal | None:
        return None

    def always_zero(self) -> bool:
        return self.at_most is not None and self.at_most.always_zero()

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        return None  # it depends on the claim

    def per_line(self) -> bool:
        return False

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        if self.at_most is None:
            return "total"  # a claim may ask any amount
        return self.at_most.excess(low_claimed, low_total)

    def amount_bounds(self) -> Iterator[Bound]:
        if self.at_most is not None:
            yield from self.at_most.amount_bounds()

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        if self.at_most is None:
            return "order_total", example, "cap the amount asked with at_most"
        return self.at_most.uncapped(example)

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def parts(self) -> tuple[AmountFormula, ...]:
        return () if self.at_most is None else (self.at_most,)

    def refunds_what_was_paid(self) -> bool:
        return False


def _ask(amount: Decimal) -> Edit:
    """The claim asking `amount`."""
    def edit(case: dict[str, Any]) -> None:
        case["claim"]["requested_amount"] = str(max(amount, _ZERO))
    return Edit("claim.requested_amount", amount, edit)
