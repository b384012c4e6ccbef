"""The HTML reports of `aftersales preview` and `aftersales diff`, opened from disk in
headless Chromium (the system package): the browser finds the summary table and the bars of
the payout chart.

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
