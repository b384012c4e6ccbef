"""Checks on how guarantees combine: an add-on no guarantee leads to, a guarantee that an
exclusive higher-ranked one always beats (proved from the policy's data alone), and a
guarantee a priority list leaves out where its rank matters."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence

from ..amounts import (
    ApprovedReturnRefund,
    ClaimedFraction,
    Multiple,
    PercentOf,
    TieredAmount,
    UnitPriceDifference,
)
from ..conditions import BuyerLimit, NotGrantedBefore, ReturnApproved
from ..conditions.base import Condition
from ..guarantee import Guarantee
from ..policy import Policy
from ..remedies import BuyersChoice, Refund
from ._report import Finding, finding
from ._shape import Shape, covers, intersect, key

__all__ = ["reach_findings", "shadow_findings", "unranked_findings"]


def reach_findings(shape: Shape, shapes: Sequence[Shape]) -> Iterator[Finding]:
    """An add-on follows another guarantee's approval; one that needs a return approved in
    this decision needs a guarantee that grants one on a category it covers."""
    if not shape.guarantee.is_add_on:
        return
    leaders = [s for s in shapes if not s.guarantee.is_add_on]
    if not leaders:
        yield finding("unreachable", f"{shape.path}.is_add_on", shape.id,
                      "an add-on is checked only after another guarantee approves, and every "
                      "guarantee of the policy is an add-on: give it claim_kinds or make it "
                      "automatic, or add the guarantee it follows")
        return
    for path, condition in shape.must:
        if not isinstance(condition, ReturnApproved) or condition.source != "this_decision":
            continue
        buyer = condition.leg_paid_by_buyer
        if any(_grants_return(leader.guarantee, buyer)
               and intersect(leader.scope, shape.scope) != () for leader in leaders):
            continue
        leg = " whose return leg the buyer bears" if buyer else ""
        yield finding("unreachable", path, shape.id,
                      f"return_approved needs a return{leg} approved in the same decision, "
                      "but no guarantee of the policy that covers these categories grants a "
                      f"refund against a return{leg}, so the add-on never applies: add one, "
                      "or drop the condition")


def _grants_return(guarantee: Guarantee, buyer_leg: bool) -> bool:
    offered = [option for remedy in guarantee.remedies for option in (
        remedy.options if isinstance(remedy, BuyersChoice) else (remedy,))]
    return any(isinstance(r, Refund) and r.return_required
               and (not buyer_leg or r.return_shipping_payer == "buyer") for r in offered)


def shadow_findings(policy: Policy, shapes: Sequence[Shape]) -> Iterator[Finding]:
    rank = {g.id: index for index, g in enumerate(policy.ranked_guarantees())}
    by_id = {shape.id: shape for shape in shapes}
    for index, group in enumerate(policy.stacking.exclusive):
        for loser in group.guarantees:
            winner = next((w for w in sorted(group.guarantees, key=rank.__getitem__)
                           if rank[w] < rank[loser]
                           and _always_wins(by_id[w], by_id[loser], group.per)), None)
            if winner is None:
                continue
            yield finding("shadowed", by_id[loser].path, loser,
                          f"{winner} ranks higher in the same exclusive group "
                          f"(stacking.exclusive[{index}]) and wins every line {loser} could "
                          f"pay: it answers the same claims, covers its categories, asks for "
                          f"nothing more (its conditions and evidence are among {loser}'s) "
                          f"and pays at least as much, so {loser} never pays. Remove it, or "
                          "give it a scope, claim kind or condition of its own")


def _always_wins(winner: Shape, loser: Shape, per: str) -> bool:
    w, g = winner.guarantee, loser.guarantee
    if w.is_add_on != g.is_add_on:
        return False
    if not g.is_add_on and (not all(w.covers_claim_kind(kind) for kind in g.claim_kinds)
                            or (g.is_automatic and not w.is_automatic)):
        return False
    if not covers(w.categories, g.categories) or not set(w.evidence) <= set(g.evidence) \
            or not set(w.excluded_categories) <= set(g.excluded_categories):
        return False
    required = Counter(key(c) for _, c in loser.must)
    for _, condition in winner.must:
        if _about_itself(condition):
            # The winner's own "not granted before" fails only where it was granted before,
            # and there the group keeps the loser from paying anyway.
            if isinstance(condition, NotGrantedBefore) and (
                    condition.per == "line" or per == "order"):
                continue
            return False
        if key(condition) not in required:
            return False
    same_lines = w.categories == g.categories \
        and Counter(key(c) for _, c in winner.must) == required
    return _pays_at_least(w, g, per, same_lines)


def _about_itself(condition: Condition) -> bool:
    return isinstance(condition, NotGrantedBefore | BuyerLimit) and condition.guarantee is None


def _pays_at_least(winner: Guarantee, loser: Guarantee, per: str, same_lines: bool) -> bool:
    """Whether the winner pays the buyer at least what the loser does, on every line (or on
    the order): the loser's every amount is one of the winner's, computed alike."""
    money = Counter(_text(r.amount) for r in winner.remedies
                    if not isinstance(r, BuyersChoice) and r.amount is not None
                    and not (isinstance(r, Refund) and r.advance))
    for remedy in loser.remedies:
        if isinstance(remedy, BuyersChoice):
            if remedy not in winner.remedies:
                return False
            amounts = [o.amount for o in remedy.options if o.amount is not None]
        elif remedy.amount is None or (isinstance(remedy, Refund) and remedy.advance):
            continue
        else:
            text = _text(remedy.amount)
            if money[text] == 0:
                return False
            money[text] -= 1
            amounts = [remedy.amount]
        if same_lines:
            continue
        if per == "line" and not all(_per_line(amount) for amount in amounts):
            return False  # spread over more lines, the winner may pay less on one of them
        if any(isinstance(amount, TieredAmount) for amount in amounts):
            return False  # on more lines, a tier table may pay less
    return True


def _text(amount: object) -> str:
    assert hasattr(amount, "model_dump")
    return json.dumps(amount.model_dump(mode="json"), sort_keys=True)


def _per_line(amount: object) -> bool:
    """The amount is a sum of what each line alone would get."""
    if isinstance(amount, ClaimedFraction | UnitPriceDifference | ApprovedReturnRefund):
        return True
    if isinstance(amount, PercentOf):
        return amount.base == "claimed_amount" and amount.cap is None
    if isinstance(amount, Multiple):
        return amount.base == "claimed_amount" and amount.minimum == 0
    return False


def unranked_findings(policy: Policy) -> Iterator[Finding]:
    """Unlisted guarantees rank after the listed ones; that matters for a guarantee in an
    exclusive group (ties) and for one that refunds under the refund cap (who takes it up)."""
    listed = set(policy.stacking.priority)
    if not listed:
        return
    grouped = {gid for group in policy.stacking.exclusive for gid in group.guarantees}
    for guarantee in policy.guarantees:
        if guarantee.id in listed:
            continue
        refunds = policy.refund_cap is not None and any(
            isinstance(o, Refund) and not o.advance for r in guarantee.remedies
            for o in (r.options if isinstance(r, BuyersChoice) else (r,)))
        if guarantee.id not in grouped and not refunds:
            continue
        why = ("who wins a tie in its exclusive group" if guarantee.id in grouped
               else "the order in which refunds take up the refund cap")
        yield finding("unranked", "stacking.priority", guarantee.id,
                      f"stacking.priority ranks {len(listed)} guarantees but not "
                      f"{guarantee.id}, which therefore comes after them (by id); its rank "
                      f"decides {why}: add it to the list where it belongs")
