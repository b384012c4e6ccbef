"""All-of, any-of and not: the only way conditions compose. Every child is checked (no
short circuit), so the trace and the reasons name every condition that failed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from ..context import Context, Outcome
from .base import Condition

if TYPE_CHECKING:
    from . import AnyCondition

__all__ = ["AllOf", "AnyOf", "Not", "check_all"]


def check_all(context: Context, conditions: Sequence[Condition],
              lines: int) -> tuple[int, list[Outcome], datetime | None]:
    """Check every condition on `lines` (no short circuit): the lines where all hold, each
    outcome in order, and the first window deadline met on the way."""
    held = lines
    outcomes: list[Outcome] = []
    deadline = None
    for condition in conditions:
        outcome = context.check(condition, lines)
        held &= outcome.lines
        if deadline is None:
            deadline = outcome.deadline
        outcomes.append(outcome)
    return held, outcomes, deadline


def _children_codes(conditions: tuple[Condition, ...]) -> tuple[str, ...]:
    codes: list[str] = []
    for condition in conditions:
        codes.extend(code for code in condition.failure_codes() if code not in codes)
    return tuple(codes)


class AllOf(Condition):
    """Holds on the lines where every child holds. `a & b` builds one."""

    kind: Literal["all_of"] = "all_of"
    PASS_CODES = ("all_held",)
    conditions: Annotated[tuple[AnyCondition, ...], Field(min_length=1)]

    def failure_codes(self) -> tuple[str, ...]:
        return self._own_or(_children_codes(self.conditions))

    def evaluate(self, context: Context, lines: int) -> Outcome:
        held, outcomes, deadline = check_all(context, self.conditions, lines)
        failed = [outcome for outcome in outcomes if outcome.lines != lines]
        if not failed:
            return Outcome(held, "all_held", {}, deadline)
        return Outcome(held, failed[0].code, {**failed[0].facts,
                                              "failed": tuple(o.code for o in failed)},
                       deadline, tuple(failed))


class AnyOf(Condition):
    """Holds on the lines where at least one child holds. `a | b` builds one."""

    kind: Literal["any_of"] = "any_of"
    PASS_CODES = ("any_held",)
    conditions: Annotated[tuple[AnyCondition, ...], Field(min_length=1)]

    def failure_codes(self) -> tuple[str, ...]:
        # A failure reports every part's outcome; the first may be a partial pass of its part.
        first = self.conditions[0]
        return self._own_or((*_children_codes(self.conditions), *first.PASS_CODES))

    def evaluate(self, context: Context, lines: int) -> Outcome:
        held = 0
        outcomes: list[Outcome] = []
        for condition in self.conditions:
            outcome = context.check(condition, lines)
            held |= outcome.lines
            outcomes.append(outcome)
        deadline = next((o.deadline for o in outcomes if o.deadline is not None), None)
        codes = tuple(o.code for o in outcomes)
        if held == lines:
            return Outcome(held, "any_held", {"outcomes": codes}, deadline)
        first = outcomes[0]
        return Outcome(held, first.code, {**first.facts, "outcomes": codes}, deadline,
                       tuple(outcomes))


class Not(Condition):
    """Holds on the lines where its child does not. `~a` builds one."""

    kind: Literal["not"] = "not"
    PASS_CODES = ("negation_held",)
    condition: AnyCondition

    def failure_codes(self) -> tuple[str, ...]:
        return self._own_or(tuple(f"not_{code}" for code in self.condition.PASS_CODES))

    def evaluate(self, context: Context, lines: int) -> Outcome:
        outcome = context.check(self.condition, lines)
        held = lines & ~outcome.lines
        code = "negation_held" if held == lines else f"not_{outcome.code}"
        return Outcome(held, code, {**outcome.facts, "negated": outcome.code}, outcome.deadline)
