"""Every code the library reports, on a reason or a trace step, is worded in English and in
Chinese from its facts alone: the facts its kind declares (`OUTCOMES`), or, for the engine's
own codes, which have no declaration, the facts listed here from `engine/decide.py` and
`engine/output.py`."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from aftersales import (
    AnyAmount,
    Condition,
    Decision,
    FixedAmount,
    Not,
    Policy,
    Tier,
    TieredAmount,
    UnitPriceDifference,
    evaluate,
    late_shipment,
    standard_policy,
)
from aftersales.model.facts import Formula, Granted, LineCategory, UnitPrice, Window
from aftersales.model.facts import Tier as TierFact
from aftersales.model.kinds import ItemCondition, RemedyKind
from aftersales.rules.amounts import AMOUNT_KINDS
from aftersales.rules.conditions import CONDITION_KINDS
from aftersales.wording import LANGS, render
from aftersales.wording.en import MESSAGES
from aftersales.wording.zh import MESSAGES_ZH
from tests.builders import ORDER, case_dict, claim_case
from tests.unit.test_sample_cases import sample_cases

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def at(text: str) -> datetime:
    return datetime.fromisoformat(f"2025-08-{text}+08:00")


EXAMPLES: dict[str, object] = {
    "event": "delivered_at", "event_at": at("24T15:00:00"), "window": Window(hours=48),
    "deadline": at("26T15:00:00"), "filed_at": at("26T18:00:00"), "late_by": timedelta(hours=3),
    "guarantee": "spoilage", "per": "line", "granted_before": 1, "fee": "return_shipping_fee",
    "amount": Decimal("12.00"), "return_tracking_no": "SF1234567890",
    "promised_ship_by": at("22T10:00:00"), "shipped_at": at("23T09:00:00"),
    "as_of": at("31T12:00:00"), "claims": 3, "max_claims": 3, "since": at("01T12:00:00"),
    "on": "buyer", "flags": ("refund_abuse", "chargeback_fraud"), "found": ("refund_abuse",),
    "reference_price": Decimal("35.00"), "unit_prices": (UnitPrice("l1", Decimal("39.90")),),
    "order_total": Decimal("79.80"), "limit": Decimal("2000.00"), "minimum": Decimal("3.00"),
    "outcomes": ("shipped", "not_flagged"), "failed": ("filed_too_late",), "negated": "insured",
    "tags": ("custom_made",), "lines": ("l1", "l2"), "categories": ("fresh", "pantry.grain_oil"),
    "region": "CN-XJ", "regions": ("CN-XJ", "CN-XZ"), "item_condition": ItemCondition.INTACT,
    "source": "history", "claim_kind": "spoilage", "excluded": ("fresh.flowers",),
    "claimed": (LineCategory("l1", "fresh.flowers"),), "required": ("photo", "medical_record"),
    "missing": ("medical_record",), "preferred": RemedyKind.RESHIP, "chosen": RemedyKind.REFUND,
    "exact": Decimal("7.9800"), "remedy": RemedyKind.REFUND, "currency": "CNY",
    "by": ("no_reason_return",), "why": "it pays the buyer more there",
    "refunded": Decimal("40.00"), "left": Decimal("39.80"),
    "granted": (Granted("refund", Decimal("39.90"), "CNY", "merchant"),
                Granted("pickup", None, "CNY", "platform")),
    "policy": "standard", "base": Decimal("79.80"), "tier": TierFact(Decimal("0")),
    "capped_at": Decimal("30.00"),
    "more_than": timedelta(hours=48), "ship_by": at("22T23:59:59"), "ship_by_source": "same_day",
    "tracking_uploaded_at": at("22T12:00:00"), "picked_up_at": at("23T13:00:00"),
    "deliver_by": at("25T18:00:00"), "delivered_at": at("26T09:00:00"),
    "raised_to": Decimal("2.00"), "cell": "promise_hours <= 48, late_hours <= 48",
    # claims after delivery
    "problem": "rotten", "problems": ("rotten", "thawed"), "tier_from": Decimal("100"),
    "percent": Decimal("80"), "affected_percent": Decimal("30"), "band_up_to": Decimal("30"),
    "units": 8, "claimed_units": 3,
    "counted": Decimal("1900.00"), "deducted": Decimal("0.60"), "deduction": Decimal("2.00"),
    # Tmall preset (issue 11)
    "signed_for_by": "presumed_after_shipment",
    "skus_granted": ("sku-1",), "granted_at": at("25T10:00:00"), "due_by": at("30T10:00:00"),
    "checked_at": at("31T10:00:00"), "fulfilled_at": at("26T10:00:00"),
    # Douyin preset (issue 11)
    "requested": Decimal("250.00"),
    "formula": Formula("percent_of", "10 % of order_total",
                       (("rate_percent", Decimal(10)), ("base", "order_total"))),
}
"""An example of each fact, of the type the library reports it in."""

BY_KIND: dict[str, dict[str, object]] = {
    "not_shipped_within": {"limit": at("25T10:00:00")},
    "not_picked_up_within": {"limit": at("23T12:00:00")},
    "buyer_limit": {"window": Window(rolling_days=30)},
    "filed_after": {"window": Window(claim=True)},
    "filed_before": {"window": Window()},
    "filed_within_receipt": {"event": "receipt_confirmed", "window": Window(days=15)},
    "remedy_overdue": {"remedy": RemedyKind.RESHIP},
}
"""Facts a kind reports with a type of its own (an instant as `limit`, a rolling window)."""

FORMULAS: dict[str, Formula] = {
    "percent_of": Formula("percent_of", "10 % of order_total",
                          (("rate_percent", Decimal(10)), ("base", "order_total"))),
    "multiple": Formula("multiple", "3 × claimed_amount, at least 500.00",
                        (("multiplier", Decimal(3)), ("base", "claimed_amount"),
                         ("minimum", Decimal("500.00")))),
    "unit_price_difference": Formula("unit_price_difference",
                                     "(unit price − reference) × k × 1",
                                     (("multiplier", Decimal(1)),)),
    "claimed_fraction": Formula("claimed_fraction", "paid_amount × k / n"),
    "fixed": Formula("fixed", "fixed"),
    "approved_return_refund": Formula("approved_return_refund",
                                      "refund approved for the return"),
    "order_fee": Formula("order_fee", "return_shipping_fee",
                         (("fee", "return_shipping_fee"),)),
    "tiered": Formula("fixed", "fixed"),  # a tier's own formula
    "percent_between": Formula("percent_between",
                               "1 % of order_total, at least 2.00, at most 50.00",
                               (("rate_percent", Decimal(1)), ("base", "order_total"),
                                ("minimum", Decimal("2.00")), ("maximum", Decimal("50.00")))),
    "tier_grid": Formula("tier_grid", "no payout in this cell"),
    "affected_share_bands": Formula("affected_share_bands",
                                    "30 % of claimed_amount (affected share up to 30 %)",
                                    (("rate_percent", Decimal(30)),
                                     ("base", "claimed_amount"))),
    "per_count": Formula("per_count", "order total / units × units claimed"),
    "capped": Formula("fixed", "fixed"),  # its amount's own formula
    "pro_rata_deduction": Formula("pro_rata_deduction",
                                  "amount − amount / (order total − payment_channel_discount) "
                                  "× payment_channel_discount",
                                  (("deduct", "payment_channel_discount"),)),
    "percent_by_tag": Formula("percent_by_tag", "platform_qc 100 %, else 30 % of each line's "
                              "claimed amount", (("rates", "platform_qc 100 %"),
                                                 ("otherwise_percent", Decimal(30)))),
    "requested_amount": Formula("requested_amount", "the amount asked"),
}

ENGINE_FACTS: dict[str, tuple[str, ...]] = {
    "covered": ("claim_kind", "lines"),
    "category_not_covered": ("claim_kind", "categories", "excluded", "claimed"),
    "no_line_eligible": (),
    "evidence_present": ("required",),
    "evidence_missing": ("required", "missing", "deadline"),
    "remedy_chosen": ("preferred", "chosen"),
    "zero_amount": ("amount", "currency"),
    "excluded": ("by", "lines", "why"),
    "within_refund_cap": ("order_total", "refunded", "left", "amount", "currency"),
    "refund_capped": ("order_total", "refunded", "left", "amount", "currency"),
    "nothing_left_to_refund": ("order_total", "refunded", "left", "amount", "currency"),
    "approved": ("granted",),
    "claim_kind_not_covered": ("policy", "claim_kind"),
    "no_automatic_guarantee": ("policy",),
}
"""The codes the engine reports itself, with the facts it gives each (`amount_computed`,
whose facts depend on the amount formula, is listed per formula below)."""


def facts_of(kind: str, names: tuple[str, ...] | set[str]) -> dict[str, object]:
    own = BY_KIND.get(kind, {})
    return {name: own.get(name, EXAMPLES[name]) for name in sorted(names)}


def carried(condition: Condition) -> set[str]:
    """Every fact an outcome of `condition` may carry (a combinator's parts' too)."""
    names = {name for spec in condition.OUTCOMES.values() for name in spec.facts}
    for part in condition.parts():
        names |= carried(part)
    return names | ({"negated"} if condition.negation() is not None else set())


def own_codes(condition: Condition) -> Iterator[tuple[str, set[str]]]:
    if condition.code is not None:
        yield condition.code, carried(condition)
    for part in condition.parts():
        yield from own_codes(part)


def negation_codes(name: str) -> tuple[str, ...]:
    """What a `not` around a condition of kind `name` reports when it fails."""
    inner: Any = CONDITION_KINDS[name].model_construct(kind=name)
    return Not.model_construct(condition=inner).failure_codes()


def every_code() -> Iterator[tuple[str, str, dict[str, object]]]:
    """(where it comes from, code, example facts) of every code the library reports."""
    for kind, condition in CONDITION_KINDS.items():
        for code, spec in condition.OUTCOMES.items():
            yield kind, code, facts_of(kind, spec.facts)
        passes = {name for spec in condition.OUTCOMES.values() if spec.passes
                  for name in spec.facts}
        for code in negation_codes(kind):
            yield f"not({kind})", code, facts_of(kind, {*passes, "negated"})
    for code, names in ENGINE_FACTS.items():
        yield "engine", code, facts_of("engine", names)
    for name, amount in AMOUNT_KINDS.items():
        facts = facts_of(name, {"formula", "exact", "remedy", "amount", "currency",
                                *amount.FACTS})
        yield f"amount({name})", "amount_computed", {**facts, "formula": FORMULAS[name]}
        for code, names in amount.NOTES.items():
            yield f"amount({name})", code, facts_of(name, {*names, "formula"})
    for guarantee in standard_policy().guarantees:
        for part in guarantee.conditions:
            for code, carries in own_codes(part):
                yield guarantee.id, code, facts_of(part.kind, carries)


CODES = list(every_code())


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_list_of_codes_reaches_every_message_of_the_catalogue() -> None:
    assert set(MESSAGES) - {code for _, code, _ in CODES} == set()


@pytest.mark.parametrize(("where", "code", "facts"), CODES,
                         ids=[f"{where}.{code}" for where, code, _ in CODES])
def test_a_code_is_worded_in_english_and_chinese_from_its_facts_alone(
        where: str, code: str, facts: Mapping[str, object]) -> None:
    for lang in LANGS:
        text = render(code, facts, lang)
        assert text.strip(), lang
        assert PLACEHOLDER.search(text) is None, text
    assert CJK.search(render(code, facts, "zh")), render(code, facts, "zh")
    if not code.startswith("not_") or code in MESSAGES:  # a negation is worded from its code
        assert fields(MESSAGES[code]) <= set(facts), where
        assert fields(MESSAGES_ZH[code]) <= set(facts), where


def test_every_code_a_sample_decision_reports_is_in_the_list() -> None:
    listed = {code for _, code, _ in CODES}
    reported = {code.split(".", 1)[1] for case in sample_cases() for code in evaluate(case).codes}
    traced = {step.code for case in sample_cases() for step in evaluate(case).trace}
    assert (reported | traced) - listed == set()


def test_a_negations_failure_code_is_no_code_of_a_kind_whose_message_says_the_opposite() -> None:
    declared = {code for kind in CONDITION_KINDS.values() if kind is not Not
                for code in kind.OUTCOMES}
    negations = {code: name for name in CONDITION_KINDS for code in negation_codes(name)}
    assert {code: kind for code, kind in negations.items() if code in declared} == {}


def paying(amount: AnyAmount) -> Policy:
    """The standard policy with late-ship compensation paying `amount`."""
    guarantee = late_shipment()
    coupon = guarantee.remedies[0].model_copy(update={"amount": amount})
    return standard_policy().with_guarantee(guarantee.model_copy(update={"remedies": (coupon,)}))


NOTHING_TO_PAY: dict[str, AnyAmount] = {
    "a tier table below its first tier": TieredAmount(tiers=(
        Tier(at_least=Decimal(100), amount=FixedAmount(amount=Decimal(5))),)),
    "a price difference without a reference price": UnitPriceDifference(),
}


@pytest.mark.parametrize("amount", NOTHING_TO_PAY.values(), ids=NOTHING_TO_PAY.keys())
def test_an_amount_that_pays_nothing_is_worded_with_every_fact_its_message_names(
        amount: AnyAmount) -> None:
    late = case_dict(order={"shipped_at": "2025-08-23T09:00:00+08:00"})
    (step,) = [s for s in evaluate(late, paying(amount)).trace if s.check == "amount"]
    assert fields(MESSAGES[step.code]) - set(step.facts) == set()
    assert "?" not in step.message


# --- the Chinese wording of a decision is rendered from facts, not from English -----------


def garbled(decision: Decision) -> Decision:
    reasons = tuple(reason.model_copy(update={"message": f"GARBLED {reason.code}"})
                    for reason in decision.reasons)
    return decision.model_copy(update={"reasons": reasons})


NOT_APPROVED: dict[str, dict[str, Any]] = {
    "denied": claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"}),
    "needs_evidence": claim_case("allergy", claim={"evidence": ["photo"]}),
    "not_covered": claim_case("spoilage", order={"lines": [
        {**ORDER["lines"][0], "category": "electronics.phone"}]}),
    "automatic": case_dict(),
}


@pytest.mark.parametrize("trace", [True, False], ids=["trace", "no-trace"])
@pytest.mark.parametrize("case", NOT_APPROVED.values(), ids=NOT_APPROVED.keys())
def test_the_chinese_explanation_does_not_read_the_english_messages(case: dict[str, Any],
                                                                    trace: bool) -> None:
    decision = evaluate(case, trace=trace)
    changed = garbled(decision)
    assert "GARBLED" in changed.explain("en")
    assert changed.explain("zh") == decision.explain("zh")
