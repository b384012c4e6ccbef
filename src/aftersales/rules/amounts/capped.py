"""`capped`: an amount held to caps counted in money from the history: at most so much a
claim, on one order, and to one buyer in a calendar month or a rolling period."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import model_validator

from ...model.fields import Days, PolicyAmount
from ...model.money import EXACT, decimal_of, exact
from ...model.time import local_day, start_of_day
from ..outcome import Price, Quote
from ..protocol import AmountFormula, Bound, Boundary, BoundaryEnv, Build, Edit
from ..sensible import MAX_WINDOW_DAYS
from ..view import CaseView

if TYPE_CHECKING:
    import polars as pl

    from ...model.records import GrantedRecord
    from ..columnar import ColumnarAmount, ColumnarBuild
    from . import AnyAmount

__all__ = ["CappedAmount"]

_ZERO = Decimal(0)
Period = Literal["calendar_month", "rolling_days"]


class CappedAmount(AmountFormula):
    """`amount`, at most `per_claim`; at most what is left of `per_order` after what the
    guarantee (`guarantee`, default the one evaluated) granted before on this order; and at
    most what is left of `per_buyer` after what it granted the buyer on any order in the
    `period`: the calendar month (policy time zone) in which the claim is filed, or the
    `period_days` days of 24 hours before it. History entries count by their `amount`; one
    without `decided_at` counts as recent."""

    kind: Literal["capped"] = "capped"
    FACTS = ("capped_at", "counted")
    amount: AnyAmount
    per_claim: PolicyAmount | None = None
    per_order: PolicyAmount | None = None
    per_buyer: PolicyAmount | None = None
    period: Period = "calendar_month"
    period_days: Days | None = None
    guarantee: str | None = None

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.per_claim is None and self.per_order is None and self.per_buyer is None:
            raise ValueError("give at least one of per_claim, per_order and per_buyer")
        if (self.period == "rolling_days") != (self.period_days is not None):
            raise ValueError("period_days goes with period: rolling_days, and only with it")
        return self

    def compile(self, build: Build) -> Price:
        inner = self.amount.compile(build)
        own, zone = self.guarantee, build.zone
        per_claim, per_order, per_buyer = self.per_claim, self.per_order, self.per_buyer
        unit = build.unit
        since_of = _month_start if self.period == "calendar_month" \
            else _rolling(timedelta(days=self.period_days or 0))

        def price(view: CaseView, lines: int) -> Quote:
            quote = inner(view, lines)
            guarantee = own or view.guarantee
            amount, facts = quote.amount, dict(quote.facts)
            counted = _ZERO
            caps: list[tuple[Decimal, Decimal]] = []
            if per_claim is not None:
                caps.append((per_claim, per_claim))
            if per_order is not None:
                before = _granted(view.order_history, guarantee, None)
                caps.append((per_order, EXACT.subtract(per_order, before)))
                counted = before
            if per_buyer is not None:
                case = view.case
                until = case.claim.filed_at if case.claim is not None else case.as_of
                before = _granted(case.history, guarantee, (since_of(until, zone), until))
                caps.append((per_buyer, EXACT.subtract(per_buyer, before)))
                counted = max(counted, before)
            for cap, left in caps:
                if amount > left:
                    amount, facts["capped_at"] = exact(max(left, _ZERO)), cap
            if amount != quote.amount:
                facts["exact"] = decimal_of(amount, unit)
                facts["counted"] = counted
            return Quote(amount, facts, quote.weights)

        return price

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        """The inner amount's thresholds, and a buyer's earlier grants reaching the cap
        one minor unit short of it (below) and in full (at)."""
        yield from self.amount.thresholds(kind, env)
        cap = self.per_buyer if self.per_buyer is not None else self.per_order
        if cap is None or "claim" not in env.seed:
            return
        text = f"{kind} cap {cap} counted from the history"
        yield Boundary(text, "below", _granted_before(env.guarantee, cap - env.unit,
                                                      self.per_buyer is not None))
        yield Boundary(text, "at", _granted_before(env.guarantee, cap,
                                                   self.per_buyer is not None))

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        """The inner amount held to each cap in turn, what the history took counted from
        the history's slots as `compile` counts it."""
        import polars as pl

        from ..columnar import checked_at, granted_before, held_to

        amount = self.amount.columnar(build)
        if amount is None:
            return None
        guarantee, until = self.guarantee or build.guarantee, checked_at(build)
        caps = ((self.per_claim, pl.lit(0)),
                (self.per_order, granted_before(build, guarantee, on_order=True)),
                (self.per_buyer, granted_before(build, guarantee, on_order=False,
                                                since=self._since(until, build), until=until)))
        for cap, taken in caps:  # in compile's order: each holds what the one before left
            if cap is None:
                continue
            minor = build.minor(cap)
            if minor is None:
                return None
            amount = held_to(amount, minor - taken)
        return amount

    def _since(self, until: pl.Expr, build: ColumnarBuild) -> pl.Expr:
        """The start of the period counted back from `until` (UTC microseconds)."""
        from ..columnar import DAY_MICROSECONDS, month_starts

        if self.period == "rolling_days":
            return until - (self.period_days or 0) * DAY_MICROSECONDS
        return month_starts(until, build.zone)

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return self.amount.tier_starts(base, unit)

    def describe(self) -> str:
        caps = [f"{value} {what}" for value, what in (
            (self.per_claim, "a claim"), (self.per_order, "an order"),
            (self.per_buyer, "a buyer " + ("a calendar month" if self.period ==
                                           "calendar_month" else f"in {self.period_days} days")))
            if value is not None]
        return f"{self.amount.describe()}, at most {', '.join(caps)}"

    def fixed(self) -> Decimal | None:
        return None

    def always_zero(self) -> bool:
        return self.amount.always_zero() or _ZERO in (self.per_claim, self.per_order,
                                                      self.per_buyer)

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        inner = self.amount.value_of(base)
        if inner is None or self.per_claim is None:
            return None
        cap = self.per_claim
        return lambda value: min(inner(value), cap)

    def per_line(self) -> bool:
        return False

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        return self.amount.excess(low_claimed, low_total)

    def amount_bounds(self) -> Iterator[Bound]:
        yield from self.amount.amount_bounds()
        if self.period_days is not None and self.period_days > MAX_WINDOW_DAYS:
            yield Bound("period_days", f"a cap counted over {self.period_days} days is beyond "
                        f"the sensible bound of {MAX_WINDOW_DAYS} days: check the unit")

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        return None if self.per_claim is not None else self.amount.uncapped(example)

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def parts(self) -> tuple[AmountFormula, ...]:
        return (self.amount,)

    def refunds_what_was_paid(self) -> bool:
        return False


def _granted(history: tuple[GrantedRecord, ...], guarantee: str,
             period: tuple[datetime, datetime] | None) -> Decimal:
    """What `guarantee` granted in `history` (within `period`, when given)."""
    total = _ZERO
    for entry in history:
        if entry.guarantee != guarantee or entry.amount is None:
            continue
        at = entry.decided_at
        if period is not None and at is not None and not period[0] <= at <= period[1]:
            continue
        total = EXACT.add(total, entry.amount)
    return total


def _month_start(at: datetime, zone: tzinfo) -> datetime:
    return start_of_day(local_day(at, zone).replace(day=1), zone)


def _rolling(span: timedelta) -> Callable[[datetime, tzinfo], datetime]:
    def since(at: datetime, zone: tzinfo) -> datetime:
        return at - span
    return since


def _granted_before(guarantee: str, amount: Decimal, elsewhere: bool) -> Edit:
    """`amount` granted by `guarantee` a day before the claim, on another order of the buyer
    (`elsewhere`) or on this one."""
    def edit(case: dict[str, Any]) -> None:
        filed = datetime.fromisoformat(case["claim"]["filed_at"])
        entry: dict[str, Any] = {"guarantee": guarantee, "kind": "compensation",
                                 "amount": str(max(amount, _ZERO)),
                                 "decided_at": (filed - timedelta(hours=1)).isoformat()}
        if elsewhere:
            entry["order_id"] = "o-earlier"
        case["history"].append(entry)
    return Edit("history", amount, edit)
