"""Hypothesis strategies for cases and policies (needs the `testing` extra).

Every strategy takes keyword arguments only and accepts sub-strategies where a value could
vary. Cases are valid by construction, aimed at a policy's guarantees (each guarantee is
reached, not mostly `not_covered` noise), drawn around their boundaries, and shrink toward
a plain case that the guarantee approves.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from ..model.extras import install_hint

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(install_hint("aftersales.testing", "hypothesis", "testing")) from error

from .. import catalogue as ready
from ..catalogue.standard import STANDARD_STACKING, standard_policy
from ..model.case import Case, Claim, ClaimKind, Order
from ..model.kinds import ASKING_AN_AMOUNT
from ..model.money import minor_unit
from ..model.time import resolve_time_zone
from ..policy.policy import Policy, Stacking
from ..rules.guarantee import Guarantee
from ..rules.protocol import BoundaryEnv
from ._reach import PAID_AT, base_case

__all__ = ["Timeline", "cases", "claims", "money", "orders", "policies", "timelines"]

CATEGORIES = ("fresh.produce", "pantry.grain_oil.rice", "beauty.skincare", "electronics.phone",
              "home.furniture.sofa", "home.kitchen", "digital.ebook", "general.item")


class Timeline(NamedTuple):
    """An order's events: paid ≤ shipped ≤ delivered; the promise is not before payment."""

    paid_at: datetime
    promised_ship_by: datetime
    shipped_at: datetime | None
    delivered_at: datetime | None


def money(*, min_value: Decimal | str = "0.00", max_value: Decimal | str = "5000.00",
          currency: str = "CNY") -> st.SearchStrategy[Decimal]:
    """Exact amounts of `currency` between the bounds (inclusive), shrinking to `min_value`."""
    unit = minor_unit(currency)
    low, high = Decimal(min_value), Decimal(max_value)
    if low < 0 or high < low:
        raise InvalidArgument(f"money() needs 0 <= min_value <= max_value (got {low}, {high})")
    if low != low.quantize(unit) or high != high.quantize(unit):
        raise InvalidArgument(f"money() bounds must be whole {currency} minor units ({unit})")
    return st.integers(int(low / unit), int(high / unit)).map(lambda units: units * unit)


def timelines(*, paid_at: datetime = PAID_AT, shipped: bool | None = None,
              delivered: bool | None = None,
              max_hours: int = 240) -> st.SearchStrategy[Timeline]:
    """Order timelines; `shipped` / `delivered` force the event to happen (True), not to
    (False), or let it vary (None)."""
    if delivered and shipped is False:
        raise InvalidArgument("a timeline cannot be delivered without being shipped")
    if paid_at.tzinfo is None:
        raise InvalidArgument("paid_at must be an aware datetime")
    hours = st.integers(0, max_hours).map(lambda h: timedelta(hours=h))

    @st.composite
    def build(draw: st.DrawFn) -> Timeline:
        promised = paid_at + draw(hours)
        ships = draw(st.booleans()) if shipped is None else shipped
        ships = ships or bool(delivered)
        shipped_at = paid_at + draw(hours) if ships else None
        arrives = ships and (draw(st.booleans()) if delivered is None else delivered)
        delivered_at = shipped_at + draw(hours) if arrives and shipped_at else None
        return Timeline(paid_at, promised, shipped_at, delivered_at)

    return build()


_any_timeline = timelines  # `orders` takes a `timelines` argument of its own


def orders(*, timelines: st.SearchStrategy[Timeline] | None = None,
           amounts: st.SearchStrategy[Decimal] | None = None,
           categories: st.SearchStrategy[str] | Sequence[str] = CATEGORIES,
           currency: str = "CNY", max_lines: int = 3) -> st.SearchStrategy[Order]:
    """Valid orders of 1 to `max_lines` lines."""
    if max_lines < 1:
        raise InvalidArgument("an order has at least one line: max_lines must be >= 1")
    events = timelines if timelines is not None else _any_timeline()
    paid = amounts if amounts is not None else money(currency=currency)
    kinds = categories if isinstance(categories, st.SearchStrategy) else st.sampled_from(
        tuple(categories))

    @st.composite
    def build(draw: st.DrawFn) -> Order:
        timeline = draw(events)
        count = draw(st.integers(1, max_lines))
        lines = [{"id": f"l{i + 1}", "sku": f"sku-{i + 1}", "category": draw(kinds),
                  "quantity": draw(st.integers(1, 3)), "paid_amount": str(draw(paid))}
                 for i in range(count)]
        return Order.model_validate({"id": "o-1", "currency": currency,
                                     **timeline._asdict(),
                                     "lines": lines})

    return build()


def claims(*, kind: ClaimKind | str | st.SearchStrategy[ClaimKind] | None = None,
           order: Order | None = None) -> st.SearchStrategy[Claim]:
    """Claims of `kind` (any kind when None), on `order`'s lines and after its payment when
    an order is given (else on every line, filed after the default payment time)."""
    kinds = kind if isinstance(kind, st.SearchStrategy) else (
        st.sampled_from(tuple(ClaimKind)) if kind is None else st.just(ClaimKind(kind)))
    start = order.paid_at if order is not None else PAID_AT

    @st.composite
    def build(draw: st.DrawFn) -> Claim:
        data: dict[str, Any] = {
            "kind": draw(kinds),
            "filed_at": start + timedelta(minutes=draw(st.integers(0, 90 * 24 * 60))),
            "evidence": draw(st.lists(st.sampled_from(
                ["photo", "medical_record", "price_screenshot", "appraisal_report",
                 "inspection_report"]), unique=True)),
            "item_condition": draw(st.sampled_from([None, "intact", "not_intact"])),
        }
        if data["kind"] is ClaimKind.PRICE_MATCH:
            data["reference_price"] = str(draw(money(max_value="1000.00")))
        if data["kind"] in ASKING_AN_AMOUNT:
            data["requested_amount"] = str(draw(money(max_value="1000.00")))
        if order is not None:
            chosen = draw(st.lists(st.sampled_from(order.lines), min_size=1,
                                   unique_by=lambda line: line.id))
            data["lines"] = [{"line_id": line.id, "quantity": draw(st.integers(1, line.quantity))}
                             for line in chosen]
        return Claim.model_validate(data)

    return build()


def cases(*, policy: Policy | None = None, kind: ClaimKind | str | None = None,
          guarantee: str | None = None) -> st.SearchStrategy[Case]:
    """Valid cases aimed at the guarantees of `policy` (the standard policy when None):
    each draw picks a guarantee (or the one named; only those answering claims of `kind`
    when given), starts from a case it approves, and moves it around the guarantee's
    boundaries: windows, ship times, thresholds, evidence, goods' condition, more lines,
    history."""
    policy = policy or standard_policy()
    chosen = [g for g in policy.ranked_guarantees()
              if (guarantee is None or g.id == guarantee)
              and (kind is None or ClaimKind(kind) in g.claim_kinds or g.is_add_on)]
    if guarantee is not None and guarantee not in {g.id for g in policy.guarantees}:
        raise InvalidArgument(f"policy {policy.id} has no guarantee {guarantee!r} (it has "
                              f"{', '.join(g.id for g in policy.ranked_guarantees())})")
    claim_kind = ClaimKind(kind) if kind is not None else None
    seeds = [(g, seed) for g in chosen
             if (seed := base_case(policy, g, claim_kind)) is not None]
    if not seeds:
        which = f"guarantee {guarantee!r}" if guarantee else "guarantee"
        raise InvalidArgument(
            f"policy {policy.id} has no {which} reachable by a claim of kind {kind!r}"
            if kind else f"policy {policy.id} has no {which} a case can reach")
    ids = [g.id for g in policy.guarantees]

    @st.composite
    def build(draw: st.DrawFn) -> Case:
        target, seed = draw(st.sampled_from(seeds))
        return _vary(draw, policy, target, copy.deepcopy(seed), ids)

    return build()


def _history(guarantee_ids: Sequence[str], order: dict[str, Any]
             ) -> st.SearchStrategy[dict[str, Any]]:
    """Remedies granted before: by any guarantee of the policy, on the first line or the
    whole order, sometimes against a return, sometimes on another order of the buyer."""
    paid_at = datetime.fromisoformat(order["paid_at"])
    return st.fixed_dictionaries({
        "guarantee": st.sampled_from(guarantee_ids),
        "kind": st.sampled_from(["refund", "coupon", "compensation"]),
        "amount": money(max_value="100.00").map(str),
        "line_ids": st.sampled_from([["l1"], []]),
    }, optional={
        "return_required": st.booleans(),
        "order_id": st.just("o-other"),
        "decided_at": st.integers(-2000, 2000).map(
            lambda hours: (paid_at + timedelta(hours=hours)).isoformat()),
    })


def _points(policy: Policy, guarantee: Guarantee, case: dict[str, Any],
            path: str) -> list[Any]:
    """The values at which the guarantee's boundaries set `path` (`claim.filed_at`,
    `order.shipped_at`, the amount paid), on the case as it is now."""
    env = BoundaryEnv(case, guarantee.id, resolve_time_zone(policy.time_zone),
                      minor_unit(policy.currency), policy.rounding.decimal_rounding)
    boundaries = [b for condition in guarantee.conditions for b in condition.boundaries(env)]
    boundaries += [b for option in guarantee.offered() if option.amount is not None
                   for b in option.amount.thresholds(option.kind, env)]
    return list(dict.fromkeys(b.edit.value for b in boundaries if b.edit.path == path))


def _vary(draw: st.DrawFn, policy: Policy, guarantee: Guarantee, case: dict[str, Any],
          guarantee_ids: Sequence[str]) -> Case:
    order, claim = case["order"], case.get("claim")
    line = order["lines"][0]
    thresholds = _points(policy, guarantee, case, "order.lines[0].paid_amount")
    amount = draw(st.sampled_from([Decimal(line["paid_amount"]), *thresholds]) | money())
    line["paid_amount"] = str(max(amount, Decimal(0)))
    line["quantity"] = draw(st.integers(1, 3))
    if order["shipped_at"] is not None:
        limits = _points(policy, guarantee, case, "order.shipped_at")
        shipped = draw(st.sampled_from([datetime.fromisoformat(order["shipped_at"]), *limits,
                                        *(limit - timedelta(hours=5) for limit in limits)]))
        shipped = max(shipped, datetime.fromisoformat(order["paid_at"]))
        order["shipped_at"] = shipped.isoformat()
        if order["delivered_at"] is not None:
            order["delivered_at"] = (shipped + timedelta(hours=48)).isoformat()
    extra = draw(st.lists(st.tuples(st.sampled_from(CATEGORIES), money(max_value="500.00")),
                          max_size=2))
    for index, (category, paid) in enumerate(extra, start=2):
        order["lines"].append({"id": f"l{index}", "sku": f"sku-{index}", "category": category,
                               "quantity": 1, "paid_amount": str(paid)})
    if claim is not None:
        claim["filed_at"] = _filing(draw, policy, guarantee, case).isoformat()
        claim["evidence"] = [e for e in claim["evidence"] if not draw(st.booleans())]
        if "item_condition" in claim:
            claim["item_condition"] = draw(st.sampled_from(["intact", "not_intact", None]))
        if "reference_price" in claim:
            unit_price = Decimal(line["paid_amount"]) / line["quantity"]
            claim["reference_price"] = str(draw(st.sampled_from(
                [max(unit_price - 10, Decimal(0)), unit_price]) | money(max_value="500.00"))
                .quantize(Decimal("0.01")))
        if draw(st.booleans()):  # else every line, in full
            claim["lines"] = [{"line_id": "l1",
                               "quantity": draw(st.integers(1, line["quantity"]))}]
    case["history"].extend(draw(st.lists(_history(guarantee_ids, order), max_size=2)))
    for flag, value in (("insured", True), ("region", "CN-XJ"), ("flags", ["fake_shipment"]),
                        ("buyer_flags", ["refund_abuse"])):
        if draw(st.sampled_from([False] * 7 + [True])):  # now and then; shrinks to never
            order[flag] = value
    _fit_history(case["history"], order, line)
    latest = [datetime.fromisoformat(t) for t in (
        case["as_of"], order["shipped_at"], order["delivered_at"],
        claim["filed_at"] if claim else None,
        *(entry.get("decided_at") for entry in case["history"])) if t]
    case["as_of"] = (max(latest) + timedelta(hours=draw(st.integers(0, 48)))).isoformat()
    return Case.model_validate(case)


def _fit_history(history: list[dict[str, Any]], order: dict[str, Any],
                 line: dict[str, Any]) -> None:
    """Keep a valid case's history: a return's refund within its line, and the refunds on
    this order within what was paid for it."""
    left = sum((Decimal(each["paid_amount"]) for each in order["lines"]), Decimal(0))
    for entry in history:
        amount = Decimal(entry["amount"])
        if entry.get("return_required"):
            amount = min(amount, Decimal(line["paid_amount"]))
        if entry["kind"] == "refund" and "order_id" not in entry:
            amount = min(amount, left)
            left -= amount
        entry["amount"] = str(amount)


def _filing(draw: st.DrawFn, policy: Policy, guarantee: Guarantee,
            case: dict[str, Any]) -> datetime:
    order = case["order"]
    filed = datetime.fromisoformat(case["claim"]["filed_at"])
    points = [filed, *_points(policy, guarantee, case, "claim.filed_at")]
    how = draw(st.sampled_from(["as_seeded", "boundary", "anywhere"]))  # shrinks to as seeded
    if how == "boundary":
        filed = draw(st.sampled_from(points))
    elif how == "anywhere":
        filed += timedelta(minutes=draw(st.integers(-60, 200 * 24 * 60)))
    return max(filed, datetime.fromisoformat(order["paid_at"]))


def policies(*, guarantees: st.SearchStrategy[Sequence[Guarantee]] | None = None,
             shuffle_priority: bool = True) -> st.SearchStrategy[Policy]:
    """Valid policies built from the ready-made guarantees with drawn parameters (or from
    `guarantees`), with the standard exclusive groups among those present and, by default,
    a drawn priority order."""
    catalogue = guarantees if guarantees is not None else st.tuples(
        st.builds(ready.late_shipment, grace_hours=st.integers(0, 48),
                  minimum=st.sampled_from(["0.00", "3.00", "9.99"]),
                  cap=st.sampled_from(["10.00", "30.00", "99.99"])),
        st.builds(ready.spoilage, window_hours=st.integers(1, 240)),
        st.builds(ready.allergy, window_days=st.integers(1, 365)),
        st.builds(ready.price_match, window_days=st.integers(1, 30),
                  multiplier=st.sampled_from(["1", "2", "1.5"])),
        st.builds(ready.no_reason_return, window_days=st.integers(7, 30)),
        st.builds(ready.return_shipping_insurance), st.builds(ready.large_item_pickup),
        st.builds(ready.intercept_refund, limit=st.sampled_from(["0.00", "2000.00"])),
        st.builds(ready.instant_refund_on_return), st.builds(ready.pre_shipment_refund),
        st.builds(ready.proactive_refund, days_after_promise=st.integers(0, 10)),
        st.builds(ready.counterfeit, multiplier=st.sampled_from(["3", "4", "10"])),
        st.builds(ready.unsafe_food, minimum=st.sampled_from(["0.00", "1000.00"])),
        st.builds(ready.remote_area_shipping),
        st.builds(ready.damage_reship, window_hours=st.integers(1, 96)),
    )

    @st.composite
    def build(draw: st.DrawFn) -> Policy:
        chosen = tuple(draw(catalogue))
        ids = [g.id for g in chosen]
        groups = tuple(group for group in STANDARD_STACKING.exclusive
                       if set(group.guarantees) <= set(ids))
        priority = tuple(draw(st.permutations(ids))) if shuffle_priority else ()
        return Policy(id="generated", version="1", guarantees=chosen,
                      stacking=Stacking(priority=priority, exclusive=groups))

    return build()
