"""Conditions: facts a guarantee requires, composable with `&`, `|` and `~`; one module per
kind, each implementing the rule protocol (`rules.protocol`)."""

from __future__ import annotations

from typing import Annotated, get_args

from pydantic import Field

from ..protocol import Condition
from ._events import OrderEvent
from .buyer_limit import BuyerLimit
from .category_in import CategoryIn
from .combinators import AllOf, AnyOf, Not
from .delivered_late import DeliveredLate
from .evidence_by_order_total import EvidenceByOrderTotal, EvidenceTier
from .fee_charged import FeeCharged, OrderFee
from .filed_after import FiledAfter
from .filed_before import FiledBefore
from .filed_within import FiledWithin
from .filed_within_for_problem import FiledWithinForProblem, ProblemWindow
from .filed_within_receipt import FiledWithinReceipt, ReceiptAnchor
from .flagged_with import FlaggedWith
from .has_tag import HasTag
from .insured import Insured
from .item_intact import ItemIntact
from .not_granted_before import NotGrantedBefore
from .not_granted_for_item_before import NotGrantedForItemBefore
from .not_picked_up_within import NotPickedUpWithin
from .not_shipped_within import NotShippedWithin
from .order_total_above import OrderTotalAbove
from .order_total_at_most import OrderTotalAtMost
from .problem_in import ProblemIn
from .problem_is import ProblemIs
from .reference_price import ReferencePriceBelowUnitPrice
from .region_in import RegionIn
from .remaining_at_least import RemainingAtLeast
from .remedy_overdue import RemedyOverdue
from .return_approved import ReturnApproved
from .return_tracked import ReturnTracked
from .shipped_late import ShippedLate
from .shipped_late_on_clock import ShippedLateOnClock

__all__ = [
    "CONDITION_KINDS",
    "AllOf",
    "AnyCondition",
    "AnyOf",
    "BuyerLimit",
    "CategoryIn",
    "Condition",
    "DeliveredLate",
    "EvidenceByOrderTotal",
    "EvidenceTier",
    "FeeCharged",
    "FiledAfter",
    "FiledBefore",
    "FiledWithin",
    "FiledWithinForProblem",
    "FiledWithinReceipt",
    "FlaggedWith",
    "HasTag",
    "Insured",
    "ItemIntact",
    "Not",
    "NotGrantedBefore",
    "NotGrantedForItemBefore",
    "NotPickedUpWithin",
    "NotShippedWithin",
    "OrderEvent",
    "OrderFee",
    "OrderTotalAbove",
    "OrderTotalAtMost",
    "ProblemIn",
    "ProblemIs",
    "ProblemWindow",
    "ReceiptAnchor",
    "ReferencePriceBelowUnitPrice",
    "RegionIn",
    "RemainingAtLeast",
    "RemedyOverdue",
    "ReturnApproved",
    "ReturnTracked",
    "ShippedLate",
    "ShippedLateOnClock",
]

AnyCondition = Annotated[
    AllOf | AnyOf | Not | ShippedLate | NotShippedWithin | FiledWithin | FiledBefore
    | FiledAfter | CategoryIn | HasTag | ReferencePriceBelowUnitPrice | NotGrantedBefore
    | BuyerLimit | ReturnApproved | OrderTotalAbove | OrderTotalAtMost | FlaggedWith | Insured
    | RegionIn | FeeCharged | ItemIntact | ReturnTracked
    # shipping and delivery (late shipment, pickup, tracking)
    | ShippedLateOnClock | NotPickedUpWithin | DeliveredLate
    # claims after delivery (spoilage, fresh food, allergy)
    | ProblemIs | EvidenceByOrderTotal | RemainingAtLeast | FiledWithinForProblem
    # Tmall preset (issue 11)
    | FiledWithinReceipt | ProblemIn | NotGrantedForItemBefore | RemedyOverdue,
    Field(discriminator="kind"),
]
"""Every condition kind, as a tagged union: policies round-trip through JSON exactly."""

CONDITION_KINDS: dict[str, type[Condition]] = {
    kind.model_fields["kind"].default: kind for kind in get_args(get_args(AnyCondition)[0])}
"""Every condition kind by its `kind` tag (what a trace step's `check` names)."""

for _combinator in (AllOf, AnyOf, Not):
    _combinator.model_rebuild(_types_namespace={"AnyCondition": AnyCondition})
