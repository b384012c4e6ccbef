"""Which cases may be decided from the flat columns: exactly those the row reader accepts as
they are, found without settling each case in Python.

Two halves, as `records.decode_case` has them:
- `as_written`: msgspec reads the text as a case record, with every constraint a single field
  has (types, lengths, ranges, choices) and no key written twice. One C call a case; only
  these texts are read into flat columns. The text patterns of instants, amounts and the
  currency are left to `frame.flatten`, whose plain forms of them are stricter (a test holds
  every patterned field to it), and which checks them on whole columns for far less than
  msgspec's regular expression a text. A typed case table's rows are checked for the same
  constraints on whole columns (`typed.well_formed`).
- `consistent`: the facts checked against each other on whole columns, every check
  `consistency.case_problems` makes (the order of events, claimed lines and quantities, the
  history against the order), on the plain cases `frame.flatten` reads (whose amounts have
  at most two decimals and whose instants and categories are in their one form).

A case either half refuses goes through the row engine, which decides it or says what is
wrong, exactly as `evaluate` does. `tests/unit/columnar/test_valid.py` holds the two to
`decode_case`'s answers."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from itertools import combinations
from typing import TYPE_CHECKING

from ..model.kinds import ACTIONS, ASKING_AN_AMOUNT, ClaimKind, RemedyKind
from ..model.records import decodes_as_written
from ..rules.columnar import MAX_HISTORY, MAX_LINES, MAX_MINOR, MAX_QUANTITY
from .frame import flatten, flatten_typed
from .typed import check_types, is_typed, well_formed

if TYPE_CHECKING:
    import polars as pl

__all__ = ["as_written", "consistent", "decidable"]

_PERCENT_LIMIT = 100 * 100
"""100 %, in hundredths (the plain form's two decimals)."""


def decidable(cases: pl.DataFrame, currency: str) -> pl.DataFrame:
    """The flat columns of the cases in `cases` (a `row` column, and a `case` column of JSON
    texts or the columns of a typed case table) that are read as written, with `plain` set
    where the case may be decided from them: in the plain form, consistent, and small enough
    for exact int64 arithmetic."""
    import polars as pl

    if is_typed(cases):
        check_types(cases)
        flat = flatten_typed(cases.filter(well_formed(cases)), currency)
    else:
        flat = _flattened_as_written(cases, currency)
    return flat.with_columns(plain=pl.col("plain") & consistent() & _in_bounds())


def _flattened_as_written(cases: pl.DataFrame, currency: str) -> pl.DataFrame:
    """The flat columns of the texts msgspec reads as written. Polars flattens every text in
    a thread of its own (outside the GIL) while msgspec reads them here, so the two costs
    overlap; the texts msgspec refuses are then dropped. Flattening is row by row, so this
    is what flattening only the accepted texts gives, which is done instead when a refused
    text is one Polars cannot decode at all."""
    import polars as pl
    from polars.exceptions import PanicException

    with ThreadPoolExecutor(max_workers=1) as pool:
        flattening = pool.submit(flatten, cases, currency)
        written = pl.Series(as_written(cases["case"].to_list()), dtype=pl.Boolean)
        try:
            return flattening.result().filter(written)
        except (pl.exceptions.PolarsError, PanicException):  # a text that is not a case
            return flatten(cases.filter(written), currency)


def as_written(texts: Iterable[str | None]) -> list[bool]:
    """For each text, whether msgspec reads it as a case record, its text patterns left to
    `frame.flatten` (see the module's doc)."""
    return [text is not None and decodes_as_written(text) for text in texts]


def consistent() -> pl.Expr:
    """Whether a plain case's facts agree with each other, as `Case` checks them."""
    import polars as pl

    col = pl.col
    slots = range(MAX_LINES)
    checks: list[pl.Expr] = []
    checks += [col(f"l{i}_id").is_null() | col(f"l{j}_id").is_null()
               | (col(f"l{i}_id") != col(f"l{j}_id")) for i, j in combinations(slots, 2)]
    checks += _order_checks()
    checks += _claim_checks()
    checks += _history_checks()
    discount = col("payment_channel_discount")
    checks += [discount.is_null() | (discount <= col("total")),
               col("affected_percent").is_null() | (col("affected_percent") <= _PERCENT_LIMIT)]
    return pl.all_horizontal(*(check.fill_null(False) for check in checks))


def _in_bounds() -> pl.Expr:
    """Quantities and amounts small enough for exact int64 arithmetic."""
    import polars as pl

    quantities = [pl.col(f"l{i}_qty").is_null() | pl.col(f"l{i}_qty").is_between(1, MAX_QUANTITY)
                  for i in range(MAX_LINES)]
    return pl.all_horizontal(*quantities) & (pl.col("total") <= MAX_MINOR) & (
        pl.col("reference").is_null() | (pl.col("reference") <= MAX_MINOR))


def _not_after(name: str, limit: str) -> pl.Expr:
    import polars as pl

    return pl.col(name).is_null() | (pl.col(name) <= pl.col(limit))


def _order_checks() -> list[pl.Expr]:
    import polars as pl

    col = pl.col
    shipped = col("shipped_at")
    return [
        col("promised_ship_by") >= col("paid_at"),
        shipped.is_null() | (shipped >= col("paid_at")),
        *(col(name).is_null() | (shipped.is_not_null() & (col(name) >= shipped))
          for name in ("delivered_at", "receipt_confirmed_at")),
        *(_not_after(name, "as_of")
          for name in ("paid_at", "shipped_at", "delivered_at", "receipt_confirmed_at")),
    ]


def _claim_checks() -> list[pl.Expr]:
    import polars as pl

    col = pl.col
    no_claim = col("claim_kind").is_null()
    received = col("return_received_at")
    checks = [
        col("filed_at") <= col("as_of"),
        col("filed_at") >= col("paid_at"),
        (col("claim_kind") != ClaimKind.PRICE_MATCH.value) | col("reference").is_not_null(),
        ~col("claim_kind").is_in([kind.value for kind in ASKING_AN_AMOUNT])
        | col("requested_amount").is_not_null(),
        received.is_null() | ((received <= col("as_of")) & (received >= col("filed_at"))),
        ~col("claim_lines_empty").fill_null(False),
    ]
    for j in range(MAX_LINES):  # each claimed line is a line of the order, bought as often
        line_id, quantity, slot = col(f"c{j}_line_id"), col(f"c{j}_qty"), col(f"c{j}_slot")
        bought = pl.coalesce(*(pl.when(slot == i).then(col(f"l{i}_qty"))
                               for i in range(MAX_LINES)))
        checks.append(line_id.is_null() | (bought.is_not_null() & (quantity <= bought)))
    # no line claimed twice (the order's line ids are distinct: the same slot, the same id)
    checks += [col(f"c{i}_line_id").is_null() | col(f"c{j}_line_id").is_null()
               | (col(f"c{i}_slot") != col(f"c{j}_slot"))
               for i, j in combinations(range(MAX_LINES), 2)]
    return [no_claim | check for check in checks]


def _history_checks() -> list[pl.Expr]:
    import polars as pl

    col = pl.col
    actions = [kind.value for kind in ACTIONS]
    line_ids = [col(f"l{i}_id") for i in range(MAX_LINES)]
    checks: list[pl.Expr] = []
    for j in range(MAX_HISTORY):
        amount, kind = col(f"h{j}_amount"), col(f"h{j}_kind")
        entry_lines = col(f"h{j}_line_ids")
        # Every line id of the entry is one of the order's: the order's ids are distinct, so
        # that is as many of them in the entry as the entry has distinct ids.
        known = pl.sum_horizontal(*(entry_lines.list.contains(line_id).fill_null(False)
                                    for line_id in line_ids)) == entry_lines.list.n_unique()
        entry = [
            amount.is_not_null() | kind.is_in(actions),
            _not_after(f"h{j}_decided_at", "as_of"),
            _not_after(f"h{j}_fulfilled_at", "as_of"),
            ~col(f"h{j}_on_order") | (kind != RemedyKind.REFUND.value) | amount.is_null()
            | (amount <= col("total")),
        ]
        entry.append(~col(f"h{j}_on_order") | known)
        checks += [~col(f"h{j}_present") | check for check in entry]
    return checks
