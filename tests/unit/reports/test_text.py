"""The text report: plain aligned text anywhere, rich tables on a terminal when rich is
installed."""

from __future__ import annotations

import importlib.util
import io
import re
from importlib.machinery import ModuleSpec

import pytest

import aftersales
from aftersales import Diff, Preview
from aftersales.reports import render_text, write_text
from tests.builders import claim_case


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def line_with(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


def test_plain_text_lists_each_case_then_the_summary(previewed: Preview) -> None:
    text = render_text(previewed)
    assert text.index("c-spoilage") < text.index("Summary")
    assert line_with(text, "c-spoilage").split()[-2:] == ["39.90", "spoilage.approved"]
    assert line_with(text, "total paid CNY").split()[-1] == "212.30"
    summary = text[text.index("Summary"):]
    assert line_with(summary, "approved ").split() == ["approved", "5"]
    assert line_with(summary, "merchant ").split() == ["merchant", "199.50"]


def test_an_invalid_case_is_shown_with_its_problems(previewed: Preview) -> None:
    text = render_text(previewed)
    assert "invalid" in line_with(text, "c-bad")
    assert "case 7: as_of: needs a UTC offset" in text


def test_the_text_chart_draws_bars_in_proportion(previewed: Preview) -> None:
    text = render_text(previewed)
    chart = text[text.index("Payouts by guarantee (CNY)"):]
    allergy, spoilage = line_with(chart, "allergy"), line_with(chart, "spoilage")
    assert allergy.count("█") == 40  # the largest payout, 159.60
    assert spoilage.count("█") == 10  # 39.90 / 159.60 of 40, rounded


def test_plain_text_of_a_diff_puts_explanations_side_by_side(diffed: Diff) -> None:
    text = render_text(diffed)
    assert "2 decisions changed" in text
    assert "approved → denied, amount down, deadline" in text
    side_by_side = line_with(text, "old: standard 2026.11")
    assert "│ new: standard 2026.12" in side_by_side
    assert line_with(text, "payout change CNY").split()[-1] == "-79.80"
    assert line_with(text, "allergy  ").split()[-3:] == ["159.60", "79.80", "-79.80"]


def test_wide_characters_keep_the_columns_aligned() -> None:
    cases = [claim_case("spoilage", id="退货-一号"), claim_case("spoilage", id="ascii-case")]
    text = render_text(aftersales.preview(None, cases))
    first, second = line_with(text, "退货-一号"), line_with(text, "ascii-case")
    width = sum(2 if "\u4e00" <= char <= "\u9fff" else 1 for char in first)
    assert width == len(second)


def test_rich_only_colours_the_text_it_never_changes_the_layout(previewed: Preview) -> None:
    pytest.importorskip("rich")
    text = render_text(previewed, rich=True, width=160)
    assert text == render_text(previewed, width=160)
    coloured = io.StringIO()
    write_text(previewed, coloured, color=True, width=160)
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.getvalue()) == text
    assert line_with(text, "total paid CNY").split()[-1] == "212.30"


def test_a_narrow_table_puts_the_main_reason_below_its_row_and_never_splits_it(
        previewed: Preview) -> None:
    text = render_text(previewed, width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    assert "  ↳ spoilage.approved" in text.splitlines()


def test_a_terminal_gets_rich_tables_in_colour(previewed: Preview) -> None:
    pytest.importorskip("rich")
    out = Terminal()
    write_text(previewed, out)
    assert "\x1b[" in out.getvalue()
    assert "c-spoilage" in out.getvalue()


def test_a_pipe_gets_plain_text_within_80_columns(previewed: Preview,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    out = io.StringIO()
    write_text(previewed, out)
    assert out.getvalue() == render_text(previewed, width=80)
    assert max(len(line) for line in out.getvalue().splitlines()) <= 80


def test_a_pipe_fits_the_width_columns_names(previewed: Preview,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = io.StringIO()
    write_text(previewed, out)
    assert out.getvalue() == render_text(previewed, width=200)


def test_without_rich_a_terminal_gets_plain_text(previewed: Preview,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def no_rich(name: str, package: str | None = None) -> ModuleSpec | None:
        return None if name == "rich" else real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", no_rich)
    monkeypatch.delenv("COLUMNS", raising=False)
    out = Terminal()
    write_text(previewed, out)
    assert out.getvalue() == render_text(previewed, width=80)
    assert render_text(previewed, rich=True) == render_text(previewed)


def test_a_terminal_gets_a_diff_with_both_explanations_side_by_side(diffed: Diff) -> None:
    pytest.importorskip("rich")
    out = Terminal()
    write_text(diffed, out)
    text = out.getvalue()
    assert "old: standard 2026.11" in text
    assert "new: standard 2026.12" in text
    assert "c-allergy-late" in text
