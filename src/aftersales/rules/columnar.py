"""The rule protocol's columnar part: what a rule part's columnar form may read (the case
table's columns, one line slot at a time, and the policy's settings), the forms it gives back,
and the exact line fractions amounts share; with the local-time helpers of `columnar_time`.
`aftersales.columnar` compiles and runs them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from .columnar_time import (
    DAY_MICROSECONDS,
    HOUR_MICROSECONDS,
    PLAIN_SPAN,
    PLAIN_YEARS,
    at_wall_clock,
    day_starts,
    day_window_closes,
    local_date,
    local_time,
    microseconds,
    month_starts,
    zone_agrees,
)

if TYPE_CHECKING:
    from decimal import Decimal

    import polars as pl

__all__ = ["DAY_MICROSECONDS", "HOUR_MICROSECONDS", "MAX_HISTORY", "MAX_LINES", "MAX_MINOR",
           "MAX_QUANTITY", "PLAIN_SPAN", "PLAIN_YEARS", "ColumnarAmount", "ColumnarBuild",
           "ColumnarCheck", "all_sure", "amount_base", "at_wall_clock", "checked_at", "clamped",
           "day_starts", "day_window_closes", "granted_before", "granted_by", "held_to",
           "in_categories", "line_fractions", "line_paid", "local_date", "local_time",
           "microseconds", "month_starts", "percent_of", "round_half_up", "scaled", "times_ratio",
           "within", "zone_agrees"]

MAX_LINES = 4
"""Line slots of the case table: a case with more lines goes through the row engine."""
MAX_HISTORY = 2
"""History slots: a case with more entries goes through the row engine."""
MAX_MINOR = 10**10
"""The largest amount, in minor units, the int64 arithmetic takes: an order total, a reference
price or a policy's setting. With `MAX_QUANTITY`, a product of four line fractions and a rate
stays below 2⁶³; a case or policy beyond it goes through the row engine."""
MAX_QUANTITY = 99
"""The largest line quantity the int64 arithmetic takes."""


class ColumnarCheck(NamedTuple):
    """A condition's columnar form: whether it holds on line slot `i` (a boolean expression;
    an order-level condition ignores the slot), and the outcome code it reports when it
    holds on none of the lines checked."""

    holds: Callable[[int], pl.Expr]
    fails_with: pl.Expr


class ColumnarAmount(NamedTuple):
    """An exact amount in minor units: `numerator / denominator`, integer expressions (the
    denominator positive), and where that arithmetic is sure to stay within int64 (None:
    on every case the validity filter keeps). A case where it may not goes through the row
    engine: Polars wraps an overflowing integer silently."""

    numerator: pl.Expr
    denominator: pl.Expr
    sure: pl.Expr | None = None


@dataclass(frozen=True, slots=True)
class ColumnarBuild:
    """The policy's settings, the line slots conditions are checked on and the eligible ones
    an amount is computed on, and for an add-on the returns approved before it (set by the
    plan: a boolean expression per slot)."""

    zone: ZoneInfo
    unit_scale: int
    """Minor units per major unit (100 for CNY)."""
    guarantee: str
    eligible: tuple[pl.Expr, ...] = ()
    covered: tuple[pl.Expr, ...] = ()
    """The line slots a guarantee's conditions are checked on (claimed and in its scope), a
    boolean expression per slot; empty where the plan gives none."""
    approved_returns: tuple[pl.Expr, ...] = ()
    """For an add-on: whether a return of the line in each slot was approved earlier in this
    decision (empty: the guarantee is not checked after the others)."""
    buyer_paid_returns: tuple[pl.Expr, ...] = ()
    """For an add-on: the same, for returns whose return leg the buyer bears."""

    @staticmethod
    def col(name: str) -> pl.Expr:
        """An order-level column (`shipped_at`, `total`, `filed_at`, `reference`, ...)."""
        import polars as pl

        return pl.col(name)

    @staticmethod
    def line(slot: int, name: str) -> pl.Expr:
        """A column of line slot `slot`: `paid` (minor units), `qty`, `k` (quantity claimed,
        0 when not claimed), `id`, `category`, `tags` (a list, empty when none)."""
        import polars as pl

        return pl.col(f"l{slot}_{name}")

    def minor(self, amount: object) -> int | None:
        """`amount` (a Decimal) in whole minor units, or None when it has a finer part or is
        above `MAX_MINOR`."""
        from decimal import Decimal

        scaled = Decimal(str(amount)) * self.unit_scale
        whole = scaled == scaled.to_integral_value() and scaled <= MAX_MINOR
        return int(scaled) if whole else None


_SAFE = 2**62 - 2**50
"""The largest numerator an amount may have: rounding doubles it and adds the denominator
(`round_half_up`), and both must stay below 2⁶³."""
_MAX_DENOMINATOR = 2**44
"""The largest denominator an amount may have (the four quantities' product, 99⁴, times a
rate's 100 × 1000 is below it)."""


def line_paid(build: ColumnarBuild, slot: int, before_platform_discounts: bool) -> pl.Expr:
    """What line slot `slot` paid, in minor units; with `before_platform_discounts`, plus the
    discounts the platform funded on it."""
    paid = build.line(slot, "paid")
    if before_platform_discounts:
        paid = paid + build.line(slot, "platform_discount").fill_null(0)
    return paid


def amount_base(build: ColumnarBuild, base: str) -> ColumnarAmount:
    """An amount formula's base (`amounts._base.base_amount`), exactly: the order's total
    paid, or the claimed amount (`paid × k / q` over the eligible lines), which is at most
    the total."""
    import polars as pl

    if base == "order_total":
        return ColumnarAmount(build.col("total"), pl.lit(1))
    return ColumnarAmount(*line_fractions(build, lambda slot: build.line(slot, "paid")))


def percent_of(build: ColumnarBuild, base: str, rate: Decimal) -> ColumnarAmount | None:
    """`rate` % of a base (see `amount_base`), exactly (None when the rate has more than 3
    decimals, or is above 10⁶)."""
    amount = scaled(amount_base(build, base), rate)
    return None if amount is None else amount._replace(denominator=amount.denominator * 100)


def scaled(amount: ColumnarAmount, factor: Decimal) -> ColumnarAmount | None:
    """`amount × factor` (a policy's rate or multiplier), exactly; None when `factor` has
    more than 3 decimals or is above 10⁶."""
    import polars as pl

    times, per = factor.as_integer_ratio()
    if per > 1000 or times > 10**6:
        return None
    return times_ratio(amount, pl.lit(times), pl.lit(per))


def times_ratio(amount: ColumnarAmount, times: pl.Expr, per: pl.Expr) -> ColumnarAmount:
    """`amount × times / per` (`per` > 0; integer expressions), exactly: sure
    where `amount` is and the product's numerator stays below `_SAFE` and its denominator
    below `_MAX_DENOMINATOR`, each checked by a division that cannot overflow."""
    import polars as pl

    numerator, denominator, sure = amount
    times, per = times.cast(pl.Int64), per.cast(pl.Int64)  # Polars panics on mixed literals
    fits = (numerator.abs() <= _SAFE // times.abs().clip(lower_bound=1)) & (
        denominator <= _MAX_DENOMINATOR // per)
    return ColumnarAmount(numerator * times, denominator * per,
                          fits if sure is None else sure & fits)


def within(numerator: pl.Expr, denominator: pl.Expr, most: pl.Expr) -> ColumnarAmount:
    """An amount whose size `most` bounds (an int64 expression, in minor units): sure where
    its numerator, at most `most × denominator`, stays below `_SAFE`."""
    return ColumnarAmount(numerator, denominator, most <= _SAFE // denominator)


def clamped(amount: ColumnarAmount, low: int | None = None,
            high: int | None = None) -> ColumnarAmount:
    """`amount` raised to `low` and held to `high` (whole minor units, when given). The
    comparisons divide rather than multiply, so they cannot overflow: for a whole `low`,
    `n/d < low` exactly when `⌊n/d⌋ < low`, and `n/d > high` when `⌈n/d⌉ > high`."""
    import polars as pl

    numerator, denominator, sure = amount
    if low is not None:
        under = numerator // denominator < low
        numerator, denominator = (pl.when(under).then(low).otherwise(numerator),
                                  pl.when(under).then(1).otherwise(denominator))
    amount = ColumnarAmount(numerator, denominator, sure)
    return amount if high is None else held_to(amount, pl.lit(high))


def held_to(amount: ColumnarAmount, left: pl.Expr) -> ColumnarAmount:
    """`amount`, or what is `left` of a cap (nothing when that is negative) where `amount` is
    above it: `left` whole minor units, an integer expression (see `clamped`)."""
    import polars as pl

    numerator, denominator, sure = amount
    over = -(-numerator // denominator) > left
    return ColumnarAmount(pl.when(over).then(left.clip(lower_bound=0)).otherwise(numerator),
                          pl.when(over).then(1).otherwise(denominator), sure)


def granted_before(build: ColumnarBuild, guarantee: str, on_order: bool,
                   since: pl.Expr | None = None, until: pl.Expr | None = None) -> pl.Expr:
    """What `guarantee` granted in the history's slots, in minor units: on this order only
    (`on_order`), and decided from `since` to `until`, both included, when given (an entry
    with no decision time counts whenever), as `amounts.capped` counts it."""
    import polars as pl

    col = build.col
    counted = []
    for j in range(MAX_HISTORY):
        amount, at = col(f"h{j}_amount"), col(f"h{j}_decided_at")
        mine = granted_by(build, j, guarantee) & amount.is_not_null()
        if on_order:
            mine = mine & col(f"h{j}_on_order")
        if since is not None and until is not None:
            mine = mine & (at.is_null() | ((at >= since) & (at <= until)))
        counted.append(pl.when(mine.fill_null(False)).then(amount).otherwise(0))
    return pl.sum_horizontal(*counted)


def granted_by(build: ColumnarBuild, slot: int, guarantee: str) -> pl.Expr:
    """Whether history slot `slot` holds an entry granted by `guarantee`."""
    return build.col(f"h{slot}_present") & (build.col(f"h{slot}_guarantee") == guarantee)


def checked_at(build: ColumnarBuild) -> pl.Expr:
    """The instant a case is checked at: the claim's filing, else (no claim) `as_of`."""
    import polars as pl

    return pl.coalesce(build.col("filed_at"), build.col("as_of"))


def all_sure(amounts: Iterable[ColumnarAmount]) -> pl.Expr | None:
    """Where every one of `amounts` is sure (None: wherever the cases are kept)."""
    sure = [amount.sure for amount in amounts if amount.sure is not None]
    if not sure:
        return None
    import polars as pl

    return pl.all_horizontal(*sure)


def round_half_up(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """`numerator / denominator` (denominator > 0) to a whole minor unit, halves away from
    zero (Decimal's ROUND_HALF_UP, the policy's default 四舍五入), in integers, never through
    a float."""
    import polars as pl

    size = numerator.abs()
    rounded = (2 * size + denominator) // (2 * denominator)
    return pl.when(numerator < 0).then(-rounded).otherwise(rounded)


def in_categories(category: pl.Expr, scope: tuple[str, ...]) -> pl.Expr:
    """Whether a line slot's category (a normalised path, as the validity filter keeps it) is
    one of `scope` or below one, as `model.categories.in_scope` has it."""
    import polars as pl

    return pl.any_horizontal(*(
        (category == entry) | category.str.starts_with(entry + ".")
        for entry in scope)) if scope else pl.lit(False)


def line_fractions(build: ColumnarBuild,
                   value: Callable[[int], pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    """`Σ value(i) × k_i / q_i` over the eligible line slots, exactly: a numerator over the
    product of the eligible lines' quantities (the validity filter keeps both in int64)."""
    import polars as pl

    denominators = [pl.when(build.eligible[i]).then(build.line(i, "qty")).otherwise(1)
                    for i in range(MAX_LINES)]
    denominator = denominators[0]
    for part in denominators[1:]:
        denominator = denominator * part
    numerator = pl.sum_horizontal(*(
        pl.when(build.eligible[i]).then(
            value(i) * build.line(i, "k") * (denominator // denominators[i])).otherwise(0)
        for i in range(MAX_LINES)))
    return numerator, denominator
