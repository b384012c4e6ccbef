# ruff: noqa: RUF001  -- Chinese text is written with full-width punctuation
"""The Chinese catalogue: a message for every code, the same facts asked for, readable
instants and durations, and explanations with no English template text left in them."""

from __future__ import annotations

import re
import string
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

import aftersales
from aftersales import Decision, Policy, evaluate
from aftersales.model.facts import Formula, Granted, Window, fact_text
from aftersales.wording import PHRASES, render
from aftersales.wording.en import MESSAGES
from aftersales.wording.zh import MESSAGES_ZH, duration_zh, instant_zh, render_zh, word_zh
from tests.builders import case_dict, claim_case
from tests.scenarios.test_scenarios import Scenario, build_policy, load_tables


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_english_code_has_a_chinese_message_and_every_chinese_one_an_english() -> None:
    assert set(MESSAGES) - set(MESSAGES_ZH) == set()
    assert set(MESSAGES_ZH) - set(MESSAGES) == set()


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_render_a_code_from_the_same_facts(code: str) -> None:
    assert fields(MESSAGES_ZH[code]) == fields(MESSAGES[code])


def test_every_tree_label_and_what_if_phrase_exists_in_both_languages() -> None:
    assert set(PHRASES["en"]) == set(PHRASES["zh"])
    for key, template in PHRASES["en"].items():
        assert fields(PHRASES["zh"][key]) == fields(template), key


def test_a_late_filing_reads_as_a_chinese_shop_words_it() -> None:
    facts = {"event": "delivered_at", "event_at": at("2025-08-24T15:00:00+08:00"),
             "window": Window(hours=48), "deadline": at("2025-08-26T15:00:00+08:00"),
             "filed_at": at("2025-08-26T18:00:00+08:00"), "late_by": timedelta(hours=3)}
    assert render("filed_too_late", facts, lang="zh") == (
        "2025-08-26 18:00 提交申请，签收后 48 小时的时限已于 2025-08-26 15:00 截止，晚了 3 小时")


def test_a_day_window_is_counted_in_calendar_days_and_ends_at_the_last_second() -> None:
    facts = {"event": "delivered_at", "window": Window(days=7),
             "deadline": at("2025-08-31T23:59:59.999999+08:00"),
             "filed_at": at("2025-08-27T10:00:00+08:00")}
    assert render_zh("filed_in_time", facts) == (
        "2025-08-27 10:00 提交申请，在签收后 7 个自然日的时限内（截至 2025-08-31 23:59:59）")


@pytest.mark.parametrize(("instant", "text"), [
    ("2025-08-26T15:00:00+08:00", "2025-08-26 15:00"),
    ("2025-08-26T15:00:01+08:00", "2025-08-26 15:00:01"),
    ("2025-08-26T15:00:00.250000+08:00", "2025-08-26 15:00:00.250000"),
    ("2025-08-26T07:00:00+00:00", "2025-08-26 07:00（UTC+00:00）"),
    ("2025-08-26T15:00:00+09:00", "2025-08-26 15:00（UTC+09:00）"),
])
def test_an_instant_reads_in_beijing_time_and_names_any_other_offset(instant: str,
                                                                   text: str) -> None:
    assert instant_zh(at(instant)) == text


def test_durations_read_in_chinese_units() -> None:
    assert duration_zh(timedelta(days=82, hours=23, minutes=59, seconds=59)) == \
        "82 天 23 小时 59 分钟 59 秒"
    assert duration_zh(timedelta(hours=3, seconds=5)) == "3 小时 5 秒"
    assert duration_zh(timedelta(microseconds=1)) == "1 微秒"


def test_identifiers_stay_as_they_are_and_known_words_are_translated() -> None:
    assert word_zh("lines", ("l1", "l2")) == "l1, l2"
    assert word_zh("categories", ("fresh", "pantry.grain_oil")) == "fresh, pantry.grain_oil"
    assert word_zh("missing", ("photo", "medical_record")) == "照片、就医记录"
    formula = Formula("multiple", "3 × claimed_amount, at least 500.00",
                      (("multiplier", Decimal(3)), ("base", "claimed_amount"),
                       ("minimum", Decimal("500.00"))))
    assert word_zh("formula", formula) == "申请商品实付 × 3，至少 500.00"
    granted = (Granted("refund", Decimal("39.90"), "CNY", "merchant"),
               Granted("pickup", None, "CNY", "platform"))
    assert word_zh("granted", granted) == "退款 39.90 CNY，由商家承担；上门取件，由平台承担"
    assert word_zh("preferred", None) == "未选择"
    assert word_zh("found", None) == "无"
    assert word_zh("late_by", timedelta(days=82, seconds=86399)) == "82 天 23 小时 59 分钟 59 秒"


def test_a_policys_own_code_stays_as_it_is_in_chinese() -> None:
    assert render_zh("goodwill_window", {}) == "goodwill_window"
    assert render_zh("not_filed_in_time", {}) == "不满足：filed_in_time"


def test_render_refuses_a_language_it_does_not_have() -> None:
    with pytest.raises(ValueError, match="lang must be one of en, zh"):
        render("filed_in_time", {}, lang="fr")


def test_what_if_words_its_changes_in_chinese() -> None:
    late = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
    (change,) = aftersales.what_if(late, lang="zh")
    assert change.message == (
        "若在 2025-08-26 15:00 前提交（早 3 小时），spoilage 申请将获通过：退款 39.90 CNY")
    assert change.value == "2025-08-26T15:00:00+08:00"  # the data stays as it is


# --- no English template text in a Chinese explanation -------------------------------------


def identifiers(decision: Decision, policy: Policy) -> set[str]:
    """What may stay as it is in a Chinese explanation: ids, codes, check kinds, and the facts
    (names and values) a step compared."""
    found = {decision.policy.id, decision.order_id, decision.case_id or "", "UTC",
             policy.currency, *(g.id for g in policy.guarantees)}
    for step in decision.trace:
        found |= {step.code, step.check, step.guarantee or "", *step.facts,
                  *map(fact_text, step.facts.values())}
    found |= {reason.code for reason in decision.reasons}
    return found - {""}


def english_words(case: Any, policy: Policy | None = None, *, trace: bool = True) -> list[str]:
    policy = policy or aftersales.standard_policy()
    if trace:
        text = aftersales.explain(case, policy, lang="zh", what_if=True)
    else:
        text = evaluate(case, policy, trace=False).explain(lang="zh")
    decision = evaluate(case, policy)
    for identifier in sorted(identifiers(decision, policy), key=len, reverse=True):
        text = text.replace(identifier, " ")
    return re.findall(r"[A-Za-z]{2,}", text)


REAL_DENIALS = {
    "late-spoilage": claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"}),
    "allergy-without-record": claim_case("allergy", claim={"evidence": ["photo"]}),
    "price-not-lower": claim_case("price_match", claim={"reference_price": "39.90"}),
    "shipped-on-time": case_dict(),
    "refund-request-after-delivery": claim_case("spoilage", claim={
        "kind": "refund_request", "evidence": [], "filed_at": "2025-08-24T16:00:00+08:00"}),
}


@pytest.mark.parametrize("case", REAL_DENIALS.values(), ids=REAL_DENIALS.keys())
def test_the_chinese_explanation_of_a_real_denial_has_no_english_template_text(
        case: dict[str, Any]) -> None:
    assert aftersales.evaluate(case).status != "approved"
    assert english_words(case) == []


def test_without_a_trace_each_reason_is_still_worded_in_chinese() -> None:
    text = evaluate(REAL_DENIALS["late-spoilage"], trace=False).explain(lang="zh")
    assert "晚了 3 小时 [spoilage.filed_too_late]" in text
    assert english_words(REAL_DENIALS["late-spoilage"], trace=False) == []


def test_no_scenario_case_leaves_english_template_text_in_its_chinese_explanation() -> None:
    leftovers: dict[str, list[str]] = {}
    for scenario in load_tables():
        if not isinstance(scenario, Scenario) or scenario.xfail:
            continue
        policy = build_policy(scenario.policy)
        try:
            words = english_words(scenario.case, policy)
        except aftersales.InvalidCaseError:
            continue
        if words:
            leftovers[f"{scenario.file}/{scenario.id}"] = words
    assert leftovers == {}
