"""Checks on claim windows: filing conditions that no filing time meets together, and a
negated window that pays claims for being late.

Order events come in one order (paid ≤ shipped ≤ delivered ≤ as_of) and a claim is filed
between payment and `as_of`, so a condition that puts the claim after one event and another
that puts it before the same or an earlier one never hold together."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..conditions import FiledAfter, FiledBefore, FiledWithin, Not, NotShippedWithin
from ..conditions.base import Condition
from ._report import Finding, finding
from ._shape import Shape

__all__ = ["window_findings"]

_RANK = {"paid_at": 0, "shipped_at": 1, "delivered_at": 2}
_NOUN = {"paid_at": "payment", "shipped_at": "shipment", "delivered_at": "delivery"}


class _Bound(NamedTuple):
    """The claim is filed after (`low`) or before an event of `rank`, as `what` says."""

    rank: int
    path: str
    what: str
    needs_claim: bool
    """Holds only with a claim (a negated filing condition also holds without one)."""


def window_findings(shape: Shape) -> Iterator[Finding]:
    lows, highs = _bounds(shape)
    for high in highs:
        clash = next((low for low in lows if low.rank >= high.rank and (
            low.needs_claim or high.needs_claim or shape.always_has_claim())), None)
        if clash is None:
            continue
        if clash.path == "":
            message = (f"{high.what}, but a claim is always filed after payment (a case "
                       "with one filed earlier is refused): it never holds")
        else:
            message = (f"{high.what}, but {clash.what} ({clash.path}); the events come in "
                       "the order payment, shipment, delivery, so no filing time meets both: "
                       "remove one, or anchor it on another event")
        yield finding("window_empty", high.path, shape.id, message)
    yield from _negated_windows(shape)


def _bounds(shape: Shape) -> tuple[list[_Bound], list[_Bound]]:
    lows = [_Bound(0, "", "filed after payment", False)]
    highs: list[_Bound] = []
    for path, condition in shape.must:
        negated = isinstance(condition, Not)
        inner: Condition = condition.condition if isinstance(condition, Not) else condition
        if isinstance(inner, FiledWithin) and not negated:
            lows.append(_Bound(_RANK[inner.after], path, f"filed_within {_window(inner)} "
                               f"after {inner.after} needs the claim after {_NOUN[inner.after]}",
                               True))
        elif isinstance(inner, FiledAfter | FiledBefore):
            after = isinstance(inner, FiledAfter) != negated
            noun = _NOUN[inner.event]
            what = (f"{'not ' if negated else ''}{inner.kind} {inner.event} needs the claim "
                    f"{'after' if after else 'before'} {noun}")
            (lows if after else highs).append(_Bound(_RANK[inner.event], path, what,
                                                     not negated))
        elif isinstance(inner, NotShippedWithin) and not negated:
            highs.append(_Bound(_RANK["shipped_at"], path, "not_shipped_within needs the "
                                "order unshipped when decided, after any claim", False))
    return lows, highs


def _window(window: FiledWithin) -> str:
    if window.window_hours is not None:
        return f"{window.window_hours} hours"
    return f"{window.window_days} days"


def _hours(window: FiledWithin, longest: bool, dst: int) -> int:
    """The window's length in hours: exact, or for calendar days the shortest (or longest)
    it can be: the event's own day counts in part, and a daylight-saving change may take or
    give `dst` hours."""
    if window.window_hours is not None:
        return window.window_hours
    days = window.window_days or 0
    return 24 * (days + 1) + dst if longest else 24 * days - dst


def _closes_no_later(window: FiledWithin, negated: FiledWithin, dst: int) -> bool:
    """Whether `window` certainly closes at or before `negated` (same event)."""
    same_unit = (window.window_hours is None) == (negated.window_hours is None)
    return _hours(window, not same_unit, dst) <= _hours(negated, False, dst)


def _negated_windows(shape: Shape) -> Iterator[Finding]:
    windows = [(p, c) for p, c in shape.must if isinstance(c, FiledWithin)]
    bounded = windows or any(isinstance(c, FiledBefore) or (
        isinstance(c, Not) and isinstance(c.condition, FiledAfter)) for _, c in shape.must)
    for path, condition in shape.must:
        if not isinstance(condition, Not) or not isinstance(condition.condition, FiledWithin):
            continue
        negated = condition.condition
        event, window = negated.after, _window(negated)
        for other_path, other in windows:
            if other.after == event and _closes_no_later(other, negated, shape.dst_hours):
                yield finding("window_empty", path, shape.id,
                              f"not filed_within {window} after {event} excludes all of "
                              f"filed_within {_window(other)} after {event} ({other_path}): no "
                              "filing time is left; make the positive window the longer one")
                break
        if not bounded:
            yield finding("window_inverted", path, shape.id,
                          f"not filed_within {window} after {event} holds on claims filed "
                          f"after the window closes (and before {_NOUN[event]}, or without "
                          "it), and no other window bounds them: filing later makes a claim "
                          "qualify. Use filed_within to pay claims filed in time; to open a "
                          "window only after that, add a filed_within with a longer window")
