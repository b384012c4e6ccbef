"""The case table read into flat columns, one row per case: JSON texts of cases (one `case`
column), or a typed case table (`columnar.typed`). Up to `MAX_LINES` line slots, `MAX_LINES`
claimed-line slots and `MAX_HISTORY` history slots; instants as UTC microseconds and money as
integer minor units, never floats.

Only texts msgspec has read as case records (`records.decodes_as_written`), or typed rows
with every single-field constraint (`typed.well_formed`), are read here, so every field has
its type; the flat columns carry what `columnar.valid` needs to check the facts against each
other, as `Case` does. msgspec leaves the texts of instants, amounts and the currency
unchecked here: a case is plain only where each of them is in a form stricter than the
case's own pattern (`_INSTANT`, `_AMOUNT`, the policy's currency), so every field with a
pattern must be read below."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from ..rules.columnar import MAX_HISTORY, MAX_LINES, PLAIN_SPAN
from ._polars import require

if TYPE_CHECKING:
    import polars as pl

__all__ = ["DECODE_ROWS", "DECODE_THREADS", "LINE_ID_SEPARATOR", "flatten", "flatten_typed"]

# Stricter than the case's own pattern: hours, minutes and seconds in range (Polars would
# read a leap second, which Python refuses), no `Z`, six fractional digits or none; the year
# is checked apart (`_instant`). Anything else goes through the row engine. ASCII digits
# only, as the case's patterns: Polars' `\d` is any Unicode digit.
_INSTANT = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
            r"(\.[0-9]{6})?[+-]([01][0-9]|2[0-3]):[0-5][0-9]$")
_AMOUNT = r"^[0-9]{1,10}(\.[0-9]{1,2})?$"
_CATEGORY = r"^[a-z0-9_]+(\.[a-z0-9_]+)*$"
_REGION = r"^[A-Z]{2}-[A-Z][A-Z0-9]{0,2}$"
"""Region codes already in their one form (a numeric CN code is read as letters first)."""

LINE_ID_SEPARATOR = "\x1f"
"""Joins a remedy's line ids into one text that the plan splits into their list: far cheaper
in Polars than a list gathered from when/then columns. A case with a line id holding it is
not plain: the row engine decides it."""
_BOM = "\ufeff"
DECODE_ROWS = 16_384
"""JSON texts decoded and flattened at a time. Polars' JSON decoder and the nested columns
flattening reads take about 10 KB a case while they run (50,000 catalogue cases: 390 MB to
decode a 16 MB result), against some 600 bytes for the flat columns; slices bound that, at
4 % more wall time (100,000 catalogue cases: 1.14 GB peak RSS, now 620 MB)."""
DECODE_THREADS = 2
"""Slices decoded and flattened at once. Polars decodes a column of JSON texts on one thread,
and a third of flattening's time is that decoding, so one slice at a time leaves a core idle;
two at a time keep both cores of a 2-core machine busy (100,000 catalogue cases, JSON text:
1.78 s to 1.26 s for `evaluate_table`; three at a time: 1.62 s) while bounding memory at two
slices' worth."""


def _schema() -> pl.Struct:
    import polars as pl

    text, texts = pl.String, pl.List(pl.String)
    line = pl.Struct({"id": text, "sku": text, "category": text, "quantity": pl.Int64,
                      "ripening_days": pl.Int64, "tags": texts,
                      "paid_amount": text, "unit_content": text, "platform_discount": text})
    order = pl.Struct({"id": text, "currency": text, "paid_at": text,
                       "promised_ship_by": text, "shipped_at": text, "delivered_at": text,
                       "receipt_confirmed_at": text, "tracking_uploaded_at": text,
                       "picked_up_at": text, "deliver_by": text, "promise_type": text,
                       "region": text,
                       "return_shipping_fee": text, "shipping_surcharge": text,
                       "payment_channel_discount": text, "flags": texts,
                       "buyer_flags": texts, "insured": pl.Boolean, "lines": pl.List(line)})
    claimed = pl.Struct({"line_id": text, "quantity": pl.Int64, "used_amount": text,
                         "problem": text})
    claim = pl.Struct({"kind": text, "filed_at": text, "evidence": texts,
                       "reference_price": text, "return_received_at": text,
                       "affected_percent": text, "requested_amount": text,
                       "item_condition": text, "problem": text,
                       "lines": pl.List(claimed)})
    entry = pl.Struct({"guarantee": text, "kind": text, "amount": text, "line_ids": texts,
                       "skus": texts, "order_id": text, "decided_at": text,
                       "fulfilled_at": text})
    return pl.Struct({"id": text, "as_of": text, "order": order, "claim": claim,
                      "history": pl.List(entry)})


def _instant(expr: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """UTC microseconds of an instant text, and whether the text is in the plain form read
    here (null texts are fine: the field is absent). Only instants in `PLAIN_SPAN`, as a
    typed table's are: their local year is in `PLAIN_YEARS` under any offset, and comparing
    the integers costs a fraction of reading each text's year. (`%.f` reads the fraction
    when there is one: the pattern has already allowed only six digits or none.)"""
    at = expr.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f%:z", time_zone="UTC", time_unit="us",
                              strict=False).dt.epoch("us")
    first, last = PLAIN_SPAN
    plain = expr.str.contains(_INSTANT) & (at >= first) & (at < last)
    return at, expr.is_null() | plain.fill_null(False)


def _timestamp(expr: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """UTC microseconds of a timestamp, and whether it is in `PLAIN_SPAN` (inside the years
    `_instant` reads, under any offset)."""
    at = expr.dt.epoch("us")
    first, last = PLAIN_SPAN
    return at, expr.is_null() | ((at >= first) & (at < last))


def _minor_units(expr: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """An amount `typed.conform` read in minor units, and whether it is plain."""
    from .typed import NOT_PLAIN

    return expr, expr.is_null() | (expr != NOT_PLAIN)


def minor_of_text(expr: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """An amount text in minor units (2 decimals), and whether it is in the plain form."""
    import polars as pl

    plain = expr.is_null() | expr.str.contains(_AMOUNT)
    parts = expr.str.split_exact(".", 1)
    whole = parts.struct.field("field_0").cast(pl.Int64, strict=False)
    fraction = parts.struct.field("field_1").fill_null("").str.pad_end(2, "0").cast(
        pl.Int64, strict=False)
    return whole * 100 + fraction, plain


def flatten(texts: pl.DataFrame, currency: str) -> pl.DataFrame:
    """The cases' flat columns (`texts` has a `row` and a `case` column, of texts msgspec has
    read as case records), and `plain`: whether the case is in the form read here (the rest
    go through the row engine). `columnar.valid` checks the facts of the plain ones against
    each other; only cases that pass both may be decided from these columns."""
    require()
    import polars as pl

    case = pl.col("case").str.strip_prefix(_BOM).str.json_decode(_schema())

    def flat(part: pl.DataFrame) -> pl.DataFrame:
        return _flat(part.select("row", _c=case), currency, _instant, minor_of_text)

    slices = list(texts.iter_slices(DECODE_ROWS))
    if len(slices) <= 1:
        return flat(texts)
    with ThreadPoolExecutor(max_workers=DECODE_THREADS) as pool:
        return pl.concat(pool.map(flat, slices))


def flatten_typed(cases: pl.DataFrame, currency: str) -> pl.DataFrame:
    """The flat columns, and `plain`, of a typed case table (`columnar.typed`; with a `row`
    column), whose instants are timestamps and whose amounts are decimal text."""
    require()
    from .typed import conform

    return _flat(cases.select("row", _c=conform(cases, _schema())), currency, _timestamp,
                 _minor_units)


_Reader = Callable[["pl.Expr"], tuple["pl.Expr", "pl.Expr"]]
"""A field's value as the flat columns hold it, and whether it is in the plain form."""


def _flat(frame: pl.DataFrame, currency: str, instant_of: _Reader,
          amount_of: _Reader) -> pl.DataFrame:
    import polars as pl

    # Each nested part once, in its own column: the field expressions below read them.
    c = pl.col("_c")
    frame = frame.with_columns(_o=c.struct.field("order"), _claim=c.struct.field("claim"),
                               _history=c.struct.field("history"))
    o, claim, history = pl.col("_o"), pl.col("_claim"), pl.col("_history")
    frame = frame.with_columns(_lines=o.struct.field("lines"),
                               _claim_lines=claim.struct.field("lines"))
    lines, claim_lines = pl.col("_lines"), pl.col("_claim_lines")
    frame = frame.with_columns(
        **{f"_l{i}": lines.list.get(i, null_on_oob=True) for i in range(MAX_LINES)},
        **{f"_cl{i}": claim_lines.list.get(i, null_on_oob=True) for i in range(MAX_LINES)},
        **{f"_h{j}": history.list.get(j, null_on_oob=True) for j in range(MAX_HISTORY)})
    columns: dict[str, pl.Expr] = {
        "case_id": c.struct.field("id"), "order_id": o.struct.field("id"),
        "claim_kind": claim.struct.field("kind"),
        "promise_type": o.struct.field("promise_type"),
        "item_condition": claim.struct.field("item_condition"),
        "problem": claim.struct.field("problem"),
        "insured": o.struct.field("insured").fill_null(False),
        "evidence": claim.struct.field("evidence").fill_null([]),
        "n_lines": lines.list.len(), "n_history": history.list.len().fill_null(0),
        "claim_lines_empty": claim_lines.list.len() == 0,
    }
    region = o.struct.field("region")
    columns |= {"region": region, "flags": o.struct.field("flags").fill_null([]),
                "buyer_flags": o.struct.field("buyer_flags").fill_null([])}
    plain: list[pl.Expr] = [
        o.struct.field("currency").fill_null("CNY") == currency,
        lines.list.len().is_between(1, MAX_LINES),
        history.list.len().fill_null(0) <= MAX_HISTORY,
        claim_lines.list.len().fill_null(0) <= MAX_LINES,
        region.is_null() | region.str.contains(_REGION),
    ]

    def instant(name: str, expr: pl.Expr) -> None:
        at, ok = instant_of(expr)
        columns[name] = at
        plain.append(ok)

    def amount(name: str, expr: pl.Expr) -> pl.Expr:
        minor, ok = amount_of(expr)
        columns[name] = minor
        plain.append(ok)
        return minor

    instant("as_of", c.struct.field("as_of"))
    for name in ("paid_at", "promised_ship_by", "shipped_at", "delivered_at",
                 "receipt_confirmed_at", "tracking_uploaded_at", "picked_up_at", "deliver_by"):
        instant(name, o.struct.field(name))
    for name in ("filed_at", "return_received_at"):
        instant(name, claim.struct.field(name))
    amount("reference", claim.struct.field("reference_price"))
    amount("affected_percent", claim.struct.field("affected_percent"))
    amount("requested_amount", claim.struct.field("requested_amount"))
    for name in ("return_shipping_fee", "shipping_surcharge", "payment_channel_discount"):
        amount(name, o.struct.field(name))
    for i in range(MAX_LINES):
        line = pl.col(f"_l{i}")
        line_id = line.struct.field("id")
        paid = amount(f"l{i}_paid", line.struct.field("paid_amount")).fill_null(0)
        amount(f"l{i}_unit_content", line.struct.field("unit_content"))
        amount(f"l{i}_platform_discount", line.struct.field("platform_discount"))
        category = line.struct.field("category")
        columns |= {
            f"l{i}_id": line_id, f"l{i}_sku": line.struct.field("sku"),
            f"l{i}_ripening": line.struct.field("ripening_days"),
            f"l{i}_category": category, f"l{i}_qty": line.struct.field("quantity"),
            f"l{i}_tags": line.struct.field("tags").fill_null([]),
            f"l{i}_paid": paid,
        }
        plain.append(category.is_null() | category.str.contains(_CATEGORY))
        plain.append(line_id.is_null()
                     | ~line_id.str.contains(LINE_ID_SEPARATOR, literal=True))
        part = pl.col(f"_cl{i}")
        claimed_id = part.struct.field("line_id")
        columns |= {f"c{i}_line_id": claimed_id,
                    f"c{i}_qty": part.struct.field("quantity"),
                    f"c{i}_problem": part.struct.field("problem"),
                    # the slot of the order line claimed: each pair of ids compared once
                    f"c{i}_slot": pl.coalesce(*(
                        pl.when(claimed_id == pl.col(f"_l{k}").struct.field("id"))
                        .then(pl.lit(k, pl.Int8)) for k in range(MAX_LINES)))}
        amount(f"c{i}_used", part.struct.field("used_amount"))
    for j in range(MAX_HISTORY):
        entry = pl.col(f"_h{j}")
        entry_order = entry.struct.field("order_id")
        entry_lines = entry.struct.field("line_ids").fill_null([])
        amount(f"h{j}_amount", entry.struct.field("amount"))
        for name in ("decided_at", "fulfilled_at"):
            instant(f"h{j}_{name}", entry.struct.field(name))
        columns |= {
            f"h{j}_present": entry.is_not_null(),
            f"h{j}_on_order": entry.is_not_null() & (
                entry_order.is_null() | (entry_order == o.struct.field("id"))),
            f"h{j}_guarantee": entry.struct.field("guarantee"),
            f"h{j}_kind": entry.struct.field("kind"),
            f"h{j}_line_ids": entry_lines,
            f"h{j}_skus": entry.struct.field("skus").fill_null([]),
            f"h{j}_order": pl.coalesce(entry_order, o.struct.field("id")),
        }
        plain.append(entry_lines.list.len() <= MAX_LINES)
    frame = frame.with_columns(**columns)
    total = pl.sum_horizontal(*(pl.col(f"l{i}_paid") for i in range(MAX_LINES)))
    plain_all = pl.all_horizontal(*(p.fill_null(False) for p in plain))
    return frame.with_columns(total=total, plain=plain_all, **{
        f"l{i}_k": _claimed_quantity(i) for i in range(MAX_LINES)}).select(pl.exclude("^_.*$"))


def _claimed_quantity(slot: int) -> pl.Expr:
    """The quantity claimed on line slot `slot`: what the claim's lines claim on it, or the
    whole line where the claim names no lines; 0 for an empty slot."""
    import polars as pl

    col = pl.col
    claimed = pl.sum_horizontal(*(pl.when(col(f"c{j}_slot") == slot).then(col(f"c{j}_qty"))
                                  .otherwise(0) for j in range(MAX_LINES)))
    return pl.when(col(f"l{slot}_id").is_null()).then(0).when(
        col("_claim_lines").is_null()).then(col(f"l{slot}_qty")).otherwise(claimed)
