"""The facts of a case checked against each other, where single fields cannot check them: the
order of events, claimed lines and quantities, digits of amounts in the currency, the history
against the order. One function for the `Case` model and for the engine's records alike."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .kinds import ACTIONS, ASKING_AN_AMOUNT, ClaimKind, RemedyKind
from .money import EXACT, MINOR_UNITS, exact_sum, minor_unit

if TYPE_CHECKING:
    from .case import Case, Claim, ClaimLine, GrantedRemedy, Line, Order
    from .records import (
        CaseRecord,
        ClaimLineRecord,
        ClaimRecord,
        GrantedRecord,
        LineRecord,
        OrderRecord,
    )

__all__ = ["case_problems"]

_HUNDRED = Decimal(100)


def case_problems(case: Case | CaseRecord) -> list[Problem]:
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
    lines: Sequence[Line | LineRecord] = order.lines
    for index, line in enumerate(lines):
        if line.id in line_quantities:
            add(Problem(f"order.lines[{index}].id", "line_id_duplicate",
                        f"line id {line.id!r} appears more than once"))
        line_quantities[line.id] = line.quantity
        check_digits(f"order.lines[{index}].paid_amount", line.paid_amount)
        if line.platform_discount is not None:  # claims after delivery
            check_digits(f"order.lines[{index}].platform_discount", line.platform_discount)

    _check_order(order, case, add, check_digits)
    if case.claim is not None:
        _check_claim(case.claim, case, line_quantities, add, check_digits)
    total = exact_sum(line.paid_amount for line in order.lines)
    _check_claim_facts(case, total, add, check_digits)
    history: Sequence[GrantedRemedy | GrantedRecord] = case.history
    for index, granted in enumerate(history):
        if granted.amount is not None:
            check_digits(f"history[{index}].amount", granted.amount)
        elif granted.kind not in ACTIONS:
            add(Problem(f"history[{index}].amount", "amount_missing",
                        f"a {granted.kind.value} remedy needs an amount"))
        if granted.decided_at is not None and granted.decided_at > case.as_of:
            add(Problem(f"history[{index}].decided_at", "after_as_of",
                        f"decided_at {granted.decided_at.isoformat()} is after as_of "
                        f"{case.as_of.isoformat()}"))
        if granted.fulfilled_at is not None and granted.fulfilled_at > case.as_of:
            add(Problem(f"history[{index}].fulfilled_at", "after_as_of",  # Tmall preset
                        f"fulfilled_at {granted.fulfilled_at.isoformat()} is after as_of "
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


def _check_order(order: Order | OrderRecord, case: Case | CaseRecord, add: Any,
                 check_digits: Any) -> None:
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
    # -- Tmall preset (issue 11): confirmed receipt follows shipment --
    confirmed = order.receipt_confirmed_at
    if confirmed is not None:
        if order.shipped_at is None:
            add(Problem("order.shipped_at", "confirmed_not_shipped",
                        "the order has receipt_confirmed_at but no shipped_at"))
        elif confirmed < order.shipped_at:
            add(Problem("order.receipt_confirmed_at", "confirmed_before_shipped",
                        f"receipt confirmed at {confirmed.isoformat()}, before shipped_at "
                        f"{order.shipped_at.isoformat()}"))
    # -- end Tmall preset --
    for name in ("return_shipping_fee", "shipping_surcharge"):
        fee = getattr(order, name)
        if fee is not None:
            check_digits(f"order.{name}", fee)
    for name in ("paid_at", "shipped_at", "delivered_at", "receipt_confirmed_at"):
        at = getattr(order, name)
        if at is not None and at > case.as_of:
            add(Problem(f"order.{name}", "after_as_of",
                        f"{name} {at.isoformat()} is after as_of {case.as_of.isoformat()}"))


def _check_claim(claim: Claim | ClaimRecord, case: Case | CaseRecord,
                 line_quantities: dict[str, int], add: Any, check_digits: Any) -> None:
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
    if claim.kind in ASKING_AN_AMOUNT and claim.requested_amount is None:
        add(Problem("claim.requested_amount", "requested_amount_missing",
                    f"a {claim.kind.value} claim needs requested_amount, the amount asked"))
    if claim.requested_amount is not None:
        check_digits("claim.requested_amount", claim.requested_amount)
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
    claimed_lines: Sequence[ClaimLine | ClaimLineRecord] = claim.lines or ()
    for index, claimed in enumerate(claimed_lines):
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


# ---- claims after delivery (spoilage, fresh food, price match)


def _check_claim_facts(case: Case | CaseRecord, total: Decimal, add: Any,
                       check_digits: Any) -> None:
    discount = case.order.payment_channel_discount
    if discount is not None:
        check_digits("order.payment_channel_discount", discount)
        if discount > total:
            add(Problem("order.payment_channel_discount", "channel_discount_above_paid",
                        f"the payment channel funded {discount} of an order paid {total} in "
                        "all"))
    claim = case.claim
    if claim is not None and claim.affected_percent is not None \
            and claim.affected_percent > _HUNDRED:
        add(Problem("claim.affected_percent", "percent_above_100",
                    f"{claim.affected_percent} % of the goods cannot be affected (at most 100)"))
