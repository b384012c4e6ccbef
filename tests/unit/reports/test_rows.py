"""Reports on a stream: every case counted, a bounded sample of rows kept."""

from __future__ import annotations

from pathlib import Path

import pytest

import aftersales
from aftersales.reports import PreviewRow, parts, render
from aftersales.reports.rows import Sample
from tests.streams import case_texts

STRICTER = Path(__file__).parents[3] / "examples" / "stricter-late-shipment.yaml"


def dicts(rows: tuple[PreviewRow, ...]) -> list[dict[str, object]]:
    return [row.to_dict() for row in rows]


def test_a_preview_keeps_the_first_rows_then_the_invalid_ones_and_counts_every_case() -> None:
    texts = case_texts(300, bad_every=50)
    whole = aftersales.preview(None, texts)
    kept = aftersales.preview(None, texts, keep=20)
    assert kept.summary == whole.summary
    invalid_later = [row for row in whole.rows[20:] if row.error is not None]
    assert dicts(kept.rows) == dicts(whole.rows[:20] + tuple(invalid_later[:20]))
    assert kept.left_out == 300 - len(kept.rows)
    assert whole.left_out == 0


def test_a_sample_holds_at_most_twice_its_bound_whatever_the_stream() -> None:
    sample = Sample(5)
    bad = aftersales.preview(None, ["{not json"]).rows
    for _ in range(1000):
        sample.offer(bad)
    assert len(sample.kept) == 10
    assert sample.left_out == 990


def test_a_bound_below_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="keep must be at least 0"):
        Sample(-1)


def test_the_report_says_how_many_rows_it_shows() -> None:
    report = aftersales.preview(None, case_texts(300, bad_every=None), keep=200)
    assert "showing 200 of 300" in render(report, "text")
    assert "showing 200 of 300" in render(report, "html")
    assert "显示 300 个中的 200 个" in render(report, "text", lang="zh")
    assert '"rows_left_out": 100' in render(report, "json")


def test_a_diff_keeps_the_most_significant_changes_and_counts_every_case() -> None:
    stricter = aftersales.load_policy(STRICTER)
    texts = case_texts(400)
    whole = aftersales.diff(None, stricter, texts, first=3)
    kept = aftersales.diff(None, stricter, texts, first=3, keep=10)
    assert whole.summary.changed > 10
    assert kept.summary == whole.summary
    assert [row.to_dict() for row in kept.changed] == [row.to_dict()
                                                       for row in whole.changed[:10]]
    assert kept.left_out == whole.summary.changed - 10
    assert len(kept.old.rows) == len(kept.new.rows) <= 20
    assert "showing 10 of" in render(kept, "text")


def test_worker_processes_give_the_same_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parts, "DIFF_CHUNK_SIZE", 200)  # several chunks: workers start
    texts = case_texts(1100)
    stricter = aftersales.load_policy(STRICTER)
    assert aftersales.preview(None, texts, jobs=2, keep=50).to_dict() == \
        aftersales.preview(None, texts, keep=50).to_dict()
    assert render(aftersales.diff(None, stricter, texts, jobs=2, keep=50), "json") == \
        render(aftersales.diff(None, stricter, texts, keep=50), "json")
