# ruff: noqa: RUF001  -- Chinese text is written with full-width punctuation
"""The explanation tree: the headline, the remedies, every guarantee considered with its
verdict, every check with its code and facts, and what would have made a denial pass."""

from __future__ import annotations

import re
from typing import Any

import pytest

import aftersales
from aftersales import InvalidCaseError, Policy, evaluate, explain, spoilage, standard_policy
from aftersales.policy.versions import PolicyVersions
from tests.builders import case_dict, claim_case

LATE = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
NO_RECORD = claim_case("allergy", claim={"evidence": ["photo"]})
# A serum returned on day 4: the allergy guarantee and the 7-day return both approve it,
# and only one of them may pay on the line.
BOTH_APPROVE = claim_case("allergy", claim={"filed_at": "2025-08-27T10:00:00+08:00",
                                            "item_condition": "intact"})


def branches(text: str) -> list[str]:
    """The top-level branches of a tree, without their connectors."""
    return [line[3:] for line in text.splitlines() if line[:3] in ("├─ ", "└─ ")]


def test_the_headline_names_the_status_and_the_policy_version() -> None:
    text = explain(LATE)
    assert text.splitlines()[0] == (
        "case case-1 (order o-1): DENIED under policy standard version 2026.11")


def test_a_late_filing_says_by_how_much_the_window_was_missed_and_when_it_closed() -> None:
    assert branches(explain(LATE))[0] == (
        "why: filed 2025-08-26 18:00, 3 h after the 48 h window after delivery closed at "
        "2025-08-26 15:00 [spoilage.filed_too_late]")


def test_a_denial_ends_with_what_would_have_made_it_pass() -> None:
    assert explain(LATE).splitlines()[-2:] == [
        "└─ what would have made it pass",
        "   └─ filed by 2025-08-26 15:00 (3 h earlier), the spoilage claim would be approved: "
        "refund 39.90 CNY",
    ]


def test_an_approval_lists_its_remedies_and_no_what_if_by_default() -> None:
    text = explain(claim_case("spoilage"))
    assert branches(text)[0] == "refund 39.90 CNY paid by merchant on l1 (spoilage)"
    assert "what would" not in text


def test_what_if_can_be_asked_for_every_decision_or_for_none() -> None:
    assert explain(claim_case("spoilage"), what_if=True).splitlines()[-2:] == [
        "└─ what would change the outcome", "   └─ nothing nearby changes the outcome"]
    assert "what would" not in explain(LATE, what_if=False)


def test_every_guarantee_considered_is_a_branch_with_its_verdict_and_codes() -> None:
    text = explain(NO_RECORD)
    assert "allergy: needs evidence [allergy.evidence_missing]" in branches(text)
    assert ("no_reason_return: denied [no_reason_return.filed_too_late, "
            "no_reason_return.item_condition_unknown]") in branches(text)
    assert "missing evidence: medical_record" in branches(text)


def test_a_guarantee_that_loses_its_line_to_another_is_excluded() -> None:
    text = explain(BOTH_APPROVE)
    assert "allergy: approved" in branches(text)
    assert "no_reason_return: excluded [no_reason_return.excluded]" in branches(text)


def test_an_add_on_that_does_not_apply_says_so() -> None:
    text = explain(claim_case("spoilage"))
    assert "return_shipping_insurance: add-on, not applied" in branches(text)


def test_a_guarantee_out_of_its_category_scope_does_not_cover_the_claimed_lines() -> None:
    case = claim_case("allergy", order={"lines": [{"id": "l1", "sku": "apple", "quantity": 1,
                                                   "category": "fresh.produce",
                                                   "paid_amount": "10.00"}]})
    text = explain(case)
    assert ("allergy: does not cover the claimed lines [allergy.category_not_covered]"
            in branches(text))


@pytest.mark.parametrize("case", [LATE, NO_RECORD, BOTH_APPROVE, case_dict()],
                         ids=["late", "no-record", "both-approve", "automatic"])
def test_every_check_is_a_line_with_its_mark_and_message_and_then_its_code_and_facts(
        case: dict[str, Any]) -> None:
    decision = evaluate(case)
    lines = [line.lstrip("│├└─ ") for line in explain(case).splitlines()]
    checks = [index for index, line in enumerate(lines) if line[:2] in ("✓ ", "✗ ")]
    # Grouped by guarantee, in the order the engine first checked each (a guarantee's
    # stacking and refund-cap steps come in later passes).
    first = {step.guarantee: index for index, step in reversed(list(enumerate(decision.trace)))}
    steps = sorted(decision.trace, key=lambda step: first[step.guarantee])
    assert len(checks) == len(steps)
    for index, step in zip(checks, steps, strict=True):
        mark = "✓" if step.passed else "✗"
        assert lines[index] == f"{mark} {step.check}: {step.message}"
        facts = " · ".join(f"{name}: {step.fact_text(name)}" for name in step.facts)
        assert lines[index + 1] == f"[{step.code}] {facts}".rstrip()


def test_the_facts_line_keeps_the_machine_values() -> None:
    text = explain(LATE)
    assert ("[filed_too_late] event: delivered_at · event_at: 2025-08-24T15:00:00+08:00 · "
            "window: 48 h · deadline: 2025-08-26T15:00:00+08:00 · filed_at: "
            "2025-08-26T18:00:00+08:00 · late_by: 3 h") in text


def test_the_tree_is_plain_box_drawing_with_one_root_and_no_trailing_spaces() -> None:
    text = explain(NO_RECORD)
    lines = text.splitlines()
    assert not lines[0].startswith((" ", "│", "├", "└"))
    assert all(re.match(r"^(│  |   )*(├─ |└─ |│ |  )\S", line) for line in lines[1:])
    assert all(line == line.rstrip() for line in lines)
    assert [line[:3] for line in lines if not line.startswith(("│", " "))][-1] == "└─ "
    assert "\x1b" not in text  # no colour


def test_guarantees_that_do_not_answer_the_claim_kind_are_named_once() -> None:
    (line,) = [b for b in branches(explain(LATE)) if b.startswith("not for spoilage claims: ")]
    named = line.removeprefix("not for spoilage claims: ").split(", ")
    assert {"allergy", "late_shipment"} <= set(named)
    assert not {"spoilage", "return_shipping_insurance"} & set(named)


def test_a_claim_kind_no_guarantee_answers_is_explained_by_the_policy_reason() -> None:
    only_spoilage = Policy(id="only", version="1", guarantees=[spoilage()])
    text = explain(NO_RECORD, only_spoilage)
    assert branches(text)[0] == (
        "why: no guarantee in policy only covers allergy claims "
        "[policy.claim_kind_not_covered]")
    assert branches(text)[-1] == "what would have made it pass"


def test_a_decision_without_a_trace_still_gives_each_guarantees_reasons() -> None:
    text = evaluate(case_dict(), trace=False).explain()
    assert "late_shipment: denied [late_shipment.shipped_on_time]" in branches(text)
    assert ("│  └─ • late_shipment.shipped_on_time: shipped 2025-08-22 09:00, "
            "not after the promise 2025-08-22 10:00") in text.splitlines()
    assert not {"✓", "✗"} & set(text)


def test_under_versions_in_force_the_decision_names_the_version_it_used() -> None:
    standard = standard_policy()
    older = Policy.parse({**standard.to_dict(), "version": "2025.01",
                          "effective_from": "2025-01-01"})
    newer = Policy.parse({**standard.with_guarantee(spoilage(window_hours=72)).to_dict(),
                          "version": "2025.08", "effective_from": "2025-08-20"})
    versions = PolicyVersions(id="standard", versions=(older, newer))
    text = explain(LATE, versions)  # paid 2025-08-20 10:00: the 72 h version
    assert text.splitlines()[0].endswith("APPROVED under policy standard version 2025.08")
    assert "within the 72 h window" in text
    earlier = explain(claim_case("spoilage", order={"paid_at": "2025-08-19T10:00:00+08:00"},
                                 claim={"filed_at": "2025-08-26T18:00:00+08:00"}), versions)
    assert earlier.splitlines()[0].endswith("DENIED under policy standard version 2025.01")


def test_the_chinese_tree_keeps_the_codes_and_words_the_rest_in_chinese() -> None:
    text = explain(LATE, lang="zh")
    assert text.splitlines()[0] == "售后单 case-1（订单 o-1）：拒绝 · 政策 standard 版本 2026.11"
    assert branches(text)[0] == (
        "原因：2025-08-26 18:00 提交申请，签收后 48 小时的时限已于 2025-08-26 15:00 截止，"
        "晚了 3 小时 [spoilage.filed_too_late]")
    assert "spoilage（坏了包退）：拒绝 [spoilage.filed_too_late]" in branches(text)
    assert text.splitlines()[-2:] == [
        "└─ 怎样才能通过",
        "   └─ 若在 2025-08-26 15:00 前提交（早 3 小时），spoilage 申请将获通过：退款 39.90 CNY"]


def test_a_decision_explains_itself_in_chinese_too() -> None:
    text = evaluate(claim_case("spoilage")).explain(lang="zh")
    assert branches(text)[0] == "退款 39.90 CNY，由商家承担，商品 l1（spoilage）"


def test_the_same_case_always_gives_the_same_text() -> None:
    assert explain(BOTH_APPROVE, lang="zh") == explain(BOTH_APPROVE, lang="zh")
    assert evaluate(LATE).explain() == evaluate(LATE).explain()


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang must be one of en, zh"):
        explain(LATE, lang="fr")
    with pytest.raises(ValueError, match="lang must be one of en, zh"):
        evaluate(LATE).explain(lang="fr")


def test_an_invalid_case_raises_as_evaluate_does() -> None:
    with pytest.raises(InvalidCaseError):
        explain(case_dict(as_of="2025-09-01T12:00:00"))


def test_explain_is_public() -> None:
    assert aftersales.explain is explain
