"""A report's share of a chunk of cases, made where the chunk is decided (a worker process,
through `engine.stream.fold_stream`), so that what crosses back is the chunk's counts and the
few rows its sample keeps, never every decision; the parent merges the parts in input order.

Each fold is a module function, bound to its settings with `functools.partial`, so that it
pickles: the settings are the policies' currencies, never the policies (which the workers
already hold)."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain

from ..engine.stream import Decide, fold_stream
from ..wording import Lang
from .case_stream import RawCase
from .diffs import DiffBuilder
from .formats import _json_value, _preview_cells
from .previews import Engine, PreviewRow
from .rows import PreviewBuilder, raw_items, row_of
from .sources import CaseItem

__all__ = ["DiffPart", "Engine", "PreviewPart", "diff_part", "folded_diff", "folded_preview",
           "preview_part", "rendered_rows"]

DIFF_CHUNK_SIZE = 5000
"""Cases per chunk of a diff: a part keeps up to `max(first, keep)` changed cases (1,000 by
default), so a chunk several times that sends back only the most significant of its own."""


@dataclass(frozen=True, slots=True)
class PreviewPart:
    """A chunk's share of a preview: its counts and sample, each invalid case as the command
    line says it (`line 3: ...`), and its rows rendered (`format`, when asked)."""

    built: PreviewBuilder
    said: tuple[str, ...]
    rendered: str
    cases: int


@dataclass(frozen=True, slots=True)
class DiffPart:
    """A chunk's share of a diff, and each invalid case as the command line says it."""

    built: DiffBuilder
    said: tuple[str, ...]
    cases: int


def folded_preview(built: PreviewBuilder, cases: Iterable[CaseItem | RawCase], *,
                   format: str | None = None, lang: Lang = "en", trace: bool = False,
                   jobs: int | None = 1, engine: Engine = "row") -> Iterator[PreviewPart]:
    """Each chunk's part of `built`'s preview of `cases`, merged into `built` before it is
    yielded (for what the caller does besides: say the invalid cases, write the rows).
    `engine` `columnar` sums up on the columnar path the cases a preview neither shows nor
    renders (`table_preview`) when they are JSON texts and the policy has a columnar plan;
    `row` decides every case by the row engine."""
    from .table_preview import TABLE_CHUNK_SIZE, decides_in_tables, table_preview_part

    policy = built.policy
    assert policy is not None, "only the whole preview's builder folds a stream"
    currency, keep = built.totals.currency, built.sample.keep
    items = raw_items(cases)
    first = next(items, None)
    items = chain(() if first is None else (first,), items)
    if engine == "columnar" and format is None and not trace and keep is not None \
            and currency is not None and first is not None \
            and isinstance(first.data, str | bytes) and decides_in_tables(policy):
        # JSON texts (a file of JSON lines): the columnar path reads them as they are
        table_fold = partial(table_preview_part, policy, currency, keep)
        parts = fold_stream(items, (policy,), table_fold, jobs=1, chunk_size=TABLE_CHUNK_SIZE)
    else:
        fold = partial(preview_part, currency, keep, format, lang)
        parts = fold_stream(items, (policy,), fold, trace=trace, jobs=jobs)
    for part in parts:
        built.merge(part.built)
        yield part


def folded_diff(built: DiffBuilder, cases: Iterable[CaseItem | RawCase], *,
                jobs: int | None = 1) -> Iterator[DiffPart]:
    """Each chunk's part of `built`'s diff of `cases`, merged into `built` before it is
    yielded."""
    assert built.policies is not None, "only the whole diff's builder folds a stream"
    old, new = built.totals
    fold = partial(diff_part, (old.currency, new.currency), built.first, built.sample.keep)
    for part in fold_stream(raw_items(cases), built.policies, fold, jobs=jobs,
                            chunk_size=DIFF_CHUNK_SIZE):
        built.merge(part.built)
        yield part


def preview_part(currency: str | None, keep: int | None, format: str | None, lang: Lang,
                 decide: Decide, start: int, chunk: list[RawCase]) -> PreviewPart:
    """The preview's share of `chunk` (the cases from the `start`-th on); `format` `csv` or
    `json` renders every row as the command line writes it."""
    built = PreviewBuilder.part(currency, keep, start=start)
    said: list[str] = []
    rows: list[PreviewRow] = []
    for raw in chunk:
        (result,) = decide(raw.data)
        row = row_of(raw, result, currency)
        built.add(row)
        if row.error is not None:
            said.append(f"{raw.where}: {row.error}")
        if format is not None:
            rows.append(row)
    return PreviewPart(built, tuple(said), rendered_rows(format, rows, lang), len(chunk))


def diff_part(currencies: tuple[str | None, str | None], first: int, keep: int | None,
              decide: Decide, start: int, chunk: list[RawCase]) -> DiffPart:
    """The diff's share of `chunk` (the cases from the `start`-th on)."""
    built = DiffBuilder.part(currencies, first=first, keep=keep, start=start)
    said: list[str] = []
    for raw in chunk:
        before, after = (row_of(raw, result, currency)
                         for result, currency in zip(decide(raw.data), currencies, strict=True))
        built.add(raw, (before, after))
        error = after.error if after.error is not None else before.error
        if error is not None:
            said.append(f"{raw.where}: {error}")
    return DiffPart(built, tuple(said), len(chunk))


def rendered_rows(format: str | None, rows: Sequence[PreviewRow], lang: Lang) -> str:
    """The rows as a preview's CSV writes them (a line each), or as its JSON lists them
    (objects indented into the list, separated by `,\\n`); empty for any other format."""
    if format == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        for row in rows:
            writer.writerow(_preview_cells(row, lang))
        return out.getvalue()
    if format == "json":
        texts = []
        for row in rows:
            data = row.to_dict()
            data["reason_message"] = row.reason_in(lang)
            texts.append(textwrap.indent(json.dumps(data, indent=2, ensure_ascii=False,
                                                    default=_json_value), "    "))
        return ",\n".join(texts)
    return ""
