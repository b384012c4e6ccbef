"""Checks on claim windows: filing conditions that no filing time meets together, and a
negated window that pays claims for being late.

Order events come in one order (paid ≤ shipped ≤ delivered ≤ as_of) and a claim is filed
between payment and `as_of`, so a condition that puts the claim after one event and another
that puts it before the same or an earlier one never hold together."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..rules.protocol import Condition
from ._report import Finding, finding
from ._shape import Shape

__all__ = ["window_findings"]

_RANK = {"paid_at": 0, "shipped_at": 1, "delivered_at": 2}
_NOUN = {"paid_at": "payment", "shipped_at": "shipment", "delivered_at": "delivery"}

_Window = tuple[str, int | None, int | None]
"""A claim window: (event, hours, days)."""


class _Bound(NamedTuple):
    """The claim is filed after (`low`) or before an event of `rank`, as `what` says."""

    rank: int
    path: str
    what: str
    needs_claim: bool
    """Holds only with a claim (a negated filing condition also holds without one)."""
    on_filing: bool


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
    lows = [_Bound(0, "", "filed after payment", False, True)]
    highs: list[_Bound] = []
    for path, condition in shape.must:
        negated = condition.negation()
        bounds = (condition.filing_bounds(False) if negated is None
                  else negated.filing_bounds(True))
        for bound in bounds:
            (lows if bound.low else highs).append(_Bound(
                _RANK[bound.event], path, bound.what, bound.needs_claim, bound.on_filing))
    return lows, highs


def _size(window: _Window) -> str:
    _, hours, days = window
    return f"{hours} hours" if hours is not None else f"{days} days"


def _hours(window: _Window, longest: bool, dst: int) -> int:
    """The window's length in hours: exact, or for calendar days the shortest (or longest)
    it can be: the event's own day counts in part, and a daylight-saving change may take or
    give `dst` hours."""
    _, hours, days = window
    if hours is not None:
        return hours
    days = days or 0
    return 24 * (days + 1) + dst if longest else 24 * days - dst


def _closes_no_later(window: _Window, negated: _Window, dst: int) -> bool:
    """Whether `window` certainly closes at or before `negated` (same event)."""
    same_unit = (window[1] is None) == (negated[1] is None)
    return _hours(window, not same_unit, dst) <= _hours(negated, False, dst)


def _window_of(condition: Condition | None) -> _Window | None:
    return None if condition is None else condition.lint_facts().window


def _negated_windows(shape: Shape) -> Iterator[Finding]:
    windows = [(path, window) for path, window in
               ((path, _window_of(condition)) for path, condition in shape.must)
               if window is not None]
    _, highs = _bounds(shape)
    bounded = bool(windows) or any(high.on_filing for high in highs)
    for path, condition in shape.must:
        negated = _window_of(condition.negation())
        if negated is None:
            continue
        event, window = negated[0], _size(negated)
        for other_path, other in windows:
            if other[0] == event and _closes_no_later(other, negated, shape.dst_hours):
                yield finding("window_empty", path, shape.id,
                              f"not filed_within {window} after {event} excludes all of "
                              f"filed_within {_size(other)} after {event} ({other_path}): no "
                              "filing time is left; make the positive window the longer one")
                break
        if not bounded:
            yield finding("window_inverted", path, shape.id,
                          f"not filed_within {window} after {event} holds on claims filed "
                          f"after the window closes (and before {_NOUN[event]}, or without "
                          "it), and no other window bounds them: filing later makes a claim "
                          "qualify. Use filed_within to pay claims filed in time; to open a "
                          "window only after that, add a filed_within with a longer window")
