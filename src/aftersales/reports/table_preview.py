"""A preview's share of a chunk of cases decided on the columnar path (`evaluate_table`).

A text or HTML preview shows a bounded sample of its rows (`rows.Sample`) and sums
up every case. Past the sample's first cases, a valid case's row is never kept, so all the
preview needs of it is what the summary counts: its status, policy version, main reason and
remedies, which are the columns of `evaluate_table`. Those cases are decided by the columnar
plan, a chunk at a time, and summed up in Polars; the cases the sample may keep (the first
`keep` of the stream, and every invalid one, whose problems the command line says) are
decided by the row engine as `parts.preview_part` decides them, so the report is the one the
row engine gives. `tests/unit/reports/test_table_preview.py` holds the two to the same
report.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from ..engine import resolve
from ..engine.stream import Decide
from ..model.money import minor_unit
from ..policy.versions import AnyPolicy
from .case_stream import RawCase
from .parts import PreviewPart
from .previews import currency_of
from .rows import PreviewBuilder, row_of
from .summary import Totals

if TYPE_CHECKING:
    import polars as pl

__all__ = ["TABLE_CHUNK_SIZE", "decides_in_tables", "table_preview_part"]

TABLE_CHUNK_SIZE: Final = 10_000
"""Cases per chunk on the columnar path: the plan's fixed cost (a few milliseconds a call)
stays small beside deciding the chunk, and a chunk's texts and flat columns take some tens of
megabytes."""
_CENT: Final = Decimal("0.01")


def decides_in_tables(policy: AnyPolicy) -> bool:
    """Whether a preview under `policy` may be summed up on the columnar path: the columnar
    extra is installed, the policy pays in one currency of cents (the table's minor units),
    and some claim kind of some version has a columnar plan."""
    currency = currency_of(policy)
    if currency is None or minor_unit(currency) != _CENT:
        return False
    from ..columnar._polars import ColumnarUnavailableError, require

    try:
        require()
    except ColumnarUnavailableError:
        return False
    from ..columnar.evaluate import has_columnar_plan

    return has_columnar_plan(resolve(policy))


def table_preview_part(policy: AnyPolicy, currency: str, keep: int | None, decide: Decide,
                       start: int, chunk: list[RawCase]) -> PreviewPart:
    """The preview's share of `chunk` (the cases from the `start`-th on), as
    `parts.preview_part` gives it for a preview that renders no rows: the cases past the
    sample's first `keep` that the columnar path decides are summed up from its table, the
    others decided one by one."""
    import polars as pl

    from ..columnar import evaluate_table

    built = PreviewBuilder.part(currency, keep, start=start)
    first = len(chunk) if keep is None else max(0, min(len(chunk), keep - start))
    places, texts = [], []
    for place in range(first, len(chunk)):
        text = _text(chunk[place])
        if text is not None:
            places.append(place)
            texts.append(text)
    summed = [False] * len(chunk)
    if texts:
        frame = evaluate_table(pl.DataFrame({"case": texts}, schema={"case": pl.String}),
                               policy).frame.with_columns(place=pl.Series(places))
        decided = frame.filter(pl.col("error").is_null())
        for place in decided["place"]:
            summed[place] = True
        built.totals.merge(_totals(decided, currency))
    said: list[str] = []
    for raw, in_table in zip(chunk, summed, strict=True):
        if in_table:
            built.sample.pass_over()
            continue
        (result,) = decide(raw.data)
        row = row_of(raw, result, currency)
        built.add(row)
        if row.error is not None:
            said.append(f"{raw.where}: {row.error}")
    return PreviewPart(built, tuple(said), "", len(chunk))


def _text(raw: RawCase) -> str | None:
    """The JSON text of a case read as a line, or None (a CSV row, a case read whole, a
    reader's error, bytes that are not UTF-8): the row engine decides those."""
    data = raw.data
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return data if isinstance(data, str) else None


def _totals(decided: pl.DataFrame, currency: str) -> Totals:
    """What `Totals.add` counts of each decision, counted at once over the decided rows of
    an `evaluate_table` frame (amounts in cents; the columnar path grants no advances):
    a Python call a row would cost more than deciding it. `test_table_preview` holds the
    two to the same summary."""
    import polars as pl

    totals = Totals(currency)
    totals.cases = decided.height
    for (status, version), count in _counted(decided, "status", "policy_version"):
        totals.statuses[status] += count
        totals.versions[version] += count
    reasons = decided.filter(pl.col("reason_code").is_not_null())
    for (code, guarantee), count in _counted(reasons, "reason_code", "reason_guarantee"):
        totals.reasons[code, guarantee] += count
    remedies = decided.select("place", "remedies").explode("remedies").filter(
        pl.col("remedies").is_not_null()).unnest("remedies")
    for (guarantee,), count in _counted(remedies.unique(["place", "guarantee"]),
                                        "guarantee"):
        totals.approvals[guarantee] += count
        totals.by_guarantee.setdefault(guarantee, Decimal(0))
    paid = remedies.filter(pl.col("amount").is_not_null())
    for field, into in (("guarantee", totals.by_guarantee), ("kind", totals.by_kind),
                        ("payer", totals.by_payer)):
        for key, cents in paid.group_by(field).agg(pl.col("amount").sum()).iter_rows():
            into[key] = into.get(key, Decimal(0)) + Decimal(cents).scaleb(-2)
    return totals


def _counted(frame: pl.DataFrame, *keys: str) -> Sequence[tuple[tuple[str, ...], int]]:
    """The rows of `frame` counted by the values of `keys`."""
    counts = frame.group_by(*keys).len()
    return [(tuple(row[:-1]), row[-1]) for row in counts.iter_rows()]
