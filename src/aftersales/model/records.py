# mypy: disable-error-code="comparison-overlap"
# (The records' fields are typed as they are once read; msgspec leaves an absent field UNSET
# until `_settle` fills in its default, so `_settle` compares fields with UNSET.)
"""The light internal form of a case, which the engine's plan reads: plain structs with the
public `Case`'s field names and values, and no validation machinery.

JSON text reaches a record without passing through the pydantic `Case`: msgspec decodes it
(in C) into these structs with every constraint a single field has (types, lengths, ranges,
the amount and instant patterns, the choices), then `_settle` reads the instants, amounts,
categories and regions as `fields` does and fills in defaults, and `case_problems` checks the
facts against each other, the very function the `Case` model runs. Whatever the fast path does
not accept exactly as `Case` would, it leaves to `Case` (`decode_case` returns None): the
reference that lists every problem with its path. A test holds the two to the same answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Final, TypeVar

import msgspec
from msgspec import UNSET, Meta, Struct

from .categories import MAX_CATEGORY_LENGTH, is_category_path, normal_category
from .consistency import case_problems
from .fields import (
    INSTANT_PATTERN,
    MAX_COUNT,
    MAX_DAYS,
    NON_NEGATIVE_AMOUNT_PATTERN,
    in_instant_range,
    search_pattern,
)
from .json_text import MAX_JSON_BYTES
from .kinds import ClaimKind, ItemCondition, PromiseType, RemedyKind
from .limits import MAX_HISTORY, MAX_ITEMS, MAX_LINES
from .regions import normal_region
from .unpatterned import unpatterned

if TYPE_CHECKING:
    from .case import Case

__all__ = ["CaseRecord", "ClaimLineRecord", "ClaimRecord", "GrantedRecord", "LineRecord",
           "OrderRecord", "convert_case", "decode_case", "decodes_as_written",
           "record_of"]

_BOM: Final = b"\xef\xbb\xbf"

if TYPE_CHECKING:
    # What the engine reads, once `_settle` has read the text msgspec checked.
    InstantField = datetime
    AmountField = Decimal
    Absent: Any = None
else:
    InstantField = Annotated[str, Meta(pattern=search_pattern(INSTANT_PATTERN))]
    AmountField = Annotated[str, Meta(pattern=search_pattern(NON_NEGATIVE_AMOUNT_PATTERN))]
    Absent = UNSET  # a field not written (a written null is None): see `_no_duplicate_keys`

Id = Annotated[str, Meta(min_length=1, max_length=200)]
Label = Annotated[str, Meta(max_length=200)]
Labels = Annotated[tuple[Label, ...], Meta(max_length=MAX_ITEMS)]
Count = Annotated[int, Meta(ge=1, le=MAX_COUNT)]
_STRUCT: Final[dict[str, Any]] = {"forbid_unknown_fields": True, "omit_defaults": True,
                                  "gc": False}
"""Records hold texts, numbers, instants and records: never a cycle, so the garbage collector
need not track them (it would rescan every record of a batch at each full collection)."""


class LineRecord(Struct, **_STRUCT):
    id: Id
    sku: Id
    category: Annotated[str, Meta(max_length=MAX_CATEGORY_LENGTH)]
    quantity: Count
    paid_amount: AmountField
    tags: Labels = Absent
    # ---- claims after delivery (spoilage, fresh food, allergy, price protection)
    ripening_days: Annotated[int, Meta(gt=0, le=MAX_DAYS)] | None = Absent
    unit_content: AmountField | None = Absent
    platform_discount: AmountField | None = Absent


class OrderRecord(Struct, **_STRUCT):
    id: Id
    paid_at: InstantField
    promised_ship_by: InstantField
    lines: Annotated[tuple[LineRecord, ...], Meta(max_length=MAX_LINES)]
    buyer_id: Id | None = Absent
    shop_id: Id | None = Absent
    currency: Annotated[str, Meta(pattern=search_pattern("^[A-Z]{3}$"))] = Absent
    region: str | None = Absent
    insured: bool = Absent
    return_shipping_fee: AmountField | None = Absent
    shipping_surcharge: AmountField | None = Absent
    flags: Labels = Absent
    buyer_flags: Labels = Absent
    shipped_at: InstantField | None = Absent
    delivered_at: InstantField | None = Absent
    # --- Shipping and delivery (issue 11: Douyin's shipping side, ship-by clocks) ---------
    promise_type: PromiseType | None = Absent
    tracking_uploaded_at: InstantField | None = Absent
    picked_up_at: InstantField | None = Absent
    deliver_by: InstantField | None = Absent
    # ---- claims after delivery (price match)
    payment_channel_discount: AmountField | None = Absent
    # -- Tmall preset (issue 11) --
    receipt_confirmed_at: InstantField | None = Absent


class ClaimLineRecord(Struct, **_STRUCT):
    line_id: Id
    quantity: Count
    # ---- claims after delivery (allergy)
    used_amount: AmountField | None = Absent
    # -- Tmall preset (issue 11) --
    problem: Label | None = Absent


class ClaimRecord(Struct, **_STRUCT):
    kind: ClaimKind
    filed_at: InstantField
    lines: Annotated[tuple[ClaimLineRecord, ...], Meta(max_length=MAX_LINES)] | None = Absent
    evidence: Labels = Absent
    reference_price: AmountField | None = Absent
    item_condition: ItemCondition | None = Absent
    preferred_remedy: RemedyKind | None = Absent
    return_tracking_no: Annotated[str, Meta(min_length=1, max_length=100)] | None = Absent
    return_received_at: InstantField | None = Absent
    # ---- claims after delivery (spoilage, fresh food)
    problem: Label | None = Absent
    affected_percent: AmountField | None = Absent
    # -- Douyin preset (issue 11) --
    requested_amount: AmountField | None = Absent


class GrantedRecord(Struct, **_STRUCT):
    guarantee: Id
    kind: RemedyKind
    amount: AmountField | None = Absent
    line_ids: Annotated[tuple[Label, ...], Meta(max_length=MAX_LINES)] = Absent
    decided_at: InstantField | None = Absent
    order_id: Id | None = Absent
    return_required: bool = Absent
    # -- Tmall preset (issue 11) --
    skus: Annotated[tuple[Label, ...], Meta(max_length=MAX_LINES)] = Absent
    fulfilled_at: InstantField | None = Absent


class CaseRecord(Struct, **_STRUCT):
    as_of: InstantField
    order: OrderRecord
    id: Id | None = Absent
    claim: ClaimRecord | None = Absent
    history: Annotated[tuple[GrantedRecord, ...], Meta(max_length=MAX_HISTORY)] = Absent


_Record = TypeVar("_Record", bound=Struct)
_DECODER: Final = msgspec.json.Decoder(CaseRecord)
_ENCODER: Final = msgspec.json.Encoder()


def decode_case(text: str | bytes | bytearray) -> CaseRecord | None:
    """The record of a case given as JSON text, or None when the text is not one this fast
    path accepts exactly as `Case` would (then `Case` reads it, and says what is wrong)."""
    case = _as_written(text, _DECODER)
    if case is None:
        return None
    try:
        _settle(case)
    except _NotHereError:
        return None
    if case_problems(case):
        return None
    return case


def decodes_as_written(text: str | bytes | bytearray) -> bool:
    """Whether msgspec reads `text` as a case record, with every constraint a single field
    has but the text patterns, and no key written twice: the first half of `decode_case`,
    before the facts are read and checked against each other (the columnar path checks
    those on whole columns). The patterns of instants, amounts and the currency, more than
    half of msgspec's cost, are the caller's to check: the columnar path holds those texts
    to stricter forms of its own (`columnar.frame`)."""
    return _as_written(text, _unpatterned_decoder()) is not None


@cache
def _unpatterned_decoder() -> msgspec.json.Decoder[Struct]:
    return msgspec.json.Decoder(unpatterned(CaseRecord))


def _as_written(text: str | bytes | bytearray,
                decoder: msgspec.json.Decoder[_Record]) -> _Record | None:
    try:
        raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    except UnicodeEncodeError:  # a lone surrogate: `Case` says where
        return None
    if len(raw) > MAX_JSON_BYTES:
        return None
    if raw.startswith(_BOM):
        raw = raw[3:]
    try:
        case = decoder.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
    return case if _no_duplicate_keys(raw, case) else None


def convert_case(data: Mapping[str, Any]) -> CaseRecord | None:
    """The record of a case given as a dict of JSON values, or None when it is not one the
    fast path accepts exactly as `Case` would (Python datetimes and Decimals included)."""
    try:
        case = msgspec.convert(data, CaseRecord, strict=True)
        _settle(case)
        _ENCODER.encode(case)  # a text with a lone surrogate cannot be: `Case` says where
    except (msgspec.ValidationError, _NotHereError, TypeError, ValueError):
        return None
    return None if case_problems(case) else case


def _no_duplicate_keys(raw: bytes, case: Struct) -> bool:
    """Whether no key of `raw` is written twice in one object. msgspec keeps the last of
    them; encoding what it decoded writes each field once, every absent field left out, and
    every text exactly as written (the text has no escape sequence). So the colons outside
    texts, one per key, are as many in both exactly when no key was written twice; the
    colons inside texts are the same text in both."""
    if b"\\" in raw:  # an escape could write a colon in a text: leave it to `Case`
        return False
    return raw.count(b":") == _ENCODER.encode(case).count(b":")


class _NotHereError(Exception):
    """A value the fast path does not read; `Case` reads it and says what is wrong."""


def _instant(text: Any) -> datetime:
    try:
        at = datetime.fromisoformat(text)  # the pattern msgspec checked the form
    except ValueError:  # a day or time that does not exist (30 February, 23:59:60)
        raise _NotHereError from None
    if not in_instant_range(at):
        raise _NotHereError
    return at


def _amount(text: Any) -> Decimal:
    amount = Decimal(text)
    if amount.adjusted() >= 15:
        raise _NotHereError
    return amount


def _settle(case: CaseRecord) -> None:
    """Read the texts msgspec checked, and fill in the defaults of absent fields."""
    # Written out field by field: this runs for every case, and loops over field names
    # through getattr/setattr cost several times as much.
    case.as_of = _instant(case.as_of)
    if case.id is UNSET:
        case.id = None
    order = case.order
    order.paid_at = _instant(order.paid_at)
    order.promised_ship_by = _instant(order.promised_ship_by)
    at = order.shipped_at
    if at is UNSET:
        order.shipped_at = None
    elif at is not None:
        order.shipped_at = _instant(at)
    at = order.delivered_at
    if at is UNSET:
        order.delivered_at = None
    elif at is not None:
        order.delivered_at = _instant(at)
    _settle_shipping(order)
    at = order.receipt_confirmed_at  # Tmall preset (issue 11)
    if at is UNSET:
        order.receipt_confirmed_at = None
    elif at is not None:
        order.receipt_confirmed_at = _instant(at)
    if order.buyer_id is UNSET:
        order.buyer_id = None
    if order.shop_id is UNSET:
        order.shop_id = None
    if order.currency is UNSET:
        order.currency = "CNY"
    region = order.region
    if region is UNSET:
        order.region = None
    elif region is not None:
        code = normal_region(region)
        if code is None:
            raise _NotHereError
        order.region = code
    if order.insured is UNSET:
        order.insured = False
    fee = order.return_shipping_fee
    if fee is UNSET:
        order.return_shipping_fee = None
    elif fee is not None:
        order.return_shipping_fee = _amount(fee)
    fee = order.shipping_surcharge
    if fee is UNSET:
        order.shipping_surcharge = None
    elif fee is not None:
        order.shipping_surcharge = _amount(fee)
    if order.flags is UNSET:
        order.flags = ()
    if order.buyer_flags is UNSET:
        order.buyer_flags = ()
    discount = order.payment_channel_discount
    if discount is UNSET:
        order.payment_channel_discount = None
    elif discount is not None:
        order.payment_channel_discount = _amount(discount)
    for line in order.lines:
        line.paid_amount = _amount(line.paid_amount)
        category = line.category
        if not (category.isascii() and category.islower() and is_category_path(category)):
            if not is_category_path(category):
                raise _NotHereError
            line.category = normal_category(category)
        if line.tags is UNSET:
            line.tags = ()
        _settle_line_claims(line)
    claim = case.claim
    if claim is UNSET:
        case.claim = None
    elif claim is not None:
        _settle_claim(claim)
    history = case.history
    if history is UNSET:
        case.history = ()
    else:
        for entry in history:
            _settle_granted(entry)


def _settle_shipping(order: OrderRecord) -> None:
    """The shipping and delivery facts (issue 11: Douyin's shipping side, ship-by clocks)."""
    if order.promise_type is UNSET:
        order.promise_type = None
    at = order.tracking_uploaded_at
    if at is UNSET:
        order.tracking_uploaded_at = None
    elif at is not None:
        order.tracking_uploaded_at = _instant(at)
    at = order.picked_up_at
    if at is UNSET:
        order.picked_up_at = None
    elif at is not None:
        order.picked_up_at = _instant(at)
    at = order.deliver_by
    if at is UNSET:
        order.deliver_by = None
    elif at is not None:
        order.deliver_by = _instant(at)


def _settle_claim(claim: ClaimRecord) -> None:
    claim.filed_at = _instant(claim.filed_at)
    if claim.lines is UNSET:
        claim.lines = None
    else:
        for claimed in claim.lines or ():
            used = claimed.used_amount
            if used is UNSET:
                claimed.used_amount = None
            elif used is not None:
                claimed.used_amount = _amount(used)
            if claimed.problem is UNSET:
                claimed.problem = None
    if claim.evidence is UNSET:
        claim.evidence = ()
    price = claim.reference_price
    if price is UNSET:
        claim.reference_price = None
    elif price is not None:
        claim.reference_price = _amount(price)
    if claim.item_condition is UNSET:
        claim.item_condition = None
    if claim.preferred_remedy is UNSET:
        claim.preferred_remedy = None
    if claim.return_tracking_no is UNSET:
        claim.return_tracking_no = None
    at = claim.return_received_at
    if at is UNSET:
        claim.return_received_at = None
    elif at is not None:
        claim.return_received_at = _instant(at)
    if claim.problem is UNSET:
        claim.problem = None
    share = claim.affected_percent
    if share is UNSET:
        claim.affected_percent = None
    elif share is not None:
        claim.affected_percent = _amount(share)
    asked = claim.requested_amount
    if asked is UNSET:
        claim.requested_amount = None
    elif asked is not None:
        claim.requested_amount = _amount(asked)


def _settle_line_claims(line: LineRecord) -> None:
    """The line's facts for claims after delivery (absent ones read as None)."""
    if line.ripening_days is UNSET:
        line.ripening_days = None
    content = line.unit_content
    if content is UNSET:
        line.unit_content = None
    elif content is not None:
        line.unit_content = _amount(content)
    discount = line.platform_discount
    if discount is UNSET:
        line.platform_discount = None
    elif discount is not None:
        line.platform_discount = _amount(discount)


def _settle_granted(entry: GrantedRecord) -> None:
    amount = entry.amount
    if amount is UNSET:
        entry.amount = None
    elif amount is not None:
        entry.amount = _amount(amount)
    if entry.line_ids is UNSET:
        entry.line_ids = ()
    at = entry.decided_at
    if at is UNSET:
        entry.decided_at = None
    elif at is not None:
        entry.decided_at = _instant(at)
    if entry.order_id is UNSET:
        entry.order_id = None
    if entry.return_required is UNSET:
        entry.return_required = False
    if entry.skus is UNSET:  # Tmall preset (issue 11)
        entry.skus = ()
    at = entry.fulfilled_at
    if at is UNSET:
        entry.fulfilled_at = None
    elif at is not None:
        entry.fulfilled_at = _instant(at)


def record_of(case: Case) -> CaseRecord:
    """The record of a validated `Case` (its values, as they are)."""
    order = case.order
    claim = case.claim
    return CaseRecord(
        as_of=case.as_of,
        id=case.id,
        order=OrderRecord(
            id=order.id, paid_at=order.paid_at, promised_ship_by=order.promised_ship_by,
            lines=tuple(LineRecord(id=line.id, sku=line.sku, category=line.category,
                                   quantity=line.quantity, paid_amount=line.paid_amount,
                                   tags=line.tags, ripening_days=line.ripening_days,
                                   unit_content=line.unit_content,
                                   platform_discount=line.platform_discount)
                  for line in order.lines),
            buyer_id=order.buyer_id, shop_id=order.shop_id, currency=order.currency,
            region=order.region, insured=order.insured,
            return_shipping_fee=order.return_shipping_fee,
            shipping_surcharge=order.shipping_surcharge, flags=order.flags,
            buyer_flags=order.buyer_flags, shipped_at=order.shipped_at,
            delivered_at=order.delivered_at, promise_type=order.promise_type,
            tracking_uploaded_at=order.tracking_uploaded_at, picked_up_at=order.picked_up_at,
            deliver_by=order.deliver_by,
            payment_channel_discount=order.payment_channel_discount,
            receipt_confirmed_at=order.receipt_confirmed_at),
        claim=None if claim is None else ClaimRecord(
            kind=claim.kind, filed_at=claim.filed_at,
            lines=None if claim.lines is None else tuple(
                ClaimLineRecord(line_id=line.line_id, quantity=line.quantity,
                                used_amount=line.used_amount, problem=line.problem)
                for line in claim.lines),
            evidence=claim.evidence, reference_price=claim.reference_price,
            item_condition=claim.item_condition, preferred_remedy=claim.preferred_remedy,
            return_tracking_no=claim.return_tracking_no,
            return_received_at=claim.return_received_at, problem=claim.problem,
            affected_percent=claim.affected_percent,
            requested_amount=claim.requested_amount),
        history=tuple(GrantedRecord(
            guarantee=entry.guarantee, kind=entry.kind, amount=entry.amount,
            line_ids=entry.line_ids, decided_at=entry.decided_at, order_id=entry.order_id,
            return_required=entry.return_required, skus=entry.skus,
            fulfilled_at=entry.fulfilled_at) for entry in case.history),
    )
