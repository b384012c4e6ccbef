"""What a guarantee needs from a case, and a plain case that meets it: the seed that the
strategies vary and the edge cases move across each boundary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from ..model.case import ClaimKind
from ..model.kinds import ASKING_AN_AMOUNT
from ..policy.policy import Policy
from ..rules.guarantee import Guarantee
from ..rules.protocol import Condition, Seed

__all__ = ["base_case", "leaves", "return_granting", "seed_of"]

PAID_AT = datetime.fromisoformat("2025-08-20T10:00:00+08:00")
HOUR = timedelta(hours=1)
OTHER_CATEGORY = "general.item"


def leaves(conditions: tuple[Condition, ...] | list[Condition]) -> Iterator[Condition]:
    """Every condition below combinators, negated ones included."""
    for condition in conditions:
        for _, leaf in condition.leaves():
            yield leaf


def seed_of(*guarantees: Guarantee) -> Seed:
    """What a plain case needs for the guarantees' conditions to hold, as each condition says
    it (the first alternative of an any-of; what a `not` excludes is not needed: the plain case
    uses a neutral category, no tags and no flags, so it stays clear of exclusions)."""
    seed = Seed()
    for guarantee in guarantees:
        for condition in guarantee.conditions:
            condition.needs(seed)
    return seed


def return_granting(policy: Policy, kind: ClaimKind | None = None) -> Guarantee | None:
    """A guarantee of `policy` that answers a claim (of `kind`, when given) with a refund
    against the return of the goods (what add-ons follow), preferring one whose return leg
    the buyer bears."""
    candidates = [g for g in policy.ranked_guarantees() if g.claim_kinds and not g.evidence
                  and (kind is None or kind in g.claim_kinds)
                  and any(option.grants_return(False) for option in g.offered())]
    candidates.sort(key=lambda g: not any(option.grants_return(True) for option in g.offered()))
    return candidates[0] if candidates else None


def _category(guarantee: Guarantee, own: Seed, also: Guarantee | None = None) -> str:
    for scope in (guarantee.categories, own.categories, also.categories if also else None):
        if scope:
            return f"{scope[0]}.item"
    return OTHER_CATEGORY


def base_case(policy: Policy, guarantee: Guarantee,
              kind: ClaimKind | None = None) -> dict[str, Any] | None:
    """A plain valid case (as JSON-ready data) meant to reach `guarantee` under `policy` and
    be approved by it, with a claim of `kind` when given; None for an add-on no guarantee of
    the policy can lead to."""
    primary = guarantee
    if guarantee.is_add_on:
        leader = return_granting(policy, kind)
        if leader is None:
            return None
        primary = leader
    led = primary is not guarantee
    own = seed_of(guarantee)
    seed = seed_of(primary, guarantee) if led else own
    category = _category(guarantee, own, primary if led else None)
    shipped: datetime | None = PAID_AT + 47 * HOUR
    promised = PAID_AT + 48 * HOUR
    as_of_floor = PAID_AT
    if seed.grace_hours is not None:
        shipped = promised + timedelta(hours=seed.grace_hours) + HOUR
    unshipped = seed.unshipped_hours
    if unshipped is not None or "shipped_at" in seed.before:
        shipped = None
    delivered = None if shipped is None or "delivered_at" in seed.before \
        else shipped + 48 * HOUR
    if unshipped is not None:
        as_of_floor = promised + timedelta(hours=unshipped) + HOUR
    if seed.pickup_overdue_hours is not None:
        as_of_floor = max(as_of_floor, PAID_AT + timedelta(hours=seed.pickup_overdue_hours)
                          + 2 * HOUR)
    amount = Decimal("100.00")
    if seed.above is not None:
        amount = max(amount, seed.above + 100)
    if seed.at_most is not None:
        amount = min(amount, seed.at_most)
    order: dict[str, Any] = {
        "id": "o-1", "buyer_id": "b-1", "currency": policy.currency,
        "paid_at": PAID_AT.isoformat(), "promised_ship_by": promised.isoformat(),
        "shipped_at": shipped.isoformat() if shipped else None,
        "delivered_at": delivered.isoformat() if delivered else None,
        "lines": [{"id": "l1", "sku": "sku-1", "category": category,
                   "tags": seed.tags[:1], "quantity": 1, "paid_amount": str(amount),
                   **seed.line_facts}],
    }
    _order_facts(order, seed)
    if seed.pickup_overdue_hours is not None:
        order["tracking_uploaded_at"] = (PAID_AT + HOUR).isoformat()
    if seed.appointment_missed:
        order["deliver_by"] = (delivered - HOUR if delivered else PAID_AT + HOUR).isoformat()
    case: dict[str, Any] = {"id": f"reach-{guarantee.id}", "order": order, "history": []}
    filed = _filed_at(seed, shipped, delivered)
    if primary.claim_kinds:
        claim_kind = kind if kind in primary.claim_kinds else primary.claim_kinds[0]
        case["claim"] = _claim(primary, claim_kind, seed, filed, amount)
    if seed.approved_return:
        case["history"].append({"guarantee": "approved_return", "kind": "refund",
                                "amount": str(amount), "line_ids": ["l1"],
                                "return_required": True})
    events = [t for t in (PAID_AT, shipped, delivered, as_of_floor) if t is not None]
    if "claim" in case:
        events.append(datetime.fromisoformat(case["claim"]["filed_at"]))
    case["as_of"] = (max(events) + HOUR).isoformat() if unshipped is None \
        else as_of_floor.isoformat()
    return case


def _order_facts(order: dict[str, Any], seed: Seed) -> None:
    if seed.insured:
        order["insured"] = True
    for fee in seed.fees:
        order[fee] = "12.00"
    if seed.region is not None:
        order["region"] = seed.region
    for on, flag in seed.flags:
        order.setdefault("flags" if on == "order" else "buyer_flags", []).append(flag)


def _filed_at(seed: Seed, shipped: datetime | None, delivered: datetime | None) -> datetime:
    events = {"paid_at": PAID_AT, "shipped_at": shipped, "delivered_at": delivered}
    for event in seed.filing_anchors:
        anchor = events[event]
        if anchor is not None:
            return anchor + HOUR
    return max(t for t in events.values() if t is not None) + HOUR


def _claim(guarantee: Guarantee, kind: ClaimKind, seed: Seed, filed: datetime,
           amount: Decimal) -> dict[str, Any]:
    evidence = list(dict.fromkeys((*guarantee.evidence, *seed.evidence)))
    claim: dict[str, Any] = {"kind": kind.value, "filed_at": filed.isoformat(),
                             "evidence": evidence, **seed.claim_facts}
    if seed.item_intact:
        claim["item_condition"] = "intact"
    if seed.tracked:
        claim["return_tracking_no"] = "SF0001"
    if seed.problem is not None:
        claim["problem"] = seed.problem
    if seed.reference_price or kind == "price_match":
        claim["reference_price"] = str(amount - 10 if amount > 10 else Decimal(0))
    if kind in ASKING_AN_AMOUNT and "requested_amount" not in claim:
        claim["requested_amount"] = str(amount)
    return claim
