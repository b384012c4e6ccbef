"""Checks on tier tables: bases below the first tier (a gap), tiers no admitted order falls
in, and a higher tier paying less than a lower one (a bigger order gets less).

Overlapping tiers cannot be written: `at_least` must rise strictly, or the policy is refused."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ._report import Finding, finding
from ._where import BASE_WORDS, TierTable, Where

__all__ = ["tier_findings"]


def tier_findings(table: TierTable, path: str, where: Where) -> Iterator[Finding]:
    base, tiers = table
    words = BASE_WORDS[base]
    low, high = where.low[base], where.high[base]
    gid = where.shape.id
    reachable: list[bool] = []
    for index, (start, _) in enumerate(tiers):
        end = tiers[index + 1][0] if index + 1 < len(tiers) else None
        used = (high is None or start <= high) and (end is None or end > low)
        reachable.append(used)
        if not used:
            span = f"{low} to {high}" if high is not None else f"{low} up"
            yield finding("tier_unreachable", f"{path}.tiers[{index}]", gid,
                          f"no {words} the guarantee admits ({span}) falls in the tier from "
                          f"{start}: remove the tier, or the condition that rules "
                          "it out")
    first = tiers[0][0]
    if first > low and reachable[0]:
        hint = (", or, if smaller orders should get nothing, say so with an "
                f"order_total_above {first - where.unit} condition"
                if base == "order_total" else "")
        yield finding("tier_gap", f"{path}.tiers[0].at_least", gid,
                      f"the first tier starts at {first}, but the {words} can be as low as "
                      f"{low}: below {first} the table pays nothing and the remedy is left "
                      f"out. Start the first tier at {low}{hint}")
    yield from _decreases(table, path, where, reachable)


def _decreases(table: TierTable, path: str, where: Where,
               reachable: list[bool]) -> Iterator[Finding]:
    """Amounts are non-decreasing within a tier, so the table's worst step is where a tier
    starts, against the most that a tier below it pays (at its top, one minor unit below the
    next tier), each within the bases the guarantee admits."""
    base, tiers = table
    words = BASE_WORDS[base]
    low, high = where.low[base], where.high[base]
    best: tuple[Decimal, Decimal, Decimal] | None = None  # amount, at base, tier start
    for index, (at_least, amount) in enumerate(tiers):
        value = amount.value_of(base)
        if value is None or not reachable[index]:
            continue
        start = max(at_least, low)
        paid = where.rounded(value(start))
        if best is not None and paid < best[0]:
            yield finding("tier_decrease", f"{path}.tiers[{index}]", where.shape.id,
                          f"an {words} of {start} gets {paid}, less than the {best[0]} paid "
                          f"at {best[1]} (the tier from {best[2]}): a bigger order gets less. "
                          "Make each tier pay at least what the tiers below it pay at their "
                          "top")
        if index + 1 == len(tiers):
            break
        top = tiers[index + 1][0] - where.unit
        top = max(start, top if high is None else min(top, high))
        most = where.rounded(value(top))
        if best is None or most > best[0]:
            best = (most, top, at_least)
