# ruff: noqa: RUF001  -- Chinese text is written with full-width punctuation
"""Reports in English and in Chinese: the labels, the guarantee names, the reasons worded from
their facts, the policy's title; JSON and CSV keep their keys and codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from aftersales import Diff, Preview
from aftersales.reports import html_document, render, render_text
from aftersales.reports.layout import Table, layout
from aftersales.wording.labels import LABELS
from tests.unit.reports.dom import parse


def test_both_label_catalogues_have_the_same_keys() -> None:
    assert set(LABELS["en"]) == set(LABELS["zh"])


def test_an_unknown_language_is_refused(previewed: Preview) -> None:
    with pytest.raises(ValueError, match="lang must be one of en, zh"):
        render(previewed, "text", lang="fr")


def test_an_english_layout_is_worded_as_before(previewed: Preview) -> None:
    drawn = layout(previewed)
    assert drawn.title == "Preview of policy standard 2026.11 on 7 cases"
    assert [table.title for table in drawn.summary] == [
        "Summary", "By guarantee", "Paid by remedy kind", "Paid by payer"]
    assert drawn.subtitle.startswith("Standard after-sales promises")


def test_a_chinese_layout_words_its_labels_and_names_guarantees_beside_their_ids(
        previewed: Preview) -> None:
    drawn = layout(previewed, "zh")
    assert drawn.title == "政策 standard 2026.11 预览：7 个售后单"
    assert [table.title for table in drawn.summary] == ["汇总", "按保障", "按补偿方式",
                                                        "按承担方"]
    by_guarantee = drawn.summary[1]
    assert by_guarantee.columns == ("保障", "通过数", "赔付")
    assert by_guarantee.rows[0][0] == "allergy 过敏包退"
    assert [bar.label for bar in drawn.chart.bars][:2] == ["allergy 过敏包退", "spoilage 坏了包退"]


def test_a_chinese_case_row_has_its_status_and_reason_in_chinese_from_the_facts(
        previewed: Preview) -> None:
    cases = layout(previewed, "zh").details[0]
    assert isinstance(cases, Table)
    on_time = next(row for row in cases.rows if row[1] == "c-on-time")
    assert on_time[3] == "拒绝"
    assert on_time[6] == "late_shipment.shipped_on_time"
    assert "发货" in on_time[7]
    assert "shipped" not in on_time[7]
    assert cases.statuses[5] == "denied"  # the code stays for colours and classes


def test_the_text_report_in_chinese_has_chinese_headings(previewed: Preview) -> None:
    text = render_text(previewed, lang="zh")
    assert text.startswith("政策 standard 2026.11 预览：7 个售后单\n")
    assert "\n汇总\n" in text
    assert "\n备注\n" in text
    assert "allergy 过敏包退" in text


def test_json_in_chinese_keeps_its_keys_and_codes_and_words_the_reason_message(
        previewed: Preview) -> None:
    english = json.loads(render(previewed, "json"))
    chinese = json.loads(render(previewed, "json", lang="zh"))
    assert chinese.keys() == english.keys()
    assert chinese["summary"] == english["summary"]
    on_time = chinese["rows"][5]
    assert (on_time["status"], on_time["reason_code"]) == ("denied",
                                                           "late_shipment.shipped_on_time")
    assert on_time["reason_message"] != english["rows"][5]["reason_message"]
    assert "发货" in on_time["reason_message"]


def test_csv_in_chinese_keeps_its_header_and_codes(previewed: Preview) -> None:
    english = list(csv.DictReader(io.StringIO(render(previewed, "csv"))))
    chinese = list(csv.DictReader(io.StringIO(render(previewed, "csv", lang="zh"))))
    assert list(chinese[0]) == list(english[0])
    assert [row["status"] for row in chinese] == [row["status"] for row in english]
    assert "发货" in chinese[5]["reason_message"]


def test_the_chinese_html_says_its_language_and_names_guarantees_in_chinese(
        previewed: Preview) -> None:
    text = html_document(previewed, lang="zh")
    assert '<html lang="zh-CN">' in text
    dom = parse(text)
    assert dom.find_all("h1")[0].text == "政策 standard 2026.11 预览：7 个售后单"
    assert dom.by_id("policy-title").text.startswith("Standard after-sales promises")
    assert dom.by_id("by-guarantee").table()[1][0] == "allergy 过敏包退"
    statuses = dom.by_id("cases").find_all("td", class_="status-approved")
    assert statuses[0].text == "通过"


def test_the_html_font_stack_names_chinese_system_fonts(previewed: Preview) -> None:
    text = html_document(previewed, lang="zh")
    for font in ("Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC"):
        assert f'"{font}"' in text


def test_a_chinese_diff_words_its_transitions_and_explains_both_sides_in_chinese(
        diffed: Diff) -> None:
    dom = parse(html_document(diffed, lang="zh"))
    figures = {row[0]: row[-1] for row in dom.by_id("summary").table()[1:]}
    assert figures["通过 → 拒绝"] == "1"
    old, new = (pre.text for pre in dom.by_id("case-2").find_all("pre"))
    assert "通过" in old.splitlines()[0]
    assert "拒绝" in new.splitlines()[0]
    assert "APPROVED" not in old


def test_a_chinese_json_diff_words_its_explanations(diffed: Diff) -> None:
    changed = json.loads(render(diffed, "json", lang="zh"))["changed"]
    assert changed[0]["transition"] == "approved → denied"
    assert "拒绝" in changed[0]["new_explanation"]
