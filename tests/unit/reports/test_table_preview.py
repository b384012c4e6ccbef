"""A preview whose unshown cases are summed up on the columnar path is the preview the row
engine gives: the same summary, the same sample of rows, the same invalid cases said."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("polars")

import aftersales
from aftersales.reports import previews, table_preview
from aftersales.reports.previews import Preview, preview
from aftersales.reports.rows import Sample

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from bench_evaluate import make_catalogue_workload, make_workload
from tests.property.test_columnar_differential import _moved

BAD = [b'{"id": 3}', b"not json", b"\xff\xfe not utf-8", "a text, not bytes"]


def _cases(count: int, seed: int, later: timedelta = timedelta(0)) -> list[Any]:
    """The catalogue workload, `later` than generated, as JSON lines, with one case as a
    mapping and one invalid case of each kind in `BAD`."""
    cases: list[Any] = [json.dumps(_moved(json.loads(text), later)).encode()
                        for text in make_catalogue_workload(make_workload(count, seed=seed),
                                                            seed=seed)]
    for place, bad in zip((5, count // 2, count - 2, count - 1), BAD, strict=True):
        cases[place] = bad
    cases[count // 3] = json.loads(cases[count // 3])  # a case given as a mapping
    return cases


def _report(made: Preview) -> object:
    rows = [(row.number, row.unit, row.case_id, row.order_id,
             None if row.decision is None else row.decision.to_dict(),
             None if row.error is None else str(row.error)) for row in made.rows]
    return made.summary.to_dict(), rows, made.left_out, made.title, made.policy


@pytest.mark.parametrize(("policy", "later"), [
    (None, 0), ("douyin", 0), ("tmall", 400)])  # Tmall's first version is of 2025-10-16
@pytest.mark.parametrize("keep", [0, 7, 250])
def test_the_columnar_preview_is_the_row_engines(policy: str | None, later: int, keep: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_preview, "TABLE_CHUNK_SIZE", 300)  # several chunks
    cases = _cases(600, seed=41, later=timedelta(days=later))
    loaded = None if policy is None else aftersales.load_policy(policy)
    fast = preview(loaded, cases, keep=keep, engine="columnar")
    assert _report(fast) == _report(preview(loaded, cases, keep=keep))
    assert fast.summary.invalid == len(BAD)


def test_the_columnar_path_sums_up_the_cases_past_the_sample(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    part = table_preview.table_preview_part

    def counted(*args: Any) -> Any:
        made = part(*args)
        seen.append(made.built.totals.cases)
        return made

    monkeypatch.setattr(table_preview, "table_preview_part", counted)
    preview(None, _cases(400, seed=42), keep=10, engine="columnar")
    assert sum(seen) == 400


def test_without_a_bound_on_the_rows_every_case_is_decided_by_the_row_engine(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: Any) -> Any:
        raise AssertionError("the columnar path was used")

    monkeypatch.setattr(table_preview, "table_preview_part", refused)
    assert preview(None, _cases(50, seed=43), engine="columnar").summary.cases == 50
    assert preview(None, _cases(50, seed=43), keep=5).summary.cases == 50


def test_a_policy_without_a_columnar_plan_is_previewed_by_the_row_engine() -> None:
    policy = aftersales.standard_policy().model_copy(update={"currency": "JPY"})
    assert not table_preview.decides_in_tables(policy)
    assert table_preview.decides_in_tables(aftersales.standard_policy())
    assert previews.currency_of(policy) == "JPY"


def test_a_sample_passes_over_only_a_case_it_would_not_keep() -> None:
    sample = Sample(2)
    with pytest.raises(ValueError, match="past the first"):
        sample.pass_over()
    sample.seen = 2
    sample.pass_over()
    assert (sample.seen, sample.left_out) == (3, 3)
