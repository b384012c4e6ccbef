"""The typed case table: cases as nested columns (`id`, `as_of`, struct `order`, struct
`claim`, list `history`), as a warehouse holds them, read without any JSON text.

Its layout is the case contract's, field for field, derived from the case records
(`model.records`) so that it cannot drift from them: instants are timestamps with a time zone
(never naive), amounts are decimals or exact decimal text (never floats), quantities and days
integers, flags lists of texts. A column absent from the table is an absent field; a null is
an absent field too.

Every constraint a single field has (lengths, ranges, patterns, choices) is checked here on
whole columns, as msgspec checks it on JSON text; a row that fails one, or that has a field
the contract does not know, goes through the row engine as the JSON text `row_texts` writes,
and the row engine says what is wrong with its path. A column of the wrong type is the whole
table's problem: `CaseTableError` names it before anything is decided."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, tzinfo
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, Final

import msgspec
from msgspec import inspect

from ..model.errors import InvalidCaseError, Problem
from ..model.fields import INSTANT_PATTERN, NON_NEGATIVE_AMOUNT_PATTERN, search_pattern
from ..model.records import CaseRecord
from ._polars import require

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa
    from polars._typing import PolarsDataType

__all__ = ["CASE_COLUMNS", "CaseTableError", "arrow_schema", "case_table", "case_texts",
           "check_types", "conform", "is_typed", "row_texts", "well_formed"]



@cache
def _contract() -> inspect.StructType:
    """The case contract, as msgspec reads it: the typed table's columns follow it."""
    info = inspect.type_info(CaseRecord)
    assert isinstance(info, inspect.StructType)
    return info


CASE_COLUMNS: tuple[str, ...] = CaseRecord.__struct_fields__
"""The typed table's case columns; any other column is the caller's own and is ignored."""
_INSTANT = search_pattern(INSTANT_PATTERN)
_AMOUNT = search_pattern(NON_NEGATIVE_AMOUNT_PATTERN)
_CENT = Decimal("0.01")
NOT_PLAIN = -1
"""An amount `conform` does not read as minor units (amounts are never negative)."""
AMOUNT_SCALE = 18
"""Fraction digits of the amounts `case_table` writes (decimal128(38, 18)): every amount below
1e15 with up to 18 decimals, exactly."""


class CaseTableError(ValueError):
    """A typed case table whose columns do not have the case contract's types: `problems`
    lists each column, with its path and what it should be."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("the case table's columns do not fit the case contract:\n"
                         + "\n".join(f"  {problem}" for problem in problems))


def is_typed(frame: pl.DataFrame) -> bool:
    """Whether `frame` holds typed cases (an `order` column) rather than JSON texts."""
    return "case" not in frame.columns and "order" in frame.columns


def _is_instant(info: inspect.Type) -> bool:
    return isinstance(info, inspect.StrType) and info.pattern == _INSTANT


def _is_amount(info: inspect.Type) -> bool:
    return isinstance(info, inspect.StrType) and info.pattern == _AMOUNT


def _unwrapped(info: inspect.Type) -> tuple[inspect.Type, bool]:
    """The type of a field written `X | None`, and whether null is allowed."""
    if isinstance(info, inspect.UnionType):
        kinds = [kind for kind in info.types if not isinstance(kind, inspect.NoneType)]
        assert len(kinds) == 1, info
        return kinds[0], True
    return info, False


@cache
def arrow_schema() -> pa.Schema:
    """The typed case table's Arrow schema, as `case_table` writes it."""
    require()
    import pyarrow as pa

    def arrow(info: inspect.Type) -> pa.DataType:
        info, _ = _unwrapped(info)
        if _is_instant(info):
            return pa.timestamp("us", tz="UTC")
        if _is_amount(info):
            return pa.decimal128(38, AMOUNT_SCALE)
        if isinstance(info, inspect.StrType | inspect.EnumType):
            return pa.string()
        if isinstance(info, inspect.IntType):
            return pa.int64()
        if isinstance(info, inspect.BoolType):
            return pa.bool_()
        if isinstance(info, inspect.VarTupleType):
            return pa.list_(arrow(info.item_type))
        assert isinstance(info, inspect.StructType), info
        return pa.struct([pa.field(field.name, arrow(field.type)) for field in info.fields])

    return pa.schema([pa.field(field.name, arrow(field.type)) for field in _contract().fields])


def case_table(cases: Iterable[str | bytes]) -> pa.Table:
    """The typed case table of `cases` (JSON texts of the case contract), read exactly as
    `evaluate` reads them: instants in UTC, amounts as decimal128(38, 18). Raises
    `InvalidCaseError` listing every invalid case's problems, each path led by the case's
    place (`[3].order.paid_at`), and writes nothing then."""
    require()
    import pyarrow as pa

    from ..engine.inputs import read_case

    rows: list[tuple[int, dict[str, Any]]] = []
    problems: list[Problem] = []
    for place, text in enumerate(cases):
        try:
            record = read_case(text)
        except InvalidCaseError as error:
            problems.extend(Problem(f"[{place}]" + (f".{p.path}" if p.path else ""),
                                    p.code, p.message) for p in error.problems)
            continue
        rows.append((place, msgspec.to_builtins(record, builtin_types=_AS_THEY_ARE)))
    if not problems:
        try:
            return pa.Table.from_pylist([row for _, row in rows], schema=arrow_schema())
        except pa.ArrowInvalid:  # an amount finer than the table's scale?
            if not any(_too_fine(row) for _, row in rows):
                raise
    raise InvalidCaseError(sorted([*problems, *_too_fine_problems(rows)], key=_place))


_AS_THEY_ARE: Final = (datetime, Decimal)
"""What the records hold that pyarrow reads as it is (into timestamps and decimals)."""


def _too_fine_problems(rows: Iterable[tuple[int, dict[str, Any]]]) -> Iterator[Problem]:
    for place, row in rows:
        if _too_fine(row):
            yield Problem(f"[{place}]", "amount_too_precise",
                          f"an amount has more than {AMOUNT_SCALE} decimals: keep this case "
                          "as JSON text")


def _place(problem: Problem) -> int:
    return int(problem.path[1:problem.path.index("]")])


def _too_fine(value: Any) -> bool:
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return isinstance(exponent, int) and exponent < -AMOUNT_SCALE
    if isinstance(value, dict):
        return any(_too_fine(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_too_fine(item) for item in value)
    return False


# ---------------------------------------------------------------------------------------------
# Reading a typed table.


def conform(frame: pl.DataFrame, target: pl.Struct) -> pl.Expr:
    """The case of each row of the typed `frame` as one struct of `target`'s fields (the ones
    the flat columns read), instants as UTC microsecond timestamps and amounts in minor units
    (`NOT_PLAIN` where not a whole number of them), fields the table lacks as nulls. Raises
    `CaseTableError` for columns of the wrong type."""
    import polars as pl

    root = check_types(frame)
    fields = {name: pl.col(name) for name in frame.columns}
    dtypes = dict(frame.schema)
    return _conformed(fields, dtypes, root, target)


def check_types(frame: pl.DataFrame) -> inspect.StructType:
    """The case contract's type, once every column of the typed `frame` is known to hold the
    type the contract wants (nested ones too); raises `CaseTableError` naming each one that
    does not, before any expression reads them."""
    problems = _type_problems(dict(frame.schema), _contract(), "")
    if problems:
        raise CaseTableError(problems)
    return _contract()


def _conformed(fields: Mapping[str, pl.Expr], dtypes: Mapping[str, PolarsDataType],
               info: inspect.StructType, target: pl.Struct) -> pl.Expr:
    import polars as pl

    infos = {field.name: _unwrapped(field.type)[0] for field in info.fields}
    parts: dict[str, pl.Expr] = {}
    for wanted in target.fields:
        name, kind = wanted.name, infos[wanted.name]
        dtype = _typed_dtype(wanted.dtype, kind)
        if name not in fields or isinstance(dtypes[name], pl.Null):
            parts[name] = pl.lit(None, dtype)
        else:
            parts[name] = _conformed_value(fields[name], dtypes[name], kind, wanted.dtype)
    return pl.struct([part.alias(name) for name, part in parts.items()])


def _conformed_value(expr: pl.Expr, dtype: PolarsDataType, info: inspect.Type,
                     target: PolarsDataType) -> pl.Expr:
    import polars as pl

    if _is_instant(info):
        return expr.dt.convert_time_zone("UTC").dt.cast_time_unit("us")
    if _is_amount(info):
        return _minor_units(expr, dtype)
    if isinstance(info, inspect.StructType):
        assert isinstance(dtype, pl.Struct)
        assert isinstance(target, pl.Struct)
        inner = {field.name: expr.struct.field(field.name) for field in dtype.fields}
        return pl.when(expr.is_not_null()).then(_conformed(
            inner, {field.name: field.dtype for field in dtype.fields}, info, target))
    if isinstance(info, inspect.VarTupleType) and isinstance(info.item_type,
                                                             inspect.StructType):
        assert isinstance(dtype, pl.List)
        assert isinstance(target, pl.List)
        assert isinstance(dtype.inner, pl.Struct)
        assert isinstance(target.inner, pl.Struct)
        element = pl.element()
        inner = {field.name: element.struct.field(field.name) for field in dtype.inner.fields}
        return expr.list.eval(_conformed(
            inner, {field.name: field.dtype for field in dtype.inner.fields},
            info.item_type, target.inner))
    return expr.cast(target)


def _minor_units(expr: pl.Expr, dtype: PolarsDataType) -> pl.Expr:
    """An amount in minor units (hundredths), `NOT_PLAIN` where it is not a whole number of
    them below 1e10 (the row engine reads those), null where absent."""
    import polars as pl

    from .frame import minor_of_text

    if isinstance(dtype, pl.Decimal):
        cents = expr.cast(pl.Decimal(38, 2))  # truncates: exact only where equal
        plain = (cents.cast(dtype) == expr) & (cents >= 0) & (cents < 10**10)
        minor = (cents * 100).cast(pl.Int64)
    else:
        minor, plain = minor_of_text(expr)
    return pl.when(expr.is_null()).then(None).when(plain).then(minor).otherwise(NOT_PLAIN)


def _typed_dtype(dtype: PolarsDataType, info: inspect.Type) -> PolarsDataType:
    """`dtype` (the text form of a field, as JSON text is decoded) as `conform` gives it:
    instants as UTC microsecond timestamps and amounts in minor units, nested ones too."""
    import polars as pl

    info, _ = _unwrapped(info)
    if _is_instant(info):
        return pl.Datetime("us", "UTC")
    if _is_amount(info):
        return pl.Int64
    if isinstance(info, inspect.StructType) and isinstance(dtype, pl.Struct):
        infos = {field.name: field.type for field in info.fields}
        return pl.Struct({field.name: _typed_dtype(field.dtype, infos[field.name])
                          for field in dtype.fields})
    if isinstance(info, inspect.VarTupleType) and isinstance(dtype, pl.List):
        return pl.List(_typed_dtype(dtype.inner, info.item_type))
    return dtype


def _type_problems(dtypes: Mapping[str, PolarsDataType], info: inspect.StructType,
                   path: str) -> list[Problem]:
    import polars as pl

    infos = {field.name: field.type for field in info.fields}
    problems: list[Problem] = []
    for name, dtype in dtypes.items():
        if name not in infos:
            continue  # an unknown field: each row with a value there is refused (well_formed)
        where = f"{path}.{name}" if path else name
        kind, _ = _unwrapped(infos[name])
        expected = _expected(kind)
        if not _fits(dtype, kind):
            problems.append(Problem(where, "column_type", f"the column is {dtype}; the case "
                                    f"contract wants {expected}"))
        elif isinstance(kind, inspect.StructType) and isinstance(dtype, pl.Struct):
            problems += _type_problems({f.name: f.dtype for f in dtype.fields}, kind, where)
        elif (isinstance(kind, inspect.VarTupleType)
              and isinstance(kind.item_type, inspect.StructType)
              and isinstance(dtype, pl.List) and isinstance(dtype.inner, pl.Struct)):
            problems += _type_problems({f.name: f.dtype for f in dtype.inner.fields},
                                       kind.item_type, f"{where}[]")
    return problems


def _expected(info: inspect.Type) -> str:
    if _is_instant(info):
        return "a timestamp with a time zone"
    if _is_amount(info):
        return "a decimal, or exact decimal text (never a float)"
    if isinstance(info, inspect.StrType | inspect.EnumType):
        return "text"
    if isinstance(info, inspect.IntType):
        return "an integer"
    if isinstance(info, inspect.BoolType):
        return "a boolean"
    if isinstance(info, inspect.VarTupleType):
        return f"a list of {_expected(_unwrapped(info.item_type)[0])}"
    return "a struct"


def _fits(dtype: PolarsDataType, info: inspect.Type) -> bool:
    import polars as pl

    if isinstance(dtype, pl.Null):
        return True
    if _is_instant(info):
        return isinstance(dtype, pl.Datetime) and dtype.time_zone is not None
    if _is_amount(info):
        return isinstance(dtype, pl.Decimal) or dtype == pl.String
    if isinstance(info, inspect.StrType | inspect.EnumType):
        return dtype == pl.String
    if isinstance(info, inspect.IntType):
        return dtype.is_integer()
    if isinstance(info, inspect.BoolType):
        return dtype == pl.Boolean
    if isinstance(info, inspect.VarTupleType):
        return isinstance(dtype, pl.List) and _fits(dtype.inner, _unwrapped(info.item_type)[0])
    return isinstance(dtype, pl.Struct)


def well_formed(frame: pl.DataFrame) -> pl.Expr:
    """Whether each row's case has every single-field constraint of the contract (as msgspec
    checks JSON text), and no value in a field the contract does not know."""
    import polars as pl

    fields = {name: pl.col(name) for name in frame.columns if name in CASE_COLUMNS}
    return _struct_ok(fields, dict(frame.schema), _contract()).fill_null(False)


def _struct_ok(fields: Mapping[str, pl.Expr], dtypes: Mapping[str, PolarsDataType],
               info: inspect.StructType) -> pl.Expr:
    import polars as pl

    checks: list[pl.Expr] = []
    known = {field.name: field for field in info.fields}
    for name, expr in fields.items():
        if name not in known:
            checks.append(expr.is_null())
    for name, field in known.items():
        kind, nullable = _unwrapped(field.type)
        if name not in fields:
            if field.required:
                checks.append(pl.lit(False))
            continue
        expr = fields[name]
        ok = _value_ok(expr, dtypes[name], kind)
        # A null is an absent field: fine unless the field is required.
        checks.append(ok if field.required and not nullable else expr.is_null() | ok)
    return pl.all_horizontal(*(check.fill_null(False) for check in checks)) if checks \
        else pl.lit(True)


def _value_ok(expr: pl.Expr, dtype: PolarsDataType, info: inspect.Type) -> pl.Expr:
    """Whether a non-null value of a field meets its constraints (null where it is null)."""
    import polars as pl

    if isinstance(dtype, pl.Null):
        return expr.is_not_null()
    if _is_instant(info):  # any aware timestamp: the flat reader refuses unusual years
        return expr.is_not_null()
    if _is_amount(info):
        if isinstance(dtype, pl.Decimal):
            return expr >= 0
        return expr.str.contains(_AMOUNT.replace(r"\Z", "$"))
    if isinstance(info, inspect.EnumType):
        return expr.is_in([member.value for member in info.cls])
    if isinstance(info, inspect.StrType):
        return _text_ok(expr, info)
    if isinstance(info, inspect.IntType):
        return _int_ok(expr, info)
    if isinstance(info, inspect.BoolType):
        return expr.is_not_null()
    if isinstance(info, inspect.VarTupleType):
        assert isinstance(dtype, pl.List)
        item, _ = _unwrapped(info.item_type)
        length = expr.list.len()
        ok = length <= info.max_length if info.max_length is not None else pl.lit(True)
        element = pl.element()
        items = expr.list.eval(element.is_not_null()
                               & _value_ok(element, dtype.inner, item).fill_null(False))
        return ok & items.list.all()
    assert isinstance(info, inspect.StructType)
    assert isinstance(dtype, pl.Struct)
    inner = {field.name: expr.struct.field(field.name) for field in dtype.fields}
    return _struct_ok(inner, {field.name: field.dtype for field in dtype.fields}, info)


def _text_ok(expr: pl.Expr, info: inspect.StrType) -> pl.Expr:
    import polars as pl

    checks: list[pl.Expr] = []
    if info.min_length is not None or info.max_length is not None:
        checks.append(expr.str.len_chars().is_between(info.min_length or 0,
                                                      info.max_length or 2**31))
    if info.pattern is not None:
        checks.append(expr.str.contains(info.pattern.replace(r"\Z", "$")))
    return pl.all_horizontal(*checks) if checks else expr.is_not_null()


def _int_ok(expr: pl.Expr, info: inspect.IntType) -> pl.Expr:
    import polars as pl

    bounds: list[tuple[Callable[[pl.Expr, int], pl.Expr], int | None]] = [
        (lambda e, v: e >= v, info.ge), (lambda e, v: e > v, info.gt),
        (lambda e, v: e <= v, info.le), (lambda e, v: e < v, info.lt)]
    checks = [test(expr, bound) for test, bound in bounds if bound is not None]
    return pl.all_horizontal(*checks) if checks else expr.is_not_null()


def row_texts(frame: pl.DataFrame, zone: tzinfo) -> list[str]:
    """Each row's case as the JSON text of the contract, for the row engine: nulls left out
    (absent fields), instants written in `zone` (the policy's: a table holds UTC, and the row
    engine's messages quote instants as written), amounts with at least two decimals."""
    columns = [name for name in CASE_COLUMNS if name in frame.columns]
    return case_texts(frame.select(columns).iter_rows(named=True), zone)


def case_texts(rows: Iterable[Mapping[str, Any]], zone: tzinfo) -> list[str]:
    """The JSON texts of typed rows (dicts of a case's columns, as pyarrow or Polars give
    them): see `row_texts`."""
    return [json.dumps(_json_value(row, zone), ensure_ascii=False, separators=(",", ":"))
            for row in rows]


def _json_value(value: Any, zone: tzinfo) -> Any:
    if isinstance(value, dict):
        return {key: _json_value(item, zone) for key, item in value.items()
                if item is not None}
    if isinstance(value, list):
        return [_json_value(item, zone) for item in value]
    if isinstance(value, datetime):
        return value.astimezone(zone).isoformat()
    if isinstance(value, Decimal):  # 79.800000000000000000 as 79.80, 0.125000 as 0.125
        value = value.normalize()
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent > -2:
            value = value.quantize(_CENT)
        return format(value, "f")
    return value
