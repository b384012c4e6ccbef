"""The input facts: a case is an order, an optional claim, the remedies already granted,
and the instant of evaluation. Field names are a public JSON contract."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from .categories import CategoryPath
from .consistency import case_problems
from .construct import construct
from .errors import InvalidCaseError
from .fields import Count, Days, Flag, Instant, NonNegativeAmount, Text
from .json_text import JsonTextError, load_json_text
from .kinds import ACTIONS, ClaimKind, ItemCondition, PromiseType, RemedyKind
from .limits import MAX_HISTORY, MAX_ITEMS, MAX_LINES
from .money import EXACT
from .problems import problems_from_validation_error, raise_problems
from .records import CaseRecord, convert_case, decode_case, record_of
from .regions import RegionCode

__all__ = ["ACTIONS", "MAX_HISTORY", "MAX_ITEMS", "MAX_LINES", "Case", "Claim", "ClaimKind",
           "ClaimLine", "GrantedRemedy", "ItemCondition", "Line", "Order", "RemedyKind",
           "parse_case"]



_MODEL = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)

Identifier = Annotated[Text, Field(min_length=1, max_length=200)]
Currency = Annotated[Text, Field(pattern=r"^[A-Z]{3}$")]
Label = Annotated[Text, Field(max_length=200)]
Labels = Annotated[tuple[Label, ...], Field(max_length=MAX_ITEMS)]
"""Tags, flags, evidence kinds: short texts, at most `MAX_ITEMS` of them."""


class Line(BaseModel):
    """One line of an order: `quantity` units for `paid_amount` in total (after discounts)."""

    model_config = _MODEL

    id: Identifier
    sku: Identifier
    category: CategoryPath
    tags: Labels = ()
    quantity: Count
    paid_amount: NonNegativeAmount
    # ---- claims after delivery (spoilage, fresh food, allergy, price protection)
    ripening_days: Days | None = None
    """The ripening period of fruit sold to ripen at home (催熟期), in days: a window may
    run from delivery plus this period."""
    unit_content: NonNegativeAmount | None = None
    """What one unit holds, in the goods' own measure (100 for a 100 ml bottle): the base of
    remaining-quantity rules."""
    platform_discount: NonNegativeAmount | None = None
    """Discounts on the line the platform funds (red packets, platform coupons), not part of
    `paid_amount`: price protection compares prices before them."""

    @property
    def unit_price(self) -> Decimal:
        """Exact (unrounded, to 60 digits) price paid per unit."""
        return EXACT.divide(self.paid_amount, self.quantity)


class Order(BaseModel):
    model_config = _MODEL

    id: Identifier
    buyer_id: Identifier | None = None
    shop_id: Identifier | None = None
    currency: Currency = "CNY"
    region: RegionCode | None = None
    """Destination region code, e.g. `CN-XJ` (remote-area guarantees); `cn-65` reads as
    `CN-XJ` (docs/errors.md)."""
    insured: Flag = False
    """The order carries return-shipping insurance (运费险)."""
    return_shipping_fee: NonNegativeAmount | None = None
    """The insured amount for the return leg."""
    shipping_surcharge: NonNegativeAmount | None = None
    """Extra shipping charged for the destination (subsidised for remote areas)."""
    flags: Labels = ()
    """Facts established about the order, e.g. `fake_shipment`, `false_advertising`."""
    buyer_flags: Labels = ()
    """Facts about the buyer at the time of the case, e.g. `refund_abuse`."""
    paid_at: Instant
    promised_ship_by: Instant
    shipped_at: Instant | None = None
    delivered_at: Instant | None = None
    """When the carrier recorded the parcel signed for (签收)."""
    # -- Tmall preset (issue 11): confirmed receipt --
    receipt_confirmed_at: Instant | None = None
    """When the buyer confirmed receipt (确认收货), or the platform did on their behalf."""
    # -- end Tmall preset --
    lines: Annotated[tuple[Line, ...], Field(max_length=MAX_LINES)]
    # --- Shipping and delivery (issue 11: Douyin's shipping side, ship-by clocks) ---------
    promise_type: PromiseType | None = None
    """The ship-by promise sold (`same_day`, `next_day`, `within_48h`): a ship-by clock that
    reads it derives the ship-by time from `paid_at` instead of `promised_ship_by`."""
    tracking_uploaded_at: Instant | None = None
    """When the merchant uploaded the tracking number (starts the pickup timeout)."""
    picked_up_at: Instant | None = None
    """The carrier's first pickup scan (揽收). Not checked against the other events: a pickup
    recorded before payment is itself a tracking anomaly."""
    deliver_by: Instant | None = None
    """The delivery appointment agreed with the buyer (预约到货), for appointment delivery."""
    # ---- claims after delivery (price match)
    payment_channel_discount: NonNegativeAmount | None = None
    """The part of the paid total the payment channel funded (a card's random discount):
    deducted pro rata from a price-match payout."""

    @property
    def total_paid(self) -> Decimal:
        total = Decimal(0)
        for line in self.lines:
            total = EXACT.add(total, line.paid_amount)
        return total


class ClaimLine(BaseModel):
    model_config = _MODEL

    line_id: Identifier
    quantity: Count
    # ---- claims after delivery (allergy)
    used_amount: NonNegativeAmount | None = None
    """How much of the line's content was used, in the measure of `Line.unit_content`."""
    # -- Tmall preset (issue 11): the problem established on this line --
    problem: Label | None = None
    """The problem established on this line (e.g. `material_mismatch`); omitted: the
    claim's `problem`."""
    # -- end Tmall preset --


class Claim(BaseModel):
    """What the buyer asks for. `lines` omitted means every line, full quantity."""

    model_config = _MODEL

    kind: ClaimKind
    filed_at: Instant
    lines: Annotated[tuple[ClaimLine, ...], Field(max_length=MAX_LINES)] | None = None
    evidence: Labels = ()
    reference_price: NonNegativeAmount | None = None
    item_condition: ItemCondition | None = None
    """For returns: whether the goods are intact."""
    preferred_remedy: RemedyKind | None = None
    """The buyer's choice where a guarantee offers one (e.g. `reship` or `refund`)."""
    return_tracking_no: Annotated[Text, Field(min_length=1, max_length=100)] | None = None
    """Tracking number of the return parcel, once the buyer has sent the goods back."""
    return_received_at: Instant | None = None
    """When the merchant received the returned goods (starts the refund deadline)."""
    # ---- claims after delivery (spoilage, fresh food)
    problem: Label | None = None
    """The kind of problem claimed, as the platform established it (`rotten`, `thawed`,
    `dead`, `hidden_rot`, `material_mismatch`, ...): windows and payouts may depend on it;
    a claim line may name its own."""
    affected_percent: NonNegativeAmount | None = None
    """The share of the claimed goods affected, in percent (0 to 100)."""
    # -- Douyin preset (issue 11): the dispute rule's caps --
    requested_amount: NonNegativeAmount | None = None
    """The amount the buyer asks (or agreed with the merchant) for a `partial_refund` or a
    `goodwill` claim, which need it; a guarantee pays it at most up to its cap."""


class GrantedRemedy(BaseModel):
    """A remedy granted before: on this order (drives once-per limits, exclusivity and the
    refund cap) or, with another `order_id`, on another order of the same buyer (drives
    per-buyer limits only)."""

    model_config = _MODEL

    guarantee: Identifier
    kind: RemedyKind
    amount: NonNegativeAmount | None = None
    line_ids: Annotated[tuple[Label, ...], Field(max_length=MAX_LINES)] = ()
    """Lines of the order it was granted on; empty means the whole order."""
    decided_at: Instant | None = None
    order_id: Identifier | None = None
    """The order it was granted on; omitted means this case's order."""
    return_required: Flag = False
    """The remedy was granted against the return of the goods (an approved return)."""
    # -- Tmall preset (issue 11): the items granted for, and when an action was carried out --
    skus: Annotated[tuple[Label, ...], Field(max_length=MAX_LINES)] = ()
    """The items (SKUs) it was granted for, on whichever order (once-per-item limits)."""
    fulfilled_at: Instant | None = None
    """When the remedy was carried out (a reship sent); omitted: not yet."""
    # -- end Tmall preset --


class Case(BaseModel):
    """Everything the engine needs to decide, evaluated at `as_of` (the engine has no clock)."""

    model_config = _MODEL

    id: Identifier | None = None
    as_of: Instant
    order: Order
    claim: Claim | None = None
    history: Annotated[tuple[GrantedRemedy, ...], Field(max_length=MAX_HISTORY)] = ()

    _record: CaseRecord | None = PrivateAttr(default=None)

    def record(self) -> CaseRecord:
        """The light record the engine decides on (read once; a case never changes)."""
        record = self._record
        if record is None:
            record = self._record = record_of(self)
        return record

    # The record is a cache, not part of the case: equality looks at fields only, and a copy
    # (which may change fields) reads its own.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Case):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copied = super().model_copy(update=update, deep=deep)
        copied._record = None
        return copied

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = case_problems(self)
        if problems:
            raise_problems("Case", problems)
        return self

    @classmethod
    def parse(cls, data: Case | Mapping[str, Any] | str | bytes) -> Case:
        """Validate a case given as a `Case`, a dict, or JSON text; raise `InvalidCaseError`."""
        return parse_case(data)

    def order_history(self) -> tuple[GrantedRemedy, ...]:
        """The history entries granted on this case's order (not on the buyer's others)."""
        order_id = self.order.id
        return tuple(entry for entry in self.history
                     if entry.order_id is None or entry.order_id == order_id)


def parse_case(data: Case | Mapping[str, Any] | str | bytes) -> Case:
    """Validate once. JSON numbers are read exactly (never through float); JSON text with a
    key written twice, `NaN`, or more than 1 MB is refused."""
    if isinstance(data, Case):
        return data
    if isinstance(data, str | bytes | bytearray):
        record = decode_case(data)
    elif isinstance(data, Mapping):
        record = convert_case(data)
    else:
        record = None
    if record is not None:
        return case_of(record)
    try:
        if isinstance(data, str | bytes | bytearray):
            data = load_json_text(data)
        return Case.model_validate(data)
    except JsonTextError as error:
        raise InvalidCaseError(error.problems) from None
    except ValidationError as error:
        raise InvalidCaseError(problems_from_validation_error(error)) from None


_FIELDS = {model: set(model.model_fields) for model in (Line, Order, ClaimLine, Claim,
                                                        GrantedRemedy, Case)}


def case_of(record: CaseRecord) -> Case:
    """The `Case` of a record read by the fast path: the same values, no validation again
    (`model.records` holds them to exactly what `Case` accepts)."""
    order, claim = record.order, record.claim
    lines = tuple(construct(Line, {
        "id": line.id, "sku": line.sku, "category": line.category, "tags": line.tags,
        "quantity": line.quantity, "paid_amount": line.paid_amount,
        "ripening_days": line.ripening_days, "unit_content": line.unit_content,
        "platform_discount": line.platform_discount}, _FIELDS[Line])
        for line in order.lines)
    built_order = construct(Order, {
        "id": order.id, "buyer_id": order.buyer_id, "shop_id": order.shop_id,
        "currency": order.currency, "region": order.region, "insured": order.insured,
        "return_shipping_fee": order.return_shipping_fee,
        "shipping_surcharge": order.shipping_surcharge, "flags": order.flags,
        "buyer_flags": order.buyer_flags, "paid_at": order.paid_at,
        "promised_ship_by": order.promised_ship_by, "shipped_at": order.shipped_at,
        "delivered_at": order.delivered_at, "lines": lines,
        "promise_type": order.promise_type, "tracking_uploaded_at": order.tracking_uploaded_at,
        "picked_up_at": order.picked_up_at, "deliver_by": order.deliver_by,
        "payment_channel_discount": order.payment_channel_discount,
        "receipt_confirmed_at": order.receipt_confirmed_at}, _FIELDS[Order])
    built_claim = None if claim is None else construct(Claim, {
        "kind": claim.kind, "filed_at": claim.filed_at,
        "lines": None if claim.lines is None else tuple(
            construct(ClaimLine, {"line_id": line.line_id, "quantity": line.quantity,
                                  "used_amount": line.used_amount, "problem": line.problem},
                      _FIELDS[ClaimLine]) for line in claim.lines),
        "evidence": claim.evidence, "reference_price": claim.reference_price,
        "item_condition": claim.item_condition, "preferred_remedy": claim.preferred_remedy,
        "return_tracking_no": claim.return_tracking_no,
        "return_received_at": claim.return_received_at, "problem": claim.problem,
        "affected_percent": claim.affected_percent,
        "requested_amount": claim.requested_amount}, _FIELDS[Claim])
    history = tuple(construct(GrantedRemedy, {
        "guarantee": entry.guarantee, "kind": entry.kind, "amount": entry.amount,
        "line_ids": entry.line_ids, "decided_at": entry.decided_at, "order_id": entry.order_id,
        "return_required": entry.return_required, "skus": entry.skus,
        "fulfilled_at": entry.fulfilled_at}, _FIELDS[GrantedRemedy])
        for entry in record.history)
    return construct(Case, {
        "id": record.id, "as_of": record.as_of, "order": built_order, "claim": built_claim,
        "history": history}, _FIELDS[Case], {"_record": record})
