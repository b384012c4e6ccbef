"""Edge-case discovery: a policy's boundaries (window ends, ship-time promises, thresholds,
tier starts, caps, minimums, limits) and a case on each side of each, so a test suite covers
every boundary even where random generation would miss it."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..model.case import Case
from ..model.money import in_exact_context, minor_unit
from ..model.time import resolve_time_zone
from ..policy.policy import Policy
from ..rules.guarantee import Guarantee
from ..rules.protocol import Boundary, BoundaryEnv, Side
from ._reach import base_case

__all__ = ["EdgeCase", "edge_cases"]


@dataclass(frozen=True)
class EdgeCase:
    """A case one side of a boundary of `guarantee`: `inside` or `outside` a condition's
    boundary, or `below` or `at` an amount threshold (a tier's start, a cap, a minimum)."""

    guarantee: str
    boundary: str
    side: Side
    case: Case


@in_exact_context
def edge_cases(policy: Policy) -> list[EdgeCase]:
    """Both sides of every boundary of every guarantee of `policy` that a case can reach."""
    zone = resolve_time_zone(policy.time_zone)
    unit = minor_unit(policy.currency)
    found: list[EdgeCase] = []
    for guarantee in policy.ranked_guarantees():
        seed = base_case(policy, guarantee)
        if seed is None:
            continue
        env = BoundaryEnv(seed, guarantee.id, zone, unit, policy.rounding.decimal_rounding)
        for boundary in _boundaries(guarantee, env):
            case = copy.deepcopy(seed)
            boundary.edit(case)
            _settle_as_of(case)
            found.append(EdgeCase(guarantee.id, boundary.text, boundary.side,
                                  Case.model_validate(case)))
    return found


def _boundaries(guarantee: Guarantee, env: BoundaryEnv) -> Iterator[Boundary]:
    """Each condition's boundaries, then each remedy's amount thresholds."""
    for condition in guarantee.conditions:
        yield from condition.boundaries(env)
    for option in guarantee.offered():
        if option.amount is not None:
            yield from option.amount.thresholds(option.kind, env)


def _settle_as_of(case: dict[str, Any]) -> None:
    """as_of after every event (unless a boundary set it), as a valid case needs."""
    if case.pop("fixed_as_of", False):
        return
    order = case["order"]
    times = [datetime.fromisoformat(t) for t in (
        case["as_of"], order["paid_at"], order["shipped_at"], order["delivered_at"],
        case.get("claim", {}).get("filed_at")) if t]
    case["as_of"] = max(times).isoformat()
