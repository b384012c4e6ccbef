"""The vocabulary of cases and decisions: what a buyer claims, what a remedy is, the state of
returned goods."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ACTIONS", "ASKING_AN_AMOUNT", "ClaimKind", "ItemCondition", "PromiseType", "RemedyKind"]


class ClaimKind(StrEnum):
    """What the buyer asks for. Unknown kinds are refused."""

    LATE_SHIPMENT = "late_shipment"
    SPOILAGE = "spoilage"
    ALLERGY = "allergy"
    PRICE_MATCH = "price_match"
    NO_REASON_RETURN = "no_reason_return"
    REFUND_REQUEST = "refund_request"
    RETURN_SHIPPED = "return_shipped"
    COUNTERFEIT = "counterfeit"
    UNSAFE_FOOD = "unsafe_food"
    DAMAGED_IN_TRANSIT = "damaged_in_transit"
    # Tmall preset (issue 11)
    NOT_AS_DESCRIBED = "not_as_described"
    """The goods are not as described (material, brand, labelling, a serious defect)."""
    FALSE_LABEL = "false_label"
    """A figure or material the listing claims (a UPF rating, merino wool) is not borne out
    by the label or a test."""
    RESHIP_REQUEST = "reship_request"
    """The buyer asks for a free reship the merchant promised (or complains it was not
    sent)."""
    # Douyin preset (issue 11): the dispute rule's caps
    PARTIAL_REFUND = "partial_refund"
    """The buyer keeps goods with a minor defect or description problem and asks for part of
    the price back (部分退款, 减少价款): the amount asked is `Claim.requested_amount`."""
    GOODWILL = "goodwill"
    """A goodwill payment for a poor experience (体验补偿), the amount asked or agreed being
    `Claim.requested_amount`."""



ASKING_AN_AMOUNT = frozenset({ClaimKind.PARTIAL_REFUND, ClaimKind.GOODWILL})
"""Claim kinds that name the amount asked (`Claim.requested_amount`), which they need."""

class RemedyKind(StrEnum):
    """What a remedy is. `pickup`, `intercept` and `reship` are actions and may carry no
    amount; the others are money."""

    REFUND = "refund"
    COUPON = "coupon"
    COMPENSATION = "compensation"
    RETURN_SHIPPING = "return_shipping"
    SHIPPING_SUBSIDY = "shipping_subsidy"
    PICKUP = "pickup"
    INTERCEPT = "intercept"
    RESHIP = "reship"


ACTIONS: frozenset[RemedyKind] = frozenset({RemedyKind.PICKUP, RemedyKind.INTERCEPT,
                                            RemedyKind.RESHIP})
"""Remedy kinds that are things done for the buyer, whose amount may be absent."""


class ItemCondition(StrEnum):
    """The state of returned goods (the law's "intact" standard)."""

    INTACT = "intact"
    NOT_INTACT = "not_intact"


# --- Shipping and delivery (issue 11, the ship-by clock) ------------------------------------


class PromiseType(StrEnum):
    """The ship-by promise an order was sold with, from which a ship-by clock derives the
    ship-by time (`rules.clock`): `same_day` (当日发货: paid before 16:00 ships by 23:59:59
    that day, else by 23:59:59 the next day), `next_day` (次日发货: by 23:59:59 the day after
    payment), `within_48h` (48小时发货: within 48 hours of payment)."""

    SAME_DAY = "same_day"
    NEXT_DAY = "next_day"
    WITHIN_48H = "within_48h"
