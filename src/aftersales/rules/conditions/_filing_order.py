"""What `filed_before` and `filed_after` share: the claim against one order event, both sides
of it as boundaries, and where they put the filing for lint."""

from __future__ import annotations

from collections.abc import Iterator

from ..edits import TICK, at_instant, event_at
from ..protocol import Boundary, BoundaryEnv, FilingBound
from ._events import NOUN

__all__ = ["event_bound", "event_boundaries"]


def event_boundaries(kind: str, event: str, before: bool,
                     env: BoundaryEnv) -> Iterator[Boundary]:
    """The event just after the filing instant (the claim came before it) and at it."""
    claim = env.seed.get("claim")
    filed = at_instant(claim["filed_at"]) if claim else None
    if filed is None or event == "paid_at":  # a claim always comes after payment
        return
    text = f"{kind} {event} at {filed.isoformat()}"
    yield Boundary(text, "inside", event_at(event, filed + TICK if before else filed))
    yield Boundary(text, "outside", event_at(event, filed if before else filed + TICK))


def event_bound(kind: str, event: str, after: bool, negated: bool) -> FilingBound:
    """The claim after (`after`) or before the event, as the condition (or its negation)
    puts it."""
    side = after != negated
    what = (f"{'not ' if negated else ''}{kind} {event} needs the claim "
            f"{'after' if side else 'before'} {NOUN[event]}")
    return FilingBound(side, event, what, not negated)
