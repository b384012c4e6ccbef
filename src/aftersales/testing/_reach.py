"""What a guarantee needs from a case, and a plain case that meets it: the seed that the
strategies vary and the edge cases move across each boundary."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from ..case import ClaimKind
from ..conditions import (
    AllOf,
    AnyOf,
    CategoryIn,
    FeeCharged,
    FiledAfter,
    FiledBefore,
    FiledWithin,
    FlaggedWith,
    HasTag,
    Insured,
    ItemIntact,
    Not,
    NotShippedWithin,
    OrderTotalAbove,
    OrderTotalAtMost,
    ReferencePriceBelowUnitPrice,
    RegionIn,
    ReturnApproved,
    ReturnTracked,
    ShippedLate,
)
from ..conditions.base import Condition
from ..guarantee import Guarantee
from ..policy import Policy
from ..remedies import BuyersChoice, Refund

__all__ = ["Needs", "base_case", "leaves", "needs_of", "return_granting"]

PAID_AT = datetime.fromisoformat("2025-08-20T10:00:00+08:00")
HOUR = timedelta(hours=1)
OTHER_CATEGORY = "general.item"


@dataclass
class Needs:
    """The facts a guarantee's conditions ask for, read from its condition tree (the first
    alternative of an any-of). What a `not` excludes is not needed: the plain case uses a
    neutral category, no tags and no flags, so it stays clear of exclusions."""

    conditions: list[Condition] = field(default_factory=list)

    def first(self, kind: type[Condition]) -> Any:
        return next((c for c in self.conditions if isinstance(c, kind)), None)


def leaves(conditions: tuple[Condition, ...] | list[Condition]) -> Iterator[Condition]:
    """Every condition below combinators, negated ones included."""
    for condition in conditions:
        if isinstance(condition, AllOf | AnyOf):
            yield from leaves(list(condition.conditions))
        elif isinstance(condition, Not):
            yield from leaves([condition.condition])
        else:
            yield condition


def needs_of(guarantee: Guarantee) -> Needs:
    needs = Needs()
    _collect(list(guarantee.conditions), needs)
    return needs


def _collect(conditions: list[Condition], needs: Needs) -> None:
    for condition in conditions:
        if isinstance(condition, AllOf):
            _collect(list(condition.conditions), needs)
        elif isinstance(condition, AnyOf):
            _collect([condition.conditions[0]], needs)
        elif not isinstance(condition, Not):
            needs.conditions.append(condition)


def return_granting(policy: Policy, kind: ClaimKind | None = None) -> Guarantee | None:
    """A guarantee of `policy` that answers a claim (of `kind`, when given) with a refund
    against the return of the goods (what add-ons follow), preferring one whose return leg
    the buyer bears."""
    candidates = [g for g in policy.ranked_guarantees() if g.claim_kinds and not g.evidence
                  and (kind is None or kind in g.claim_kinds)
                  and any(isinstance(r, Refund) and r.return_required for r in _offered(g))]
    candidates.sort(key=lambda g: not any(
        isinstance(r, Refund) and r.return_shipping_payer == "buyer" for r in _offered(g)))
    return candidates[0] if candidates else None


def _offered(guarantee: Guarantee) -> list[Any]:
    return [option for remedy in guarantee.remedies
            for option in (remedy.options if isinstance(remedy, BuyersChoice) else (remedy,))]


def _category(guarantee: Guarantee, needs: Needs, also: Guarantee | None = None) -> str:
    wanted = needs.first(CategoryIn)
    for scope in (guarantee.categories, wanted.categories if wanted else None,
                  also.categories if also else None):
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
    needs, lead = needs_of(guarantee), needs_of(primary)
    wanted = [*lead.conditions, *needs.conditions] if primary is not guarantee \
        else needs.conditions
    everything = Needs(wanted)
    category = _category(guarantee, needs, primary if primary is not guarantee else None)
    shipped: datetime | None = PAID_AT + 47 * HOUR
    promised = PAID_AT + 48 * HOUR
    as_of_floor = PAID_AT
    late = everything.first(ShippedLate)
    if late is not None:
        shipped = promised + timedelta(hours=late.grace_hours) + HOUR
    unshipped = everything.first(NotShippedWithin)
    before = {c.event for c in wanted if isinstance(c, FiledBefore)}
    if unshipped is not None or "shipped_at" in before:
        shipped = None
    delivered = None if shipped is None or "delivered_at" in before else shipped + 48 * HOUR
    if unshipped is not None:
        as_of_floor = promised + timedelta(hours=unshipped.hours_after_promise) + HOUR
    amount = Decimal("100.00")
    above, at_most = everything.first(OrderTotalAbove), everything.first(OrderTotalAtMost)
    if above is not None:
        amount = max(amount, above.amount + 100)
    if at_most is not None:
        amount = min(amount, at_most.amount)
    order: dict[str, Any] = {
        "id": "o-1", "buyer_id": "b-1", "currency": policy.currency,
        "paid_at": PAID_AT.isoformat(), "promised_ship_by": promised.isoformat(),
        "shipped_at": shipped.isoformat() if shipped else None,
        "delivered_at": delivered.isoformat() if delivered else None,
        "lines": [{"id": "l1", "sku": "sku-1", "category": category,
                   "tags": _tags(everything), "quantity": 1, "paid_amount": str(amount)}],
    }
    _order_facts(order, everything)
    case: dict[str, Any] = {"id": f"reach-{guarantee.id}", "order": order, "history": []}
    filed = _filed_at(wanted, shipped, delivered)
    if primary.claim_kinds:
        claim_kind = kind if kind in primary.claim_kinds else primary.claim_kinds[0]
        case["claim"] = _claim(primary, claim_kind, everything, filed, amount)
    returned = everything.first(ReturnApproved)
    if returned is not None and returned.source == "history":
        case["history"].append({"guarantee": "approved_return", "kind": "refund",
                                "amount": str(amount), "line_ids": ["l1"],
                                "return_required": True})
    events = [t for t in (PAID_AT, shipped, delivered, as_of_floor) if t is not None]
    if "claim" in case:
        events.append(datetime.fromisoformat(case["claim"]["filed_at"]))
    case["as_of"] = (max(events) + HOUR).isoformat() if unshipped is None \
        else as_of_floor.isoformat()
    return case


def _tags(needs: Needs) -> list[str]:
    wanted = needs.first(HasTag)
    return [wanted.tags[0]] if wanted is not None else []


def _order_facts(order: dict[str, Any], needs: Needs) -> None:
    if needs.first(Insured) is not None:
        order["insured"] = True
    for fee in needs.conditions:
        if isinstance(fee, FeeCharged):
            order[fee.fee] = "12.00"
    region = needs.first(RegionIn)
    if region is not None:
        order["region"] = region.regions[0]
    flagged = [c for c in needs.conditions if isinstance(c, FlaggedWith)]
    for flag in flagged:
        key = "flags" if flag.on == "order" else "buyer_flags"
        order.setdefault(key, []).append(flag.flags[0])


def _filed_at(wanted: list[Condition], shipped: datetime | None,
              delivered: datetime | None) -> datetime:
    events = {"paid_at": PAID_AT, "shipped_at": shipped, "delivered_at": delivered}
    for condition in wanted:
        if isinstance(condition, FiledWithin | FiledAfter):
            anchor = events[condition.after if isinstance(condition, FiledWithin)
                            else condition.event]
            if anchor is not None:
                return anchor + HOUR
    return max(t for t in events.values() if t is not None) + HOUR


def _claim(guarantee: Guarantee, kind: ClaimKind, needs: Needs, filed: datetime,
           amount: Decimal) -> dict[str, Any]:
    claim: dict[str, Any] = {"kind": kind.value, "filed_at": filed.isoformat(),
                             "evidence": list(guarantee.evidence)}
    if needs.first(ItemIntact) is not None:
        claim["item_condition"] = "intact"
    if needs.first(ReturnTracked) is not None:
        claim["return_tracking_no"] = "SF0001"
    if needs.first(ReferencePriceBelowUnitPrice) is not None or kind == "price_match":
        claim["reference_price"] = str(amount - 10 if amount > 10 else Decimal(0))
    return claim
