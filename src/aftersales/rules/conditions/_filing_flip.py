"""The nearest change that turns a failing filing condition: file by its deadline, or from
the event it waits for (`filed_within`, `filed_after`); or before the event (`filed_before`).
Read from the step's typed facts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..protocol import Flip

if TYPE_CHECKING:
    from ...model.decision import Step

__all__ = ["filing_flip"]

_MICROSECOND = timedelta(microseconds=1)


def filing_flip(step: Step, *, before: bool) -> Flip | None:
    facts = step.facts
    filed_at, event_at = facts.get("filed_at"), facts.get("event_at")
    if not isinstance(filed_at, datetime) or not isinstance(event_at, datetime):
        return None  # no claim, or the event has not happened
    deadline = facts.get("deadline")
    if before:
        deadline = event_at - _MICROSECOND  # the event must not have happened yet
    elif event_at > filed_at:
        return Flip("file_from", "claim.filed_at", event_at.isoformat(), "file_from",
                    {"event_at": event_at, "later": event_at - filed_at})
    if not isinstance(deadline, datetime) or filed_at <= deadline:
        return None
    earlier = filed_at - deadline
    if before:
        return Flip("file_by", "claim.filed_at", deadline.isoformat(), "file_before",
                    {"event_at": event_at, "earlier": earlier})
    return Flip("file_by", "claim.filed_at", deadline.isoformat(), "file_by",
                {"deadline": deadline, "earlier": earlier})


