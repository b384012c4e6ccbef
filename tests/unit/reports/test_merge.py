"""Partial aggregates merge: `Totals`, `Sample` and `DiffBuilder` built over the parts of a
stream and merged in order equal one built over the whole stream, the order-sensitive parts
included (the first rows a sample keeps, the most significant changed cases and their ties,
the reasons' ties), and a bounded sample stays bounded."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from itertools import pairwise
from typing import TypeVar

import pytest

import aftersales
from aftersales.model.errors import CurrencyMismatchError
from aftersales.reports.case_stream import RawCase
from aftersales.reports.diffs import DiffBuilder
from aftersales.reports.previews import PreviewRow
from aftersales.reports.rows import PreviewBuilder, Sample, preview_rows
from aftersales.reports.summary import Totals
from tests.streams import case_texts
from tests.unit.reports.cases import good_cases, invalid_case, seven_day_allergy

T = TypeVar("T")
Decided = list[tuple[RawCase, tuple[PreviewRow, ...]]]


@pytest.fixture(scope="module")
def decided() -> Decided:
    """242 cases (every 3rd an allergy claim the 7-day window denies, bad ones among them),
    each with its rows under the standard policy and the 7-day allergy window."""
    texts = case_texts(220, bad_every=23)
    texts += [json.dumps(case) for case in [*good_cases(), invalid_case()] * 3]
    texts.insert(100, "")  # JSON, but not a case
    items = [RawCase(number, "line", text) for number, text in enumerate(texts, start=1)]
    policies = (aftersales.standard_policy(), seven_day_allergy())
    return list(preview_rows(policies, items))


def parts(items: Sequence[T], cuts: Sequence[int]) -> list[list[T]]:
    """`items` cut before each index of `cuts` (empty parts included)."""
    return [list(items[start:end]) for start, end in pairwise([0, *cuts, len(items)])]


CUTS = [(), (0,), (1,), (7,), (120,), (241,), (242,), (3, 4, 90), (60, 120, 180), (0, 0, 242)]


@pytest.mark.parametrize("cuts", CUTS, ids=str)
def test_merged_totals_sum_up_as_one_over_the_whole_stream(decided: Decided,
                                                           cuts: tuple[int, ...]) -> None:
    whole = Totals("CNY")
    for _, (row, _new) in decided:
        whole.add(row.decision)
    merged = Totals("CNY")
    for part in parts(decided, cuts):
        totals = Totals("CNY")
        for _, (row, _new) in part:
            totals.add(row.decision)
        merged.merge(totals)
    assert merged.summary() == whole.summary()
    assert merged.summary().cases == 242


def test_totals_without_a_currency_take_the_other_ones_and_refuse_another() -> None:
    decision = aftersales.evaluate(good_cases()[0])
    paid = Totals()
    paid.add(decision)
    nothing = Totals()
    nothing.add(None)
    nothing.merge(paid)
    assert nothing.currency == "CNY"
    assert nothing.summary().total_paid == Decimal("39.90")
    assert (nothing.cases, nothing.invalid) == (2, 1)
    with pytest.raises(CurrencyMismatchError):
        Totals("USD").merge(paid)


def test_reasons_tied_in_count_keep_the_order_the_whole_stream_saw_them_in() -> None:
    first, second = Totals(), Totals()
    first.reasons["a.code", "x"] += 1
    second.reasons["a.code", "y"] += 1
    second.reasons["a.code", "x"] += 0
    whole = Totals()
    whole.reasons.update({("a.code", "x"): 1, ("a.code", "y"): 1})
    first.merge(second)
    assert first.summary().by_reason == whole.summary().by_reason
    assert [count.guarantee for count in first.summary().by_reason] == ["x", "y"]


@pytest.mark.parametrize("keep", [None, 0, 1, 3, 10, 300])
@pytest.mark.parametrize("cuts", CUTS, ids=str)
def test_merged_samples_keep_what_one_sample_of_the_whole_stream_keeps(
        decided: Decided, keep: int | None, cuts: tuple[int, ...]) -> None:
    whole = Sample(keep)
    for _, rows in decided:
        whole.offer(rows)
    merged = Sample(keep)
    for part in parts(decided, cuts):
        sample = Sample(keep)
        for _, rows in part:
            sample.offer(rows)
        merged.merge(sample)
    assert (merged.seen, merged.left_out) == (whole.seen, whole.left_out)
    assert merged.kept == whole.kept
    if keep is not None:
        assert len(merged.kept) <= 2 * keep


def test_samples_of_different_sizes_do_not_merge() -> None:
    with pytest.raises(ValueError, match="same size"):
        Sample(3).merge(Sample(4))


@pytest.mark.parametrize(("first", "keep"), [(5, None), (0, 0), (2, 2), (3, 10), (5, 40)])
@pytest.mark.parametrize("cuts", CUTS, ids=str)
def test_merged_diff_builders_give_the_diff_of_the_whole_stream(
        decided: Decided, first: int, keep: int | None, cuts: tuple[int, ...]) -> None:
    old, new = aftersales.standard_policy(), seven_day_allergy()
    whole = DiffBuilder(old, new, first=first, keep=keep)
    for source, rows in decided:
        whole.add(source, rows)
    merged = DiffBuilder(old, new, first=first, keep=keep)
    for part in parts(decided, cuts):
        built = DiffBuilder(old, new, first=first, keep=keep)
        for source, rows in part:
            built.add(source, rows)
        merged.merge(built)
        if keep is not None:
            assert len(merged._found) <= max(first, keep)
    expected, got = whole.diff(), merged.diff()
    assert got.summary == expected.summary
    assert got.to_dict() == expected.to_dict()  # rows, order, explanations and left-out counts
    assert got.summary.changed > 50


def test_builders_of_different_diffs_do_not_merge() -> None:
    old, new = aftersales.standard_policy(), seven_day_allergy()
    with pytest.raises(ValueError, match="same diff"):
        DiffBuilder(old, new, keep=3).merge(DiffBuilder(old, new, keep=4))
    with pytest.raises(ValueError, match="same diff"):
        DiffBuilder(old, new).merge(DiffBuilder(new, old))


@pytest.mark.parametrize("keep", [None, 0, 3, 10, 300])
@pytest.mark.parametrize("cuts", CUTS, ids=str)
def test_samples_started_where_their_chunk_starts_merge_to_the_whole_streams(
        decided: Decided, keep: int | None, cuts: tuple[int, ...]) -> None:
    whole = Sample(keep)
    for _, rows in decided:
        whole.offer(rows)
    merged, start = Sample(keep), 0
    for part in parts(decided, cuts):
        sample = Sample(keep, start=start)  # as a worker deciding this chunk builds it
        for _, rows in part:
            sample.offer(rows)
        if keep is not None and start >= keep:
            assert all(any(row.error for row in rows) for rows in sample.kept)
        merged.merge(sample)
        start += len(part)
    assert (merged.seen, merged.left_out, merged.kept) == (whole.seen, whole.left_out,
                                                           whole.kept)


@pytest.mark.parametrize(("first", "keep"), [(5, None), (0, 0), (2, 2), (5, 40)])
@pytest.mark.parametrize("cuts", CUTS, ids=str)
def test_parts_of_a_diff_without_its_policies_merge_to_the_whole_diff(
        decided: Decided, first: int, keep: int | None, cuts: tuple[int, ...]) -> None:
    old, new = aftersales.standard_policy(), seven_day_allergy()
    whole = DiffBuilder(old, new, first=first, keep=keep)
    for source, rows in decided:
        whole.add(source, rows)
    merged, start = DiffBuilder(old, new, first=first, keep=keep), 0
    for part in parts(decided, cuts):
        built = DiffBuilder.part(("CNY", "CNY"), first=first, keep=keep, start=start)
        for source, rows in part:
            built.add(source, rows)
        merged.merge(built)
        start += len(part)
    assert merged.diff().to_dict() == whole.diff().to_dict()


def test_a_part_of_a_report_is_no_report_of_its_own() -> None:
    with pytest.raises(ValueError, match="no policies"):
        DiffBuilder.part(("CNY", "CNY"), first=1, keep=1, start=0).diff()
    with pytest.raises(ValueError, match="no policy"):
        PreviewBuilder.part("CNY", 1, start=0).preview()
    with pytest.raises(ValueError, match="start must be at least 0"):
        Sample(1, start=-1)
