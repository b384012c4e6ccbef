"""The CSV form of cases: a header of JSON paths, one row per case, empty cells absent."""

from __future__ import annotations

import pytest

import aftersales
from aftersales import InvalidCaseError
from aftersales.reports import cases_to_csv, parse_cases
from aftersales.reports.csv_cases import read_csv_cases
from tests.builders import case_dict, claim_case
from tests.unit.reports.cases import good_cases

HEADER = ("id,as_of,order.id,order.paid_at,order.promised_ship_by,order.shipped_at,"
          "order.delivered_at,order.insured,order.lines[0].id,order.lines[0].sku,"
          "order.lines[0].category,order.lines[0].quantity,order.lines[0].paid_amount,"
          "order.lines[1].id,order.lines[1].sku,order.lines[1].category,"
          "order.lines[1].quantity,order.lines[1].paid_amount,claim.kind,claim.filed_at,"
          "claim.lines[0].line_id,claim.lines[0].quantity,claim.evidence[0]")
TIMES = ("2025-08-20T10:00:00+08:00,2025-08-22T10:00:00+08:00,2025-08-22T09:00:00+08:00,"
         "2025-08-24T15:00:00+08:00")


def row(case_id: str, *, insured: str = "", second_line: str = ",,,,",
        claim: str = "spoilage,2025-08-25T09:00:00+08:00,l1,1,photo") -> str:
    return (f"{case_id},2025-09-01T12:00:00+08:00,o-{case_id},{TIMES},{insured},"
            f"l1,apple-5kg,fresh.produce,2,79.80,{second_line},{claim}")


def cases(*rows: str) -> list[dict[str, object] | InvalidCaseError]:
    return [case for _, case in read_csv_cases("\n".join([HEADER, *rows]) + "\n")]


def test_a_row_reads_as_the_case_its_paths_spell() -> None:
    (case,) = cases(row("c1"))
    assert isinstance(case, dict)
    assert case["order"]["lines"] == [{"id": "l1", "sku": "apple-5kg",  # type: ignore[index]
                                      "category": "fresh.produce", "quantity": 2,
                                      "paid_amount": "79.80"}]
    decision = aftersales.evaluate(case)
    assert decision.codes == ("spoilage.approved",)
    assert decision.total() == aftersales.evaluate(claim_case("spoilage")).total()


def test_empty_cells_are_absent_fields() -> None:
    (case,) = cases(row("c1", claim=",,,,"))
    assert isinstance(case, dict)
    assert "claim" not in case
    assert len(case["order"]["lines"]) == 1  # type: ignore[index]
    assert "insured" not in case["order"]  # type: ignore[operator]


def test_quantities_are_read_as_integers_and_booleans_and_amounts_as_text() -> None:
    (case,) = cases(row("c1", insured="true",
                        second_line="l2,pear-1kg,fresh.produce,3,12.00"))
    parsed = aftersales.parse_case(case)  # type: ignore[arg-type]
    assert parsed.order.insured is True
    assert [line.quantity for line in parsed.order.lines] == [2, 3]
    assert str(parsed.order.lines[1].paid_amount) == "12.00"


def test_a_quantity_that_is_not_a_whole_number_is_a_problem_at_its_path() -> None:
    sourced = parse_cases("\n".join([HEADER, row("c1", second_line="l2,pear,fresh,1.5,1.00")]),
                          format="csv")
    (bad,) = sourced
    assert bad.error is not None
    assert bad.error.paths == ["order.lines[1].quantity"]


def test_rows_are_numbered_like_a_spreadsheet_and_blank_rows_are_skipped() -> None:
    text = "\n".join([HEADER, row("c1"), ",,,", row("c3")]) + "\n"
    assert [number for number, _ in read_csv_cases(text)] == [2, 4]


def test_a_bad_row_lists_every_problem_with_its_path_and_the_others_are_read() -> None:
    bad = row("c2").replace("79.80", "-1").replace("2025-09-01T12:00:00+08:00", "yesterday")
    sourced = parse_cases("\n".join([HEADER, row("c1"), bad, row("c3")]), format="csv")
    assert [s.where for s in sourced] == ["row 2", "row 3", "row 4"]
    assert [s.error is None for s in sourced] == [True, False, True]
    error = sourced[1].error
    assert error is not None
    assert set(error.paths) == {"as_of", "order.lines[0].paid_amount"}
    assert (sourced[1].case_id, sourced[1].order_id) == ("c2", "o-c2")


def test_a_list_item_left_empty_before_a_given_one_is_a_gap() -> None:
    header = HEADER + ",claim.evidence[1],claim.evidence[2]"
    text = "\n".join([header, row("c1", claim="spoilage,2025-08-25T09:00:00+08:00,l1,1,") +
                      ",,video"])
    (bad,) = parse_cases(text, format="csv")
    assert bad.error is not None
    assert [(p.path, p.code) for p in bad.error.problems] == [
        ("claim.evidence[0]", "csv_list_gap"), ("claim.evidence[1]", "csv_list_gap")]


def test_a_gap_is_reported_with_the_row_s_other_problems() -> None:
    header = HEADER + ",claim.evidence[1],claim.evidence[2]"
    text = "\n".join([header, row("c1", claim="spoilage,not a time,l1,1,photo") + ",,video"])
    (bad,) = parse_cases(text, format="csv")
    assert bad.error is not None
    assert {p.path for p in bad.error.problems} == {"claim.evidence[1]", "claim.filed_at"}


def test_a_row_longer_than_the_header_is_a_problem() -> None:
    (bad,) = parse_cases("\n".join([HEADER, row("c1") + ",extra"]), format="csv")
    assert bad.error is not None
    assert bad.error.problems[0].code == "csv_row_too_long"


def test_a_header_cell_that_is_not_a_path_stops_the_file_with_its_column() -> None:
    with pytest.raises(InvalidCaseError) as raised:
        parse_cases("id,order..id,claim.lines[x]\n1,2,3\n", format="csv")
    problems = raised.value.problems
    assert [(p.code, p.line) for p in problems] == [("csv_header_invalid", 1)] * 2
    assert "column 2" in problems[0].message
    assert "column 3" in problems[1].message


def test_a_column_past_the_longest_list_a_case_may_hold_is_refused_at_once() -> None:
    # it would otherwise have every item before it made: a hundred billion, here
    with pytest.raises(InvalidCaseError) as raised:
        parse_cases("as_of,order.lines[99999999999].id\n1,2\n", format="csv")
    assert [(p.path, p.code) for p in raised.value.problems] == [
        ("order.lines[99999999999].id", "csv_header_invalid")]
    assert "item 99,999,999,999 is beyond the longest list a case may hold (1,000 items)" in \
        raised.value.problems[0].message


@pytest.mark.parametrize(("header", "code"), [
    ("id,order.id,id", "csv_header_duplicate"),
    ("order,order.id", "csv_header_conflict"),
    ("order.lines[0].id,order.lines.id", "csv_header_conflict"),
])
def test_a_header_naming_a_field_twice_is_refused(header: str, code: str) -> None:
    with pytest.raises(InvalidCaseError) as raised:
        parse_cases(header + "\n", format="csv")
    assert [p.code for p in raised.value.problems] == [code]


def test_unknown_columns_are_problems_of_each_row() -> None:
    (bad,) = parse_cases("\n".join([HEADER + ",order.colour", row("c1") + ",red"]),
                         format="csv")
    assert bad.error is not None
    assert bad.error.paths == ["order.colour"]


def test_a_byte_order_mark_from_a_spreadsheet_is_ignored() -> None:
    (good,) = parse_cases("\ufeff" + "\n".join([HEADER, row("c1")]))
    assert good.case_id == "c1"


def test_cases_written_as_csv_read_back_as_the_same_cases() -> None:
    originals = [*good_cases(), case_dict(id="insured", order={"insured": True, "region": "CN-XJ"})]
    read = parse_cases(cases_to_csv(originals), format="csv")
    assert [s.case for s in read] == [aftersales.parse_case(case) for case in originals]


def test_an_empty_file_has_no_cases() -> None:
    assert list(read_csv_cases("")) == []
