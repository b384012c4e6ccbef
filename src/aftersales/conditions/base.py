"""The condition protocol: a frozen model with a `kind` tag that says, for a set of lines,
on which of them a fact holds. Order-level facts hold on all lines or on none."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, ConfigDict

from ..context import Context, Outcome

if TYPE_CHECKING:
    from .combinators import AllOf, AnyOf, Not

__all__ = ["RULE_MODEL", "Condition"]

RULE_MODEL = ConfigDict(frozen=True, extra="forbid")


class Condition(BaseModel):
    """Base of every condition. Subclasses define `kind` and `evaluate`."""

    model_config = RULE_MODEL

    kind: str
    code: str | None = None
    """Reason code to report when this condition fails, instead of its own."""

    FAILURE_CODES: ClassVar[tuple[str, ...]] = ()
    """Every outcome code this kind reports when it fails (public, stable)."""

    PASS_CODES: ClassVar[tuple[str, ...]] = ()
    """Every outcome code this kind reports when it holds."""

    def failure_codes(self) -> tuple[str, ...]:
        """The codes this condition can report when it fails."""
        return self._own_or(self.FAILURE_CODES)

    def _own_or(self, codes: tuple[str, ...]) -> tuple[str, ...]:
        return (self.code,) if self.code is not None else codes

    def evaluate(self, context: Context, lines: int) -> Outcome:
        """On which of `lines` the fact holds, with the facts compared."""
        raise NotImplementedError

    def __and__(self, other: Condition) -> AllOf:
        from .combinators import AllOf

        return AllOf(conditions=(*_parts(self, AllOf), *_parts(other, AllOf)))

    def __or__(self, other: Condition) -> AnyOf:
        from .combinators import AnyOf

        return AnyOf(conditions=(*_parts(self, AnyOf), *_parts(other, AnyOf)))

    def __invert__(self) -> Not:
        from .combinators import Not

        return Not(condition=self)


def _parts(condition: Condition, combinator: type[AllOf] | type[AnyOf]) -> tuple[Condition, ...]:
    if isinstance(condition, combinator):
        return tuple(condition.conditions)
    return (condition,)
