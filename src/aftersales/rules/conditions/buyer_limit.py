"""`buyer_limit`: the buyer has had fewer than N claims granted by a guarantee in the last days."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field, Strict

from ...model.facts import Window
from ...model.fields import MAX_DAYS, Limit
from ..edits import earlier_claims
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
    beyond,
    restricts,
    same_check,
)
from ..sensible import MAX_WINDOW_DAYS
from ..view import CaseView

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["BuyerLimit"]


class BuyerLimit(Condition):
    """The buyer has had fewer than `max_claims` claims granted by `guarantee` (default: the
    guarantee being evaluated) in the `window_days` days (exact, rolling) before the claim
    was filed, across all the orders in the history. Remedies granted on one order at one
    `decided_at` count as one claim; an entry without `decided_at` counts as a recent claim of
    its own."""

    kind: Literal["buyer_limit"] = "buyer_limit"
    OUTCOMES: ClassVar[Outcomes] = {
        "within_buyer_limit": OutcomeSpec(True, ("guarantee", "claims", "max_claims", "window",
                                                 "since")),
        "buyer_limit_reached": OutcomeSpec(False, ("guarantee", "claims", "max_claims",
                                                   "window", "since")),
    }
    max_claims: Limit
    window_days: Annotated[int, Strict(), Field(ge=1, le=MAX_DAYS)] = 30
    guarantee: str | None = None

    def compile(self, build: Build) -> Check:
        own, most = self.guarantee, self.max_claims
        span, window = timedelta(days=self.window_days), Window(rolling_days=self.window_days)

        def check(view: CaseView, lines: int) -> Outcome:
            guarantee = own or view.guarantee
            case = view.case
            until = case.claim.filed_at if case.claim is not None else case.as_of
            since = until - span
            claims = {
                (entry.order_id or case.order.id, entry.decided_at or index)
                for index, entry in enumerate(case.history)
                if entry.guarantee == guarantee
                and (entry.decided_at is None or since < entry.decided_at <= until)
            }
            facts: dict[str, object] = {"guarantee": guarantee, "claims": len(claims),
                                        "max_claims": most, "window": window, "since": since}
            if len(claims) >= most:
                return Outcome(0, "buyer_limit_reached", facts)
            return Outcome(lines, "within_buyer_limit", facts)

        return check

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        if "claim" not in env.seed:
            return
        text = f"buyer_limit {self.max_claims} in {self.window_days} days"
        yield Boundary(text, "inside", earlier_claims(env.guarantee, self.max_claims - 1))
        yield Boundary(text, "outside", earlier_claims(env.guarantee, self.max_claims))

    def needs(self, seed: Seed) -> None:
        pass  # a plain case has no earlier claims

    def lint_facts(self) -> LintFacts:
        return LintFacts(about_itself=self.guarantee is None)

    def bounds(self) -> Iterator[Bound]:
        if self.window_days > MAX_WINDOW_DAYS:
            yield beyond("window_days", f"a buyer limit counted over {self.window_days} days",
                        f"{MAX_WINDOW_DAYS} days")

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Per order, as `compile` counts: the history's slots granted by the guarantee in
        the window, an entry counting unless an earlier one is the same claim (the same
        order and the same `decided_at`)."""
        import polars as pl

        from ..columnar import (
            DAY_MICROSECONDS,
            MAX_HISTORY,
            ColumnarCheck,
            checked_at,
            granted_by,
        )

        col, guarantee, until = build.col, self.guarantee or build.guarantee, checked_at(build)
        since = until - self.window_days * DAY_MICROSECONDS

        def at(j: int) -> pl.Expr:
            return col(f"h{j}_decided_at")

        counted = [granted_by(build, j, guarantee)
                   & (at(j).is_null() | ((at(j) > since) & (at(j) <= until)))
                   for j in range(MAX_HISTORY)]

        def same_claim(k: int, j: int) -> pl.Expr:
            return at(k).is_not_null() & at(j).is_not_null() & (at(k) == at(j)) & (
                col(f"h{k}_order") == col(f"h{j}_order"))

        claims = pl.sum_horizontal(*(
            (counted[j] & ~pl.any_horizontal(
                *(counted[k] & same_claim(k, j) for k in range(j)), pl.lit(False)))
            .fill_null(False).cast(pl.Int64) for j in range(MAX_HISTORY)))
        held = claims < self.max_claims
        return ColumnarCheck(lambda slot: held, pl.lit("buyer_limit_reached"))

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # earlier claims were granted




    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self)
