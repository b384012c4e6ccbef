"""What a compiled rule part answers for one case: a condition's outcome, an amount's quote.

Line sets are bit masks over the order's line indices: bit i set means `order.lines[i]`.
Facts are typed values (instants, durations, amounts, line ids, counts, and the fact types of
`model.facts`), worded by each language's catalogue and written as text in JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .view import CaseView

__all__ = ["Check", "Outcome", "Price", "Quote"]


class Outcome(NamedTuple):
    """A condition's verdict: the lines for which it holds (0: for none), an outcome code,
    the facts it compared, the deadline of a window it checked, and for a combinator the
    outcomes of the parts that failed (each a reason of its own)."""

    lines: int
    code: str
    facts: Mapping[str, object]
    deadline: datetime | None = None
    causes: tuple[Outcome, ...] = ()

    def failures(self) -> tuple[Outcome, ...]:
        """The outcomes to report as reasons: the failing parts, down to the leaves."""
        if not self.causes:
            return (self,)
        return tuple(leaf for cause in self.causes for leaf in cause.failures())


class Quote(NamedTuple):
    """An exact amount (a rational, rounded once when the remedy is granted), the facts
    behind it (amounts written as Decimals), optionally each line's exact share of it
    (line index → weight), by which the rounded amount is split over the lines, and
    optionally a `note`: the outcome code of a second reason the approval carries (one of
    its formula's `NOTES`, worded from `facts`)."""

    amount: Fraction
    facts: Mapping[str, object]
    weights: Mapping[int, Fraction] | None = None
    note: str | None = None


Check = Callable[["CaseView", int], Outcome]
"""A condition compiled: on which of the given lines it holds, for one case."""

Price = Callable[["CaseView", int], Quote]
"""An amount formula compiled: what it pays on the given lines, for one case."""
