"""`evidence_by_order_total`: the evidence the order's amount calls for."""

from decimal import Decimal
from typing import Any

import pytest

from aftersales import EvidenceByOrderTotal, EvidenceTier
from tests.builders import claim_case
from tests.unit.rules.running import check

TIERS = EvidenceByOrderTotal(tiers=(
    EvidenceTier(at_least=Decimal(0), evidence=("photo",)),
    EvidenceTier(at_least=Decimal(100), evidence=("photo", "medical_record")),
))


def paid(amount: str, evidence: list[str]) -> dict[str, Any]:
    return claim_case("allergy", order={"lines": [
        {"id": "l1", "sku": "serum", "category": "beauty.skincare", "tags": [], "quantity": 1,
         "paid_amount": amount}]}, claim={"evidence": evidence})


def test_just_below_a_tier_the_lower_tiers_evidence_is_enough() -> None:
    outcome = check(TIERS, paid("99.99", ["photo"]))
    assert outcome.code == "evidence_for_total_present"
    assert outcome.facts["tier_from"] == Decimal(0)


def test_at_a_tier_start_its_evidence_is_needed_and_the_missing_is_named() -> None:
    outcome = check(TIERS, paid("100.00", ["photo"]))
    assert (outcome.lines, outcome.code) == (0, "evidence_for_total_missing")
    assert outcome.facts["missing"] == ("medical_record",)


def test_with_the_tiers_evidence_it_holds() -> None:
    assert check(TIERS, paid("100.00", ["photo", "medical_record"])).lines == 0b1


def test_tiers_start_at_zero_and_ascend() -> None:
    with pytest.raises(ValueError, match="starts at 0"):
        EvidenceByOrderTotal(tiers=(EvidenceTier(at_least=Decimal(1), evidence=()),))
    with pytest.raises(ValueError, match="ascending"):
        EvidenceByOrderTotal(tiers=(EvidenceTier(at_least=Decimal(0), evidence=()),
                                    EvidenceTier(at_least=Decimal(0), evidence=())))
