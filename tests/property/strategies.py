"""Generators of valid cases for the property tests (shrinking toward small, readable ones)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

CST = timezone(timedelta(hours=8))
EPOCH = datetime(2025, 8, 20, 10, 0, tzinfo=CST)
CATEGORIES = ["fresh.produce", "fresh.seafood.shrimp", "pantry.grain_oil.rice",
              "beauty.skincare", "electronics.phone", "home.kitchen", "freshwater.fish",
              "home.furniture.sofa", "vehicles.ebike", "digital.ebook", "food.tea",
              "fresh.flowers"]
TAGS = ["custom_made", "no_return_confirmed", "gift"]
EVIDENCE = ["photo", "medical_record", "price_screenshot", "appraisal_report",
            "inspection_report"]
CLAIM_KINDS = ["spoilage", "allergy", "price_match", "late_shipment", "no_reason_return",
               "refund_request", "return_shipped", "counterfeit", "unsafe_food",
               "damaged_in_transit"]
GUARANTEE_IDS = ["late_shipment", "spoilage", "allergy", "price_match", "no_reason_return",
                 "intercept_refund", "pre_shipment_refund", "proactive_refund", "counterfeit",
                 "unsafe_food", "damage_reship", "remote_area_shipping",
                 "return_shipping_insurance", "large_item_pickup"]


def amounts(max_fen: int = 500_000) -> st.SearchStrategy[Decimal]:
    return st.integers(min_value=0, max_value=max_fen).map(lambda fen: Decimal(fen) / 100)


def _iso(at: datetime) -> str:
    return at.isoformat()


@st.composite
def lines(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(min_value=1, max_value=3))
    return [
        {"id": f"l{i + 1}", "sku": f"sku-{i + 1}", "category": draw(st.sampled_from(CATEGORIES)),
         "tags": draw(st.lists(st.sampled_from(TAGS), unique=True, max_size=1)),
         "quantity": draw(st.integers(min_value=1, max_value=5)),
         "paid_amount": str(draw(amounts()))}
        for i in range(count)
    ]


@st.composite
def cases(draw: st.DrawFn, *, with_claim: bool | None = None) -> dict[str, Any]:
    """A valid case: paid ≤ shipped ≤ delivered ≤ as_of, claim filed between paid and as_of."""
    minutes = st.integers(min_value=0, max_value=7 * 24 * 60)
    paid_at = EPOCH
    promised = paid_at + timedelta(minutes=draw(minutes))
    shipped = draw(st.one_of(st.none(), minutes.map(lambda m: paid_at + timedelta(minutes=m))))
    delivered = None
    if shipped is not None:
        delivered = draw(st.one_of(st.none(),
                                   minutes.map(lambda m: shipped + timedelta(minutes=m))))
    last_event = max(at for at in (paid_at, promised, shipped, delivered) if at is not None)
    as_of = last_event + timedelta(minutes=draw(st.integers(0, 120 * 24 * 60)))
    order_lines = draw(lines())
    order = {"id": "o-1", "paid_at": _iso(paid_at), "promised_ship_by": _iso(promised),
             "shipped_at": _iso(shipped) if shipped else None,
             "delivered_at": _iso(delivered) if delivered else None, "lines": order_lines,
             "region": draw(st.sampled_from([None, "CN-31", "CN-XJ"])),
             "insured": draw(st.booleans()),
             "return_shipping_fee": draw(st.one_of(st.none(), amounts(2_000).map(str))),
             "shipping_surcharge": draw(st.one_of(st.none(), amounts(2_000).map(str))),
             "flags": draw(st.lists(st.sampled_from(["fake_shipment", "late_pack"]),
                                    unique=True)),
             "buyer_flags": draw(st.lists(st.just("refund_abuse"), max_size=1))}
    case: dict[str, Any] = {"id": "case", "as_of": _iso(as_of), "order": order}
    claim_wanted = draw(st.booleans()) if with_claim is None else with_claim
    if claim_wanted:
        span = int((as_of - paid_at).total_seconds())
        filed_at = paid_at + timedelta(seconds=draw(st.integers(0, span)))
        kind = draw(st.sampled_from(CLAIM_KINDS))
        claimed = draw(st.lists(st.sampled_from(order_lines), min_size=1, unique_by=lambda x:
                                x["id"]))
        case["claim"] = {
            "kind": kind, "filed_at": _iso(filed_at),
            "lines": [{"line_id": line["id"],
                       "quantity": draw(st.integers(1, line["quantity"]))} for line in claimed],
            "evidence": draw(st.lists(st.sampled_from(EVIDENCE), unique=True)),
            "reference_price": str(draw(amounts(max_fen=200_000))),
            "item_condition": draw(st.sampled_from([None, "intact", "not_intact"])),
            "preferred_remedy": draw(st.sampled_from([None, "reship", "refund"])),
            "return_tracking_no": draw(st.sampled_from([None, "SF100"])),
        }
        if draw(st.booleans()):
            received = filed_at + timedelta(seconds=draw(st.integers(0, span)))
            case["claim"]["return_received_at"] = _iso(min(received, as_of))
    case["history"] = draw(st.lists(history_entries(order_lines), max_size=2))
    return case


@st.composite
def history_entries(draw: st.DrawFn, order_lines: list[dict[str, Any]]) -> dict[str, Any]:
    entry = {"guarantee": draw(st.sampled_from(GUARANTEE_IDS)),
             "kind": draw(st.sampled_from(["refund", "coupon", "compensation"])),
             "amount": str(draw(amounts(max_fen=5_000))),
             "line_ids": draw(st.lists(st.sampled_from([line["id"] for line in order_lines]),
                                       unique=True, max_size=2)),
             "return_required": draw(st.booleans())}
    if draw(st.booleans()):
        entry["decided_at"] = _iso(EPOCH + timedelta(hours=draw(st.integers(-2000, 2000))))
    if draw(st.integers(0, 4)) == 0:
        entry["order_id"] = "o-other"
    return entry
