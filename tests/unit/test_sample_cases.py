"""The sample cases shipped inside the package (`aftersales preview` with no arguments)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta
from functools import cache
from importlib.resources import files
from zoneinfo import ZoneInfo

import pytest

import aftersales
from aftersales import Case, ClaimKind, Decision, Policy, Status, standard_policy
from aftersales.catalogue.allergy import allergy

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_TERMS_FROM = datetime(2026, 3, 1, tzinfo=SHANGHAI)


@cache
def sample_text() -> str:
    return (files("aftersales") / "data" / "sample-cases.jsonl").read_text(encoding="utf-8")


@cache
def sample_cases() -> tuple[Case, ...]:
    return tuple(aftersales.parse_case(line) for line in sample_text().splitlines())


@cache
def decisions(policy: Policy) -> tuple[Decision, ...]:
    return tuple(aftersales.evaluate(case, policy) for case in sample_cases())


def seven_day_allergy() -> Policy:
    return standard_policy().with_guarantee(allergy(window_days=7))


def test_the_sample_file_is_json_lines_of_objects() -> None:
    text = sample_text()
    assert text.endswith("\n")
    for number, line in enumerate(text.splitlines(), start=1):
        assert line.strip(), f"line {number} is blank"
        assert isinstance(json.loads(line), dict), f"line {number} is not a JSON object"


def test_every_sample_case_is_valid_and_has_a_unique_id() -> None:
    cases = sample_cases()
    assert 80 <= len(cases) <= 120
    ids = [case.id for case in cases]
    assert None not in ids
    assert [case_id for case_id, count in Counter(ids).items() if count > 1] == []


def test_every_sample_order_is_in_cny_with_shanghai_instants() -> None:
    for case in sample_cases():
        assert case.order.currency == "CNY", case.id
        instants = [case.as_of, case.order.paid_at, case.order.promised_ship_by]
        if case.claim is not None:
            instants.append(case.claim.filed_at)
        assert {moment.utcoffset() for moment in instants} == {timedelta(hours=8)}, case.id


def test_payments_spread_over_november_2025_to_june_2026() -> None:
    paid = sorted(case.order.paid_at for case in sample_cases())
    assert paid[0] >= datetime(2025, 11, 1, tzinfo=SHANGHAI)
    assert paid[-1] < datetime(2026, 7, 1, tzinfo=SHANGHAI)
    months = {(moment.year, moment.month) for moment in paid}
    assert len(months) == 8


@pytest.mark.parametrize("guarantee", [g.id for g in standard_policy().guarantees])
def test_every_standard_guarantee_pays_in_some_sample_case(guarantee: str) -> None:
    paying = [decision.case_id for decision in decisions(standard_policy())
              if any(remedy.guarantee == guarantee for remedy in decision.remedies)]
    assert paying, f"no sample case is paid by {guarantee}"


def test_the_sample_shows_approvals_denials_and_requests_for_evidence() -> None:
    statuses = Counter(decision.status for decision in decisions(standard_policy()))
    assert statuses[Status.APPROVED] > statuses[Status.DENIED] > statuses[Status.NEEDS_EVIDENCE]
    assert statuses[Status.NEEDS_EVIDENCE] > 0


def test_the_sample_shows_late_ship_coupons_granted_without_a_claim() -> None:
    automatic = [decision for case, decision in zip(sample_cases(), decisions(standard_policy()),
                                                    strict=True)
                 if case.claim is None and "late_shipment.approved" in decision.codes]
    assert len(automatic) >= 3
    assert all(decision.total("coupon") > 0 for decision in automatic)


def _allergy_claims() -> list[tuple[Case, Decision, Decision]]:
    return [(case, standard, seven_days)
            for case, standard, seven_days in zip(sample_cases(), decisions(standard_policy()),
                                                  decisions(seven_day_allergy()), strict=True)
            if case.claim is not None and case.claim.kind is ClaimKind.ALLERGY]


@pytest.mark.parametrize("paid_after_new_terms", [False, True])
def test_a_seven_day_allergy_window_denies_sample_claims_the_standard_policy_approves(
        paid_after_new_terms: bool) -> None:
    flipped = [case.id for case, standard, seven_days in _allergy_claims()
               if (case.order.paid_at >= NEW_TERMS_FROM) is paid_after_new_terms
               and standard.status is Status.APPROVED
               and "allergy.approved" in standard.codes
               and seven_days.status is Status.DENIED
               and "allergy.filed_too_late" in seven_days.codes]
    assert len(flipped) >= 3


def test_sample_allergy_claims_within_seven_days_are_approved_under_both_windows() -> None:
    both = [case.id for case, standard, seven_days in _allergy_claims()
            if "allergy.approved" in standard.codes and "allergy.approved" in seven_days.codes]
    assert len(both) >= 2


def test_a_sample_allergy_claim_after_the_ninety_day_window_is_denied_under_both() -> None:
    late = [case.id for case, standard, seven_days in _allergy_claims()
            if standard.status is Status.DENIED and "allergy.filed_too_late" in standard.codes
            and seven_days.status is Status.DENIED]
    assert late
