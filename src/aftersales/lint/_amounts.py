"""Checks on what remedies pay: refunds that can exceed what was paid, amounts that grow with
the order without a cap, fixed amounts above their base, amounts that are always zero, and
multipliers and rates outside sensible bounds. Tier tables are walked tier by tier, each tier
narrowing the range of its base."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from ..amounts import FixedAmount, Multiple, PercentOf, TieredAmount, UnitPriceDifference
from ..policy import Policy
from ..remedies import (
    BuyersChoice,
    Compensation,
    Coupon,
    Refund,
    ReturnShipping,
    ShippingSubsidy,
    SingleRemedy,
)
from ._report import Finding, finding
from ._shape import Shape
from ._tiers import tier_findings
from ._where import BASE_WORDS, Where, describe, top_where

__all__ = ["MAX_MULTIPLIER", "STATUTORY_MULTIPLIERS", "amount_findings"]

MAX_MULTIPLIER = Decimal(10)
"""The food-safety law's 10× is the largest multiple a law sets."""
STATUTORY_MULTIPLIERS = (Decimal(3), Decimal(10))
"""The consumer-protection law's 3× and the food-safety law's 10×: damages the law leaves
uncapped."""
MAX_RATE_PERCENT = Decimal(100)
MAX_DUE_DAYS = 30
_MONEY = (Refund, Coupon, Compensation, ReturnShipping, ShippingSubsidy)

Excess = Literal["claimed", "total"]
"""A refund can pay more than the goods claimed, or more than the whole order."""


def amount_findings(shape: Shape, policy: Policy) -> Iterator[Finding]:
    for path, remedy in remedy_paths(shape):
        if isinstance(remedy, Refund):
            yield from _due(remedy, path, shape)
        if remedy.amount is None:
            continue
        amount_path = f"{path}.amount"
        if isinstance(remedy, _MONEY) and _always_zero(remedy.amount):
            alone = "; it is the guarantee's only remedy, so the guarantee never approves" \
                if len(shape.guarantee.remedies) == 1 else ""
            yield finding("amount_zero", amount_path, shape.id,
                          f"{describe(remedy.amount)} is always zero, and a money remedy of "
                          f"zero is never granted{alone}: set a positive amount, or remove "
                          "the remedy")
            continue
        where = top_where(shape, policy, remedy)
        if isinstance(remedy, Refund):
            yield from _refund(remedy, amount_path, where)
        yield from _walk(remedy.amount, amount_path, where)


def _due(refund: Refund, path: str, shape: Shape) -> Iterator[Finding]:
    days = refund.due_days_after_return
    if days is not None and days > MAX_DUE_DAYS:
        yield finding("out_of_bounds", f"{path}.due_days_after_return", shape.id,
                      f"a refund due {days} days after the return arrives is beyond the "
                      f"sensible bound of {MAX_DUE_DAYS} days (the usual term is 7): check "
                      "the figure")


def remedy_paths(shape: Shape) -> Iterator[tuple[str, SingleRemedy]]:
    """Every remedy a guarantee can grant (each option of a buyer's choice), with its path."""
    for index, remedy in enumerate(shape.guarantee.remedies):
        path = f"{shape.path}.remedies[{index}]"
        if isinstance(remedy, BuyersChoice):
            for option_index, option in enumerate(remedy.options):
                yield f"{path}.options[{option_index}]", option
        else:
            yield path, remedy


def _always_zero(amount: object) -> bool:
    if isinstance(amount, FixedAmount):
        return amount.amount == 0
    if isinstance(amount, PercentOf):
        return amount.rate_percent == 0 or amount.cap == 0
    if isinstance(amount, TieredAmount):
        return all(_always_zero(tier.amount) for tier in amount.tiers)
    return False


def _walk(amount: object, path: str, where: Where) -> Iterator[Finding]:
    if isinstance(amount, TieredAmount):
        yield from tier_findings(amount, path, where)
        for index, tier in enumerate(amount.tiers):
            yield from _walk(tier.amount, f"{path}.tiers[{index}].amount",
                             where.in_tier(amount, index))
        return
    if isinstance(where.remedy, Refund):
        return  # what a refund may pay is `_refund`'s business
    yield from _parameters(amount, path, where)
    if isinstance(amount, PercentOf | Multiple):
        yield from _uncapped(amount, path, where)
    if isinstance(amount, FixedAmount) and isinstance(where.remedy, Coupon | Compensation) \
            and amount.amount > where.low[where.base]:
        words, low = BASE_WORDS[where.base], where.low[where.base]
        yield finding("exceeds_base", path, where.shape.id,
                      f"a fixed {where.remedy.kind} of {amount.amount} is more than an "
                      f"{words} below {amount.amount}, and the guarantee pays it on "
                      f"{words}s from {low}: such an order gets more than was paid. Pay a "
                      f"percent_of with a cap, or admit only orders above {amount.amount} "
                      "(order_total_above)")


def _uncapped(amount: PercentOf | Multiple, path: str, where: Where) -> Iterator[Finding]:
    if where.high[amount.base] is not None or _statutory(amount, where):
        return
    example = Decimal("100000.00")
    if isinstance(amount, PercentOf):
        if amount.cap is not None:
            return
        paid, fix = example * amount.rate_percent / 100, "add a cap"
    else:
        paid = max(example * amount.multiplier, amount.minimum)
        fix = "use a percent_of with a cap, or a tier table"
    yield finding("uncapped_amount", path, where.shape.id,
                  f"a {where.remedy.kind} of {describe(amount)} grows with the order without "
                  f"limit (a {BASE_WORDS[amount.base]} of {example} gets "
                  f"{where.rounded(paid)}): {fix}, or limit the orders with "
                  "order_total_at_most")


def _statutory(amount: PercentOf | Multiple, where: Where) -> bool:
    return isinstance(amount, Multiple) and isinstance(where.remedy, Compensation) \
        and amount.multiplier in STATUTORY_MULTIPLIERS


def _parameters(amount: object, path: str, where: Where) -> Iterator[Finding]:
    gid = where.shape.id
    if isinstance(amount, PercentOf) and amount.rate_percent > MAX_RATE_PERCENT:
        yield finding("out_of_bounds", f"{path}.rate_percent", gid,
                      f"rate_percent {amount.rate_percent} pays more than the "
                      f"{BASE_WORDS[amount.base]} itself (the sensible bound is "
                      f"{MAX_RATE_PERCENT}): check the figure")
    if isinstance(amount, Multiple | UnitPriceDifference) \
            and amount.multiplier > MAX_MULTIPLIER:
        yield finding("out_of_bounds", f"{path}.multiplier", gid,
                      f"a multiplier of {amount.multiplier} is beyond the law's largest, "
                      f"the food-safety law's {MAX_MULTIPLIER}×: check the figure")


def _refund(refund: Refund, path: str, where: Where) -> Iterator[Finding]:
    uncapped = where.policy.refund_cap is None or refund.advance
    for excess, at, amount in _excesses(refund.amount, path, where):
        text = describe(amount)
        if excess == "total" and uncapped:
            why = ("an advance is not counted toward the refund cap" if refund.advance
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


def _excesses(amount: object, path: str,
              where: Where) -> Iterator[tuple[Excess, str, object]]:
    """Each formula (tiers walked) that can refund more than the goods claimed, and whether
    more than the whole order."""
    if isinstance(amount, TieredAmount):
        for index, tier in enumerate(amount.tiers):
            yield from _excesses(tier.amount, f"{path}.tiers[{index}].amount",
                                 where.in_tier(amount, index))
        return
    excess = _excess(amount, where)
    if excess is not None:
        yield excess, path, amount


def _excess(amount: object, where: Where) -> Excess | None:
    low_claimed, low_total = where.low["claimed_amount"], where.low["order_total"]
    if isinstance(amount, FixedAmount):
        if amount.amount > low_total:
            return "total"
        return "claimed" if amount.amount > low_claimed else None
    if isinstance(amount, PercentOf):
        above = amount.cap is None or amount.cap > low_total
        if amount.rate_percent > MAX_RATE_PERCENT and above:
            return "total"
        if amount.base == "order_total" and amount.rate_percent > 0 and amount.cap != 0:
            return "claimed"  # a claim on some lines is paid a share of the whole order
        below = amount.cap is None or amount.cap > low_claimed
        return "claimed" if amount.rate_percent > MAX_RATE_PERCENT and below else None
    if isinstance(amount, Multiple):
        if amount.multiplier > 1 or amount.minimum > low_total:
            return "total"
        if amount.base == "order_total" or amount.minimum > low_claimed:
            return "claimed"
        return None
    if isinstance(amount, UnitPriceDifference) and amount.multiplier > 1:
        return "total"
    return None

