"""The rule protocol: every condition kind and amount formula is a frozen model with a `kind`
tag, and answers, in its own module, every question the library asks of it:

| part | asked by | method |
|---|---|---|
| how it evaluates | the engine's plan | `compile(build)` → a closure over a `CaseView` |
| the facts it reports | wording, JSON, the reason-code docs | `OUTCOMES` / `FACTS` |
| its nearest flip | `what_if` | `flip(step, case, unit)` (conditions) |
| its boundaries | `testing.edge_cases` | `boundaries(env)` / `thresholds(env)` |
| what a case needs to meet it | `testing` (plain cases) | `needs(seed)` (conditions) |
| its static bounds | `lint` | `lint_facts()`, `bounds()`, `implies(other)` / `describe()`, … |
| what the legal floor needs | `legal_floor` | `legal_shortfalls()` / `refunds_what_was_paid()` |
| its columnar form (optional) | `evaluate_table` | `columnar(build)` → Polars expressions |

Nothing else switches on a rule's type: a new kind implements these and is done (the methods
are abstract; `tests/unit/rules/test_protocol.py` fails for a kind that lacks one). The
columnar form is the one optional part: its default, None, means "no columnar form yet", and
the cases that need it go through the row engine (`aftersales.columnar`). Polars is imported
only inside those methods, so the core needs no extra.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from .outcome import Check, Outcome, Price

if TYPE_CHECKING:
    from ..model.case import Case
    from ..model.decision import Step
    from .columnar import ColumnarAmount, ColumnarBuild, ColumnarCheck
    from .view import CaseView

__all__ = [
    "RULE_MODEL",
    "AmountFormula",
    "Bound",
    "Boundary",
    "BoundaryEnv",
    "Build",
    "Condition",
    "Edit",
    "FilingBound",
    "Flip",
    "LintFacts",
    "OutcomeSpec",
    "Seed",
    "Side",
    "beyond",
]

RULE_MODEL = ConfigDict(frozen=True, extra="forbid")

Side = Literal["inside", "outside", "below", "at"]


@dataclass(frozen=True, slots=True)
class Edit:
    """A change to a case given as JSON-ready data (what an edge case moves): the fact it
    sets (`path`, as in `claim.filed_at`), the value it sets it to, and how (`apply`, which
    keeps the case valid around it). Calling it applies it."""

    path: str
    value: object
    apply: Callable[[dict[str, Any]], None]

    def __call__(self, case: dict[str, Any]) -> None:
        self.apply(case)


Outcomes = Mapping[str, "OutcomeSpec"]
"""Every outcome code a condition kind reports, and what each carries."""


class OutcomeSpec(NamedTuple):
    """One outcome code a condition kind reports: whether it is a pass, and the facts it
    carries (each language's catalogue words a message from exactly these)."""

    passes: bool
    facts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Build:
    """What compiling a rule part may read: the policy's settings."""

    zone: tzinfo
    currency: str
    unit: Decimal
    rounding: str

    def check(self, condition: Condition) -> Check:
        """`condition` compiled, reporting its `code` when it fails (if it sets one) and
        recording its every evaluation in the trace when one is kept."""
        inner = condition.compile(self)
        kind, code = condition.kind, condition.code

        def check(view: CaseView, lines: int) -> Outcome:
            outcome = inner(view, lines)
            if code is not None and outcome.lines != lines:
                outcome = outcome._replace(code=code, causes=())
            steps = view.steps
            if steps is not None:
                steps.append((view.guarantee, kind, outcome.lines != 0, outcome.code,
                              outcome.facts))
            return outcome

        return check


class Flip(NamedTuple):
    """The nearest change to a case's facts that would turn one check: what to set (`path`
    to `value`, JSON-ready), tagged `kind` (`file_by`, `ship_by`, ...), and the phrase that
    words it (a key of each language's phrases, and its typed facts)."""

    kind: str
    path: str
    value: str | list[str]
    phrase: str
    facts: Mapping[str, object] = {}


class Boundary(NamedTuple):
    """A case one side of a boundary: what it is, which side, and how to move a plain case
    there."""

    text: str
    side: Side
    edit: Edit


@dataclass(frozen=True, slots=True)
class BoundaryEnv:
    """What a rule part's boundaries are computed from: the plain case of its guarantee (as
    JSON-ready data), the guarantee, and the policy's settings."""

    seed: Mapping[str, Any]
    guarantee: str
    zone: tzinfo
    unit: Decimal
    rounding: str


@dataclass
class Seed:
    """What a plain case must be for a guarantee's conditions to hold, as each condition
    says it (`Condition.needs`); `testing` builds the case from it."""

    grace_hours: int | None = None
    """Shipped late: after the promise plus this grace."""
    unshipped_hours: int | None = None
    """Not shipped, decided this many hours after the promise."""
    before: set[str] = field(default_factory=set)
    """Events the claim must come before (they must not have happened when it is filed)."""
    filing_anchors: list[str] = field(default_factory=list)
    """Events the claim is filed just after (the first that happened)."""
    above: Decimal | None = None
    at_most: Decimal | None = None
    categories: tuple[str, ...] | None = None
    tags: list[str] = field(default_factory=list)
    insured: bool = False
    fees: list[str] = field(default_factory=list)
    region: str | None = None
    flags: list[tuple[str, str]] = field(default_factory=list)
    """(`order` or `buyer`, flag)."""
    item_intact: bool = False
    tracked: bool = False
    reference_price: bool = False
    approved_return: bool = False
    """A return approved before, in the order's history."""
    pickup_overdue_hours: int | None = None
    """The tracking number uploaded, and no pickup scan this many hours after it."""
    appointment_missed: bool = False
    """A delivery appointment (`order.deliver_by`) passed before delivery."""
    claim_facts: dict[str, Any] = field(default_factory=dict)
    """Facts the claim must carry, as JSON-ready values (`problem`, `affected_percent`)."""
    line_facts: dict[str, Any] = field(default_factory=dict)
    """Facts the plain case's line must carry, as JSON-ready values (`unit_content`)."""
    evidence: list[str] = field(default_factory=list)
    """Evidence kinds the claim must carry besides the guarantee's own."""
    problem: str | None = None
    """The problem established with the goods claimed (`claim.problem`)."""


class FilingBound(NamedTuple):
    """A condition that puts the claim after (`low`) or before an event, for lint's check of
    windows no filing time meets."""

    low: bool
    event: str
    what: str
    needs_claim: bool
    """It holds only with a claim (a negated filing condition also holds without one)."""
    on_filing: bool = True
    """It bounds the filing instant itself (False: the order's state when decided, which
    only follows from the filing's order)."""


class Bound(NamedTuple):
    """A parameter beyond a sensible bound (lint's `out_of_bounds`): the field, and what to
    tell the author."""

    field: str
    message: str


def beyond(field: str, what: str, bound: str) -> Bound:
    """`what` (the value, in words) is beyond the sensible bound `bound`."""
    return Bound(field, f"{what} is beyond the sensible bound of {bound}: check the unit and "
                 "the figure")


@dataclass(frozen=True, slots=True)
class LintFacts:
    """What a condition says for certain, for lint to prove a guarantee can never apply."""

    scope: tuple[str, ...] | None = None
    """The categories a line must be in (a `category_in`)."""
    minimum: Decimal | None = None
    """The order total must be above this."""
    limit: Decimal | None = None
    """The order total must be at most this."""
    regions: tuple[str, ...] | None = None
    """The order must ship to one of these."""
    window: tuple[str, int | None, int | None] | None = None
    """A claim window: (event, hours, days)."""
    about_itself: bool = False
    """It limits the guarantee by its own earlier grants (once per order, a buyer's limit)."""
    kept_by_group: Literal["line", "order"] | None = None
    """It fails only where the guarantee was granted before, on this line (`line`) or order:
    where an exclusive group keeps a rival from paying anyway."""
    return_in_decision: bool | None = None
    """It needs a return approved in this decision (True: one whose leg the buyer bears)."""
    needs_late_shipment: bool = False
    """It holds only on an order shipped after its promise, or still unshipped past it
    (late-ship compensation: shipping later never pays less)."""


class Condition(BaseModel):
    """Base of every condition: a `kind` tag, an optional `code` to report when it fails
    instead of its own, and the protocol."""

    model_config = RULE_MODEL

    kind: str
    code: str | None = None
    """Reason code to report when this condition fails, instead of its own."""

    OUTCOMES: ClassVar[Outcomes] = {}
    """Every outcome code this kind reports (public, stable) and the facts it carries."""

    # --- evaluation ----------------------------------------------------------------------

    @abstractmethod
    def compile(self, build: Build) -> Check:
        """A closure saying, for one case, on which of the given lines the fact holds."""

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Its columnar form (`aftersales.columnar`): on which line slots it holds and the
        code it fails with, as Polars expressions; None while it has none."""
        return None

    # --- the codes and facts it reports ----------------------------------------------------

    @property
    def FAILURE_CODES(self) -> tuple[str, ...]:  # noqa: N802 - kept from the class constant
        return tuple(code for code, spec in self.OUTCOMES.items() if not spec.passes)

    @property
    def PASS_CODES(self) -> tuple[str, ...]:  # noqa: N802
        return tuple(code for code, spec in self.OUTCOMES.items() if spec.passes)

    def failure_codes(self) -> tuple[str, ...]:
        """The codes this condition can report when it fails."""
        return self._own_or(self.FAILURE_CODES)

    def _own_or(self, codes: tuple[str, ...]) -> tuple[str, ...]:
        return (self.code,) if self.code is not None else codes

    # --- composition ---------------------------------------------------------------------

    def labeled_parts(self) -> tuple[tuple[str, Condition], ...]:
        """The conditions it is made of, each with its path relative to this one
        (`conditions[0]`, `condition`); none for a leaf."""
        return ()

    def parts(self) -> tuple[Condition, ...]:
        """The conditions it is made of (a combinator's children; none for a leaf)."""
        return tuple(part for _, part in self.labeled_parts())

    def leaves(self, path: str = "") -> Iterator[tuple[str, Condition]]:
        """Every condition below the combinators, with its JSON path (`path` is this one's):
        negated ones and any-of parts included."""
        parts = self.labeled_parts()
        if not parts:
            yield path, self
        for label, part in parts:
            yield from part.leaves(f"{path}.{label}" if path else label)

    def must_hold(self, path: str = "") -> Iterator[tuple[str, Condition]]:
        """The conditions that must all hold for this one to hold, with their JSON paths:
        itself, or an all-of's parts (flattened)."""
        yield path, self

    def negation(self) -> Condition | None:
        """The condition a `not` negates; None for any other."""
        return None

    def needed_parts(self) -> tuple[Condition, ...]:
        """The conditions a case must meet for this one to hold, as a plain case meets them:
        a leaf itself; an all-of every part; an any-of its first; a not none."""
        return (self,)

    def __and__(self, other: Condition) -> Condition:
        from .conditions.combinators import AllOf

        return AllOf(conditions=(*_parts(self, "all_of"), *_parts(other, "all_of")))

    def __or__(self, other: Condition) -> Condition:
        from .conditions.combinators import AnyOf

        return AnyOf(conditions=(*_parts(self, "any_of"), *_parts(other, "any_of")))

    def __invert__(self) -> Condition:
        from .conditions.combinators import Not

        return Not(condition=self)

    # --- what_if: the nearest change that turns it ------------------------------------

    @classmethod
    @abstractmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        """From a step of the trace this kind recorded, the change of one fact of `case`
        that would turn the step, if there is one."""

    # --- testing: boundaries, and what a plain case needs ---------------------------------

    @abstractmethod
    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        """A case on each side of each boundary this condition sets."""

    @abstractmethod
    def needs(self, seed: Seed) -> None:
        """Say what a plain case needs for this condition to hold."""

    # --- lint: static bounds --------------------------------------------------------------

    @abstractmethod
    def lint_facts(self) -> LintFacts:
        """What this condition says for certain about the cases it holds on."""

    @abstractmethod
    def bounds(self) -> Iterator[Bound]:
        """Parameters beyond a sensible bound."""

    @abstractmethod
    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        """Where it puts the claim's filing among the order's events (negated: under a
        `not`)."""

    @abstractmethod
    def implies(self, other: Condition) -> bool:
        """Whether this condition holding means `other` holds too."""

    # --- the legal floor ------------------------------------------------------------------

    @abstractmethod
    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        """How this condition, in a guarantee answering no-reason returns, makes it stricter
        than the statutory 7-day return (negated: under a `not`); empty when it does not."""


def same_check(condition: Condition, other: Condition) -> bool:
    """Whether two conditions check the same thing, whatever `code` they report."""
    return type(condition) is type(other) and condition.model_dump(
        exclude={"code"}) == other.model_dump(exclude={"code"})


def restricts(condition: Condition, negated: bool = False) -> list[str]:
    """The legal floor's shortfall for a condition the law does not know (under a `not`,
    the `not` restricts)."""
    return [f"the condition {'not' if negated else condition.kind} restricts the statutory "
            "right"]


def _parts(condition: Condition, kind: str) -> tuple[Condition, ...]:
    return condition.parts() if condition.kind == kind else (condition,)


class AmountFormula(BaseModel):
    """Base of every amount formula: an exact, unrounded amount for the eligible lines (the
    engine rounds it once, at the remedy), and the protocol."""

    model_config = RULE_MODEL

    kind: str

    FACTS: ClassVar[tuple[str, ...]] = ()
    """The facts its quotes report besides `formula` and `exact` (`base`, `tier`, ...)."""

    NOTES: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    """The second reasons its quotes may give with an approval (`Quote.note`: public,
    stable codes), and the facts each carries; most formulas give none."""

    @abstractmethod
    def compile(self, build: Build) -> Price:
        """A closure saying, for one case, what it pays on the given lines."""

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        """Its columnar form: the exact amount on the eligible line slots, in minor units, as
        an integer numerator and denominator of Polars expressions; None while it has
        none."""
        return None

    # --- testing and what_if ----------------------------------------------------------

    @abstractmethod
    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        """A case below and at each amount threshold (tier starts, caps, minimums) of a
        remedy of `kind` paying this formula."""

    @abstractmethod
    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        """Above an order total of `base`, the totals (whole minor units) where the tiers of
        this formula start; none for a formula without tiers on the order total."""

    # --- lint ---------------------------------------------------------------------------

    @abstractmethod
    def describe(self) -> str:
        """The formula in a few words, for lint's messages: `150 % of the order total`."""

    @abstractmethod
    def fixed(self) -> Decimal | None:
        """The amount it always pays, when it is a fixed one."""

    @abstractmethod
    def always_zero(self) -> bool:
        """Whether it pays nothing whatever the case."""

    @abstractmethod
    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        """The amount as a function of `base` (`order_total` or `claimed_amount`), when it
        depends on nothing else."""

    @abstractmethod
    def per_line(self) -> bool:
        """Whether the amount is the sum of what each line alone would get."""

    @abstractmethod
    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        """Whether it can pay more than the goods claimed, or than the whole order, where
        the claimed amount and the order total can be as low as given."""

    @abstractmethod
    def amount_bounds(self) -> Iterator[Bound]:
        """Parameters beyond a sensible bound."""

    @abstractmethod
    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        """When it grows with its base without limit: the base, what it pays on a base of
        `example`, and how to cap it; None when it cannot grow without limit."""

    @abstractmethod
    def is_statutory_damages(self) -> bool:
        """Whether it is a multiple the law sets (3×, 10×), which the law leaves uncapped."""

    @abstractmethod
    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        """A tier table's base and its tiers (start, amount); None for any other formula."""

    def parts(self) -> tuple[AmountFormula, ...]:
        """The formulas it is made of (a tier table's tiers' amounts)."""
        table = self.tier_table()
        return () if table is None else tuple(amount for _, amount in table[1])

    def notes(self) -> tuple[str, ...]:
        """The second-reason codes it or its parts may give with an approval."""
        return tuple(dict.fromkeys((*self.NOTES, *(code for part in self.parts()
                                                   for code in part.notes()))))

    # --- the legal floor ------------------------------------------------------------------

    @abstractmethod
    def refunds_what_was_paid(self) -> bool:
        """Whether, as a refund, it pays back exactly what was paid for the goods claimed
        (what the statutory return refunds)."""


def hours_after(at: datetime, hours: int) -> datetime:
    """The instant `hours` after `at` (elapsed time: instants carry fixed offsets)."""
    return at + timedelta(hours=hours)
