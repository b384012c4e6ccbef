"""Preview rows decided as a stream, and the bounded sample of them a report keeps.

A report on a million cases sums up every case as it streams (`summary.Totals`) but keeps
only a sample of the rows (`Sample`): every row while fewer than `keep` have been seen (the
first cases, in input order), then only the invalid ones, `keep` more at most, so that an
error further down is still shown. Preview and diff rows are sampled together: a diff keeps
the same cases under both policies.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Final

from ..engine.inputs import CaseInput
from ..engine.stream import Decided, decide_stream
from ..model.case import Case
from ..model.decision import Decision
from ..model.errors import InvalidCaseError
from ..policy.versions import AnyPolicy
from .case_stream import RawCase, from_sourced
from .previews import Preview, PreviewRow, currency_of, policy_label, title_of
from .sources import CaseItem, SourcedCase, _sourced_item
from .summary import Totals

__all__ = ["SAMPLE_ROWS", "PreviewBuilder", "Sample", "preview_rows", "raw_items", "row_of",
           "with_sources"]

SAMPLE_ROWS: Final = 1000
"""The rows the command line keeps for a report by default (`--sample`)."""


def raw_items(cases: Iterable[CaseItem | RawCase]) -> Iterator[RawCase]:
    """Each item as read: sourced ones with their own numbers, the others numbered `case`
    1, 2..."""
    for number, item in enumerate(cases, start=1):
        if isinstance(item, RawCase):
            yield item
        elif isinstance(item, SourcedCase):
            yield from_sourced(item)
        elif isinstance(item, Case | Mapping | str | bytes):
            yield RawCase(number, "case", item)
        else:  # not a case at all: refused as `sourced_cases` words it
            yield from_sourced(_sourced_item(number, "case", item))


def preview_rows(policies: Sequence[AnyPolicy], cases: Iterable[CaseItem | RawCase], *,
                 trace: bool = False, jobs: int | None = 1,
                 progress: Callable[[], None] | None = None,
                 ) -> Iterator[tuple[RawCase, tuple[PreviewRow, ...]]]:
    """Each case with its row under each policy, decided lazily in input order (`jobs`
    worker processes; `progress` called once per decision)."""
    currencies = [currency_of(policy) for policy in policies]
    for raw, results in with_sources(raw_items(cases), policies, trace=trace, jobs=jobs):
        rows = tuple(row_of(raw, result, currency)
                     for result, currency in zip(results, currencies, strict=True))
        if progress is not None:
            for _ in rows:
                progress()
        yield raw, rows


def with_sources(cases: Iterable[RawCase], policies: Sequence[AnyPolicy], *,
                 trace: bool = False, jobs: int | None = 1, as_json: bool = False,
                 ) -> Iterator[tuple[RawCase, tuple[Decided, ...]]]:
    """Each case as read beside what `decide_stream` made of it under each policy."""
    pending: deque[RawCase] = deque()  # read, not yet decided: a few chunks at most

    def fed() -> Iterator[CaseInput | InvalidCaseError]:
        for raw in cases:
            pending.append(raw)
            yield raw.data

    for results in decide_stream(fed(), policies, trace=trace, jobs=jobs, as_json=as_json):
        yield pending.popleft(), results


def row_of(raw: RawCase, result: object, currency: str | None) -> PreviewRow:
    """The preview row of a case as read, from what deciding it gave."""
    if isinstance(result, Decision):
        return PreviewRow(raw.number, raw.unit, result.case_id, result.order_id, result, None,
                          currency)
    assert isinstance(result, InvalidCaseError)
    case_id, order_id = raw.ids()
    return PreviewRow(raw.number, raw.unit, case_id, order_id, None, result, currency)


class Sample:
    """The rows kept of a stream: every one of the first `keep` cases, then invalid ones
    only, `keep` more at most (None keeps every row). `seen` counts every case offered.

    A sample may start `start` cases into the stream (the chunk a worker decides): it keeps
    what a sample of the whole stream could keep there, each row with its place in the
    stream, and is merged into the sample of the cases before it (`merge`)."""

    def __init__(self, keep: int | None, *, start: int = 0) -> None:
        if keep is not None and keep < 0:
            raise ValueError(f"keep must be at least 0 (got {keep})")
        if start < 0:
            raise ValueError(f"start must be at least 0 (got {start})")
        self.keep = keep
        self.start = start
        self.seen = start
        self.kept: list[tuple[PreviewRow, ...]] = []
        self._places: list[int] = []
        self._invalid = 0

    def offer(self, rows: tuple[PreviewRow, ...]) -> None:
        """One case's rows (one per policy), kept or left out together."""
        self.seen += 1
        self._take(rows)

    def pass_over(self) -> None:
        """Count a valid case past the first `keep`, which this sample never keeps, without
        its rows (the columnar path sums such cases up without making them)."""
        if self.keep is None or self.seen < self.keep:
            raise ValueError("only a valid case past the first `keep` may be passed over")
        self.seen += 1

    def _take(self, rows: tuple[PreviewRow, ...]) -> None:
        """Keep the rows of the `seen`-th case, or leave them out."""
        keep = self.keep
        if keep is None or self.seen <= keep:
            self.kept.append(rows)
            self._places.append(self.seen)
        elif self._invalid < keep and any(row.error is not None for row in rows):
            self._invalid += 1
            self.kept.append(rows)
            self._places.append(self.seen)

    def merge(self, other: Sample) -> None:
        """Take `other`'s cases as if they had been offered after these: what this sample
        would have kept of both streams, one after the other (still `keep` + `keep` rows at
        most). Each row `other` kept is offered again at its place in the whole stream."""
        if other.keep != self.keep:
            raise ValueError(f"only samples of the same size merge ({self.keep} and "
                             f"{other.keep})")
        offset = self.seen - other.start
        for place, rows in zip(other._places, other.kept, strict=True):
            self.seen = place + offset
            self._take(rows)
        self.seen = other.seen + offset

    @property
    def left_out(self) -> int:
        return self.seen - len(self.kept)

    def side(self, index: int) -> tuple[PreviewRow, ...]:
        """The kept rows under the `index`-th policy."""
        return tuple(rows[index] for rows in self.kept)


class PreviewBuilder:
    """A preview built as its rows stream: every row summed up, a `Sample` of them kept.

    A builder of part of the stream (`part`: a worker's chunk) holds no policy, only its
    currency; it is merged in order into the builder of the whole preview (`merge`)."""

    def __init__(self, policy: AnyPolicy, keep: int | None = None) -> None:
        self.policy: AnyPolicy | None = policy
        self.totals = Totals(currency_of(policy))
        self.sample = Sample(keep)

    @classmethod
    def part(cls, currency: str | None, keep: int | None, *, start: int) -> PreviewBuilder:
        """A builder of the cases from the `start`-th on, to be merged into the whole's."""
        built = cls.__new__(cls)
        built.policy = None
        built.totals = Totals(currency)
        built.sample = Sample(keep, start=start)
        return built

    def add(self, row: PreviewRow) -> None:
        self.totals.add(row.decision)
        self.sample.offer((row,))

    def merge(self, other: PreviewBuilder) -> None:
        """Take `other`'s rows as if they had been added after these."""
        self.totals.merge(other.totals)
        self.sample.merge(other.sample)

    def preview(self) -> Preview:
        if self.policy is None:
            raise ValueError("a part of a preview has no policy: merge it into the whole's")
        summary = self.totals.summary()
        return Preview(policy=policy_label(self.policy), rows=self.sample.side(0),
                       summary=summary, title=title_of(self.policy, summary),
                       left_out=self.sample.left_out)
