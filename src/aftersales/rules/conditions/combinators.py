"""All-of, any-of and not: the only way conditions compose. Every child is checked (no
short circuit), so the trace and the reasons name every condition that failed. Each answers
the protocol from its parts."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from ..outcome import Check, Outcome
from ..protocol import (
    Bound,
    Boundary,
    BoundaryEnv,
    Build,
    Condition,
    FilingBound,
    Flip,
    LintFacts,
    Outcomes,
    OutcomeSpec,
    Seed,
    restricts,
    same_check,
)
from ..view import CaseView

if TYPE_CHECKING:
    import polars as pl

    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck
    from . import AnyCondition

__all__ = ["AllOf", "AnyOf", "Not"]


def _children_codes(conditions: tuple[Condition, ...]) -> tuple[str, ...]:
    codes: list[str] = []
    for condition in conditions:
        codes.extend(code for code in condition.failure_codes() if code not in codes)
    return tuple(codes)


class _Combinator(Condition):
    """What a combinator answers from its parts: its parts' boundaries, and no flip, lint
    facts, bounds or filing of its own (lint and what-if look at the parts)."""

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # its parts are in the trace, and flip themselves

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        for part in self.parts():
            yield from part.boundaries(env)

    def needs(self, seed: Seed) -> None:
        for part in self.needed_parts():
            part.needs(seed)

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)


class AllOf(_Combinator):
    """Holds on the lines where every child holds. `a & b` builds one."""

    kind: Literal["all_of"] = "all_of"
    OUTCOMES: ClassVar[Outcomes] = {
        "all_held": OutcomeSpec(True, ()),
    }
    conditions: Annotated[tuple[AnyCondition, ...], Field(min_length=1)]

    def labeled_parts(self) -> tuple[tuple[str, Condition], ...]:
        return tuple((f"conditions[{index}]", part) for index, part in enumerate(self.conditions))

    def must_hold(self, path: str = "") -> Iterator[tuple[str, Condition]]:
        for label, part in self.labeled_parts():
            yield from part.must_hold(f"{path}.{label}" if path else label)

    def needed_parts(self) -> tuple[Condition, ...]:
        return tuple(needed for part in self.conditions for needed in part.needed_parts())

    def failure_codes(self) -> tuple[str, ...]:
        return self._own_or(_children_codes(self.conditions))

    def compile(self, build: Build) -> Check:
        checks = [build.check(condition) for condition in self.conditions]

        def check(view: CaseView, lines: int) -> Outcome:
            held, outcomes, deadline = lines, [], None
            for part in checks:
                outcome = part(view, lines)
                held &= outcome.lines
                if deadline is None:
                    deadline = outcome.deadline
                outcomes.append(outcome)
            failed = [outcome for outcome in outcomes if outcome.lines != lines]
            if not failed:
                return Outcome(held, "all_held", {}, deadline)
            return Outcome(held, failed[0].code, {
                **failed[0].facts, "failed": tuple(o.code for o in failed)}, deadline,
                tuple(failed))

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Holds where every part holds; fails with the code of the first part that fails on
        a line checked (the plan's covered slots), as `compile` reports it."""
        import polars as pl

        from ..columnar import ColumnarCheck

        forms = [part.columnar(build) for part in self.conditions]
        if not build.covered or any(form is None for form in forms):
            return None
        parts = [(form, form.fails_with if part.code is None else pl.lit(part.code))
                 for part, form in zip(self.conditions, forms, strict=True)
                 if form is not None]
        covered = build.covered

        def holds(slot: int) -> pl.Expr:
            return pl.all_horizontal(*(form.holds(slot).fill_null(False) for form, _ in parts))

        def fails_somewhere(form: ColumnarCheck) -> pl.Expr:
            return pl.any_horizontal(*(covered[slot] & ~form.holds(slot).fill_null(False)
                                       for slot in range(len(covered))))

        return ColumnarCheck(holds, pl.coalesce(
            *(pl.when(fails_somewhere(form)).then(code) for form, code in parts),
            parts[0][1]))

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        if negated:
            return restricts(self, negated)
        return [text for part in self.conditions for text in part.legal_shortfalls()]


class AnyOf(_Combinator):
    """Holds on the lines where at least one child holds. `a | b` builds one."""

    kind: Literal["any_of"] = "any_of"
    OUTCOMES: ClassVar[Outcomes] = {"any_held": OutcomeSpec(True, ("outcomes",))}
    conditions: Annotated[tuple[AnyCondition, ...], Field(min_length=1)]

    def labeled_parts(self) -> tuple[tuple[str, Condition], ...]:
        return tuple((f"conditions[{index}]", part) for index, part in enumerate(self.conditions))

    def needed_parts(self) -> tuple[Condition, ...]:
        return self.conditions[0].needed_parts()

    def failure_codes(self) -> tuple[str, ...]:
        # A failure reports every part's outcome; the first may be a partial pass of its part.
        first = self.conditions[0]
        return self._own_or((*_children_codes(self.conditions), *first.PASS_CODES))

    def compile(self, build: Build) -> Check:
        checks = [build.check(condition) for condition in self.conditions]

        def check(view: CaseView, lines: int) -> Outcome:
            held, outcomes = 0, []
            for part in checks:
                outcome = part(view, lines)
                held |= outcome.lines
                outcomes.append(outcome)
            deadline = next((o.deadline for o in outcomes if o.deadline is not None), None)
            codes = tuple(o.code for o in outcomes)
            if held == lines:
                return Outcome(held, "any_held", {"outcomes": codes}, deadline)
            first = outcomes[0]
            return Outcome(held, first.code, {**first.facts, "outcomes": codes}, deadline,
                           tuple(outcomes))

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Holds where a part holds; fails, as its first reason says, with the first part's
        code (where every part fails, the first fails on every line)."""
        import polars as pl

        from ..columnar import ColumnarCheck

        forms = [part.columnar(build) for part in self.conditions]
        if any(form is None for form in forms):
            return None
        parts = [form for form in forms if form is not None]
        first = self.conditions[0]

        def holds(slot: int) -> pl.Expr:
            return pl.any_horizontal(*(form.holds(slot).fill_null(False) for form in parts))

        return ColumnarCheck(holds, parts[0].fails_with if first.code is None
                             else pl.lit(first.code))

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)


class Not(_Combinator):
    """Holds on the lines where its child does not. `~a` builds one."""

    kind: Literal["not"] = "not"
    OUTCOMES: ClassVar[Outcomes] = {"negation_held": OutcomeSpec(True, ("negated",)),
                                    "negation_failed": OutcomeSpec(False, ("negated",))}
    condition: AnyCondition

    def labeled_parts(self) -> tuple[tuple[str, Condition], ...]:
        return (("condition", self.condition),)

    def negation(self) -> Condition | None:
        return self.condition

    def needed_parts(self) -> tuple[Condition, ...]:
        return ()  # a plain case stays clear of what a not excludes

    def failure_codes(self) -> tuple[str, ...]:
        return self._own_or(tuple(dict.fromkeys(
            self._failure_code(code) for code in self.condition.PASS_CODES)))

    def _failure_code(self, held: str) -> str:
        """`not_<the child's pass code>`; `negation_failed` where that is a code of the
        child's own, meaning the opposite (`not_insured`: the order has no insurance)."""
        code = f"not_{held}"
        return "negation_failed" if code in type(self.condition).OUTCOMES else code

    def compile(self, build: Build) -> Check:
        inner = build.check(self.condition)
        passes = self.condition.PASS_CODES
        failures = {code: self._failure_code(code) for code in passes}

        def check(view: CaseView, lines: int) -> Outcome:
            outcome = inner(view, lines)
            held = lines & ~outcome.lines
            if held == lines:
                code = "negation_held"
            else:  # the child held on some line; a per-line child failing on others reports
                # its failure code, but the negation fails for the lines where it held
                code = failures.get(outcome.code) or failures[passes[0]]
            return Outcome(held, code, {**outcome.facts, "negated": outcome.code},
                           outcome.deadline)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Holds where its part does not; the code it fails with is the part's one pass
        code negated (a part with several has no columnar negation: which one it passed
        with is not a column)."""
        import polars as pl

        from ..columnar import ColumnarCheck

        form = self.condition.columnar(build)
        passes = self.condition.PASS_CODES
        if form is None or len(passes) != 1:
            return None
        inner = form

        def holds(slot: int) -> pl.Expr:
            return ~inner.holds(slot).fill_null(False)

        return ColumnarCheck(holds, pl.lit(self._failure_code(passes[0])))

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        if negated:
            return restricts(self, negated)
        return self.condition.legal_shortfalls(negated=True)
