"""`remaining_at_least`: enough of the goods left, or a small gift within its allowance."""

from decimal import Decimal
from typing import Any

from aftersales import RemainingAtLeast
from tests.builders import claim_case
from tests.unit.rules.running import check

EIGHTY = RemainingAtLeast(percent=Decimal(80), allowance=Decimal(3))


def used(lines: list[dict[str, Any]], uses: list[str | None]) -> dict[str, Any]:
    claimed = [{"line_id": line["id"], "quantity": line["quantity"],
                **({} if use is None else {"used_amount": use})}
               for line, use in zip(lines, uses, strict=True)]
    return claim_case("allergy", order={"lines": lines}, claim={"lines": claimed})


def bottle(line_id: str = "l1", content: str = "100", tags: tuple[str, ...] = (),
           quantity: int = 1) -> dict[str, Any]:
    return {"id": line_id, "sku": line_id, "category": "beauty.skincare", "tags": list(tags),
            "quantity": quantity, "paid_amount": "100.00", "unit_content": content}


def test_exactly_the_share_left_holds() -> None:
    assert check(EIGHTY, used([bottle()], ["20"])).code == "remaining_enough"


def test_a_little_less_left_fails() -> None:
    outcome = check(EIGHTY, used([bottle()], ["20.01"]))
    assert (outcome.lines, outcome.code) == (0, "remaining_too_little")


def test_the_opened_unit_is_judged_not_the_whole_line() -> None:
    assert check(EIGHTY, used([bottle(quantity=2)], ["20"])).lines == 0b1
    assert check(EIGHTY, used([bottle(quantity=2)], ["21"])).lines == 0


def test_it_holds_line_by_line() -> None:
    outcome = check(EIGHTY, used([bottle("l1"), bottle("l2")], ["30", "10"]))
    assert (outcome.lines, outcome.facts["lines"]) == (0b10, ("l1",))


def test_a_gift_below_the_allowance_holds_whatever_was_used() -> None:
    sample = bottle("l2", content="2.99", tags=("gift",))
    assert check(EIGHTY, used([bottle(), sample], ["0", "2.99"])).lines == 0b11


def test_a_gift_at_the_allowance_is_judged_like_the_goods() -> None:
    sample = bottle("l2", content="3", tags=("gift",))
    assert check(EIGHTY, used([bottle(), sample], ["0", "3"])).lines == 0b1


def test_an_untagged_small_line_has_no_allowance() -> None:
    assert check(EIGHTY, used([bottle(content="2")], ["2"])).lines == 0


def test_a_line_whose_use_is_not_given_cannot_be_judged() -> None:
    assert check(EIGHTY, used([bottle()], [None])).code == "remaining_unknown"
