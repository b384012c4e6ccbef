"""The library's invariants, checked with the testing kit it ships (`aftersales.testing`): the
standard policy and generated policies keep every named invariant, over generated cases aimed
at their guarantees and every edge case."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from aftersales import (
    Case,
    ClaimedFraction,
    Guarantee,
    Policy,
    Refund,
    allocate,
    evaluate,
    standard_policy,
)
from aftersales.testing import invariants
from aftersales.testing.strategies import cases, policies
from tests.builders import claim_case

settings.register_profile("ci", max_examples=150, deadline=None)
settings.load_profile("ci")

STANDARD = standard_policy()


@pytest.mark.parametrize("invariant", invariants.INVARIANTS, ids=lambda inv: inv.name)
def test_the_standard_policy_keeps_every_invariant(invariant: invariants.Invariant) -> None:
    invariant.verify(STANDARD, max_examples=150)


@given(policies(), st.data())
def test_generated_policies_keep_every_invariant(policy: Policy, data: st.DataObject) -> None:
    case = data.draw(cases(policy=policy))
    for invariant in invariants.INVARIANTS:
        invariant(policy, case)


@given(cases(), st.permutations(range(len(STANDARD.guarantees))))
def test_no_order_of_the_guarantees_changes_a_decision(case: Case, order: list[int]) -> None:
    shuffled = STANDARD.model_copy(update={
        "guarantees": tuple(STANDARD.guarantees[index] for index in order)})
    assert evaluate(case, shuffled) == evaluate(case, STANDARD)


@given(policies())
def test_policies_round_trip_through_json(policy: Policy) -> None:
    assert Policy.model_validate_json(policy.model_dump_json()) == policy
    assert Policy.parse(policy.to_dict()) == policy


@given(cases())
def test_every_reason_code_is_one_the_policy_declares(case: Case) -> None:
    assert set(evaluate(case).codes) <= set(STANDARD.reason_codes())


@given(st.lists(st.integers(0, 10**6).map(lambda n: Decimal(n) / 1000), min_size=1,
                max_size=8),
       st.integers(0, 10**7))
def test_allocate_sums_exactly_and_never_strays_a_unit_from_the_share(
        weights: list[Decimal], fen: int) -> None:
    total = Decimal(fen) / 100
    parts = allocate(total, weights, Decimal("0.01"))
    assert sum(parts, Decimal(0)) == total
    weight_sum = sum(weights, Decimal(0))
    for part, weight in zip(parts, weights, strict=True):
        share = total * weight / weight_sum if weight_sum else total / len(weights)
        assert abs(part - share) < Decimal("0.01")


def _rounded_fen(value: Fraction, rounding: str) -> int:
    """`value` (in yuan, not negative) to whole fen by `rounding`, from first principles."""
    fen = value * 100
    floor = math.floor(fen)
    rest = fen - floor
    if rounding == "down":
        return floor
    if rounding == "up":
        return floor + (rest > 0)
    if rounding == "half_up":
        return floor + (rest >= Fraction(1, 2))
    return floor + (rest > Fraction(1, 2) or (rest == Fraction(1, 2) and floor % 2 == 1))


REFUND_WHAT_WAS_CLAIMED = Guarantee(id="claimed", claim_kinds=("spoilage",),
                                    remedies=(Refund(amount=ClaimedFraction()),))


@given(st.lists(st.tuples(st.integers(1, 10**7), st.integers(1, 12), st.integers(0, 12)),
                min_size=1, max_size=4),
       st.sampled_from(["half_up", "half_even", "down", "up"]))
@example([(1000, 3, 1)] * 3, "down")  # three thirds of 10.00 are 10.00, not 9.99
@example([(1, 3, 1), (1, 6, 1)], "half_even")  # 1/3 + 1/6 fen is exactly a half
def test_a_claimed_fraction_is_the_exact_rational_rounded_once(
        lines: list[tuple[int, int, int]], rounding: str) -> None:
    lines = [(fen, quantity, min(claimed, quantity)) for fen, quantity, claimed in lines]
    assume(any(claimed for _, _, claimed in lines))
    case = claim_case("spoilage", order={"lines": [
        {"id": f"l{i}", "sku": f"s{i}", "category": "fresh.produce", "quantity": quantity,
         "paid_amount": str(Decimal(fen) / 100)} for i, (fen, quantity, _) in enumerate(lines)]},
        claim={"lines": [{"line_id": f"l{i}", "quantity": claimed}
                         for i, (_, _, claimed) in enumerate(lines) if claimed]})
    policy = Policy(id="p", version="1", rounding=rounding, guarantees=(REFUND_WHAT_WAS_CLAIMED,))
    exact = sum((Fraction(fen, 100) * claimed / quantity for fen, quantity, claimed in lines),
                Fraction(0))
    fen = _rounded_fen(exact, rounding)
    decision = evaluate(case, policy)
    if fen == 0:
        assert decision.codes == ("claimed.zero_amount",)
    else:
        (remedy,) = decision.remedies
        assert remedy.amount == Decimal(fen) / 100
        assert sum(remedy.allocation.values(), Decimal(0)) == remedy.amount


DST_ZONES = ("America/New_York", "Europe/Berlin", "Australia/Sydney", "America/Santiago",
             "Europe/London", "Australia/Lord_Howe")


def _transitions(zone_name: str) -> list[datetime]:
    """The instants (UTC) in 2025 and 2026 at which `zone_name` changes its UTC offset."""
    zone = ZoneInfo(zone_name)
    hour = timedelta(minutes=30)
    at, found = datetime(2025, 1, 1, tzinfo=UTC), []
    while at.year < 2027:
        if at.astimezone(zone).utcoffset() != (at + hour).astimezone(zone).utcoffset():
            found.append(at + hour)
        at += hour
    return found


DST_CHANGES = [(name, change) for name in DST_ZONES for change in _transitions(name)]


@given(st.sampled_from(DST_CHANGES), st.integers(0, 48 * 60 - 1), st.sampled_from([-1, 0, 1]))
def test_hour_windows_measure_elapsed_time_whatever_the_tzinfo(
        change: tuple[str, datetime], minutes_before: int, side: int) -> None:
    """A spoilage claim filed 48 h (± 1 µs) of elapsed time after a delivery shortly before a
    daylight-saving change decides alike whether the instants carry a ZoneInfo (with which
    `+ 48 h` is wall-clock arithmetic) or the fixed offsets they have at those instants: it
    is approved up to the 48th elapsed hour and denied after it."""
    zone_name, changed_at = change
    zone = ZoneInfo(zone_name)
    delivered_utc = changed_at - timedelta(minutes=minutes_before)
    filed_utc = delivered_utc + timedelta(hours=48, microseconds=side)

    def case(convert: str) -> dict[str, object]:
        def at(instant: datetime) -> datetime:
            local = instant.astimezone(zone)
            return local if convert == "zoneinfo" else datetime.fromisoformat(
                local.isoformat())
        data = claim_case("spoilage")
        order = data["order"]
        order.update(paid_at=at(delivered_utc - timedelta(days=3)),
                     promised_ship_by=at(delivered_utc - timedelta(days=2)),
                     shipped_at=at(delivered_utc - timedelta(days=1)),
                     delivered_at=at(delivered_utc))
        data["claim"]["filed_at"] = at(filed_utc)
        data["as_of"] = at(filed_utc + timedelta(days=1))
        return data

    with_zone, with_offsets = evaluate(case("zoneinfo")), evaluate(case("offsets"))
    assert with_zone.to_dict() == with_offsets.to_dict()
    assert (with_zone.status == "approved") is (side <= 0)
