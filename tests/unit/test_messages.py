"""English messages word the facts as people write them (instants, events, day windows);
the facts themselves stay machine text."""

from __future__ import annotations

from datetime import datetime

import pytest

import aftersales
from aftersales._phrases import reason_facts
from aftersales.messages import fact_from_en, instant_en, render, value_en
from tests.builders import claim_case

LATE_FACTS = {"event": "delivered_at", "event_at": "2025-08-24T15:00:00+08:00",
              "window": "48 h", "deadline": "2025-08-26T15:00:00+08:00",
              "filed_at": "2025-08-26T18:00:00+08:00", "late_by": "3 h"}
DAY_WINDOW_FACTS = {"event": "delivered_at", "event_at": "2025-12-11T10:00:00+08:00",
                    "window": "7 calendar days",
                    "deadline": "2025-12-18T23:59:59.999999+08:00",
                    "filed_at": "2025-12-19T09:00:00+08:00", "late_by": "9 h"}


def test_a_late_filing_reads_instants_and_the_event_as_people_write_them() -> None:
    assert render("filed_too_late", LATE_FACTS) == (
        "filed 2025-08-26 18:00, 3 h after the 48 h window after delivery closed at "
        "2025-08-26 15:00")


def test_a_day_window_is_an_adjective_and_closes_at_24_00_of_its_last_day() -> None:
    assert render("filed_too_late", DAY_WINDOW_FACTS) == (
        "filed 2025-12-19 09:00, 9 h after the 7-calendar-day window after delivery closed at "
        "2025-12-18 24:00")
    assert render("filed_in_time", {**DAY_WINDOW_FACTS, "filed_at": "2025-12-18T23:00:00+08:00"}
                  ) == ("filed 2025-12-18 23:00, within the 7-calendar-day window after delivery "
                        "that closes at 2025-12-18 24:00")


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
    assert instant_en(datetime.fromisoformat(instant)) == text


def test_events_are_nouns_and_other_windows_and_identifiers_stay_as_they_are() -> None:
    assert [value_en("event", event) for event in ("delivered_at", "shipped_at", "paid_at")] == [
        "delivery", "shipment", "payment"]
    assert value_en("event_at", "none") == "none yet"
    assert value_en("window", "48 h") == "48 h"
    assert value_en("window", "30 days") == "30 days"  # a buyer limit's: `3 in 30 days`
    assert value_en("lines", "l1, l2") == "l1, l2"
    assert value_en("late_by", "1 d 2 h") == "1 d 2 h"


@pytest.mark.parametrize(("key", "fact"), [
    ("event", "shipped_at"), ("event_at", "none"), ("window", "90 calendar days"),
    ("window", "48 h"), ("deadline", "2025-08-31T23:59:59.999999+08:00"),
    ("filed_at", "2025-08-26T15:00:00.250000+09:00"), ("as_of", "2025-08-26T07:00:00+00:00"),
    ("unit_prices", "l1: 39.90, l2: 12.00"),
])
def test_a_fact_read_back_out_of_an_english_message_is_the_fact_it_was_worded_from(
        key: str, fact: str) -> None:
    assert fact_from_en(key, value_en(key, fact)) == fact


def test_the_facts_keep_the_machine_text_while_the_messages_word_them() -> None:
    late = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
    decision = aftersales.evaluate(late)
    (step,) = [step for step in decision.trace if step.check == "filed_within"]
    assert step.facts == LATE_FACTS
    assert decision.reasons[0].message == render("filed_too_late", LATE_FACTS)
    assert decision.to_dict()["trace"][1]["facts"]["deadline"] == "2025-08-26T15:00:00+08:00"


def test_a_reason_without_its_step_gives_back_its_facts_from_its_message() -> None:
    late = claim_case("allergy", claim={"filed_at": "2025-12-01T09:00:00+08:00"},
                      as_of="2025-12-01T12:00:00+08:00")  # 90 calendar days after delivery
    with_trace, without = aftersales.evaluate(late), aftersales.evaluate(late, trace=False)
    assert without.trace == ()  # so the facts can only come from the message
    (reason,) = [r for r in without.reasons if r.code == "allergy.filed_too_late"]
    (step,) = [s for s in with_trace.trace if [s.guarantee, s.code] == reason.code.split(".")]
    assert "90-calendar-day window after delivery closed at 2025-11-22 24:00" in reason.message
    in_message = {name: fact for name, fact in step.facts.items() if name != "event_at"}
    assert reason_facts(reason, without) == in_message
    assert "90 个自然日的时限已于 2025-11-22 23:59:59 截止" in without.explain(lang="zh")
