# ruff: noqa: RUF001  -- Chinese text is written with full-width punctuation
"""What the HTML preview and diff add for the policy author: counts by main reason, payouts
by payer, advances said, the diff's chart of changes only, its differing lines marked, its
changed cases by significance with their filter attributes."""

from __future__ import annotations

from decimal import Decimal

import pytest

import aftersales
from aftersales import Diff, Preview
from aftersales.reports import html_document, sample_cases
from aftersales.reports.diff_layout import changed_lines, involved
from aftersales.reports.diffs import significance
from aftersales.reports.layout import Table, layout
from tests.unit.reports.cases import seven_day_allergy
from tests.unit.reports.dom import parse


@pytest.fixture(scope="module")
def sampled() -> Preview:
    return aftersales.preview(None, sample_cases())


@pytest.fixture(scope="module")
def impact() -> Diff:
    return aftersales.diff(seven_day_allergy(), None, sample_cases())


def test_the_summary_counts_decided_cases_by_main_reason(previewed: Preview) -> None:
    counts = {count.code: (count.guarantee, count.cases) for count in previewed.summary.by_reason}
    assert counts["allergy.approved"] == ("allergy", 2)
    assert counts["late_shipment.shipped_on_time"] == ("late_shipment", 1)
    assert sum(cases for _, cases in counts.values()) == previewed.summary.decided


def test_the_html_preview_has_a_table_of_reason_codes_with_their_share(
        previewed: Preview) -> None:
    table = parse(html_document(previewed)).by_id("by-reason").table()
    assert table[0] == ["code", "guarantee", "count", "share"]
    assert table[1] == ["allergy.approved", "allergy", "2", "33.3 %"]
    assert len(table) == 1 + len(previewed.summary.by_reason)


def test_the_html_preview_charts_payouts_by_payer(previewed: Preview) -> None:
    chart = parse(html_document(previewed)).by_id("payer-chart")
    assert [(group.attrs["data-label"], group.find_all("rect", class_="bar")[0]
             .attrs["data-value"]) for group in chart.find_all("g", class_="bar-group")] == [
        ("merchant", "199.50"), ("platform", "12.80")]


def test_an_advance_is_summed_apart_and_said_beside_its_zero_payout(sampled: Preview) -> None:
    summary = sampled.summary
    assert summary.paid_by_guarantee["instant_refund_on_return"] == Decimal("0.00")
    assert summary.approvals_by_guarantee["instant_refund_on_return"] == 2
    assert summary.advances_by_guarantee == {"instant_refund_on_return": Decimal("867.00")}
    row = next(row for row in layout(sampled).summary[1].rows
               if row[0] == "instant_refund_on_return")
    assert row == ("instant_refund_on_return", "2", "0.00",
                   "2 approvals · advance of 867.00 within the refund")
    zh = next(row for row in layout(sampled, "zh").summary[1].rows
              if row[0].startswith("instant_refund_on_return"))
    assert zh[3] == "2 次通过 · 垫付 867.00，已含在退款内"


def test_the_chart_says_the_advance_beside_the_guarantee_that_pays_only_advances(
        sampled: Preview) -> None:
    chart = parse(html_document(sampled)).by_id("payout-chart")
    notes = [text.text for text in chart.find_all("text", class_="note")]
    assert notes == ["2 approvals · advance of 867.00 within the refund"]


def test_a_case_paying_an_advance_says_so_in_both_languages(sampled: Preview) -> None:
    english = layout(sampled).details[0]
    chinese = layout(sampled, "zh").details[0]
    assert isinstance(english, Table)
    assert isinstance(chinese, Table)
    assert any("advance)" in row[4] for row in english.rows)
    assert any("垫付）" in row[4] for row in chinese.rows)


def test_the_diff_chart_shows_only_the_guarantees_and_payers_that_changed(
        impact: Diff) -> None:
    drawn = layout(impact)
    assert [bar.label for bar in drawn.chart.bars] == ["allergy"]
    (payers,) = [more for more in drawn.more if more.id == "payer-chart"]
    assert [bar.label for bar in payers.bars] == ["merchant"]  # type: ignore[union-attr]


def test_differing_lines_are_found_on_both_sides() -> None:
    left, right = changed_lines("a\nsame\nold\nend", "a\nsame\nnew\nmore\nend")
    assert (left, right) == (frozenset({2}), frozenset({2, 3}))


def test_the_side_by_side_explanations_mark_their_differing_lines(diffed: Diff) -> None:
    pair = parse(html_document(diffed)).by_id("case-2")
    old, new = pair.find_all("pre")
    old_marked = [mark.text for mark in old.find_all("mark", class_="changed")]
    new_marked = [mark.text for mark in new.find_all("mark", class_="changed")]
    assert "APPROVED" in old_marked[0]
    assert "DENIED" in new_marked[0]
    assert len(old_marked) < len(old.text.splitlines())  # the common lines are not marked


def test_changed_cases_are_listed_by_the_size_of_their_payout_change_first(
        impact: Diff) -> None:
    deltas = [abs(row.delta) for row in impact.changed]
    assert deltas == sorted(deltas, reverse=True)
    assert [significance(row) for row in impact.changed] == sorted(
        significance(row) for row in impact.changed)
    zero = [row for row in impact.changed if not row.delta]
    assert zero[0].transition == "denied → needs_evidence"  # a status change before the rest


def test_each_changed_row_carries_its_guarantees_and_transition_for_the_filter(
        diffed: Diff) -> None:
    rows = parse(html_document(diffed)).by_id("changes").find_all("tr")[1:]
    assert [(row.attrs["data-guarantee"], row.attrs["data-transition"]) for row in rows] == [
        ("allergy", "approved→denied"), ("allergy", "")]
    assert involved(diffed.changed[0]) == ("allergy",)


def test_the_filter_offers_the_guarantees_and_transitions_of_the_changed_cases(
        diffed: Diff) -> None:
    dom = parse(html_document(diffed, lang="zh"))
    guarantees = dom.by_id("filter-guarantee").find_all("option")
    assert [(option.attrs["value"], option.text) for option in guarantees] == [
        ("", "全部"), ("allergy", "allergy 过敏包退")]
    transitions = dom.by_id("filter-transition").find_all("option")
    assert [(option.attrs["value"], option.text) for option in transitions] == [
        ("", "全部"), ("approved→denied", "通过 → 拒绝")]
