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


class Remedy(BaseModel):
    """What the buyer gets. Never of amount zero."""

    model_config = _MODEL

    guarantee: str
    kind: RemedyKind
    amount: Decimal
    currency: str
    payer: Payer
    return_required: bool = False
    line_ids: tuple[str, ...] = ()

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency)

    @field_serializer("amount", when_used="json")
    def _amount_text(self, amount: Decimal) -> str:
        return str(amount)


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
        """Sum of remedy amounts, optionally of one kind (`refund`, `coupon`)."""
        return sum((r.amount for r in self.remedies if kind is None or r.kind == kind),
                   Decimal(0))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (amounts and instants as strings)."""
        return self.model_dump(mode="json")

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

    def explain(self) -> str:
        """The decision and its trace as short human-readable text."""
        from ._explain import explain_decision

        return explain_decision(self)
