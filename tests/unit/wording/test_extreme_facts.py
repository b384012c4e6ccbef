"""Every code reads as a sentence in English and Chinese at the edges of its facts too: an
amount of zero, a fact that is absent (`None`), an empty list of lines, a deadline at
midnight or at the end of a day, lateness of one microsecond past 24:00. No message shows
`none`, `None`, a placeholder or an empty slot."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal

import pytest

from aftersales.model.facts import Tier as TierFact
from aftersales.model.facts import Window
from aftersales.wording import LANGS, render
from tests.unit.wording.test_every_code import CODES


def at(text: str) -> datetime:
    return datetime.fromisoformat(f"2025-08-{text}+08:00")


END_OF_DAY = at("26T23:59:59.999999")
MIDNIGHT = at("27T00:00:00")

EXTREMES: dict[str, tuple[object, ...]] = {
    "amount": (Decimal("0.00"),), "exact": (Decimal("0"), Decimal("0.0000")),
    "order_total": (Decimal("0.00"),), "refunded": (Decimal("0.00"),),
    "left": (Decimal("0.00"),), "base": (Decimal("0"),), "minimum": (Decimal("0.00"),),
    "reference_price": (Decimal("0.00"),), "event_at": (None,),
    "deadline": (END_OF_DAY, MIDNIGHT), "as_of": (MIDNIGHT, END_OF_DAY),
    "filed_at": (MIDNIGHT,), "since": (MIDNIGHT,), "tier": (TierFact(None),),
    "granted_before": (0,), "claims": (0,),
}
"""The edge values each fact really takes, whatever the code (an event that has not happened
has no instant; a day window closes at 23:59:59.999999)."""

EMPTY: dict[str, tuple[str, ...]] = {
    "category_not_in": ("lines",), "lacks_tag": ("lines",), "no_return_approved": ("lines",),
    "not_flagged": ("found",),
}
"""The codes reported with an empty list: a line check that holds on no line, flags of
which none was found."""


def extremes(code: str, facts: Mapping[str, object]) -> Iterator[tuple[str, dict[str, object]]]:
    """Each fact at each of its edges on its own, then all of them at once."""
    edges = {name: EXTREMES[name] for name in facts if name in EXTREMES}
    edges.update({name: ((),) for name in EMPTY.get(code, ()) if name in facts})
    for name, values in edges.items():
        for value in values:
            yield f"{name}={value!r}", {**facts, name: value}
    if edges:
        yield "all", {**facts, **{name: values[0] for name, values in edges.items()}}
    if "late_by" in facts and "deadline" in facts:  # filed at midnight after a day window
        yield "late at midnight", {**facts, "deadline": END_OF_DAY, "filed_at": MIDNIGHT,
                                   "late_by": MIDNIGHT - END_OF_DAY}


def consistent(facts: dict[str, object]) -> dict[str, object] | None:
    """`facts` with the lateness the engine would report for its instants (None when the
    claim would not be late at all)."""
    deadline, filed_at = facts.get("deadline"), facts.get("filed_at")
    if "late_by" not in facts or not isinstance(deadline, datetime) \
            or not isinstance(filed_at, datetime):
        return facts
    return {**facts, "late_by": filed_at - deadline} if filed_at > deadline else None


VARIANTS = [(f"{where}.{code}[{label}]", code, real) for where, code, base in CODES
            for label, facts in extremes(code, base) if (real := consistent(facts)) is not None]


def test_lateness_after_a_day_window_counts_from_24_00() -> None:
    facts = {"filed_at": at("27T03:00:00"), "deadline": END_OF_DAY, "event": "delivered_at",
             "window": Window(days=7), "late_by": at("27T03:00:00") - END_OF_DAY}
    assert "3 h after" in render("filed_too_late", facts, "en")
    assert "晚了 3 小时" in render("filed_too_late", facts, "zh")

NONE = re.compile(r"\b[Nn]one\b")
EMPTY_SLOT = re.compile(  # in Chinese, full-width brackets, colons and commas
    r"  |\( *\)|\uff08 *\uff09| [,.;:]|[,:;] *$|\uff1a[\uff0c\u3002]|\uff0c\uff0c|\u3001\u3001"
    r"|^[,:;\uff0c\uff1a]")
MICROSECONDS = re.compile(r"\b1 µs|1 微秒")


@pytest.mark.parametrize(("label", "code", "facts"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_code_at_the_edges_of_its_facts_still_reads_as_a_sentence(
        label: str, code: str, facts: Mapping[str, object]) -> None:
    for lang in LANGS:
        text = render(code, facts, lang)
        assert NONE.search(text) is None, text
        assert "?" not in text, text
        assert "{" not in text, text
        assert EMPTY_SLOT.search(text) is None, text
        assert MICROSECONDS.search(text) is None, text
