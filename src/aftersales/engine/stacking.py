"""Who pays where in an exclusive group: a pure contest over lines (bit masks), kept apart
from the engine that grants and records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

__all__ = ["Contender", "Exclusion", "contest"]



class Contender(NamedTuple):
    """An approved member of an exclusive group."""

    gid: str
    lines: int
    money: Mapping[int, Fraction]
    """What it pays the buyer on each line (line index → exact amount)."""
    rank: int


@dataclass
class Exclusion:
    """Where a contender may not pay, by whom it is blocked, and why."""

    blockers: dict[str, int] = field(default_factory=dict)
    why: str = ""

    def block(self, by: str, unit: int, why: str) -> None:
        self.blockers[by] = self.blockers.get(by, 0) | unit
        self.why = self.why or why


def contest(contenders: Sequence[Contender], before: Mapping[str, int],
            units: Sequence[int]) -> dict[str, Exclusion]:
    """Each unit (a line, or the whole order) goes to one contender: never to one whose unit
    another member was granted before; else to the one paying the buyer most on it, then to
    the higher rank (lower number). Returns what each loser is excluded from."""
    excluded: dict[str, Exclusion] = {}
    for unit in units:
        open_to: list[Contender] = []
        for contender in contenders:
            if not contender.lines & unit:
                continue
            earlier = [gid for gid, mask in before.items()
                       if gid != contender.gid and mask & unit]
            if earlier:
                excluded.setdefault(contender.gid, Exclusion()).block(
                    earlier[0], unit, "granted before on this order")
            else:
                open_to.append(contender)
        if len(open_to) < 2:
            continue
        paid = {c.gid: sum((amount for index, amount in c.money.items() if unit >> index & 1),
                           Fraction(0)) for c in open_to}
        winner = min(open_to, key=lambda c: (-paid[c.gid], c.rank))
        for loser in open_to:
            if loser is not winner:
                excluded.setdefault(loser.gid, Exclusion()).block(
                    winner.gid, unit,
                    "it pays the buyer more there" if paid[winner.gid] > paid[loser.gid]
                    else "it pays the same and ranks higher in the policy's priority")
    return excluded
