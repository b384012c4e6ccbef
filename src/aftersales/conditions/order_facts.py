"""Facts about the order as a whole: flags, insurance, destination region, fees charged.
They hold on every line or on none."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..context import Context, Outcome
from ..regions import RegionCode
from .base import Condition

__all__ = ["FeeCharged", "FlaggedWith", "Insured", "RegionIn"]


class FlaggedWith(Condition):
    """The order's `flags` (or, with `on="buyer"`, its `buyer_flags`) include one of
    `flags`."""

    kind: Literal["flagged_with"] = "flagged_with"
    FAILURE_CODES = ("not_flagged",)
    PASS_CODES = ("flagged",)
    flags: Annotated[tuple[str, ...], Field(min_length=1)]
    on: Literal["order", "buyer"] = "order"

    def evaluate(self, context: Context, lines: int) -> Outcome:
        present = context.order.flags if self.on == "order" else context.order.buyer_flags
        found = tuple(flag for flag in self.flags if flag in present)
        facts = {"on": self.on, "flags": self.flags, "found": found}
        return Outcome(lines if found else 0, "flagged" if found else "not_flagged", facts)


class Insured(Condition):
    """The order carries return-shipping insurance (`order.insured`)."""

    kind: Literal["insured"] = "insured"
    FAILURE_CODES = ("not_insured",)
    PASS_CODES = ("insured",)

    def evaluate(self, context: Context, lines: int) -> Outcome:
        insured = context.order.insured
        return Outcome(lines if insured else 0, "insured" if insured else "not_insured", {})


class RegionIn(Condition):
    """The order ships to one of `regions` (codes such as `CN-XJ`)."""

    kind: Literal["region_in"] = "region_in"
    FAILURE_CODES = ("region_not_in",)
    PASS_CODES = ("region_in",)
    regions: Annotated[tuple[RegionCode, ...], Field(min_length=1)]

    def evaluate(self, context: Context, lines: int) -> Outcome:
        region = context.order.region
        inside = region in self.regions
        return Outcome(lines if inside else 0, "region_in" if inside else "region_not_in",
                       {"region": region, "regions": self.regions})


OrderFee = Literal["return_shipping_fee", "shipping_surcharge"]


class FeeCharged(Condition):
    """The order states a `fee` above zero (the return leg's insured amount, a surcharge)."""

    kind: Literal["fee_charged"] = "fee_charged"
    FAILURE_CODES = ("no_fee",)
    PASS_CODES = ("fee_charged",)
    fee: OrderFee

    def evaluate(self, context: Context, lines: int) -> Outcome:
        amount = getattr(context.order, self.fee)
        charged = amount is not None and amount > 0
        return Outcome(lines if charged else 0, "fee_charged" if charged else "no_fee",
                       {"fee": self.fee, "amount": amount})
