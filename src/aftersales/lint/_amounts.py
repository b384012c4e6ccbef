"""Checks on what remedies pay: refunds that can exceed what was paid, amounts that grow with
the order without a cap, fixed amounts above their base, amounts that are always zero, and
multipliers and rates outside sensible bounds. Tier tables are walked tier by tier, each tier
narrowing the range of its base."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from ..policy.policy import Policy
from ..rules.protocol import AmountFormula
from ..rules.remedies import SingleRemedy
from ..rules.sensible import MAX_MULTIPLIER, STATUTORY_MULTIPLIERS
from ._report import Finding, finding
from ._shape import Shape
from ._tiers import tier_findings
from ._where import BASE_WORDS, Where, top_where

__all__ = ["MAX_MULTIPLIER", "STATUTORY_MULTIPLIERS", "amount_findings"]

Excess = Literal["claimed", "total"]
"""A refund can pay more than the goods claimed, or more than the whole order."""


def amount_findings(shape: Shape, policy: Policy) -> Iterator[Finding]:
    for path, remedy in remedy_paths(shape):
        for bound in remedy.remedy_bounds():
            yield finding("out_of_bounds", f"{path}.{bound.field}", shape.id, bound.message)
        amount = remedy.amount
        if amount is None:
            continue
        amount_path = f"{path}.amount"
        if remedy.is_money() and amount.always_zero():
            alone = "; it is the guarantee's only remedy, so the guarantee never approves" \
                if len(shape.guarantee.remedies) == 1 else ""
            yield finding("amount_zero", amount_path, shape.id,
                          f"{amount.describe()} is always zero, and a money remedy of "
                          f"zero is never granted{alone}: set a positive amount, or remove "
                          "the remedy")
            continue
        where = top_where(shape, policy, remedy)
        if remedy.pays_back():
            yield from _refund(remedy, amount, amount_path, where)
        yield from _walk(amount, amount_path, where)


def remedy_paths(shape: Shape) -> Iterator[tuple[str, SingleRemedy]]:
    """Every remedy a guarantee can grant (each option of a buyer's choice), with its path."""
    for index, remedy in enumerate(shape.guarantee.remedies):
        path = f"{shape.path}.remedies[{index}]"
        options = remedy.offered()
        if len(options) == 1 and options[0] is remedy:
            yield path, options[0]
        else:
            for option_index, option in enumerate(options):
                yield f"{path}.options[{option_index}]", option


def _walk(amount: AmountFormula, path: str, where: Where) -> Iterator[Finding]:
    table = amount.tier_table()
    if table is not None:
        yield from tier_findings(table, path, where)
        for index, (_, tier_amount) in enumerate(table[1]):
            yield from _walk(tier_amount, f"{path}.tiers[{index}].amount",
                             where.in_tier(table, index))
        return
    if where.remedy.pays_back():
        return  # what a refund may pay is `_refund`'s business
    for bound in amount.amount_bounds():
        yield finding("out_of_bounds", f"{path}.{bound.field}", where.shape.id, bound.message)
    yield from _uncapped(amount, path, where)
    fixed, low = amount.fixed(), where.low[where.base]
    if fixed is not None and where.remedy.is_bonus() and fixed > low:
        words, kind = BASE_WORDS[where.base], where.remedy.kind
        yield finding("exceeds_base", path, where.shape.id,
                      f"a fixed {kind} of {fixed} is more than an {words} below {fixed}, and "
                      f"the guarantee pays it on {words}s from {low}: such an order gets more "
                      f"than was paid. Pay a percent_of with a cap, or admit only orders above "
                      f"{fixed} (order_total_above)")


def _uncapped(amount: AmountFormula, path: str, where: Where) -> Iterator[Finding]:
    example = Decimal("100000.00")
    growth = amount.uncapped(example)
    if growth is None:
        return
    base, paid, fix = growth
    if where.high[base] is not None or (amount.is_statutory_damages()
                                        and where.remedy.is_damages()):
        return
    yield finding("uncapped_amount", path, where.shape.id,
                  f"a {where.remedy.kind} of {amount.describe()} grows with the order without "
                  f"limit (a {BASE_WORDS[base]} of {example} gets "
                  f"{where.rounded(paid)}): {fix}, or limit the orders with "
                  "order_total_at_most")


def _refund(refund: SingleRemedy, amount: AmountFormula, path: str,
            where: Where) -> Iterator[Finding]:
    advance = not refund.counts_toward_refund_cap()
    uncapped = where.policy.refund_cap is None or advance
    for excess, at, part in _excesses(amount, path, where):
        text = part.describe()
        if excess == "total" and uncapped:
            why = ("an advance is not counted toward the refund cap" if advance
                   else "refund_cap is none")
            yield finding("refund_exceeds_order", at, where.shape.id,
                          f"a refund of {text} can be more than the whole order cost, and "
                          f"{why}, so nothing stops it: refund at most what was paid "
                          "(claimed_fraction), or set refund_cap: order_total")
        else:
            capped = " (the refund cap stops it at the order total)" if excess == "total" \
                else ""
            yield finding("refund_exceeds_claimed", at, where.shape.id,
                          f"a refund of {text} can be more than was paid for the goods "
                          f"claimed{capped}: refund what was paid for them "
                          "(claimed_fraction), or cap the amount")


def _excesses(amount: AmountFormula, path: str,
              where: Where) -> Iterator[tuple[Excess, str, AmountFormula]]:
    """Each formula (tiers walked) that can refund more than the goods claimed, and whether
    more than the whole order."""
    table = amount.tier_table()
    if table is not None:
        for index, (_, tier_amount) in enumerate(table[1]):
            yield from _excesses(tier_amount, f"{path}.tiers[{index}].amount",
                                 where.in_tier(table, index))
        return
    excess = amount.excess(where.low["claimed_amount"], where.low["order_total"])
    if excess is not None:
        yield excess, path, amount
