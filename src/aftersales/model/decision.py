"""The output: a decision with its remedies, reasons (stable codes), deadline and trace.

Field names are a public JSON contract. Amounts serialize as strings with exactly the
currency's minor-unit digits; facts, in reasons and in trace steps, are typed values in Python
(instants, durations, amounts, line ids, counts: `model.facts`) and their machine text in JSON.
A decision read back from JSON carries its facts as that text.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, field_serializer

from . import hooks
from .facts import fact_texts
from .kinds import RemedyKind
from .money import Money
from .trace import Step, Trace
from .with_facts import OUTPUT_MODEL, Facts, WithFacts

__all__ = ["Decision", "Facts", "Payer", "PolicyRef", "Reason", "Remedy", "Status", "Step",
           "Trace"]

_MODEL = OUTPUT_MODEL

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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (what `model_dump(mode="json")` gives, built directly)."""
        amount, due_by, leg = self.amount, self.due_by, self.return_shipping_payer
        return {
            "guarantee": self.guarantee, "kind": self.kind.value,
            "amount": None if amount is None else str(amount), "currency": self.currency,
            "payer": self.payer.value, "return_required": self.return_required,
            "line_ids": list(self.line_ids),
            "allocation": {line_id: str(part) for line_id, part in self.allocation.items()},
            "return_shipping_payer": None if leg is None else leg.value,
            "due_by": None if due_by is None else due_by.isoformat(),
            "advance": self.advance,
        }


class Reason(WithFacts):
    """Why: a stable code `<guarantee>.<snake_case>`, a human message (English), and the
    facts it rests on, from which every language words it."""

    code: str
    guarantee: str | None
    message: str
    facts: Facts = Field(default_factory=dict)

    _TEXT_FIELDS = ("code", "guarantee", "message")

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "guarantee": self.guarantee, "message": self.message,
                "facts": fact_texts(self.facts)}


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
    trace: Trace = Trace()
    """One step per check, in the order the engine made them (a sequence of `Step`)."""

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes, main reason first."""
        return tuple(reason.code for reason in self.reasons)

    def total(self, kind: RemedyKind | str | None = None) -> Decimal:
        """Sum of remedy amounts, optionally of one kind (`refund`, `coupon`, ...)."""
        return sum((r.amount for r in self.remedies
                    if r.amount is not None and (kind is None or r.kind == kind)), Decimal(0))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (amounts and instants as strings): what `model_dump(mode="json")`
        gives, built directly."""
        deadline, policy = self.deadline, self.policy
        return {
            "case_id": self.case_id,
            "order_id": self.order_id,
            "status": self.status.value,
            "remedies": [remedy.to_dict() for remedy in self.remedies],
            "reasons": [reason.to_dict() for reason in self.reasons],
            "missing_evidence": list(self.missing_evidence),
            "deadline": None if deadline is None else deadline.isoformat(),
            "policy": {"id": policy.id, "version": policy.version},
            "trace": self.trace.to_dicts(),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

    def explain(self, lang: str = "en") -> str:
        """The decision as a readable tree in `lang` (`en` or `zh`): the headline, the
        remedies, each guarantee considered with its verdict, and every check with its code
        and the facts compared. `aftersales.explain(case, policy)` adds what would have made
        a denial pass."""
        return hooks.explain(self, lang)
