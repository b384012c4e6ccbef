"""Rule parts run on one case outside the engine, as the engine's plan runs them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from aftersales import parse_case
from aftersales.model.time import resolve_time_zone
from aftersales.rules.outcome import Outcome, Quote
from aftersales.rules.protocol import AmountFormula, Build, Condition
from aftersales.rules.view import CaseView

ZONE = resolve_time_zone("Asia/Shanghai")
BUILD = Build(ZONE, "CNY", Decimal("0.01"), ROUND_HALF_UP)


def view_of(data: dict[str, Any], *, trace: bool = False, guarantee: str = "g",
            approved_returns: int = 0, buyer_paid_returns: int = 0) -> CaseView:
    """The case as rule parts see it (each line claimed as the claim says)."""
    view = CaseView(parse_case(data).record(), ZONE, trace=trace)
    view.guarantee = guarantee
    view.approved_returns = approved_returns
    view.buyer_paid_returns = buyer_paid_returns
    return view


def every_line(view: CaseView) -> int:
    return (1 << len(view.lines)) - 1


def check(condition: Condition, data: dict[str, Any] | CaseView, guarantee: str = "g",
          lines: int | None = None) -> Outcome:
    """`condition` on `lines` (every line when omitted) of the case."""
    view = data if isinstance(data, CaseView) else view_of(data, guarantee=guarantee)
    return BUILD.check(condition)(view, every_line(view) if lines is None else lines)


def quote(formula: AmountFormula, data: dict[str, Any], lines: int = 0b11) -> Quote:
    """`formula` on `lines` of the case."""
    return formula.compile(BUILD)(view_of(data), lines)
