"""The input facts: a case is an order, an optional claim, the remedies already granted,
and the instant of evaluation. Field names are a public JSON contract."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Final, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ._fields import Count, Flag, Instant, NonNegativeAmount, Text
from ._json_text import JsonTextError, load_json_text
from ._problems import problems_from_validation_error, raise_problems
from .categories import CategoryPath
from .errors import InvalidCaseError, Problem
from .money import EXACT, MINOR_UNITS, minor_unit
from .regions import RegionCode

__all__ = ["ACTIONS", "MAX_HISTORY", "MAX_ITEMS", "MAX_LINES", "Case", "Claim", "ClaimKind",
           "ClaimLine", "GrantedRemedy", "ItemCondition", "Line", "Order", "RemedyKind",
           "parse_case"]

MAX_LINES: Final = 1000
"""Lines of an order, lines of a claim, and line ids of a history entry, at most."""
MAX_HISTORY: Final = 1000
"""Remedies granted before, at most."""
MAX_ITEMS: Final = 100
"""Tags of a line, flags of an order or buyer, evidence of a claim, at most."""


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
    lines: Annotated[tuple[Line, ...], Field(max_length=MAX_LINES)]

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


class Case(BaseModel):
    """Everything the engine needs to decide, evaluated at `as_of` (the engine has no clock)."""

    model_config = _MODEL

    id: Identifier | None = None
    as_of: Instant
    order: Order
    claim: Claim | None = None
    history: Annotated[tuple[GrantedRemedy, ...], Field(max_length=MAX_HISTORY)] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = _consistency_problems(self)
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
    try:
        if isinstance(data, str | bytes | bytearray):
            data = load_json_text(data)
        return Case.model_validate(data)
    except JsonTextError as error:
        raise InvalidCaseError(error.problems) from None
    except ValidationError as error:
        raise InvalidCaseError(problems_from_validation_error(error)) from None


def _consistency_problems(case: Case) -> list[Problem]:
    """Cross-field facts that single fields cannot check."""
    problems: list[Problem] = []
    add = problems.append
    order = case.order
    currency = order.currency
    if currency not in MINOR_UNITS:
        add(Problem("order.currency", "currency_unknown",
                    f"unknown currency {currency!r}; known: {', '.join(sorted(MINOR_UNITS))}"))
        unit = None
    else:
        unit = minor_unit(currency)

    def check_digits(path: str, amount: Decimal) -> None:
        if unit is not None and amount != amount.quantize(unit, context=EXACT):
            add(Problem(path, "amount_precision",
                        f"{amount} has more fractional digits than {currency} allows ({unit})"))

    if not order.lines:
        add(Problem("order.lines", "lines_empty", "an order needs at least one line"))
    line_quantities: dict[str, int] = {}
    for index, line in enumerate(order.lines):
        if line.id in line_quantities:
            add(Problem(f"order.lines[{index}].id", "line_id_duplicate",
                        f"line id {line.id!r} appears more than once"))
        line_quantities[line.id] = line.quantity
        check_digits(f"order.lines[{index}].paid_amount", line.paid_amount)

    _check_order(order, case, add, check_digits)
    if case.claim is not None:
        _check_claim(case.claim, case, line_quantities, add, check_digits)
    total = order.total_paid
    for index, granted in enumerate(case.history):
        if granted.amount is not None:
            check_digits(f"history[{index}].amount", granted.amount)
        elif granted.kind not in ACTIONS:
            add(Problem(f"history[{index}].amount", "amount_missing",
                        f"a {granted.kind.value} remedy needs an amount"))
        if granted.decided_at is not None and granted.decided_at > case.as_of:
            add(Problem(f"history[{index}].decided_at", "after_as_of",
                        f"decided_at {granted.decided_at.isoformat()} is after as_of "
                        f"{case.as_of.isoformat()}"))
        if granted.order_id is not None and granted.order_id != order.id:
            continue  # another order of the buyer: its lines are not this order's
        if granted.kind is RemedyKind.REFUND and granted.amount is not None \
                and granted.amount > total:
            add(Problem(f"history[{index}].amount", "refund_above_paid",
                        f"a refund of {granted.amount} on this order, which was paid "
                        f"{total} in all"))
        for position, line_id in enumerate(granted.line_ids):
            if line_id not in line_quantities:
                add(Problem(f"history[{index}].line_ids[{position}]", "line_unknown",
                            f"no line {line_id!r} in the order"))
    return problems


def _check_order(order: Order, case: Case, add: Any, check_digits: Any) -> None:
    if order.promised_ship_by < order.paid_at:
        add(Problem("order.promised_ship_by", "promise_before_payment",
                    f"promised ship time {order.promised_ship_by.isoformat()} is before "
                    f"paid_at {order.paid_at.isoformat()}"))
    if order.shipped_at is not None and order.shipped_at < order.paid_at:
        add(Problem("order.shipped_at", "shipped_before_paid",
                    f"shipped at {order.shipped_at.isoformat()}, before paid_at "
                    f"{order.paid_at.isoformat()}"))
    if order.delivered_at is not None:
        if order.shipped_at is None:
            add(Problem("order.shipped_at", "delivered_not_shipped",
                        "the order has delivered_at but no shipped_at"))
        elif order.delivered_at < order.shipped_at:
            add(Problem("order.delivered_at", "delivered_before_shipped",
                        f"delivered at {order.delivered_at.isoformat()}, before shipped_at "
                        f"{order.shipped_at.isoformat()}"))
    for name in ("return_shipping_fee", "shipping_surcharge"):
        fee = getattr(order, name)
        if fee is not None:
            check_digits(f"order.{name}", fee)
    for name in ("paid_at", "shipped_at", "delivered_at"):
        at = getattr(order, name)
        if at is not None and at > case.as_of:
            add(Problem(f"order.{name}", "after_as_of",
                        f"{name} {at.isoformat()} is after as_of {case.as_of.isoformat()}"))


def _check_claim(claim: Claim, case: Case, line_quantities: dict[str, int], add: Any,
                 check_digits: Any) -> None:
    if claim.filed_at > case.as_of:
        add(Problem("claim.filed_at", "filed_after_as_of",
                    f"filed_at {claim.filed_at.isoformat()} is after as_of "
                    f"{case.as_of.isoformat()}"))
    if claim.filed_at < case.order.paid_at:
        add(Problem("claim.filed_at", "filed_before_paid",
                    f"filed_at {claim.filed_at.isoformat()} is before the order was paid"))
    if claim.kind is ClaimKind.PRICE_MATCH and claim.reference_price is None:
        add(Problem("claim.reference_price", "reference_price_missing",
                    "a price_match claim needs reference_price, the lower unit price found"))
    if claim.reference_price is not None:
        check_digits("claim.reference_price", claim.reference_price)
    received = claim.return_received_at
    if received is not None:
        if received > case.as_of:
            add(Problem("claim.return_received_at", "after_as_of",
                        f"return_received_at {received.isoformat()} is after as_of "
                        f"{case.as_of.isoformat()}"))
        if received < claim.filed_at:
            add(Problem("claim.return_received_at", "received_before_filed",
                        f"return received {received.isoformat()}, before the claim was filed "
                        f"{claim.filed_at.isoformat()}"))
    if claim.lines is not None and not claim.lines:
        add(Problem("claim.lines", "claim_lines_empty",
                    "claims no line: omit `lines` to claim every line in full"))
    seen: set[str] = set()
    for index, claimed in enumerate(claim.lines or ()):
        path = f"claim.lines[{index}]"
        bought = line_quantities.get(claimed.line_id)
        if bought is None:
            add(Problem(f"{path}.line_id", "line_unknown",
                        f"no line {claimed.line_id!r} in the order"))
        elif claimed.quantity > bought:
            add(Problem(f"{path}.quantity", "quantity_exceeds_bought",
                        f"claims {claimed.quantity} of line {claimed.line_id!r} but {bought} "
                        "were bought"))
        if claimed.line_id in seen:
            add(Problem(f"{path}.line_id", "line_claimed_twice",
                        f"line {claimed.line_id!r} is claimed more than once"))
        seen.add(claimed.line_id)
