"""Checks on how guarantees combine: an add-on no guarantee leads to, a guarantee that an
exclusive higher-ranked one always beats (proved from the policy's data alone), and a
guarantee a priority list leaves out where its rank matters."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence

from ..policy.policy import Policy
from ..rules.guarantee import Guarantee
from ..rules.protocol import AmountFormula
from ..rules.remedies import AnyRemedy
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
        buyer = condition.lint_facts().return_in_decision
        if buyer is None:
            continue
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
    return any(option.grants_return(buyer_leg) for option in guarantee.offered())


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
        facts = condition.lint_facts()
        if facts.about_itself:
            # The winner's own "not granted before" fails only where it was granted before,
            # and there the group keeps the loser from paying anyway.
            kept = facts.kept_by_group
            if kept is not None and (kept == "line" or per == "order"):
                continue
            return False
        if key(condition) not in required:
            return False
    same_lines = w.categories == g.categories \
        and Counter(key(c) for _, c in winner.must) == required
    return _pays_at_least(w, g, per, same_lines)


def _pays_at_least(winner: Guarantee, loser: Guarantee, per: str, same_lines: bool) -> bool:
    """Whether the winner pays the buyer at least what the loser does, on every line (or on
    the order): the loser's every amount is one of the winner's, computed alike."""
    money = Counter(_text(amount) for r in winner.remedies
                    if (amount := _new_money(r)) is not None)
    for remedy in loser.remedies:
        options = remedy.offered()
        amounts: list[AmountFormula]
        if not _single(remedy):
            if remedy not in winner.remedies:
                return False
            amounts = [o.amount for o in options if o.amount is not None]
        else:
            amount = _new_money(remedy)
            if amount is None:
                continue
            text = _text(amount)
            if money[text] == 0:
                return False
            money[text] -= 1
            amounts = [amount]
        if same_lines:
            continue
        if per == "line" and not all(amount.per_line() for amount in amounts):
            return False  # spread over more lines, the winner may pay less on one of them
        if any(amount.tier_table() is not None for amount in amounts):
            return False  # on more lines, a tier table may pay less
    return True


def _single(remedy: AnyRemedy) -> bool:
    """Whether it is one remedy (not a buyer's choice among several)."""
    options = remedy.offered()
    return len(options) == 1 and options[0] is remedy


def _new_money(remedy: AnyRemedy) -> AmountFormula | None:
    """The amount of a single remedy that pays new money (not an advance of a refund already
    counted); None for a buyer's choice, an action or an advance."""
    options = remedy.offered()
    if len(options) != 1 or options[0] is not remedy:
        return None
    (single,) = options
    if single.amount is None or single.terms().advance:
        return None
    return single.amount


def _text(amount: AmountFormula) -> str:
    return json.dumps(amount.model_dump(mode="json"), sort_keys=True)


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
            option.counts_toward_refund_cap() for option in guarantee.offered())
        if guarantee.id not in grouped and not refunds:
            continue
        why = ("who wins a tie in its exclusive group" if guarantee.id in grouped
               else "the order in which refunds take up the refund cap")
        yield finding("unranked", "stacking.priority", guarantee.id,
                      f"stacking.priority ranks {len(listed)} guarantees but not "
                      f"{guarantee.id}, which therefore comes after them (by id); its rank "
                      f"decides {why}: add it to the list where it belongs")
