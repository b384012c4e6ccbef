"""Reports as JSON and CSV, and `render` choosing the format."""

from __future__ import annotations

import csv
import io
import json

import pytest

from aftersales import Diff, Preview
from aftersales.reports import FORMATS, render, to_csv, to_json


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_json_amounts_are_exact_strings(previewed: Preview) -> None:
    data = json.loads(to_json(previewed))
    assert data["summary"]["total_paid"] == "212.30"
    assert data["summary"]["paid_by_payer"] == {"merchant": "199.50", "platform": "12.80"}
    assert data["rows"][0]["remedies"][0]["amount"] == "39.90"
    assert data["rows"][6]["status"] == "invalid"
    assert {p["path"] for p in data["rows"][6]["problems"]} == {"as_of",
                                                                 "order.lines[0].paid_amount"}


def test_json_of_a_diff_has_the_deltas_and_both_explanations(diffed: Diff) -> None:
    data = json.loads(to_json(diffed))
    assert data["summary"]["by_guarantee"]["allergy"] == {"old": "159.60", "new": "79.80",
                                                          "change": "-79.80"}
    assert data["summary"]["transitions"] == {"approved → denied": 1}
    assert data["changed"][0]["delta"] == "-79.80"
    assert "DENIED" in data["changed"][0]["new_explanation"]


def test_csv_of_a_preview_has_one_row_per_case(previewed: Preview) -> None:
    table = rows(to_csv(previewed))
    assert [row["case_id"] for row in table] == [row.case_id for row in previewed.rows]
    assert table[0]["total"] == "39.90"
    assert table[0]["remedies"] == "refund 39.90 (spoilage, merchant)"
    assert table[0]["reason_code"] == "spoilage.approved"
    assert table[6]["status"] == "invalid"
    assert "as_of" in table[6]["reason_message"]


def test_csv_of_a_diff_has_one_row_per_changed_case(diffed: Diff) -> None:
    table = rows(to_csv(diffed))
    assert [row["case_id"] for row in table] == ["c-allergy-late", "c-allergy-early"]
    first = table[0]
    assert (first["old_status"], first["new_status"], first["delta"]) == (
        "approved", "denied", "-79.80")
    assert first["changes"] == "status amount_down deadline"
    assert first["transition"] == "approved → denied"


def test_render_gives_every_format(previewed: Preview) -> None:
    assert FORMATS == ("text", "json", "csv", "html")
    assert json.loads(render(previewed, "json")) == json.loads(to_json(previewed))
    assert render(previewed, "csv") == to_csv(previewed)
    assert render(previewed, "html").startswith("<!DOCTYPE html>")
    assert "Preview of policy standard 2026.11 on 7 cases" in render(previewed, "text")


def test_an_unknown_format_is_refused(previewed: Preview) -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(previewed, "pdf")  # type: ignore[arg-type]
