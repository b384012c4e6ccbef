"""The output: a decision with its remedies, reasons (stable codes), deadline and trace.

Field names are a public JSON contract. Amounts serialize as strings with exactly the
currency's minor-unit digits.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, field_serializer

from .case import RemedyKind
from .money import Money

__all__ = ["Decision", "Payer", "PolicyRef", "Reason", "Remedy", "Status", "Step"]

_MODEL = ConfigDict(frozen=True, extra="forbid")


class Status(StrEnum):
    APPROVED = "approved"  # at least one remedy
    DENIED = "denied"  # a guarantee covers the claim but a condition fails
    NEEDS_EVIDENCE = "needs_evidence"  # eligible except for missing evidence
    NOT_COVERED = "not_covered"  # no guarantee in the policy covers this claim


class Payer(StrEnum):
    PLATFORM = "platform"
    MERCHANT = "merchant"
    INSURER = "insurer"
    BUYER = "buyer"  # only ever bears the return leg of a return


class Remedy(BaseModel):
    """What the buyer gets. Money is never of amount zero; actions (`pickup`, `intercept`,
    `reship`) may have no amount."""

    model_config = _MODEL

    guarantee: str
    kind: RemedyKind
    amount: Decimal | None
    currency: str
    payer: Payer
    return_required: bool = False
    line_ids: tuple[str, ...] = ()
    allocation: dict[str, Decimal] = {}
    """The amount split over `line_ids` (largest remainder): the parts sum to it exactly."""
    return_shipping_payer: Payer | None = None
    """Who bears the return leg when `return_required` (a `return_shipping` remedy may
    reimburse it)."""
    due_by: datetime | None = None
    """The last instant by which a refund must be paid (e.g. 7 days after the return is
    received)."""
    advance: bool = False
    """Pays early a refund already approved (and counted) in history; not new money."""

    @property
    def money(self) -> Money:
        if self.amount is None:
            raise ValueError(f"the {self.kind.value} remedy is an action without an amount")
        return Money(self.amount, self.currency)

    @field_serializer("amount", when_used="json")
    def _amount_text(self, amount: Decimal | None) -> str | None:
        return None if amount is None else str(amount)

    @field_serializer("allocation", when_used="json")
    def _allocation_text(self, allocation: dict[str, Decimal]) -> dict[str, str]:
        return {line_id: str(amount) for line_id, amount in allocation.items()}


class Reason(BaseModel):
    """Why: a stable code `<guarantee>.<snake_case>` and a human message."""

    model_config = _MODEL

    code: str
    guarantee: str | None
    message: str


class Step(BaseModel):
    """One check the engine made, with the facts it compared (as text)."""

    model_config = _MODEL

    guarantee: str | None
    check: str
    passed: bool
    code: str
    facts: dict[str, str] = {}

    @property
    def message(self) -> str:
        """The step as a sentence, rendered from its code and facts."""
        from .messages import render

        return render(self.code, self.facts)


class PolicyRef(BaseModel):
    model_config = _MODEL

    id: str
    version: str


class Decision(BaseModel):
    """The engine's answer to one case."""

    model_config = _MODEL

    case_id: str | None
    order_id: str
    status: Status
    remedies: tuple[Remedy, ...] = ()
    reasons: tuple[Reason, ...] = ()
    missing_evidence: tuple[str, ...] = ()
    deadline: datetime | None = None
    policy: PolicyRef
    trace: tuple[Step, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes, main reason first."""
        return tuple(reason.code for reason in self.reasons)

    def total(self, kind: RemedyKind | str | None = None) -> Decimal:
        """Sum of remedy amounts, optionally of one kind (`refund`, `coupon`, ...)."""
        return sum((r.amount for r in self.remedies
                    if r.amount is not None and (kind is None or r.kind == kind)), Decimal(0))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (amounts and instants as strings)."""
        return self.model_dump(mode="json")

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

    def explain(self, lang: str = "en") -> str:
        """The decision as a readable tree in `lang` (`en` or `zh`): the headline, the
        remedies, each guarantee considered with its verdict, and every check with its code
        and the facts compared. `aftersales.explain(case, policy)` adds what would have made
        a denial pass."""
        from ._explain import explain_decision
        from .messages import check_lang

        return explain_decision(self, check_lang(lang))
