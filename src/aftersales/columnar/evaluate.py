"""`evaluate_table`: decide a table of cases, by the columnar plan where it has a form for the
case and is sure of it, by the row engine for the rest, in one call and in input order."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import tzinfo
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from ..engine import Engine, VersionsEngine, engine_for, resolve
from ..policy.versions import AnyPolicy
from ..rules.columnar import MAX_LINES, microseconds
from ._polars import require
from .plan import ColumnarPlan, KindPlan, slot_line_ids
from .result import TableResult
from .rows import row_decisions
from .sources import CaseSlice, case_slices
from .typed import is_typed, row_texts
from .valid import decidable

if TYPE_CHECKING:
    import polars as pl

__all__ = ["SLICE_ROWS", "evaluate_table"]

_SCALE = 100


def evaluate_table(cases: Any, policy: AnyPolicy | str | None = None) -> TableResult:
    """Decide every case of `cases` (a `pyarrow.Table` or `polars.DataFrame` with a `case`
    column of JSON texts, or a typed case table: see `case_table`; or a `.parquet` file of
    either layout, or a `.jsonl` path) under `policy` (the standard policy when omitted; a
    name such as `"douyin"` is the policy shipped under it). Needs the `columnar` extra."""
    require()
    import polars as pl

    engine = resolve(policy)
    results = list(_decided(case_slices(cases, SLICE_ROWS), engine))
    if len(results) == 1:
        return results[0]
    return TableResult(pl.concat([result.frame for result in results]),
                       sum(result.columnar_rows for result in results),
                       sum(result.row_engine_rows for result in results))


SLICE_ROWS = 100_000
"""Cases decided at a time: the plan's intermediate columns take some kilobytes a case while
it runs, so a large table is decided in slices of bounded memory (each costs the plan's
fixed 0.1 s or so of building and planning) and their results are joined. A file is read a
slice at a time too."""


TYPED_SLICES_IN_FLIGHT = 2
"""Slices of a typed case table decided at once, each on a thread of its own: one slice at a
time keeps 1.4 of 2 cores busy, two keep both (400,000 catalogue cases, standard policy:
296,000 to 359,000 decisions/s), for a second slice's memory. Slices of JSON texts are
decided one at a time, since their decoding keeps both cores busy already (`frame.flatten`):
a second slice there gained nothing (83,000/s either way) but memory."""


def _decided(slices: Iterator[CaseSlice], engine: Engine | VersionsEngine
             ) -> Iterator[TableResult]:
    """Each slice decided, in order; those of a typed table `TYPED_SLICES_IN_FLIGHT` at a time,
    a file still read a slice at a time as the ones before it are decided."""
    first = next(slices, None)
    if first is None:
        return
    if not is_typed(first.frame):
        yield _evaluated(first.frame, engine, first.undecoded)
        for part in slices:
            yield _evaluated(part.frame, engine, part.undecoded)
        return
    _in_force(engine)  # the columnar plan compiled once, before the threads ask for it
    with ThreadPoolExecutor(max_workers=TYPED_SLICES_IN_FLIGHT) as pool:
        running = deque([pool.submit(_evaluated, first.frame, engine, first.undecoded)])
        for part in slices:
            if len(running) == TYPED_SLICES_IN_FLIGHT:
                yield running.popleft().result()
            running.append(pool.submit(_evaluated, part.frame, engine, part.undecoded))
        while running:
            yield running.popleft().result()


def _evaluated(texts: pl.DataFrame, engine: Engine | VersionsEngine,
               undecoded: Mapping[int, bytes]) -> TableResult:
    """`evaluate_table` of the case frame `texts` under `engine`, in one pass; the rows of
    `undecoded` are those bytes, not UTF-8 text, which the row engine refuses."""
    import polars as pl

    schema = _remedy_schema()
    pairs = _pairs(engine)
    parts: list[pl.DataFrame] = []
    rest = texts.with_row_index("row")
    in_force = _in_force(engine)
    if in_force is not None and texts.height:
        at, plans = in_force
        flat = decidable(rest, plans[0][1].currency)
        if len(plans) > 1:
            flat = flat.with_columns(_version=_version_index(at, [s for s, _ in plans]))
        present = _present(flat, len(plans) > 1)
        runs: list[tuple[KindPlan, pl.LazyFrame]] = []
        for index, (_, columnar) in enumerate(plans):
            mine = flat.lazy() if len(plans) == 1 else flat.lazy().filter(
                pl.col("_version") == index)
            version = columnar.version
            for kind, kind_plan in columnar.by_claim_kind.items():
                if (index, None if kind is None else kind.value) not in present:
                    continue  # no case to decide: building its query would cost the most
                of_kind = pl.col("claim_kind").is_null() if kind is None \
                    else pl.col("claim_kind") == kind.value
                runs.append((kind_plan, _decide(mine.filter(pl.col("plain") & of_kind),
                                                kind_plan, version)))
        decided = pl.collect_all([query for _, query in runs])
        sure = [frame.filter(~pl.col("to_row")) for frame in decided]
        if any(frame.height for frame in sure):
            parts.append(_with_remedies(
                [(kind_plan, frame) for (kind_plan, _), frame in zip(runs, sure, strict=True)],
                schema))
            rest = rest.join(parts[-1].select("row"), on="row", how="anti")
    columnar_rows = sum(part.height for part in parts)
    if rest.height:
        if is_typed(rest):
            given: list[Any] = list(row_texts(rest, _zone(engine)))
        else:
            given = rest["case"].to_list()
            for place, row in enumerate(rest["row"]):
                if row in undecoded:
                    given[place] = undecoded[row]
        rows = row_decisions(engine, given, _SCALE)
        frame = pl.DataFrame(rows, schema={
            "case_id": pl.String, "order_id": pl.String, "status": pl.String,
            "reason_code": pl.String, "reason_guarantee": pl.String,
            "remedies": pl.List(schema),
            "policy_version": pl.String, "error": pl.String})
        parts.append(frame.with_columns(rest["row"]))
    columns = ["row", "case_id", "order_id", "status", "reason_code", "reason_guarantee",
               "remedies", "policy_version", "error"]
    frame = pl.concat([part.select(columns) for part in parts]) if parts else pl.DataFrame(
        schema={"row": pl.UInt32, "case_id": pl.String, "order_id": pl.String,
                "status": pl.String, "reason_code": pl.String, "reason_guarantee": pl.String,
                "remedies": pl.List(schema),
                "policy_version": pl.String, "error": pl.String})
    frame = frame.sort("row").drop("row")
    return TableResult(_with_totals(frame, pairs), columnar_rows,
                       texts.height - columnar_rows)


def _present(flat: pl.DataFrame, versioned: bool) -> set[tuple[int, str | None]]:
    """The (version place, claim kind) pairs of the plain cases of `flat`: only those get a
    query, since a query's planning costs far more than its rows on a small table."""
    import polars as pl

    version = pl.col("_version") if versioned else pl.lit(0)
    pairs = flat.filter(pl.col("plain")).select(version.alias("v"), "claim_kind").unique()
    return {(place, kind) for place, kind in pairs.iter_rows()}


def has_columnar_plan(engine: Engine | VersionsEngine) -> bool:
    """Whether `evaluate_table` decides some cases under `engine`'s policy by its columnar
    plan (otherwise every case goes through the row engine)."""
    return _in_force(engine) is not None


_PLANS: WeakKeyDictionary[Engine, ColumnarPlan] = WeakKeyDictionary()
"""Each engine's columnar plan, compiled once, and freed with the engine. Keyed by the engine,
not its `Plan`: a compiled `Plan` (the mypyc accelerator) takes no weak reference."""


def _columnar_plan(engine: Engine) -> ColumnarPlan:
    columnar = _PLANS.get(engine)
    if columnar is None:
        columnar = _PLANS[engine] = ColumnarPlan(engine.plan)
    return columnar


def _in_force(engine: Engine | VersionsEngine
              ) -> tuple[str, list[tuple[int | None, ColumnarPlan]]] | None:
    """Which instant picks the version (`paid_at` or `as_of`), and each version's start (UTC
    microseconds; None: from the beginning) with its columnar plan, in the versions' order;
    None when no version has a columnar plan, or the versions differ in currency."""
    if isinstance(engine, Engine):
        columnar = _columnar_plan(engine)
        return ("paid_at", [(None, columnar)]) if columnar.by_claim_kind else None
    versions = engine.versions
    plans: list[tuple[int | None, ColumnarPlan]] = []
    for version in versions.versions:
        start = version.starts_at()
        plans.append((None if start is None else microseconds(start),
                      _columnar_plan(engine_for(version))))
    if len({columnar.currency for _, columnar in plans}) != 1 \
            or not any(columnar.by_claim_kind for _, columnar in plans):
        return None
    return versions.in_force_by, plans


def _zone(engine: Engine | VersionsEngine) -> tzinfo:
    """The policy's time zone (the first version's), in which a typed row's instants are
    written for the row engine."""
    if isinstance(engine, Engine):
        return engine.plan.zone
    return engine_for(engine.versions.versions[0]).plan.zone


def _version_index(at: str, starts: list[int | None]) -> pl.Expr:
    """The place of the version in force at the instant column `at`, as
    `PolicyVersions.in_force` picks it (the last whose start is not after it), or -1 before
    the first: those cases go to the row engine, which refuses them."""
    import polars as pl

    index = pl.lit(-1)
    for place, start in enumerate(starts):
        index = pl.lit(place) if start is None else pl.when(pl.col(at) >= start).then(
            pl.lit(place)).otherwise(index)
    return index


def _remedy_schema() -> pl.Struct:
    import polars as pl

    return pl.Struct({"guarantee": pl.String, "kind": pl.String, "payer": pl.String,
                      "return_required": pl.Boolean, "amount": pl.Int64,
                      "line_ids": pl.List(pl.String)})


_DECIDED = ("row", "case_id", "order_id", "status", "reason_code", "reason_guarantee",
            "policy_version", "error")


def _decide(subset: pl.LazyFrame, plan: KindPlan, version: str) -> pl.LazyFrame:
    """The plan's decisions on `subset`: the columns of `_DECIDED`, `to_row`, the line ids,
    and each remedy's amount and slots (`_amount<r>`, `_slots<r>`; null where not
    granted)."""
    import polars as pl

    for stage in plan.stages:
        subset = subset.with_columns(**stage)
    granted = {}
    for r, (*_, amount, lines) in enumerate(plan.remedies):
        granted[f"_amount{r}"] = amount.cast(pl.Int64)
        granted[f"_slots{r}"] = lines
    return subset.select(
        "row", "case_id", "order_id", *(f"l{i}_id" for i in range(MAX_LINES)),
        status=plan.status, reason_code=plan.reason_code,
        reason_guarantee=plan.reason_guarantee.cast(pl.String), policy_version=pl.lit(version),
        error=pl.lit(None, pl.String), to_row=plan.to_row, **granted)


def _with_remedies(decided: list[tuple[KindPlan, pl.DataFrame]],
                   schema: pl.Struct) -> pl.DataFrame:
    """The decided rows of every claim kind, each with its granted remedies as one nested
    column in rank order. The remedies are gathered one row per grant and grouped by case:
    most cases are granted one remedy or none, so this is far cheaper than a list of every
    remedy of the plan on every case, filtered."""
    import polars as pl

    col = pl.col
    grants: list[pl.LazyFrame] = []
    for plan, frame in decided:
        for r, (guarantee, kind, payer, returned, _, _) in enumerate(plan.remedies):
            grants.append(frame.lazy().filter(col(f"_slots{r}").is_not_null()).select(
                "row", _rank=pl.lit(r, pl.UInt16), remedies=pl.struct(
                    guarantee=pl.lit(guarantee), kind=pl.lit(kind), payer=pl.lit(payer),
                    return_required=pl.lit(returned), amount=col(f"_amount{r}"),
                    line_ids=slot_line_ids(col(f"_slots{r}"))).cast(schema)))
    cases = pl.concat([frame.lazy().select(_DECIDED) for _, frame in decided])
    nothing = pl.lit([], dtype=pl.List(schema))
    if not grants:
        return cases.with_columns(remedies=nothing).collect()
    remedies = pl.concat(grants).sort("row", "_rank").group_by(
        "row", maintain_order=True).agg("remedies")
    return cases.join(remedies, on="row", how="left").with_columns(
        col("remedies").fill_null(nothing)).collect()


def _pairs(engine: Engine | VersionsEngine) -> list[tuple[str, str]]:
    """Every (remedy kind, payer) the policy may grant: one total column each."""
    policies = [engine.plan.policy] if isinstance(engine, Engine) else [
        version.policy if hasattr(version, "policy") else version
        for version in engine.versions.versions]
    pairs: list[tuple[str, str]] = []
    for policy in policies:
        for guarantee in policy.guarantees:
            for option in guarantee.offered():
                pair = (option.kind.value if hasattr(option.kind, "value") else option.kind,
                        option.payer.value)
                if pair not in pairs:
                    pairs.append(pair)
    return pairs


def _with_totals(frame: pl.DataFrame, pairs: list[tuple[str, str]]) -> pl.DataFrame:
    import polars as pl

    amounts = pl.col("remedies").list.eval(
        pl.element().struct.field("amount").fill_null(0)).list.sum()
    columns = {"total": amounts.fill_null(0)}
    for kind, payer in pairs:
        columns[f"{kind}_{payer}"] = pl.col("remedies").list.eval(
            pl.when((pl.element().struct.field("kind") == kind)
                    & (pl.element().struct.field("payer") == payer))
            .then(pl.element().struct.field("amount").fill_null(0)).otherwise(0)
        ).list.sum().fill_null(0)
    frame = frame.with_columns(**columns)
    order = ["case_id", "order_id", "status", "reason_code", "reason_guarantee", "total",
             *(f"{kind}_{payer}" for kind, payer in pairs), "remedies", "policy_version",
             "error"]
    return frame.select(order)
