"""A guarantee: what it covers (claim kinds and a category scope), the conditions it
requires, the evidence it needs, and the remedies it grants. Guarantees only compose parts;
what a missing piece of evidence would change is the guarantee's own flip."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from pydantic import BaseModel, Field, model_validator

from ..model.categories import CategoryPath, in_scope
from ..model.fields import Flag
from ..model.kinds import ClaimKind
from .conditions import AnyCondition
from .protocol import RULE_MODEL, Flip
from .remedies import AnyRemedy

if TYPE_CHECKING:
    from collections.abc import Callable

    import polars as pl

    from ..model.case import Case
    from .columnar import ColumnarBuild

__all__ = ["Guarantee", "GuaranteeId"]

GuaranteeId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class Guarantee(BaseModel):
    model_config = RULE_MODEL

    kind: Literal["guarantee"] = "guarantee"
    id: GuaranteeId
    title: str = ""
    claim_kinds: tuple[ClaimKind, ...] = ()
    """Claims this guarantee answers."""
    is_automatic: Flag = False
    """Also checked without a claim (and for `late_shipment` claims): granted unasked."""
    is_add_on: Flag = False
    """Checked after the other guarantees, on any claim, and only when one of them approved:
    it adds to their remedies (e.g. return-shipping insurance on an approved return). When
    it does not approve it gives no reason; its checks are in the trace."""
    categories: tuple[CategoryPath, ...] | None = None
    """Scope: categories covered (each with everything below it); None covers every line."""
    excluded_categories: tuple[CategoryPath, ...] = ()
    """Categories left out of the scope (each with everything below it): `fresh` but not
    `fresh.flowers`. A line in one of them is not covered."""
    conditions: tuple[AnyCondition, ...] = ()
    """All must hold (on at least one covered line) for the remedies to be granted."""
    evidence: tuple[str, ...] = ()
    """Evidence kinds the claim must carry; without them the decision is needs_evidence."""
    remedies: tuple[AnyRemedy, ...] = Field(json_schema_extra={"minItems": 1})  # _reachable
    """Granted together (e.g. a refund and compensation)."""

    @model_validator(mode="before")
    @classmethod
    def _single_remedy(cls, data: Any) -> Any:
        # 0.1 policies had one `remedy`; read it as a one-element `remedies`.
        if isinstance(data, dict) and "remedy" in data and "remedies" not in data:
            data = {**data, "remedies": (data["remedy"],)}
            del data["remedy"]
        return data

    @model_validator(mode="after")
    def _reachable(self) -> Self:
        if not self.claim_kinds and not self.is_automatic and not self.is_add_on:
            raise ValueError("a guarantee needs claim_kinds, is_automatic=true or "
                             "is_add_on=true")
        if self.is_add_on and (self.claim_kinds or self.is_automatic):
            raise ValueError("an add-on guarantee follows the others' approval: it takes no "
                             "claim_kinds and is not automatic")
        if not self.remedies:
            raise ValueError("a guarantee grants at least one remedy")
        kinds = [remedy.kind for remedy in self.remedies]
        if len(set(kinds)) != len(kinds):
            raise ValueError("a guarantee grants at most one remedy of each kind")
        return self

    @property
    def remedy(self) -> AnyRemedy:
        """The first (main) remedy."""
        return self.remedies[0]

    def reason_codes(self) -> tuple[str, ...]:
        """Every reason code this guarantee can put on a decision."""
        codes = ["approved"]
        if self.categories is not None or self.excluded_categories:
            codes.append("category_not_covered")
        for condition in self.conditions:
            codes.extend(condition.failure_codes())
        if not self.is_automatic:  # a claim-only guarantee is never checked without one
            codes = [code for code in codes if code != "no_claim"]
        codes.append("no_line_eligible")
        if self.evidence:
            codes.append("evidence_missing")
        codes.append("zero_amount")
        for option in self.offered():
            if option.amount is not None:
                codes.extend(option.amount.notes())
        if any(option.counts_toward_refund_cap() for option in self.offered()):
            codes.extend(("refund_capped", "nothing_left_to_refund"))
        return tuple(dict.fromkeys(f"{self.id}.{code}" for code in codes))

    def covers_category(self, category: str) -> bool:
        """Whether the scope covers a line of `category` (a normalised path)."""
        if self.categories is not None and not in_scope(category, self.categories):
            return False
        return not in_scope(category, self.excluded_categories)

    def columnar_covers(self, build: ColumnarBuild) -> Callable[[int], pl.Expr]:
        """The scope's columnar form: whether it covers the line in a slot (the category
        there a normalised path, as the validity filter keeps it)."""
        import polars as pl

        from .columnar import in_categories

        def covers(slot: int) -> pl.Expr:
            category = build.line(slot, "category")
            inside = pl.lit(True) if self.categories is None else in_categories(
                category, self.categories)
            return inside & ~in_categories(category, self.excluded_categories)

        return covers

    def offered(self) -> tuple[Any, ...]:
        """Every remedy it may grant (each option of a buyer's choice)."""
        return tuple(option for remedy in self.remedies for option in remedy.offered())

    def flip_evidence(self, case: Case) -> Flip | None:
        """The evidence a claim would need added for this guarantee (what-if)."""
        claim = case.claim
        if claim is None:
            return None
        missing = [kind for kind in self.evidence if kind not in claim.evidence]
        return Flip("add_evidence", "claim.evidence", [*claim.evidence, *missing],
                    "add_evidence", {"missing": tuple(missing)})

    def covers_claim_kind(self, kind: ClaimKind | None) -> bool:
        if self.is_add_on:
            return False
        if kind is None or kind is ClaimKind.LATE_SHIPMENT:
            return self.is_automatic or kind in self.claim_kinds
        return kind in self.claim_kinds
