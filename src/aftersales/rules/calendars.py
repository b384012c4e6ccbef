"""Ship-by calendars: dated data a policy refers to by id, which moves an order's ship-by
time later: a holiday extension (orders paid in a period ship by a later instant) or a
force-majeure exemption (orders in a region whose ship-by fell in a period ship by a later
instant). Each calendar is a JSON file shipped in `data/calendars/<id>.json`
(docs/ship-by-calendars.md gives the format)."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Annotated, Final, Literal, Self

from pydantic import AfterValidator, BaseModel, Field, model_validator

from ..model.fields import Instant, Text
from ..model.regions import RegionCode
from .protocol import RULE_MODEL

__all__ = ["CALENDARS", "CalendarEntry", "CalendarId", "ShipByCalendar", "calendar",
           "known_calendars"]

CALENDARS: Final = files("aftersales") / "data" / "calendars"
"""The calendars shipped with the package, one `<id>.json` each."""


class CalendarEntry(BaseModel):
    """One dated entry. It applies to an order whose `applies_to` instant (`paid_at` for a
    holiday extension; the ship-by time before any calendar, for a force-majeure exemption)
    is within `start`..`end` (both inclusive), and, when `regions` are given, whose
    `order.region` is one of them. It moves the ship-by time to `ship_by` when that is
    later (the later of the two, never earlier)."""

    model_config = RULE_MODEL

    kind: Literal["holiday_extension", "force_majeure"]
    start: Instant
    end: Instant
    ship_by: Instant
    regions: tuple[RegionCode, ...] = ()
    """Empty: every destination."""
    place: Annotated[Text, Field(max_length=200)] | None = None
    """A finer place than the region code (a county), kept as a note: the entry applies to
    the whole region."""
    source: Annotated[Text, Field(min_length=1, max_length=500)]

    @property
    def applies_to(self) -> Literal["paid_at", "ship_by"]:
        return "paid_at" if self.kind == "holiday_extension" else "ship_by"

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class ShipByCalendar(BaseModel):
    """A calendar file: its id (the file's name), a title, and its entries."""

    model_config = RULE_MODEL

    kind: Literal["ship_by_calendar"] = "ship_by_calendar"
    id: Annotated[Text, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=100)]
    title: Annotated[Text, Field(min_length=1, max_length=200)]
    entries: tuple[CalendarEntry, ...]

    def ship_by(self, base: datetime, paid_at: datetime, region: str | None
                ) -> datetime | None:
        """The latest ship-by time an entry of this calendar gives the order, when one
        applies and is later than `base`; else None."""
        latest: datetime | None = None
        for entry in self.entries:
            anchor = paid_at if entry.applies_to == "paid_at" else base
            if not entry.start <= anchor <= entry.end:
                continue
            if entry.regions and region not in entry.regions:
                continue
            if entry.ship_by > base and (latest is None or entry.ship_by > latest):
                latest = entry.ship_by
        return latest


def known_calendars() -> tuple[str, ...]:
    """The ids of the calendars shipped with the package."""
    return tuple(sorted(entry.name.removesuffix(".json") for entry in CALENDARS.iterdir()
                        if entry.name.endswith(".json")))


@cache
def calendar(calendar_id: str) -> ShipByCalendar:
    """The shipped calendar `calendar_id` (read once)."""
    text = (CALENDARS / f"{calendar_id}.json").read_text(encoding="utf-8")
    read = ShipByCalendar.model_validate(json.loads(text))
    if read.id != calendar_id:
        raise ValueError(f"calendar file {calendar_id}.json names itself {read.id!r}")
    return read


def _known(calendar_id: str) -> str:
    if calendar_id not in known_calendars():
        raise ValueError(f"no ship-by calendar {calendar_id!r} (known: "
                         f"{', '.join(known_calendars())})")
    return calendar_id


CalendarId = Annotated[Text, AfterValidator(_known)]
"""The id of a calendar shipped with the package."""
