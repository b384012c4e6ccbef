# ruff: noqa: RUF001  -- Chinese text is written with full-width punctuation
"""The labels of the preview and diff reports (headings, column names, figures, statuses), in
each language. Machine keys (JSON, CSV) are never worded: only what a person reads.

Chinese words an advance as 垫付 (the platform pays the buyer before the goods come back),
as `zh.PHRASES_ZH["advance"]` does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from .langs import Lang

__all__ = ["LABELS", "label"]

_EN: Final[dict[str, str]] = {
    "preview_title": "Preview of policy {policy} on {cases}",
    "diff_title": "Diff of policy {old} → {new} on {cases}: {decisions} changed",
    "cases_count": "{count} case", "cases_count_many": "{count} cases",
    "decisions_count": "{count} decision", "decisions_count_many": "{count} decisions",
    "others_unchanged": "{count} other, unchanged",
    "others_unchanged_many": "{count} others, unchanged",
    "all_unchanged": "all {count}, unchanged",
    "summary": "Summary", "figure": "figure", "value": "value",
    "cases": "cases", "invalid": "invalid", "changed": "changed", "unchanged": "unchanged",
    "total_paid": "total paid{currency}", "total_paid_old": "total paid, old{currency}",
    "total_paid_new": "total paid, new{currency}", "payout_change": "payout change{currency}",
    "by_guarantee": "By guarantee", "guarantee": "guarantee", "approvals": "approvals",
    "paid": "paid", "note": "note",
    "by_kind": "Paid by remedy kind", "remedy_kind": "remedy kind",
    "by_payer": "Paid by payer", "payer": "payer",
    "by_version": "By policy version", "version": "version",
    "by_reason": "Cases by main reason", "code": "code", "count": "count", "share": "share",
    "chart_guarantee": "Payouts by guarantee", "chart_payer": "Payouts by payer",
    "chart_guarantee_diff": "Payouts that changed, by guarantee: old and new",
    "chart_payer_diff": "Payouts that changed, by payer: old and new",
    "old": "old", "new": "new", "change": "change",
    "delta_by_guarantee": "Payout change by guarantee",
    "delta_by_payer": "Payout change by payer",
    "delta_by_kind": "Payout change by remedy kind",
    "cases_table": "Cases", "case": "case", "order": "order", "status": "status",
    "remedies": "remedies", "total": "total", "main_reason": "main reason",
    "reason": "reason", "line": "line", "row": "row", "item": "item",
    "changes_title": "Changed cases ({changed}{explained})",
    "rows_shown": "{title} (showing {shown:,} of {total:,}; the figures count every case)",
    "explained": ", the first {count} explained below",
    "old_total": "old total", "new_total": "new total", "delta": "delta",
    "old_reason": "old main reason", "new_reason": "new main reason",
    "old_side": "old: {policy}", "new_side": "new: {policy}",
    "subject": "case {case_id}", "subject_none": "case",
    "subject_order": "{case} (order {order_id})",
    "invalid_here": "{where}: invalid under this policy",
    "pair_title": "{where}: {subject} — {change}", "list_sep": ", ",
    "notes": "Notes", "none": "none", "nothing_paid": "nothing paid",
    "explained_heading": "Changed cases explained",
    "filter_guarantee": "guarantee", "filter_transition": "transition", "filter_all": "all",
    "advance_within": "{approvals} · advance of {amount} within the refund",
    "approvals_count": "{count} approval", "approvals_count_many": "{count} approvals",
    "approved": "approved", "denied": "denied", "needs_evidence": "needs_evidence",
    "not_covered": "not_covered", "status_invalid": "invalid",
    "amount_up": "amount up", "amount_down": "amount down", "remedies_change": "remedies",
    "evidence": "evidence", "deadline": "deadline", "reasons": "reasons",
    "platform": "platform", "merchant": "merchant", "insurer": "insurer", "buyer": "buyer",
}
_ZH: Final[dict[str, str]] = {
    "preview_title": "政策 {policy} 预览：{cases}",
    "diff_title": "政策对比 {old} → {new}：{cases}，{decisions}结果改变",
    "cases_count": "{count} 个售后单", "cases_count_many": "{count} 个售后单",
    "decisions_count": "{count} 个", "decisions_count_many": "{count} 个",
    "others_unchanged": "其余 {count} 项，未变", "others_unchanged_many": "其余 {count} 项，未变",
    "all_unchanged": "全部 {count} 项，未变",
    "summary": "汇总", "figure": "项目", "value": "数值",
    "cases": "售后单", "invalid": "无效", "changed": "结果改变", "unchanged": "结果未变",
    "total_paid": "赔付合计{currency}", "total_paid_old": "赔付合计（旧）{currency}",
    "total_paid_new": "赔付合计（新）{currency}", "payout_change": "赔付变化{currency}",
    "by_guarantee": "按保障", "guarantee": "保障", "approvals": "通过数",
    "paid": "赔付", "note": "说明",
    "by_kind": "按补偿方式", "remedy_kind": "补偿方式",
    "by_payer": "按承担方", "payer": "承担方",
    "by_version": "按政策版本", "version": "版本",
    "by_reason": "按主要原因", "code": "原因代码", "count": "数量", "share": "占比",
    "chart_guarantee": "各保障赔付", "chart_payer": "各承担方赔付",
    "chart_guarantee_diff": "有变化的赔付，按保障：新旧对比",
    "chart_payer_diff": "有变化的赔付，按承担方：新旧对比",
    "old": "旧", "new": "新", "change": "变化",
    "delta_by_guarantee": "各保障赔付变化", "delta_by_payer": "各承担方赔付变化",
    "delta_by_kind": "各补偿方式赔付变化",
    "cases_table": "售后单", "case": "售后单", "order": "订单", "status": "结果",
    "remedies": "补偿", "total": "金额", "main_reason": "主要原因",
    "reason": "原因", "line": "行", "row": "行", "item": "项",
    "changes_title": "结果改变的售后单（{changed}{explained}）",
    "rows_shown": "{title}（显示 {total:,} 个中的 {shown:,} 个；统计数字包括全部售后单）",
    "explained": "，下面详解前 {count} 个",
    "old_total": "旧金额", "new_total": "新金额", "delta": "差额",
    "old_reason": "旧主要原因", "new_reason": "新主要原因",
    "old_side": "旧：{policy}", "new_side": "新：{policy}",
    "subject": "售后单 {case_id}", "subject_none": "售后单",
    "subject_order": "{case}（订单 {order_id}）",
    "invalid_here": "{where}：在此政策下无效",
    "pair_title": "{where}：{subject} — {change}", "list_sep": "，",
    "notes": "备注", "none": "无", "nothing_paid": "无赔付",
    "explained_heading": "结果改变的售后单详解",
    "filter_guarantee": "保障", "filter_transition": "结果变化", "filter_all": "全部",
    "advance_within": "{approvals} · 垫付 {amount}，已含在退款内",
    "approvals_count": "{count} 次通过", "approvals_count_many": "{count} 次通过",
    "approved": "通过", "denied": "拒绝", "needs_evidence": "待补充凭证",
    "not_covered": "不在保障范围内", "status_invalid": "无效",
    "amount_up": "金额增加", "amount_down": "金额减少", "remedies_change": "补偿改变",
    "evidence": "凭证", "deadline": "截止时间", "reasons": "原因",
    "platform": "平台", "merchant": "商家", "insurer": "保险公司", "buyer": "买家",
}

LABELS: Final[dict[Lang, Mapping[str, str]]] = {"en": _EN, "zh": _ZH}
"""Every label of a report, by language; both languages have the same keys."""


def label(key: str, lang: Lang, **facts: object) -> str:
    """The label `key` in `lang`, its `{facts}` filled in; a `count` of other than one picks
    the `_many` form when there is one."""
    table = LABELS[lang]
    count = facts.get("count")
    if isinstance(count, int) and count != 1 and f"{key}_many" in table:
        key = f"{key}_many"
    return table[key].format(**facts) if facts else table[key]
