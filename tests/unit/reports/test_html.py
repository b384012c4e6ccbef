"""The HTML report: one self-contained file with the summary, the payout chart and the
cases, everything from the input escaped."""

from __future__ import annotations

from decimal import Decimal

import pytest

import aftersales
from aftersales import Diff, Preview
from aftersales.reports import html_document, html_fragment
from tests.builders import claim_case
from tests.unit.reports.dom import Element, parse


def figures(table: Element) -> dict[str, str]:
    return {row[0]: row[-1] for row in table.table()[1:]}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("which", ["previewed", "diffed"])
def test_the_file_needs_nothing_from_outside(which: str, lang: str,
                                             request: pytest.FixtureRequest) -> None:
    text = html_document(request.getfixturevalue(which), lang=lang)
    assert text.startswith("<!DOCTYPE html>")
    for outside in ("src=", "href=", "http://", "https://", "<link", "@import", "url(",
                    "fetch(", "XMLHttpRequest"):
        assert outside not in text
    assert text.count("<script") == (1 if which == "diffed" else 0)
    assert '<meta charset="utf-8">' in text
    assert "<style>" in text


def test_the_summary_table_has_the_counts_and_the_total(previewed: Preview) -> None:
    summary = figures(parse(html_document(previewed)).by_id("summary"))
    assert summary["cases"] == "7"
    assert summary["approved"] == "5"
    assert summary["invalid"] == "1"
    assert summary["total paid CNY"] == "212.30"


def test_the_chart_has_one_labelled_bar_per_guarantee_in_proportion(previewed: Preview) -> None:
    chart = parse(html_document(previewed)).by_id("payout-chart")
    assert chart.tag == "svg"
    bars = chart.find_all("rect", class_="bar")
    assert [bar.attrs["data-value"] for bar in bars] == ["159.60", "39.90", "9.80", "3.00"]
    labels = [text.text for text in chart.find_all("text", class_="label")]
    assert labels == ["allergy", "spoilage", "price_match", "late_shipment"]
    widths = [Decimal(bar.attrs["width"]) for bar in bars]
    assert widths[0] == max(widths)
    assert abs(widths[1] / widths[0] - Decimal("39.90") / Decimal("159.60")) < Decimal("0.01")
    assert [value.text for value in chart.find_all("text", class_="value")] == [
        "159.60", "39.90", "9.80", "3.00"]


def test_the_cases_table_has_a_row_per_case_with_its_status(previewed: Preview) -> None:
    table = parse(html_document(previewed)).by_id("cases").table()
    assert table[0][:4] == ["case", "case", "order", "status"]
    assert len(table) == 1 + 7
    assert table[1][1:4] == ["c-spoilage", "o-1", "approved"]
    assert table[7][3] == "invalid"
    assert "as_of: needs a UTC offset" in table[7][7]
    status = parse(html_document(previewed)).find_all("td", class_="status-invalid")
    assert len(status) == 1


def test_everything_from_the_input_is_escaped() -> None:
    hostile = '<script>alert("x")</script>&'
    report = aftersales.preview(None, [claim_case("spoilage", id=hostile)])
    text = html_document(report)
    assert "<script>" not in text
    dom = parse(text)
    assert dom.by_id("cases").table()[1][1] == hostile
    assert dom.find_all("script") == []


def test_a_diff_shows_old_and_new_bars_for_the_guarantee_that_changed_only(
        diffed: Diff) -> None:
    chart = parse(html_document(diffed)).by_id("payout-chart")
    bars = chart.find_all("rect", class_="bar")
    assert [(bar.attrs["data-series"], bar.attrs["data-value"]) for bar in bars] == [
        ("old", "159.60"), ("new", "79.80")]
    assert [group.attrs["data-label"] for group in chart.find_all("g", class_="bar-group")
            ] == ["allergy"]
    assert [text.text for text in chart.find_all("text", class_="legend-label")] == ["old",
                                                                                      "new"]


def test_a_diff_has_its_summary_deltas_and_changed_cases(diffed: Diff) -> None:
    dom = parse(html_document(diffed))
    summary = figures(dom.by_id("summary"))
    assert (summary["changed"], summary["approved → denied"]) == ("2", "1")
    assert summary["payout change CNY"] == "-79.80"
    by_guarantee = dom.by_id("delta-by-guarantee").table()
    assert by_guarantee[1] == ["allergy", "159.60", "79.80", "-79.80"]
    changes = dom.by_id("changes").table()
    assert [row[1] for row in changes[1:]] == ["c-allergy-late", "c-allergy-early"]


def test_a_diff_puts_both_explanations_side_by_side(diffed: Diff) -> None:
    pair = parse(html_document(diffed)).by_id("case-2")
    old, new = (pre.text for pre in pair.find_all("pre"))
    assert "APPROVED" in old
    assert "DENIED" in new


def test_a_notebook_shows_the_report_as_a_styled_fragment(previewed: Preview,
                                                          diffed: Diff) -> None:
    for report in (previewed, diffed):
        fragment = report._repr_html_()
        assert fragment == html_fragment(report)
        assert fragment.startswith('<div class="aftersales-report">')
        assert "<html" not in fragment


def test_nothing_paid_is_said_in_the_chart() -> None:
    report = aftersales.preview(None, [])
    chart = parse(html_document(report)).by_id("payout-chart")
    assert chart.find_all("rect", class_="bar") == []
    assert "nothing paid" in chart.text
