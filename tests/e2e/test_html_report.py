"""The HTML reports of `aftersales preview` and `aftersales diff`, opened from disk in
headless Chromium (the system package): the browser finds the summary table and the bars of
the payout chart, the stable ids in English and in Chinese, the Chinese names, and the filter
of a diff's changed cases run from the URL fragment (the DOM's text is checked, not how the
glyphs are drawn: no CJK font is needed).

Chromium is required: without /usr/bin/chromium these tests fail. Set
AFTERSALES_SKIP_BROWSER=1 to skip them on a machine that cannot have a browser.
"""

from __future__ import annotations

import os
import struct
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from aftersales.cli import main
from tests.unit.reports.cases import good_cases, invalid_case
from tests.unit.reports.dom import Element, parse
from tests.unit.test_cli_preview import write_jsonl, write_policy

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")

pytestmark = pytest.mark.skipif(os.environ.get("AFTERSALES_SKIP_BROWSER") == "1",
                                reason="AFTERSALES_SKIP_BROWSER=1")


def browse(page: Path, profile: Path, *action: str) -> subprocess.CompletedProcess[str]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install the system package (apt-get install "
                    "chromium), or set AFTERSALES_SKIP_BROWSER=1 to skip the browser tests")
    command: Sequence[str] = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *action,
                              page.resolve().as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"chromium failed:\n{result.stderr}"
    return result


def rendered(page: Path, tmp_path: Path) -> Element:
    """The DOM Chromium built from the page."""
    return parse(browse(page, tmp_path / "profile", "--dump-dom").stdout)


def cells(table: Element) -> dict[str, str]:
    return {row[0]: row[-1] for row in table.table()[1:]}


@pytest.fixture
def cases_file(tmp_path: Path) -> str:
    return write_jsonl(tmp_path / "cases.jsonl", [*good_cases(), invalid_case()])


def test_the_preview_report_shows_its_summary_and_chart_in_a_browser(
        cases_file: str, tmp_path: Path) -> None:
    page = tmp_path / "preview.html"
    assert main(["preview", cases_file, "--format", "html", "-o", str(page)]) == 2
    dom = rendered(page, tmp_path)
    assert dom.find_all("title")[0].text == "Preview of policy standard 2026.11 on 7 cases"
    summary = dom.by_id("summary")
    assert summary.tag == "table"
    assert cells(summary) == {"cases": "7", "approved": "5", "denied": "1",
                              "needs evidence": "0", "not covered": "0", "invalid": "1",
                              "total paid CNY": "212.30"}
    chart = dom.by_id("payout-chart")
    assert chart.tag == "svg"
    bars = chart.find_all("rect", class_="bar")
    assert [(bar.parent_label, bar.attrs["data-value"]) for bar in _labelled(chart)] == [
        ("allergy", "159.60"), ("spoilage", "39.90"), ("price_match", "9.80"),
        ("late_shipment", "3.00")]
    assert all(float(bar.attrs["width"]) > 0 for bar in bars)
    assert len(dom.by_id("cases").table()) == 1 + 7


def test_the_diff_report_shows_its_summary_and_old_and_new_bars_in_a_browser(
        cases_file: str, tmp_path: Path) -> None:
    page = tmp_path / "diff.html"
    seven = write_policy(tmp_path / "seven.json")
    assert main(["diff", "standard", seven, cases_file, "--format", "html",
                 "-o", str(page)]) == 2
    dom = rendered(page, tmp_path)
    summary = cells(dom.by_id("summary"))
    assert (summary["changed"], summary["approved → denied"]) == ("2", "1")
    assert summary["payout change CNY"] == "-79.80"
    chart = dom.by_id("payout-chart")
    allergy = [(bar.attrs["data-series"], bar.attrs["data-value"])
               for bar in _labelled(chart) if bar.parent_label == "allergy"]
    assert allergy == [("old", "159.60"), ("new", "79.80")]
    assert len(chart.find_all("rect", class_="bar")) == 2  # only allergy changed
    assert [pre.text.splitlines()[0].split(":")[1].split()[0]
            for pre in dom.by_id("case-2").find_all("pre")] == ["APPROVED", "DENIED"]


def test_the_browser_draws_the_report(cases_file: str, tmp_path: Path) -> None:
    page, shot = tmp_path / "preview.html", tmp_path / "preview.png"
    assert main(["preview", cases_file, "--format", "html", "-o", str(page)]) == 2
    browse(page, tmp_path / "profile", "--window-size=1280,900", f"--screenshot={shot}")
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1280, 900)
    assert len(png) > 20_000  # tables and bars, not a blank page


class _Bar:
    def __init__(self, element: Element, label: str) -> None:
        self.attrs = element.attrs
        self.parent_label = label


def _labelled(chart: Element) -> list[_Bar]:
    """Each bar with the label of its group, in order."""
    return [_Bar(bar, group.attrs["data-label"])
            for group in chart.find_all("g", class_="bar-group")
            for bar in group.find_all("rect", class_="bar")]


# --- both languages, and the filter of a diff's changed cases ------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REPORT_IDS = {"preview": ("summary", "policy-title", "payout-chart", "payer-chart", "by-reason",
                          "by-guarantee", "cases"),
              "diff": ("summary", "policy-title", "payout-chart", "payer-chart", "changes",
                       "filter", "filter-guarantee", "filter-transition", "case-85")}


def report_page(command: str, lang: str, tmp_path: Path) -> Path:
    """The report of the sample cases (a diff: the allergy window from 7 to 90 days)."""
    page = tmp_path / f"{command}-{lang}.html"
    policies = [str(EXAMPLES / "allergy-7-days.yaml"), "standard"] if command == "diff" else []
    assert main([command, *policies, "--format", "html", "--lang", lang, "-o", str(page)]) == 0
    return page


def rendered_at(page: Path, fragment: str, tmp_path: Path) -> Element:
    """The DOM Chromium built from the page opened at `#fragment` (its scripts run)."""
    profile = tmp_path / "profile-fragment"
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "--dump-dom",
               f"{page.resolve().as_uri()}#{fragment}"]
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install the system package (apt-get install "
                    "chromium), or set AFTERSALES_SKIP_BROWSER=1 to skip the browser tests")
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"chromium failed:\n{result.stderr}"
    return parse(result.stdout)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ["preview", "diff"])
def test_the_report_in_each_language_has_its_stable_ids_in_a_browser(
        command: str, lang: str, tmp_path: Path) -> None:
    dom = rendered(report_page(command, lang, tmp_path), tmp_path)
    for element_id in REPORT_IDS[command]:
        assert dom.find_all("*", id=element_id), element_id
    assert dom.find_all("html")[0].attrs["lang"] == ("zh-CN" if lang == "zh" else "en")


def test_the_chinese_preview_names_guarantees_and_labels_in_chinese_in_a_browser(
        tmp_path: Path) -> None:
    dom = rendered(report_page("preview", "zh", tmp_path), tmp_path)
    assert dom.find_all("h1")[0].text == "政策 standard 2026.11 预览：100 个售后单"  # noqa: RUF001
    assert dom.by_id("summary").table()[0] == ["项目", "数值"]
    labels = [group.attrs["data-label"]
              for group in dom.by_id("payout-chart").find_all("g", class_="bar-group")]
    assert "allergy 过敏包退" in labels
    assert "instant_refund_on_return 退货秒退" in labels
    notes = dom.by_id("payout-chart").find_all("text", class_="note")
    assert [note.text for note in notes] == ["2 次通过 · 垫付 867.00，已含在退款内"]  # noqa: RUF001


def test_the_chinese_diff_names_guarantees_and_transitions_in_chinese_in_a_browser(
        tmp_path: Path) -> None:
    dom = rendered(report_page("diff", "zh", tmp_path), tmp_path)
    assert [group.attrs["data-label"] for group in
            dom.by_id("payout-chart").find_all("g", class_="bar-group")] == ["allergy 过敏包退"]
    assert cells(dom.by_id("summary"))["拒绝 → 通过"] == "11"
    assert dom.by_id("changes").table()[1][3].startswith("拒绝 → 通过")
    assert dom.by_id("case-85").find_all("mark", class_="changed")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_url_fragment_filters_the_changed_cases_in_a_browser(
        lang: str, tmp_path: Path) -> None:
    page = report_page("diff", lang, tmp_path)
    everything = rendered(page, tmp_path).by_id("changes").find_all("tr")[1:]
    assert len(everything) == 19
    assert not any("hidden" in row.attrs for row in everything)
    dom = rendered_at(page, "guarantee=allergy&transition=denied→needs_evidence", tmp_path)
    rows = dom.by_id("changes").find_all("tr")[1:]
    shown = [row for row in rows if "hidden" not in row.attrs]
    assert [row.table()[0][1] for row in shown] == ["sample-042"]
    assert len(rows) - len(shown) == 18
    nothing = rendered_at(page, "guarantee=spoilage", tmp_path).by_id("changes")
    assert all("hidden" in row.attrs for row in nothing.find_all("tr")[1:])
