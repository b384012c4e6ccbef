"""`remaining_at_least`: enough of the goods is left (a consumable returned at least 80 %
full), or a small gift is within its allowance."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field

from ...model.fields import PolicyAmount
from ...model.money import EXACT
from ..outcome import Check, Outcome
from ..protocol import (
    Bound,
    Boundary,
    BoundaryEnv,
    Build,
    Condition,
    Edit,
    FilingBound,
    Flip,
    LintFacts,
    Outcomes,
    OutcomeSpec,
    Seed,
    beyond,
    restricts,
    same_check,
)
from ..view import CaseView

if TYPE_CHECKING:
    import polars as pl

    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["RemainingAtLeast"]

_HUNDRED = Decimal(100)


class RemainingAtLeast(Condition):
    """On each claimed line, what was used (`claim.lines[].used_amount`) leaves at least
    `percent` % of one unit's content (`line.unit_content`): the opened unit is judged, the
    unopened ones are whole. A line tagged with one of `allowance_tags` whose whole content
    (`unit_content × quantity`) is below `allowance` holds whatever was used (a gift sample
    of 2 ml). A line without its content or its use cannot be judged and fails."""

    kind: Literal["remaining_at_least"] = "remaining_at_least"
    OUTCOMES: ClassVar[Outcomes] = {
        "remaining_enough": OutcomeSpec(True, ("lines", "percent")),
        "remaining_too_little": OutcomeSpec(False, ("lines", "percent")),
        "remaining_unknown": OutcomeSpec(False, ("lines",)),
    }
    percent: Annotated[PolicyAmount, Field(ge=0, le=100)] = Decimal(80)
    allowance: PolicyAmount | None = None
    """Below this whole content, a line tagged with `allowance_tags` never fails."""
    allowance_tags: tuple[Annotated[str, Field(min_length=1)], ...] = ("gift",)

    def compile(self, build: Build) -> Check:
        percent, allowance, tags = self.percent, self.allowance, self.allowance_tags
        spare = EXACT.divide(EXACT.subtract(_HUNDRED, percent), _HUNDRED)

        def check(view: CaseView, lines: int) -> Outcome:
            claim = view.claim
            used_by_id = {claimed.line_id: claimed.used_amount
                          for claimed in (claim.lines or ())} if claim is not None else {}
            held = unknown = 0
            for index, line in view.lines_in(lines):
                content, used = line.unit_content, used_by_id.get(line.id)
                small = allowance is not None and content is not None \
                    and any(tag in line.tags for tag in tags) \
                    and EXACT.multiply(content, line.quantity) < allowance
                if small:
                    held |= 1 << index
                elif content is None or used is None:
                    unknown |= 1 << index
                elif used <= EXACT.multiply(content, spare):
                    held |= 1 << index
            if held == lines:
                return Outcome(held, "remaining_enough",
                               {"lines": view.line_ids(held), "percent": percent})
            if unknown:
                return Outcome(held, "remaining_unknown", {"lines": view.line_ids(unknown)})
            return Outcome(held, "remaining_too_little",
                           {"lines": view.line_ids(lines & ~held), "percent": percent})

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Per line, as `compile` checks it (amounts in minor units, compared as integers):
        a small tagged line holds; else what its claimed line used leaves `percent` % of a
        unit. None when the allowance has a finer part than a minor unit."""
        import polars as pl

        from ..columnar import MAX_LINES, ColumnarCheck

        allowance = None if self.allowance is None else build.minor(self.allowance)
        if self.allowance is not None and allowance is None:
            return None
        left, per = self.percent.as_integer_ratio()
        if per > 1000:
            return None

        def used(slot: int) -> pl.Expr:
            line_id = build.line(slot, "id")
            return pl.coalesce(*(pl.when(build.col(f"c{j}_line_id") == line_id).then(
                build.col(f"c{j}_used")) for j in range(MAX_LINES)))

        def small(slot: int) -> pl.Expr:
            content = build.line(slot, "unit_content")
            if allowance is None or not self.allowance_tags:
                return pl.lit(False)
            tagged = pl.any_horizontal(*(build.line(slot, "tags").list.contains(pl.lit(tag))
                                         for tag in self.allowance_tags))
            return (content.is_not_null() & tagged
                    & (content * build.line(slot, "qty") < allowance)).fill_null(False)

        def unknown(slot: int) -> pl.Expr:
            return ~small(slot) & (build.line(slot, "unit_content").is_null()
                                   | used(slot).is_null())

        def holds(slot: int) -> pl.Expr:
            content = build.line(slot, "unit_content")
            # used <= content × (100 - percent) / 100, with percent = left / per
            enough = used(slot) * (100 * per) <= content * (100 * per - left)
            return (small(slot) | enough).fill_null(False)

        if not build.covered:
            return None
        any_unknown = pl.any_horizontal(*(build.covered[slot] & unknown(slot)
                                          for slot in range(MAX_LINES)))
        return ColumnarCheck(holds, pl.when(any_unknown).then(pl.lit("remaining_unknown"))
                             .otherwise(pl.lit("remaining_too_little")))

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # what was used cannot be unused

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        """The first line's use at the most that leaves `percent` % (inside), and a
        millionth more (outside)."""
        if "claim" not in env.seed:
            return
        content = Decimal(env.seed["order"]["lines"][0].get("unit_content") or 100)
        most = content * (_HUNDRED - self.percent) / _HUNDRED
        text = f"{self.kind} {self.percent} % of {content}"
        yield Boundary(text, "inside", _used(most))
        yield Boundary(text, "outside", _used(most + Decimal("0.000001")))

    def needs(self, seed: Seed) -> None:
        seed.line_facts.setdefault("unit_content", "100")
        seed.claim_facts.setdefault("lines", [{"line_id": "l1", "quantity": 1,
                                               "used_amount": "0"}])

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        if self.percent == _HUNDRED:
            yield beyond("percent", "requiring all of the goods left (100 %)",
                         "anything below 100 %: opened goods never qualify")

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)


def _used(amount: Decimal) -> Edit:
    """The first line's unit holding 100 (unless it says), of which `amount` was used."""
    def edit(case: dict[str, Any]) -> None:
        line = case["order"]["lines"][0]
        line.setdefault("unit_content", "100")
        case["claim"]["lines"] = [{"line_id": line["id"], "quantity": line["quantity"],
                                   "used_amount": str(amount)}]
    return Edit("claim.lines[0].used_amount", amount, edit)
