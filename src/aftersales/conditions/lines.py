"""Facts about individual lines: category, tags, the price the buyer found elsewhere."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..categories import CategoryPath, in_scope
from ..context import Context, Outcome
from .base import Condition

__all__ = ["CategoryIn", "HasTag", "ReferencePriceBelowUnitPrice"]


class CategoryIn(Condition):
    """The line's category is one of `categories` or below one."""

    kind: Literal["category_in"] = "category_in"
    FAILURE_CODES = ("category_not_in",)
    PASS_CODES = ("category_in",)
    categories: Annotated[tuple[CategoryPath, ...], Field(min_length=1)]

    def evaluate(self, context: Context, lines: int) -> Outcome:
        held = 0
        for index, line in context.lines_in(lines):
            if in_scope(line.category, self.categories):
                held |= 1 << index
        code = "category_in" if held == lines else "category_not_in"
        return Outcome(held, code, {"categories": self.categories,
                                    "lines": context.line_ids(held)})


class HasTag(Condition):
    """The line carries at least one of `tags` (e.g. `custom_made`)."""

    kind: Literal["has_tag"] = "has_tag"
    FAILURE_CODES = ("lacks_tag",)
    PASS_CODES = ("has_tag",)
    tags: Annotated[tuple[str, ...], Field(min_length=1)]

    def evaluate(self, context: Context, lines: int) -> Outcome:
        held = 0
        for index, line in context.lines_in(lines):
            if any(tag in line.tags for tag in self.tags):
                held |= 1 << index
        code = "has_tag" if held == lines else "lacks_tag"
        return Outcome(held, code, {"tags": self.tags, "lines": context.line_ids(held)})


class ReferencePriceBelowUnitPrice(Condition):
    """The claim's `reference_price` is strictly below the unit price paid
    (`paid_amount / quantity`, exact)."""

    kind: Literal["reference_price_below_unit_price"] = "reference_price_below_unit_price"
    FAILURE_CODES = ("price_not_lower", "reference_price_missing")
    PASS_CODES = ("price_lower",)

    def evaluate(self, context: Context, lines: int) -> Outcome:
        claim = context.claim
        reference = claim.reference_price if claim is not None else None
        if reference is None:
            return Outcome(0, "reference_price_missing", {})
        held = 0
        unit_prices: list[str] = []
        for index, line in context.lines_in(lines):
            unit_price = line.unit_price
            unit_prices.append(f"{line.id}: {unit_price}")
            if reference < unit_price:
                held |= 1 << index
        code = "price_lower" if held == lines else "price_not_lower"
        return Outcome(held, code, {"reference_price": reference,
                                    "unit_prices": tuple(unit_prices)})
