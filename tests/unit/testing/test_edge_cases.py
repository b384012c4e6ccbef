"""Edge cases: both sides of every boundary of a policy, each side decided as it says."""

from __future__ import annotations

from decimal import Decimal

import pytest

import aftersales
from aftersales import Policy, evaluate
from aftersales.testing import EdgeCase, edge_cases

STANDARD = aftersales.standard_policy()
EDGES = edge_cases(STANDARD)


def pays(edge: EdgeCase, policy: Policy = STANDARD) -> bool:
    return any(r.guarantee == edge.guarantee for r in evaluate(edge.case, policy).remedies)


@pytest.mark.parametrize("edge", [e for e in EDGES if e.side in ("inside", "outside")],
                         ids=lambda e: f"{e.guarantee}:{e.side}:{e.boundary}")
def test_inside_a_boundary_the_guarantee_pays_and_outside_it_does_not(edge: EdgeCase) -> None:
    assert pays(edge) is (edge.side == "inside")


def test_every_boundary_comes_with_both_sides() -> None:
    sides: dict[tuple[str, str], set[str]] = {}
    for edge in EDGES:
        sides.setdefault((edge.guarantee, edge.boundary), set()).add(edge.side)
    assert all(found in ({"inside", "outside"}, {"below", "at"}) or found == {"inside"}
               for found in sides.values())


def test_the_windows_of_the_standard_policy_are_found_to_the_microsecond() -> None:
    spoilage = [e for e in EDGES if e.guarantee == "spoilage" and "closes" in e.boundary]
    inside, outside = sorted(spoilage, key=lambda e: e.side)
    assert inside.case.claim is not None
    assert outside.case.claim is not None
    assert (outside.case.claim.filed_at - inside.case.claim.filed_at).total_seconds() == 1e-6


def test_amount_thresholds_change_the_amount_paid() -> None:
    tiers = [e for e in EDGES if e.guarantee == "late_shipment" and "tier" in e.boundary]
    below, at = sorted(tiers, key=lambda e: e.side != "below")
    assert below.case.order.total_paid == Decimal("299.99")
    assert at.case.order.total_paid == Decimal("300.00")
    assert [step.fact_text("tier") for step in evaluate(at.case).trace
            if step.check == "amount"] == ["from 300.00"]
    caps = sorted((e for e in EDGES if "cap 30.00" in e.boundary), key=lambda e: e.side)
    assert [str(e.case.order.total_paid) for e in caps] == ["2999.50", "2999.49"]  # at, below
    assert [str(evaluate(e.case).total("coupon")) for e in caps] == ["30.00", "29.99"]


def test_a_parameter_moves_its_boundary() -> None:
    longer = STANDARD.with_guarantee(aftersales.spoilage(window_hours=72))
    closes = [e for e in edge_cases(longer) if e.guarantee == "spoilage" and "closes" in e.boundary]
    assert all("2025-08-27T09:00:00+08:00" in e.boundary for e in closes)


def test_an_add_on_without_a_guarantee_to_follow_has_no_edge_cases() -> None:
    lonely = Policy(id="p", version="1", guarantees=(aftersales.return_shipping_insurance(),))
    assert edge_cases(lonely) == []


def test_edge_cases_do_not_depend_on_the_callers_decimal_context() -> None:
    import decimal

    expected = edge_cases(STANDARD)
    with decimal.localcontext(decimal.Context(prec=3)):
        assert edge_cases(STANDARD) == expected
