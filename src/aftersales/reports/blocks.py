"""The parts a report is drawn from: tables, side-by-side texts, charts, and the layout that
holds them. Text from the cases (ids, reasons) is escaped here (`printable`): a case id cannot
forge a row or a line of a report, nor send a terminal escape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..model.printable import printable

__all__ = ["Bar", "Chart", "Layout", "SideBySide", "Table"]


@dataclass(frozen=True, slots=True)
class Table:
    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    """Indexes of the columns holding numbers (aligned right)."""
    status: int | None = None
    """Index of the column holding a status (coloured)."""
    wrap: frozenset[int] = frozenset()
    """Columns whose long cells may wrap in a terminal (the others never break)."""
    wide: frozenset[int] = frozenset()
    """Columns too long for a terminal: the text report leaves them out."""
    key: frozenset[int] = frozenset()
    """Columns a terminal always shows, whole (a case's id, status, payout, main reason); the
    others are wrapped or, in a narrow window, left out."""
    statuses: tuple[str, ...] = ()
    """Each row's status code (`approved`), whatever language its status cell is worded in."""
    data: tuple[Mapping[str, str], ...] = ()
    """Each row's attributes for tools (`guarantee`, `transition`), in the HTML as `data-*`."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(tuple(printable(cell) for cell in row)
                                               for row in self.rows))

    def status_of(self, index: int) -> str:
        """The status code of row `index` (its status cell when no code is given)."""
        if index < len(self.statuses):
            return self.statuses[index]
        return self.rows[index][self.status] if self.status is not None else ""


@dataclass(frozen=True, slots=True)
class SideBySide:
    id: str
    title: str
    left_title: str
    left: str
    right_title: str
    right: str
    left_changed: frozenset[int] = frozenset()
    """Indexes of the lines of `left` that are not in `right` (and so on)."""
    right_changed: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    values: tuple[Decimal, ...]
    """One value per series of the chart."""
    note: str = ""
    """Said beside the values (an advance paid within a refund counted elsewhere)."""


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    series: tuple[str, ...]
    bars: tuple[Bar, ...]
    currency: str | None
    empty: str = "nothing paid"
    """Said when there is no bar."""


@dataclass(frozen=True, slots=True)
class Layout:
    title: str
    summary: tuple[Table, ...]
    chart: Chart
    details: tuple[Table | SideBySide, ...]
    notes: tuple[str, ...] = field(default=())
    lang: str = "en"
    subtitle: str = ""
    """The policy's title."""
    more: tuple[Table | Chart, ...] = ()
    """What only the HTML report shows (counts by reason, the payer chart)."""
    words: Mapping[str, str] = field(default_factory=dict)
    """The labels of the report's own headings (`notes`, `none`, `explained_heading`...)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", printable(self.title))
        object.__setattr__(self, "subtitle", printable(self.subtitle))
        object.__setattr__(self, "notes", tuple(printable(note) for note in self.notes))
