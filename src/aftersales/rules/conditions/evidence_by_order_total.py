"""`evidence_by_order_total`: the claim carries the evidence its order's amount calls for
(a photo below 100.00; a medical record too from 500.00)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Self

from pydantic import BaseModel, Field, model_validator

from ...model.fields import PolicyAmount
from ..outcome import Check, Outcome
from ..protocol import (
    RULE_MODEL,
    Bound,
    Boundary,
    BoundaryEnv,
    Build,
    Condition,
    Edit,
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

__all__ = ["EvidenceByOrderTotal", "EvidenceTier"]

EvidenceKind = Annotated[str, Field(min_length=1, max_length=200)]
_FACTS = ("order_total", "tier_from", "required")


class EvidenceTier(BaseModel):
    """From an order total of `at_least` (inclusive) up to the next tier's: these evidence
    kinds."""

    model_config = RULE_MODEL

    at_least: PolicyAmount
    evidence: tuple[EvidenceKind, ...]


class EvidenceByOrderTotal(Condition):
    """The claim carries every evidence kind of the tier the order's total paid falls in.
    A claim short of it is denied with the missing kinds named (`missing`), and what-if
    proposes adding them; the guarantee's own `evidence` stays what every claim needs."""

    kind: Literal["evidence_by_order_total"] = "evidence_by_order_total"
    OUTCOMES: ClassVar[Outcomes] = {
        "evidence_for_total_present": OutcomeSpec(True, _FACTS),
        "evidence_for_total_missing": OutcomeSpec(False, (*_FACTS, "missing")),
    }
    tiers: Annotated[tuple[EvidenceTier, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _ascending_from_zero(self) -> Self:
        starts = [tier.at_least for tier in self.tiers]
        if starts[0] != 0:
            raise ValueError("the first tier starts at 0 (every order total has a tier)")
        if any(low >= high for low, high in pairwise(starts)):
            raise ValueError("tiers must be in strictly ascending order of at_least")
        return self

    def tier_for(self, total: Decimal) -> EvidenceTier:
        """The tier an order total falls in."""
        return next(tier for tier in reversed(self.tiers) if total >= tier.at_least)

    def compile(self, build: Build) -> Check:
        tier_for = self.tier_for

        def check(view: CaseView, lines: int) -> Outcome:
            total = view.total_paid
            tier = tier_for(total)
            claim = view.claim
            given = claim.evidence if claim is not None else ()
            missing = tuple(kind for kind in tier.evidence if kind not in given)
            facts: dict[str, object] = {"order_total": total, "tier_from": tier.at_least,
                                        "required": tier.evidence}
            if missing:
                facts["missing"] = missing
                return Outcome(0, "evidence_for_total_missing", facts)
            return Outcome(lines, "evidence_for_total_present", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Per order, as `compile` checks it: the claim's evidence holds every kind of the
        tier the total paid falls in (from a start in whole minor units, rounded up: a whole
        total reaches it exactly when it reaches the start)."""
        import math

        import polars as pl

        from ..columnar import ColumnarCheck

        total, given = build.col("total"), build.col("evidence")
        held = pl.lit(False)
        for tier in self.tiers:  # ascending: the last tier reached decides
            start = math.ceil(tier.at_least * build.unit_scale)
            complete = pl.all_horizontal(pl.lit(True), *(
                given.list.contains(pl.lit(kind)) for kind in tier.evidence))
            held = pl.when(total >= start).then(complete).otherwise(held)
        return ColumnarCheck(lambda slot: held.fill_null(False),
                             pl.lit("evidence_for_total_missing"))

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        missing = step.facts.get("missing")
        if step.passed or case.claim is None or not isinstance(missing, tuple):
            return None
        return Flip("add_evidence", "claim.evidence", [*case.claim.evidence, *missing],
                    "add_evidence", {"missing": missing})

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        """At each tier start that asks for more, a claim carrying only the tier below's
        evidence: just below the start (inside) and at it (outside)."""
        if "claim" not in env.seed:
            return
        for below, tier in pairwise(self.tiers):
            if set(tier.evidence) <= set(below.evidence):
                continue
            text = f"{self.kind} tier from {tier.at_least}"
            yield Boundary(text, "inside", _paid_with(tier.at_least - env.unit, below.evidence))
            yield Boundary(text, "outside", _paid_with(tier.at_least, below.evidence))

    def needs(self, seed: Seed) -> None:
        for tier in self.tiers:  # a plain case meets whichever tier its total is in
            seed.evidence.extend(kind for kind in tier.evidence if kind not in seed.evidence)

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


def _paid_with(amount: Decimal, evidence: tuple[str, ...]) -> Edit:
    """The order paid `amount` (on its first line alone) and the claim carrying `evidence`."""
    def edit(case: dict[str, Any]) -> None:
        lines = case["order"]["lines"]
        lines[0]["paid_amount"] = str(max(amount, Decimal(0)))
        for line in lines[1:]:
            line["paid_amount"] = "0.00"
        case["claim"]["evidence"] = list(evidence)
    return Edit("order.lines[0].paid_amount", amount, edit)
