"""The ship-by clock: when an order must ship, as the ship-time conditions and tables read
it. From the order's `promise_type` when it gives one and the clock reads it (当日发货: paid
before 16:00 local time ships by 23:59:59 that day, else by 23:59:59 the next day; 次日发货:
by 23:59:59 the day after payment; 48小时发货: within 48 hours of payment), else from
`promised_ship_by`; then moved later by the ship-by calendars the clock names. And when the
order counts as shipped: `shipped_at`, or the carrier's pickup scan when the case gives one."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from pydantic import BaseModel

from ..model.fields import Flag
from ..model.kinds import PromiseType
from ..model.records import OrderRecord
from .calendars import CalendarId, calendar
from .protocol import RULE_MODEL

if TYPE_CHECKING:
    import polars as pl

    from .columnar import ColumnarBuild

__all__ = ["CUT_OFF", "ShipBy", "ShipByClock", "promised_by_type"]

CUT_OFF: Final = time(16)
"""当日发货: paid before this local time ships the same day."""
_DAY_END: Final = time(23, 59, 59)
_FORTY_EIGHT: Final = timedelta(hours=48)
_MICROSECOND: Final = timedelta(microseconds=1)


class ShipBy(NamedTuple):
    """An order's ship-by time, and what set it: `promised_ship_by`, a promise type
    (`same_day`, ...) or a calendar (its id)."""

    at: datetime
    source: str


def promised_by_type(promise: PromiseType, paid_at: datetime, zone: tzinfo) -> datetime:
    """The ship-by time a promise type gives an order paid at `paid_at` (days in `zone`)."""
    if promise == PromiseType.WITHIN_48H:
        return paid_at + _FORTY_EIGHT
    local = paid_at.astimezone(zone)
    days = 0 if promise == PromiseType.SAME_DAY and local.time() < CUT_OFF else 1
    day = local.date() + timedelta(days=days)
    return datetime.combine(day, _DAY_END, tzinfo=zone).astimezone(paid_at.tzinfo)


class ShipByClock(BaseModel):
    """How a rule reads an order's ship-by time and ship time. `promise_types`: derive the
    ship-by time from `order.promise_type` when the case gives one; `calendars`: the ship-by
    calendars (ids, `data/calendars/`) that may move it later; `ship_time`: `shipped_at`, or
    `pickup` (the carrier's pickup scan `picked_up_at` when the case gives one, else
    `shipped_at`)."""

    model_config = RULE_MODEL

    promise_types: Flag = True
    calendars: tuple[CalendarId, ...] = ()
    ship_time: Literal["shipped_at", "pickup"] = "shipped_at"

    def ship_by(self, order: OrderRecord, zone: tzinfo) -> ShipBy:
        promise = order.promise_type
        if self.promise_types and promise is not None:
            found = ShipBy(promised_by_type(promise, order.paid_at, zone), str(promise))
        else:
            found = ShipBy(order.promised_ship_by, "promised_ship_by")
        base = found.at
        for calendar_id in self.calendars:
            later = calendar(calendar_id).ship_by(base, order.paid_at, order.region)
            if later is not None and later > found.at:
                found = ShipBy(later, calendar_id)
        return found

    def shipped_at(self, order: OrderRecord) -> datetime | None:
        if self.ship_time == "pickup" and order.picked_up_at is not None:
            return order.picked_up_at
        return order.shipped_at

    def columnar_ship_by(self, build: ColumnarBuild) -> pl.Expr:
        """`ship_by`, on the case table's columns (UTC microseconds)."""
        import polars as pl

        from .columnar import at_wall_clock, local_time, microseconds

        col = build.col
        paid, found = col("paid_at"), col("promised_ship_by")
        if self.promise_types:
            promise, local = col("promise_type"), local_time(paid, build.zone)
            days = pl.when((promise == PromiseType.SAME_DAY.value)
                           & (local.dt.time() < CUT_OFF)).then(0).otherwise(1)
            day_end = at_wall_clock(local.dt.date().cast(pl.Datetime("us")) + pl.duration(
                days=days, hours=_DAY_END.hour, minutes=_DAY_END.minute,
                seconds=_DAY_END.second), build.zone, _DAY_END)
            found = pl.when(promise == PromiseType.WITHIN_48H.value).then(
                paid + _FORTY_EIGHT // _MICROSECOND).when(promise.is_not_null()).then(
                day_end).otherwise(found)
        later = []
        for calendar_id in self.calendars:
            for entry in calendar(calendar_id).entries:
                anchor = paid if entry.applies_to == "paid_at" else found
                ship_by = microseconds(entry.ship_by)
                applies = anchor.is_between(microseconds(entry.start), microseconds(entry.end))
                if entry.regions:
                    applies = applies & col("region").is_in(list(entry.regions))
                later.append(pl.when(applies).then(pl.lit(ship_by)))
        return pl.max_horizontal(found, *later) if later else found

    def columnar_shipped_at(self, build: ColumnarBuild) -> pl.Expr:
        """`shipped_at`, on the case table's columns (UTC microseconds; null: not shipped)."""
        import polars as pl

        shipped = build.col("shipped_at")
        if self.ship_time == "pickup":
            return pl.coalesce(build.col("picked_up_at"), shipped)
        return shipped
