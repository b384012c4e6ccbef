"""The case table: JSON texts of cases (one `case` column) read into flat columns, one row per
case, with up to `MAX_LINES` line slots and `MAX_HISTORY` history slots; instants as UTC
microseconds and money as integer minor units, never floats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..rules.columnar import MAX_HISTORY, MAX_LINES
from ._polars import require

if TYPE_CHECKING:
    import polars as pl

__all__ = ["case_texts", "flatten"]

_INSTANT = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?[+-]\d{2}:\d{2}$"
_AMOUNT = r"^\d{1,10}(\.\d{1,2})?$"
_CATEGORY = r"^[a-z0-9_]+(\.[a-z0-9_]+)*$"


def case_texts(cases: Any) -> pl.DataFrame:
    """The `case` column of `cases` (an Arrow table, a Polars frame, or a `.parquet` or
    `.jsonl` path) as a one-column frame of JSON texts."""
    require()
    import polars as pl

    if isinstance(cases, str | Path):
        path = Path(cases)
        if path.suffix == ".parquet":
            frame = pl.read_parquet(path, columns=["case"])
        elif path.suffix == ".jsonl":
            texts = [line for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip()]
            frame = pl.DataFrame({"case": texts}, schema={"case": pl.String})
        else:
            raise ValueError(f"{path}: evaluate_table reads .parquet or .jsonl files")
    elif isinstance(cases, pl.DataFrame):
        frame = cases
    else:
        import pyarrow as pa

        if not isinstance(cases, pa.Table):
            raise TypeError("evaluate_table takes a pyarrow.Table, a polars.DataFrame, or a "
                            f"path to a .parquet or .jsonl file, not {type(cases).__name__}")
        converted = pl.from_arrow(cases)
        assert isinstance(converted, pl.DataFrame)
        frame = converted
    if "case" not in frame.columns:
        raise ValueError("the cases table needs a `case` column of JSON texts (one case a row)")
    return frame.select(pl.col("case").cast(pl.String))


def _schema() -> pl.Struct:
    import polars as pl

    text, texts = pl.String, pl.List(pl.String)
    line = pl.Struct({"id": text, "category": text, "quantity": pl.Int64,
                      "paid_amount": text})
    order = pl.Struct({"id": text, "currency": text, "paid_at": text,
                       "promised_ship_by": text, "shipped_at": text, "delivered_at": text,
                       "lines": pl.List(line)})
    claim = pl.Struct({"kind": text, "filed_at": text, "evidence": texts,
                       "reference_price": text,
                       "lines": pl.List(pl.Struct({"line_id": text, "quantity": pl.Int64}))})
    entry = pl.Struct({"guarantee": text, "kind": text, "amount": text, "line_ids": texts,
                       "order_id": text})
    return pl.Struct({"id": text, "as_of": text, "order": order, "claim": claim,
                      "history": pl.List(entry)})


def _instant(expr: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """UTC microseconds of an instant text, and whether the text is in the plain form read
    here (null texts are fine: the field is absent)."""
    import polars as pl

    plain = expr.is_null() | expr.str.contains(_INSTANT)
    full = pl.when(expr.str.len_chars() == 25).then(
        expr.str.slice(0, 19) + ".000000" + expr.str.slice(19)).otherwise(expr)
    at = full.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f%:z", time_zone="UTC", time_unit="us",
                              strict=False)
    return at.dt.epoch("us"), plain & (expr.is_null() | at.is_not_null())


def _minor(expr: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """An amount text in minor units (2 decimals), and whether it is in the plain form."""
    import polars as pl

    plain = expr.is_null() | expr.str.contains(_AMOUNT)
    parts = expr.str.split_exact(".", 1)
    whole = parts.struct.field("field_0").cast(pl.Int64, strict=False)
    fraction = parts.struct.field("field_1").fill_null("").str.pad_end(2, "0").cast(
        pl.Int64, strict=False)
    return whole * 100 + fraction, plain


def flatten(texts: pl.DataFrame, currency: str) -> pl.DataFrame:
    """The cases' flat columns, and `plain`: whether the case is in the form read here (the
    rest go through the row engine). Only texts the row reader accepts as they are (see
    `aftersales.columnar.valid`) may be decided from these columns."""
    require()
    import polars as pl

    case = pl.col("case").str.json_decode(_schema())
    frame = texts.with_row_index("row").with_columns(case.alias("_c"))
    c, o = pl.col("_c"), pl.col("_c").struct.field("order")
    claim = c.struct.field("claim")
    lines, history = o.struct.field("lines"), c.struct.field("history")
    claim_lines = claim.struct.field("lines")
    columns: dict[str, pl.Expr] = {
        "case_id": c.struct.field("id"), "order_id": o.struct.field("id"),
        "claim_kind": claim.struct.field("kind"),
        "evidence": claim.struct.field("evidence").fill_null([]),
        "n_lines": lines.list.len(), "n_history": history.list.len().fill_null(0),
    }
    plain: list[pl.Expr] = [
        o.struct.field("currency").fill_null("CNY") == currency,
        lines.list.len().is_between(1, MAX_LINES),
        history.list.len().fill_null(0) <= MAX_HISTORY,
        claim_lines.list.len().fill_null(0) <= MAX_LINES,
    ]
    for name, expr in (("as_of", c.struct.field("as_of")),
                       ("paid_at", o.struct.field("paid_at")),
                       ("promised_ship_by", o.struct.field("promised_ship_by")),
                       ("shipped_at", o.struct.field("shipped_at")),
                       ("delivered_at", o.struct.field("delivered_at")),
                       ("filed_at", claim.struct.field("filed_at"))):
        at, ok = _instant(expr)
        columns[name] = at
        plain.append(ok)
    reference, ok = _minor(claim.struct.field("reference_price"))
    columns["reference"] = reference
    plain.append(ok)
    for i in range(MAX_LINES):
        line = lines.list.get(i, null_on_oob=True)
        line_id = line.struct.field("id")
        paid, ok = _minor(line.struct.field("paid_amount"))
        category = line.struct.field("category")
        quantity = line.struct.field("quantity")
        claimed = pl.sum_horizontal(*(
            pl.when(part.struct.field("line_id") == line_id)
            .then(part.struct.field("quantity")).otherwise(0)
            for part in (claim_lines.list.get(j, null_on_oob=True)
                         for j in range(MAX_LINES))))
        columns |= {
            f"l{i}_id": line_id, f"l{i}_category": category, f"l{i}_qty": quantity,
            f"l{i}_paid": paid.fill_null(0),
            f"l{i}_k": pl.when(line_id.is_null()).then(0)
            .when(claim_lines.is_null()).then(quantity).otherwise(claimed),
        }
        plain += [ok, category.is_null() | category.str.contains(_CATEGORY)]
    for j in range(MAX_HISTORY):
        entry = history.list.get(j, null_on_oob=True)
        amount, ok = _minor(entry.struct.field("amount"))
        entry_order = entry.struct.field("order_id")
        columns |= {
            f"h{j}_on_order": entry.is_not_null() & (
                entry_order.is_null() | (entry_order == o.struct.field("id"))),
            f"h{j}_guarantee": entry.struct.field("guarantee"),
            f"h{j}_kind": entry.struct.field("kind"), f"h{j}_amount": amount,
            f"h{j}_line_ids": entry.struct.field("line_ids").fill_null([]),
        }
        plain.append(ok)
    frame = frame.with_columns(**columns)
    total = pl.sum_horizontal(*(pl.col(f"l{i}_paid") for i in range(MAX_LINES)))
    plain_all = pl.all_horizontal(*(p.fill_null(False) for p in plain))
    return frame.with_columns(total=total, plain=plain_all).drop("_c")
