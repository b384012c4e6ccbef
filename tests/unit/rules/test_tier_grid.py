"""`tier_grid`: the cell of the promise-length row and the lateness column pays; an empty
cell pays nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from aftersales import GridAxis, PercentBetween, TierGrid
from tests.builders import case_dict
from tests.unit.rules.running import quote


def cell(rate: int, low: int) -> PercentBetween:
    return PercentBetween(rate_percent=Decimal(rate), minimum=Decimal(low), maximum=Decimal(50))


GRID = TierGrid(rows=GridAxis(by="promise_hours", up_to=(48, None)),
                columns=GridAxis(by="late_hours", up_to=(48, None)),
                cells=((cell(1, 2), None), (cell(1, 2), cell(3, 3))))


def shipped(promised: str, shipped_at: str) -> dict[str, object]:
    # paid 2025-08-20 10:00; 1000.00 paid
    return case_dict(order={"promised_ship_by": promised, "shipped_at": shipped_at,
                            "delivered_at": None, "lines": [{
                                "id": "l1", "sku": "s", "category": "home", "quantity": 1,
                                "paid_amount": "1000.00"}]})


@pytest.mark.parametrize(("promised", "shipped_at", "pays", "label"), [
    ("2025-08-22T10:00:00+08:00", "2025-08-24T10:00:00+08:00", "10",
     "promise_hours <= 48, late_hours <= 48"),
    ("2025-08-22T10:00:00+08:00", "2025-08-24T10:00:01+08:00", "0",
     "promise_hours <= 48, late_hours > 48"),
    ("2025-08-22T10:00:01+08:00", "2025-08-24T10:00:02+08:00", "30",
     "promise_hours > 48, late_hours > 48"),
    ("2025-08-22T10:00:01+08:00", "2025-08-23T10:00:00+08:00", "10",
     "promise_hours > 48, late_hours <= 48"),
], ids=["short-within", "short-beyond-is-empty", "long-beyond", "long-within"])
def test_the_case_falls_in_one_cell_by_inclusive_upper_bounds(
        promised: str, shipped_at: str, pays: str, label: str) -> None:
    found = quote(GRID, shipped(promised, shipped_at), lines=0b1)
    assert found.amount == Decimal(pays)
    assert found.facts["cell"] == label


def test_cells_must_match_the_bands() -> None:
    with pytest.raises(ValidationError, match="cells must be 2 rows of 2 cells"):
        TierGrid(rows=GridAxis(by="promise_hours", up_to=(48, None)),
                 columns=GridAxis(by="late_hours", up_to=(48, None)), cells=((None, None),))


def test_only_the_last_band_may_be_open() -> None:
    with pytest.raises(ValidationError, match="only the last band"):
        GridAxis(by="late_hours", up_to=(None, 48))
    with pytest.raises(ValidationError, match="strictly ascending"):
        GridAxis(by="late_hours", up_to=(48, 48, None))


def test_its_parts_are_its_cells() -> None:
    assert GRID.parts() == (cell(1, 2), cell(1, 2), cell(3, 3))
    assert not GRID.always_zero()
