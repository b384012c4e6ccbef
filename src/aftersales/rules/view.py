"""What the compiled rule parts see while a case is decided: its record, the claimed quantity
of each line, the policy's time zone, the guarantee being checked, and the trace being kept.

Line sets are bit masks over the order's line indices: bit i set means `order.lines[i]`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import tzinfo
from decimal import Decimal
from typing import Any

from ..model.money import exact_sum
from ..model.records import CaseRecord, ClaimRecord, GrantedRecord, LineRecord, OrderRecord

__all__ = ["CaseView", "TraceEntry"]

TraceEntry = tuple[str, str, bool, str, Mapping[str, object]]
"""One step as the engine records it: guarantee, check (a kind, or `covers`, `amount`, ...),
passed, outcome."""


class CaseView:
    """One case, as every rule part of every guarantee sees it while it is decided."""

    __slots__ = ("_history", "_total", "approved_returns", "buyer_paid_returns", "case",
                 "claim", "claimed", "claimed_lines", "guarantee", "lines", "order", "steps",
                 "zone")

    def __init__(self, case: CaseRecord, zone: tzinfo, *, trace: bool) -> None:
        self.case = case
        self.order: OrderRecord = case.order
        self.claim: ClaimRecord | None = case.claim
        self.lines: tuple[LineRecord, ...] = case.order.lines
        self.zone = zone
        claim = self.claim
        if claim is None or claim.lines is None:
            self.claimed: tuple[int, ...] = tuple(line.quantity for line in self.lines)
        else:
            by_id = {claimed.line_id: claimed.quantity for claimed in claim.lines}
            self.claimed = tuple(by_id.get(line.id, 0) for line in self.lines)
        mask = 0
        for index, quantity in enumerate(self.claimed):
            if quantity:
                mask |= 1 << index
        self.claimed_lines = mask
        """The lines claimed (every line, without a claim or without `claim.lines`)."""
        self.guarantee = ""
        """The guarantee whose parts are being checked."""
        self.approved_returns = 0
        """Lines on which a guarantee checked earlier in this decision approved a return
        (read by add-on guarantees such as return-shipping insurance)."""
        self.buyer_paid_returns = 0
        """Of those, the lines whose return leg the buyer bears."""
        self.steps: list[TraceEntry] | None = [] if trace else None
        self._total: Decimal | None = None
        self._history: tuple[GrantedRecord, ...] | None = None

    @property
    def total_paid(self) -> Decimal:
        """What was paid for the whole order (exact)."""
        total = self._total
        if total is None:
            total = self._total = exact_sum(line.paid_amount for line in self.lines)
        return total

    @property
    def order_history(self) -> tuple[GrantedRecord, ...]:
        """The history entries granted on this case's order (not on the buyer's others)."""
        history = self._history
        if history is None:
            order_id = self.order.id
            history = self._history = tuple(
                entry for entry in self.case.history
                if entry.order_id is None or entry.order_id == order_id)
        return history

    def lines_in(self, mask: int) -> Iterator[tuple[int, LineRecord]]:
        for index, line in enumerate(self.lines):
            if mask >> index & 1:
                yield index, line

    def line_ids(self, mask: int) -> tuple[str, ...]:
        lines = self.lines
        return tuple(lines[index].id for index in range(len(lines)) if mask >> index & 1)

    def mask_of(self, line_ids: Any) -> int:
        """The lines whose ids are among `line_ids`."""
        wanted = set(line_ids)
        mask = 0
        for index, line in enumerate(self.lines):
            if line.id in wanted:
                mask |= 1 << index
        return mask
