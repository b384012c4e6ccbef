"""`not_granted_for_item_before`: the buyer was never granted a remedy of a guarantee for the
same item (SKU), on this order or any other (a buyer who buys one item several times is paid
for it once)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal

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
    restricts,
    same_check,
)
from ..view import CaseView

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["NotGrantedForItemBefore"]


class NotGrantedForItemBefore(Condition):
    """No remedy of `guarantee` (default: the guarantee being evaluated) was granted before for
    the line's item (its `sku`): an entry of the history counts for the items it names
    (`skus`), and an entry on this order also for the items of its lines (`line_ids`; none:
    every line)."""

    kind: Literal["not_granted_for_item_before"] = "not_granted_for_item_before"
    OUTCOMES: ClassVar[Outcomes] = {
        "item_not_granted_before": OutcomeSpec(True, ("guarantee", "skus_granted", "lines")),
        "item_already_granted": OutcomeSpec(False, ("guarantee", "skus_granted", "lines")),
    }
    guarantee: str | None = None

    def compile(self, build: Build) -> Check:
        own = self.guarantee

        def check(view: CaseView, lines: int) -> Outcome:
            guarantee = own or view.guarantee
            order_id = view.order.id
            granted: set[str] = set()
            for entry in view.case.history:
                if entry.guarantee != guarantee:
                    continue
                granted.update(entry.skus)
                if entry.order_id is None or entry.order_id == order_id:
                    mask = view.mask_of(entry.line_ids) if entry.line_ids else -1
                    granted.update(line.sku for _, line in view.lines_in(mask))
            held = 0
            for index, line in view.lines_in(lines):
                if line.sku not in granted:
                    held |= 1 << index
            code = "item_not_granted_before" if held == lines else "item_already_granted"
            return Outcome(held, code, {"guarantee": guarantee,
                                        "skus_granted": tuple(sorted(granted)),
                                        "lines": view.line_ids(held)})

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Per line, as `compile` has it: the line's item is among the items of an entry of
        the guarantee, or of the lines an entry on this order names (none: every line)."""
        import polars as pl

        from ..columnar import MAX_HISTORY, MAX_LINES, ColumnarCheck, granted_by

        col, guarantee = build.col, self.guarantee or build.guarantee

        def granted(slot: int) -> pl.Expr:
            sku = build.line(slot, "sku")
            entries = []
            for j in range(MAX_HISTORY):
                named = col(f"h{j}_line_ids")
                of_lines = [build.line(k, "id").is_not_null()
                            & ((named.list.len() == 0) | named.list.contains(build.line(k, "id")))
                            & (build.line(k, "sku") == sku) for k in range(MAX_LINES)]
                entries.append(granted_by(build, j, guarantee) & (
                    col(f"h{j}_skus").list.contains(sku)
                    | (col(f"h{j}_on_order") & pl.any_horizontal(*of_lines))))
            return pl.any_horizontal(*entries).fill_null(False)

        return ColumnarCheck(lambda slot: ~granted(slot), pl.lit("item_already_granted"))

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # what was granted was granted

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        if "claim" not in env.seed:
            return
        sku = env.seed["order"]["lines"][0]["sku"]
        text = f"not_granted_for_item_before {sku}"
        yield Boundary(text, "inside", _granted_for(env.guarantee, "another-sku"))
        yield Boundary(text, "outside", _granted_for(env.guarantee, sku))

    def needs(self, seed: Seed) -> None:
        pass  # a plain case has no history

    def lint_facts(self) -> LintFacts:
        return LintFacts(about_itself=self.guarantee is None)

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)


def _granted_for(guarantee: str, sku: str) -> Edit:
    """A remedy of `guarantee` granted for `sku` on another order of the buyer."""
    def edit(case: dict[str, Any]) -> None:
        case["history"].append({"guarantee": guarantee, "kind": "compensation",
                                "amount": "1.00", "order_id": "o-earlier-item",
                                "skus": [sku]})
    return Edit("history", sku, edit)
