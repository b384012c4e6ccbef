"""A guarantee: what it covers (claim kinds and a category scope), the conditions it
requires, the evidence it needs, and the remedy it grants. Guarantees only compose parts."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BaseModel, Field, model_validator

from .case import ClaimKind
from .categories import CategoryPath
from .conditions import AnyCondition
from .conditions.base import RULE_MODEL
from .remedies import AnyRemedy

__all__ = ["Guarantee", "GuaranteeId"]

GuaranteeId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class Guarantee(BaseModel):
    model_config = RULE_MODEL

    kind: Literal["guarantee"] = "guarantee"
    id: GuaranteeId
    title: str = ""
    claim_kinds: tuple[ClaimKind, ...] = ()
    """Claims this guarantee answers."""
    is_automatic: bool = False
    """Also checked without a claim (and for `late_shipment` claims): granted unasked."""
    categories: tuple[CategoryPath, ...] | None = None
    """Scope: categories covered (each with everything below it); None covers every line."""
    conditions: tuple[AnyCondition, ...] = ()
    """All must hold (on at least one covered line) for the remedy to be granted."""
    evidence: tuple[str, ...] = ()
    """Evidence kinds the claim must carry; without them the decision is needs_evidence."""
    remedy: AnyRemedy

    @model_validator(mode="after")
    def _reachable(self) -> Self:
        if not self.claim_kinds and not self.is_automatic:
            raise ValueError("a guarantee needs claim_kinds, or is_automatic=true")
        return self

    def reason_codes(self) -> tuple[str, ...]:
        """Every reason code this guarantee can put on a decision."""
        codes = ["approved"]
        if self.categories is not None:
            codes.append("category_not_covered")
        for condition in self.conditions:
            codes.extend(condition.failure_codes())
        if not self.is_automatic and "no_claim" in codes:
            codes.remove("no_claim")  # a claim-only guarantee is never checked without one
        codes.append("no_line_eligible")
        if self.evidence:
            codes.append("evidence_missing")
        codes.append("zero_amount")
        if self.remedy.kind == "refund":
            codes.extend(("refund_capped", "nothing_left_to_refund"))
        return tuple(dict.fromkeys(f"{self.id}.{code}" for code in codes))

    def covers_claim_kind(self, kind: ClaimKind | None) -> bool:
        if kind is None or kind is ClaimKind.LATE_SHIPMENT:
            return self.is_automatic or kind in self.claim_kinds
        return kind in self.claim_kinds
