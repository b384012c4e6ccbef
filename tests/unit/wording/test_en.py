"""English messages word typed facts as people write them (instants, events, day windows);
the JSON keeps each fact's machine text."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

import aftersales
from aftersales.model.facts import Granted, LineCategory, Window, fact_text
from aftersales.wording import render
from aftersales.wording.en import instant_en, word_en
from tests.builders import claim_case


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


LATE_FACTS: dict[str, object] = {
    "event": "delivered_at", "event_at": at("2025-08-24T15:00:00+08:00"),
    "window": Window(hours=48), "deadline": at("2025-08-26T15:00:00+08:00"),
    "filed_at": at("2025-08-26T18:00:00+08:00"), "late_by": timedelta(hours=3)}
DAY_WINDOW_FACTS: dict[str, object] = {
    "event": "delivered_at", "event_at": at("2025-12-11T10:00:00+08:00"),
    "window": Window(days=7), "deadline": at("2025-12-18T23:59:59.999999+08:00"),
    "filed_at": at("2025-12-19T09:00:00+08:00"), "late_by": timedelta(hours=9)}


def test_a_late_filing_reads_instants_and_the_event_as_people_write_them() -> None:
    assert render("filed_too_late", LATE_FACTS) == (
        "filed 2025-08-26 18:00, 3 h after the 48 h window after delivery closed at "
        "2025-08-26 15:00")


def test_a_day_window_is_an_adjective_and_closes_at_24_00_of_its_last_day() -> None:
    assert render("filed_too_late", DAY_WINDOW_FACTS) == (
        "filed 2025-12-19 09:00, 9 h after the 7-calendar-day window after delivery closed at "
        "2025-12-18 24:00")
    in_time = {**DAY_WINDOW_FACTS, "filed_at": at("2025-12-18T23:00:00+08:00")}
    assert render("filed_in_time", in_time) == (
        "filed 2025-12-18 23:00, within the 7-calendar-day window after delivery that closes "
        "at 2025-12-18 24:00")


@pytest.mark.parametrize(("instant", "text"), [
    ("2025-08-26T15:00:00+08:00", "2025-08-26 15:00"),
    ("2025-08-26T00:00:00+08:00", "2025-08-26 00:00"),
    ("2025-08-26T15:00:01+08:00", "2025-08-26 15:00:01"),
    ("2025-08-26T15:00:00.250000+08:00", "2025-08-26 15:00:00.250000"),
    ("2025-08-26T23:59:59+08:00", "2025-08-26 23:59:59"),
    ("2025-08-26T23:59:59.999999+08:00", "2025-08-26 24:00"),
    ("2025-08-26T07:00:00+00:00", "2025-08-26 07:00 UTC+00:00"),
    ("2025-08-26T23:59:59.999999-05:00", "2025-08-26 24:00 UTC-05:00"),
])
def test_an_instant_reads_in_beijing_time_and_names_any_other_offset(instant: str,
                                                                   text: str) -> None:
    assert instant_en(at(instant)) == text


def test_events_are_nouns_and_other_windows_and_identifiers_stay_as_they_are() -> None:
    assert [word_en("event", event) for event in ("delivered_at", "shipped_at", "paid_at")] == [
        "delivery", "shipment", "payment"]
    assert word_en("event_at", None) == "not yet"
    assert word_en("window", Window(hours=48)) == "48 h"
    assert word_en("window", Window(rolling_days=30)) == "30 days"  # a buyer limit's
    assert word_en("lines", ("l1", "l2")) == "l1, l2"
    assert word_en("late_by", timedelta(days=1, hours=2)) == "1 d 2 h"


def test_a_fact_read_from_json_is_worded_as_its_text() -> None:
    assert word_en("late_by", "1 d 2 h") == "1 d 2 h"
    assert word_en("event", "delivered_at") == "delivery"


def test_the_facts_are_typed_in_python_and_machine_text_in_json() -> None:
    late = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
    decision = aftersales.evaluate(late)
    (step,) = [step for step in decision.trace if step.check == "filed_within"]
    assert step.facts == LATE_FACTS
    assert {name: fact_text(value) for name, value in step.facts.items()} == {
        "event": "delivered_at", "event_at": "2025-08-24T15:00:00+08:00", "window": "48 h",
        "deadline": "2025-08-26T15:00:00+08:00", "filed_at": "2025-08-26T18:00:00+08:00",
        "late_by": "3 h"}
    assert decision.reasons[0].message == render("filed_too_late", LATE_FACTS)
    assert decision.to_dict()["trace"][1]["facts"]["deadline"] == "2025-08-26T15:00:00+08:00"


def test_a_reason_carries_the_facts_it_rests_on_without_a_trace() -> None:
    late = claim_case("allergy", claim={"filed_at": "2025-12-01T09:00:00+08:00"},
                      as_of="2025-12-01T12:00:00+08:00")  # 90 calendar days after delivery
    with_trace, without = aftersales.evaluate(late), aftersales.evaluate(late, trace=False)
    assert without.trace == ()
    (reason,) = [r for r in without.reasons if r.code == "allergy.filed_too_late"]
    (step,) = [s for s in with_trace.trace if [s.guarantee, s.code] == reason.code.split(".")]
    assert "90-calendar-day window after delivery closed at 2025-11-22 24:00" in reason.message
    assert reason.facts == step.facts
    assert reason.to_dict()["facts"]["window"] == "90 calendar days"
    assert "90 个自然日的时限已于 2025-11-22 23:59:59 截止" in without.explain(lang="zh")


def test_remedies_granted_are_listed_with_semicolons_as_their_own_text_has_commas() -> None:
    granted = (Granted("refund", Decimal("99.00"), "CNY", "merchant"),
               Granted("pickup", None, "CNY", "platform"))
    assert render("approved", {"granted": granted}) == (
        "refund of 99.00 CNY paid by merchant; pickup, paid by platform")
    assert fact_text(granted) == render("approved", {"granted": granted})
    one_kind = granted[:1] * 2
    assert render("approved", {"granted": one_kind}) == (
        "refund of 99.00 CNY paid by merchant; refund of 99.00 CNY paid by merchant")


def test_a_scope_names_its_exclusions_once() -> None:
    facts = {"categories": ("food", "fresh"), "excluded": ("fresh.flowers", "fresh.plants"),
             "claimed": (LineCategory("l1", "fresh.flowers"),)}
    assert render("category_not_covered", facts) == (
        "no claimed line is in food, fresh (except fresh.flowers, fresh.plants) (claimed: l1 "
        "(fresh.flowers))")
    plain = {key: facts[key] for key in ("categories", "claimed")}
    assert render("category_not_covered", plain) == (
        "no claimed line is in food, fresh (claimed: l1 (fresh.flowers))")
