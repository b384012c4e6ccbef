"""A rule kind lacks no part of the protocol: every condition, amount formula and remedy kind,
found by walking its package, answers every question the library asks of it in its own
module, reports only what it declares, is worded in every language, and is exported where
users look for it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from decimal import Decimal
from types import ModuleType
from typing import Any, get_args

import pytest
from pydantic import BaseModel

import aftersales
from aftersales.model.kinds import RemedyKind
from aftersales.rules import amounts, conditions, remedies
from aftersales.rules.amounts import (
    AMOUNT_KINDS,
    AffectedShareBands,
    ApprovedReturnRefund,
    CappedAmount,
    ClaimedFraction,
    FixedAmount,
    GridAxis,
    Multiple,
    OrderFeeAmount,
    PercentBetween,
    PercentByTag,
    PercentOf,
    PerCount,
    ProRataDeduction,
    RequestedAmount,
    ShareBand,
    TagRate,
    Tier,
    TieredAmount,
    TierGrid,
    UnitPriceDifference,
)
from aftersales.rules.clock import ShipByClock
from aftersales.rules.conditions import (
    CONDITION_KINDS,
    AllOf,
    AnyOf,
    BuyerLimit,
    CategoryIn,
    DeliveredLate,
    EvidenceByOrderTotal,
    EvidenceTier,
    FeeCharged,
    FiledAfter,
    FiledBefore,
    FiledWithin,
    FiledWithinForProblem,
    FiledWithinReceipt,
    FlaggedWith,
    HasTag,
    Insured,
    ItemIntact,
    Not,
    NotGrantedBefore,
    NotGrantedForItemBefore,
    NotPickedUpWithin,
    NotShippedWithin,
    OrderEvent,
    OrderFee,
    OrderTotalAbove,
    OrderTotalAtMost,
    ProblemIn,
    ProblemIs,
    ProblemWindow,
    ReferencePriceBelowUnitPrice,
    RegionIn,
    RemainingAtLeast,
    RemedyOverdue,
    ReturnApproved,
    ReturnTracked,
    ShippedLate,
    ShippedLateOnClock,
)
from aftersales.rules.protocol import AmountFormula, Condition
from aftersales.rules.remedies import AnyRemedy, BuyersChoice, Refund, SingleRemedy
from aftersales.rules.remedies.base import RemedySpec
from aftersales.rules.view import CaseView
from aftersales.wording import LANGS
from aftersales.wording.en import MESSAGES
from aftersales.wording.zh import MESSAGES_ZH
from tests.builders import ORDER, case_dict, claim_case
from tests.unit.rules.running import BUILD, ZONE, every_line, view_of
from tests.unit.test_sample_cases import sample_cases

BASES: tuple[type[BaseModel], ...] = (Condition, AmountFormula, RemedySpec)


def kinds_in(package: ModuleType) -> list[type[BaseModel]]:
    """The rule kinds `package` defines: each public model with a `kind` tag in one of its
    public modules (the protocol's own base excepted)."""
    kinds: list[type[BaseModel]] = []
    for found in pkgutil.iter_modules(package.__path__):
        if found.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{found.name}")
        kinds += [value for name, value in vars(module).items()
                  if isinstance(value, type) and issubclass(value, BaseModel)
                  and value.__module__ == module.__name__ and not name.startswith("_")
                  and "kind" in value.model_fields and value not in BASES]
    return kinds


CONDITION_CLASSES = kinds_in(conditions)
AMOUNT_CLASSES = kinds_in(amounts)
REMEDY_CLASSES = kinds_in(remedies)


def name_of(kind: object) -> str:
    return kind.__name__ if isinstance(kind, type) else str(kind)


def members(union: object) -> set[type[BaseModel]]:
    """The kinds of a tagged union (`Annotated[A | B | ..., Field(discriminator=...)]`)."""
    return set(get_args(get_args(union)[0]))


def defining_module(kind: type, name: str) -> str:
    """The module of the class in `kind`'s MRO whose body defines `name`."""
    return next(klass for klass in kind.__mro__ if name in vars(klass)).__module__


@pytest.mark.parametrize(("found", "known"), [
    (CONDITION_CLASSES, {FiledWithin, AllOf, Not}),
    (AMOUNT_CLASSES, {FixedAmount, TieredAmount}),
    (REMEDY_CLASSES, {Refund, BuyersChoice}),
], ids=["conditions", "amounts", "remedies"])
def test_walking_a_package_finds_its_kinds(found: list[type[BaseModel]],
                                           known: set[type[BaseModel]]) -> None:
    assert known <= set(found)


# --- every part of the protocol, answered in the kind's own module ---------------------------


@pytest.mark.parametrize(("base", "parts"), [
    (Condition, {"compile", "flip", "boundaries", "needs", "lint_facts", "bounds",
                 "filing_bounds", "implies", "legal_shortfalls"}),
    (AmountFormula, {"compile", "thresholds", "tier_starts", "describe", "fixed",
                     "always_zero", "value_of", "per_line", "excess", "amount_bounds",
                     "uncapped", "is_statutory_damages", "tier_table",
                     "refunds_what_was_paid"}),
    (RemedySpec, {"terms", "is_money", "is_bonus", "pays_back", "is_damages",
                  "counts_toward_refund_cap", "grants_return", "refunds_what_was_paid",
                  "remedy_bounds"}),
], ids=name_of)
def test_each_base_leaves_every_part_of_its_protocol_abstract(base: type[BaseModel],
                                                              parts: set[str]) -> None:
    assert parts <= base.__abstractmethods__


PROTOCOLS: list[tuple[type[BaseModel], type[BaseModel]]] = [
    *((kind, Condition) for kind in CONDITION_CLASSES),
    *((kind, AmountFormula) for kind in AMOUNT_CLASSES),
    *((kind, RemedySpec) for kind in REMEDY_CLASSES if issubclass(kind, RemedySpec)),
]


@pytest.mark.parametrize(("kind", "base"), PROTOCOLS, ids=[name_of(k) for k, _ in PROTOCOLS])
def test_every_kind_defines_its_whole_protocol_in_its_own_module(
        kind: type[BaseModel], base: type[BaseModel]) -> None:
    """In its own module, not merely somewhere in its MRO: the private helper modules
    (`conditions._events`, `_filing_flip`, `_filing_order`, `_ship_flip`, `amounts._base`)
    hold functions that a kind's own methods call, never a base to inherit from, and the
    only shared base, the combinators' `_Combinator`, lives in their module. A method found
    elsewhere is a default the kind inherits silently."""
    assert issubclass(kind, base)
    assert not inspect.isabstract(kind)
    elsewhere = {part: defining_module(kind, part) for part in sorted(base.__abstractmethods__)
                 if defining_module(kind, part) != kind.__module__}
    assert elsewhere == {}


def test_every_single_remedy_is_a_remedy_spec() -> None:
    assert {kind for kind in members(SingleRemedy) if not issubclass(kind, RemedySpec)} == set()


CHOICES = [kind for kind in REMEDY_CLASSES if not issubclass(kind, RemedySpec)]
CHOICE_PROTOCOL = ("choose", "offered", "refunds_what_was_paid", "remedy_bounds")


@pytest.mark.parametrize("kind", CHOICES, ids=name_of)
def test_a_choice_among_remedies_answers_itself_what_is_asked_of_a_remedy_as_written(
        kind: type[BaseModel]) -> None:
    """A remedy kind that is no `RemedySpec` is a choice among single remedies: each
    question of the remedy protocol is asked of the options it `offered()` or `choose()`s,
    and only whether it refunds what was paid (the legal floor) and its bounds (lint) are
    asked of a guarantee's remedies as written."""
    assert kind not in members(SingleRemedy)
    elsewhere = {part: defining_module(kind, part) for part in CHOICE_PROTOCOL
                 if not hasattr(kind, part) or defining_module(kind, part) != kind.__module__}
    assert elsewhere == {}


@pytest.mark.parametrize("kind", [k for k, base in PROTOCOLS if base is RemedySpec],
                         ids=name_of)
def test_every_single_remedy_kind_is_a_remedy_kind_a_decision_can_name(
        kind: type[BaseModel]) -> None:
    assert kind.model_fields["kind"].default in set(RemedyKind)


# --- what a kind reports, and only that ------------------------------------------------------


@pytest.mark.parametrize("kind", CONDITION_CLASSES, ids=name_of)
def test_every_condition_kind_declares_its_outcomes_itself_with_one_that_passes(
        kind: type[BaseModel]) -> None:
    assert issubclass(kind, Condition)
    assert "OUTCOMES" in vars(kind)
    assert kind.OUTCOMES
    assert any(spec.passes for spec in kind.OUTCOMES.values())


EVENTS: tuple[OrderEvent, ...] = get_args(OrderEvent)
FEES: tuple[OrderFee, ...] = get_args(OrderFee)
GIFT = HasTag(tags=("gift",))

LEAVES: tuple[Condition, ...] = (
    ShippedLate(), NotShippedWithin(),
    *(FiledWithin(after=event, window_days=7) for event in EVENTS),
    *(FiledWithin(after=event, window_hours=48) for event in EVENTS),
    *(FiledBefore(event=event) for event in EVENTS),
    *(FiledAfter(event=event) for event in EVENTS),
    CategoryIn(categories=("fresh",)), GIFT, ReferencePriceBelowUnitPrice(),
    NotGrantedBefore(), NotGrantedBefore(per="line"), BuyerLimit(max_claims=1),
    ReturnApproved(), ReturnApproved(leg_paid_by_buyer=True), ReturnApproved(source="history"),
    OrderTotalAbove(amount=Decimal(50)), OrderTotalAtMost(amount=Decimal(50)),
    FlaggedWith(flags=("refund_abuse",)), FlaggedWith(flags=("refund_abuse",), on="buyer"),
    Insured(), RegionIn(regions=("CN-XJ",)), *(FeeCharged(fee=fee) for fee in FEES),
    ItemIntact(), ReturnTracked(),
    ShippedLateOnClock(), ShippedLateOnClock(more_than_hours=48, clock=ShipByClock(
        ship_time="pickup", calendars=("tmall-2026-spring-festival",))),
    NotPickedUpWithin(), NotPickedUpWithin(hours=48), DeliveredLate(),
    ProblemIs(problems=("rotten",)), ReferencePriceBelowUnitPrice(before_platform_discounts=True),
    EvidenceByOrderTotal(tiers=(EvidenceTier(at_least=Decimal(0), evidence=("photo",)),
                                EvidenceTier(at_least=Decimal(50),
                                             evidence=("photo", "medical_record")))),
    RemainingAtLeast(), RemainingAtLeast(allowance=Decimal(3)),
    FiledWithinForProblem(windows=(
        ProblemWindow(problems=("thawed",), window_hours=24),
        ProblemWindow(problems=("rotten",), categories=("fresh",), window_days=5),
        ProblemWindow(problems=("unripe",), window_hours=48, plus_ripening=True))),
    # Tmall preset (issue 11)
    FiledWithinReceipt(window_days=7), FiledWithinReceipt(anchor="receipt_confirmed",
                                                          window_days=15),
    FiledWithinReceipt(window_days=30, presumed_after_days=None, event_day_counts=True),
    ProblemIn(problems=("material_mismatch",)), NotGrantedForItemBefore(),
    RemedyOverdue(guarantee="g", within_hours=120),
)
CONDITIONS: tuple[Condition, ...] = (
    *LEAVES, *(Not(condition=leaf) for leaf in LEAVES),
    AllOf(conditions=(ShippedLate(), GIFT)), AnyOf(conditions=(GIFT, Insured())),
)


def label(condition: object) -> str:
    assert isinstance(condition, Condition)
    if condition.parts():
        return f"{condition.kind}({','.join(label(part) for part in condition.parts())})"
    fields = condition.model_dump(exclude_defaults=True)
    return f"{condition.kind}({','.join(f'{name}={value}' for name, value in fields.items())})"


def test_the_example_conditions_are_of_every_kind() -> None:
    assert {type(condition) for condition in CONDITIONS} == set(CONDITION_CLASSES)


@pytest.mark.parametrize("leaf", LEAVES, ids=label)
def test_a_leaf_condition_fails_only_with_outcomes_it_declares_as_failures(
        leaf: Condition) -> None:
    assert set(leaf.failure_codes()) - set(leaf.FAILURE_CODES) == set()


MIXED_LINES = [
    {**ORDER["lines"][0], "tags": ["gift"]},
    {"id": "l2", "sku": "phone", "category": "electronics.phone", "tags": [], "quantity": 1,
     "paid_amount": "10.00"},
]
"""Two lines on which every line-wise condition holds for one and not the other."""

MIXED_CASES = (
    case_dict(order={"lines": MIXED_LINES}, history=[
        {"guarantee": "g", "kind": "refund", "amount": "1.00", "line_ids": ["l2"],
         "return_required": True}]),
    claim_case("price_match", order={"lines": MIXED_LINES}),
)


def example_views() -> Iterator[CaseView]:
    """The sample cases, and cases with lines that line-wise conditions tell apart."""
    for case in sample_cases():
        view = CaseView(case.record(), ZONE, trace=False)
        view.guarantee = "g"
        yield view
    for data in MIXED_CASES:
        yield view_of(data, approved_returns=0b01, buyer_paid_returns=0b01)


VIEWS = tuple(example_views())


def line_sets(view: CaseView) -> range:
    return range(1, every_line(view) + 1)


def reported(condition: Condition) -> Iterator[tuple[str, bool]]:
    """Each code `condition` reports on the example cases, on every set of their lines, and
    whether it held on all of them."""
    check = BUILD.check(condition)
    for view in VIEWS:
        for lines in line_sets(view):
            outcome = check(view, lines)
            yield outcome.code, outcome.lines == lines


@pytest.mark.parametrize("condition", CONDITIONS, ids=label)
def test_every_code_a_condition_reports_is_one_it_says_it_can(condition: Condition) -> None:
    """What `PASS_CODES` and `failure_codes()` say is what lint, the docs and the wording
    rely on: a code reported outside them is worded by no catalogue."""
    undeclared = {(code, "held" if held else "failed") for code, held in reported(condition)
                  if code not in (condition.PASS_CODES if held else condition.failure_codes())}
    assert undeclared == set()


@pytest.mark.parametrize("kind", AMOUNT_CLASSES, ids=name_of)
def test_every_amount_kind_declares_its_facts_itself(kind: type[BaseModel]) -> None:
    assert issubclass(kind, AmountFormula)
    assert "FACTS" in vars(kind)


AMOUNTS: tuple[AmountFormula, ...] = (
    ClaimedFraction(), FixedAmount(amount=Decimal(5)),
    PercentOf(rate_percent=Decimal(10), cap=Decimal(1)),
    PercentOf(base="claimed_amount", rate_percent=Decimal(10)),
    TieredAmount(tiers=(Tier(at_least=Decimal(0), amount=FixedAmount(amount=Decimal(1))),
                        Tier(at_least=Decimal(50), amount=UnitPriceDifference()))),
    TieredAmount(base="claimed_amount",
                 tiers=(Tier(at_least=Decimal(100), amount=FixedAmount(amount=Decimal(1))),)),
    UnitPriceDifference(), Multiple(multiplier=Decimal(3), minimum=Decimal(500)),
    Multiple(base="claimed_amount", multiplier=Decimal(3)),
    *(OrderFeeAmount(fee=fee) for fee in FEES), ApprovedReturnRefund(),
    PercentBetween(rate_percent=Decimal(1), minimum=Decimal(2), maximum=Decimal(50)),
    TierGrid(rows=GridAxis(by="promise_hours", up_to=(48, None)),
             columns=GridAxis(by="late_hours", up_to=(48, None)),
             cells=((PercentBetween(rate_percent=Decimal(1), minimum=Decimal(2),
                                    maximum=Decimal(50)), None),
                    (PercentBetween(rate_percent=Decimal(3), minimum=Decimal(3),
                                    maximum=Decimal(50)),) * 2)),
    AffectedShareBands(bands=(ShareBand(up_to_percent=Decimal(30), rate_percent=Decimal(30)),
                              ShareBand(up_to_percent=Decimal(100), rate_percent=Decimal(100)))),
    CappedAmount(amount=UnitPriceDifference(), per_claim=Decimal(500), per_buyer=Decimal(2000)),
    CappedAmount(amount=ClaimedFraction(), per_order=Decimal(5), period="rolling_days",
                 period_days=30, per_buyer=Decimal(8)),
    ProRataDeduction(amount=UnitPriceDifference(before_platform_discounts=True)),
    PerCount(),
    PercentByTag(rates=(TagRate(tag="gift", rate_percent=Decimal(100)),),
                 otherwise_percent=Decimal(30)),
    RequestedAmount(),
    RequestedAmount(at_most=PercentOf(base="claimed_amount", rate_percent=Decimal(30),
                                      cap=Decimal(200))),
)


def declared_facts(amount: AmountFormula) -> set[str]:
    """The facts a quote of `amount` may carry: its own, and a tier's amount's."""
    facts = {"formula", "exact", *amount.FACTS}
    for part in amount.parts():
        facts |= declared_facts(part)
    return facts


def test_the_example_amounts_are_of_every_kind() -> None:
    assert {type(amount) for amount in AMOUNTS} == set(AMOUNT_CLASSES)


@pytest.mark.parametrize("amount", AMOUNTS, ids=lambda amount: repr(amount))
def test_an_amount_quotes_no_fact_it_does_not_declare(amount: AmountFormula) -> None:
    price = amount.compile(BUILD)
    quoted = {fact for view in VIEWS for lines in line_sets(view)
              for fact in price(view, lines).facts}
    assert quoted - declared_facts(amount) == set()


# --- worded in every language ----------------------------------------------------------------


CATALOGUES: dict[str, dict[str, str]] = {"en": MESSAGES, "zh": MESSAGES_ZH}


def test_there_is_a_message_catalogue_for_every_language() -> None:
    assert set(CATALOGUES) == set(LANGS)


@pytest.mark.parametrize("kind", CONDITION_CLASSES, ids=name_of)
def test_every_outcome_a_condition_kind_declares_has_a_message_in_every_language(
        kind: type[BaseModel]) -> None:
    """A message of its own, not the fallback: `render` words a code it has no message for
    from the code itself (`does not hold: …` for a `not_…` code), and
    `tests/unit/wording/test_every_code.py`, which renders the registered kinds' codes, looks
    a message up only for codes not starting with `not_`."""
    assert issubclass(kind, Condition)
    missing = {(lang, code) for lang, catalogue in CATALOGUES.items()
               for code in kind.OUTCOMES if code not in catalogue}
    assert missing == set()


@pytest.mark.parametrize("kind", AMOUNT_CLASSES, ids=name_of)
def test_every_second_reason_an_amount_kind_declares_has_a_message_in_every_language(
        kind: type[BaseModel]) -> None:
    assert issubclass(kind, AmountFormula)
    missing = {(lang, code) for lang, catalogue in CATALOGUES.items()
               for code in kind.NOTES if code not in catalogue}
    assert missing == set()


# --- exported where users look ---------------------------------------------------------------


FAMILIES: list[tuple[ModuleType, list[type[BaseModel]], set[type[BaseModel]]]] = [
    (conditions, CONDITION_CLASSES, set(CONDITION_KINDS.values())),
    (amounts, AMOUNT_CLASSES, set(AMOUNT_KINDS.values())),
    (remedies, REMEDY_CLASSES, members(AnyRemedy)),
]
FAMILY_IDS = ["conditions", "amounts", "remedies"]


def unexported(package: ModuleType, kinds: list[type[BaseModel]]) -> list[str]:
    exported: Any = vars(package)["__all__"]
    return [kind.__name__ for kind in kinds
            if kind.__name__ not in exported or getattr(package, kind.__name__) is not kind]


@pytest.mark.parametrize(("package", "found", "tagged"), FAMILIES, ids=FAMILY_IDS)
def test_every_kind_is_exported_by_its_package_and_by_aftersales(
        package: ModuleType, found: list[type[BaseModel]], tagged: set[type[BaseModel]]) -> None:
    assert unexported(package, found) == []
    assert unexported(aftersales, found) == []


@pytest.mark.parametrize(("package", "found", "tagged"), FAMILIES, ids=FAMILY_IDS)
def test_every_kind_is_read_by_its_tagged_union(
        package: ModuleType, found: list[type[BaseModel]], tagged: set[type[BaseModel]]) -> None:
    assert {kind.__name__ for kind in found if kind not in tagged} == set()
