"""What one guarantee's rule parts see while a case is evaluated.

Line sets are bit masks over the order's line indices: bit i set means `order.lines[i]`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from .case import Case, Claim, Line, Order

if TYPE_CHECKING:
    from .conditions.base import Condition

__all__ = ["Context", "Outcome"]


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


@dataclass(slots=True)
class Context:
    case: Case
    zone: tzinfo
    claimed: tuple[int, ...]
    """Claimed quantity per order line (0 where the line is not claimed)."""
    guarantee: str = ""
    approved_returns: int = 0
    """Lines on which a guarantee checked earlier in this decision approved a return
    (read by add-on guarantees such as return-shipping insurance)."""
    buyer_paid_returns: int = 0
    """Of those, the lines whose return leg the buyer bears."""
    steps: list[tuple[str, Condition | str, bool, Outcome]] | None = None
    order: Order = field(init=False)
    claim: Claim | None = field(init=False)

    def __post_init__(self) -> None:
        self.order = self.case.order
        self.claim = self.case.claim

    def check(self, condition: Condition, lines: int) -> Outcome:
        """Evaluate `condition` on `lines`, recording it in the trace when one is kept."""
        outcome = condition.evaluate(self, lines)
        if condition.code is not None and outcome.lines != lines:
            outcome = outcome._replace(code=condition.code, causes=())
        if self.steps is not None:
            self.steps.append((self.guarantee, condition, outcome.lines != 0, outcome))
        return outcome

    def lines_in(self, mask: int) -> Iterator[tuple[int, Line]]:
        for index, line in enumerate(self.order.lines):
            if mask >> index & 1:
                yield index, line

    def line_ids(self, mask: int) -> tuple[str, ...]:
        lines = self.order.lines
        return tuple(lines[index].id for index in range(len(lines)) if mask >> index & 1)
