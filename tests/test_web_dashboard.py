"""The dashboard in a real headless Chromium (Debian's `chromium`, driven by Playwright).

Skips with the reason when Playwright or the browser is missing (see ``browser_kit``).
The screenshot it takes is the one in the README (docs/dashboard.png).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import test_api_support as support
from browser_kit import browser_page, served

REPO = Path(__file__).resolve().parents[1]
# The screenshot is a test artifact; COMITY_UPDATE_SCREENSHOT=1 refreshes the README's copy.
SCREENSHOT = (
    REPO / "docs" / "dashboard.png"
    if os.environ.get("COMITY_UPDATE_SCREENSHOT") == "1"
    else REPO / "tests" / ".artifacts" / "dashboard.png"
)

# Fixtures shared with the other API, web and report tests.
sample_db = support.sample_db


@pytest.fixture(scope="module")
def server(sample_db: str) -> Iterator[str]:
    with served(sample_db) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    with browser_page(server) as tab:
        yield tab


def test_web_dashboard_chart_click_event_shows_evidence(page: Any, server: str) -> None:
    page.goto(f"{server}/")
    page.wait_for_selector("svg.chart circle.point")
    points = page.locator("svg.chart circle.point")
    assert points.count() >= 1
    assert int(points.first.get_attribute("data-count")) >= 1
    assert -10 <= float(points.first.get_attribute("data-goldstein")) <= 10
    points.last.click()
    page.wait_for_selector("#period-events tr.event-row")
    heading = page.locator("#period-events h2").inner_text()
    assert f": {points.last.get_attribute('data-count')} event" in heading and "report" in heading, heading
    page.locator("#period-events tr.event-row").first.click()
    page.wait_for_selector(".article mark.current")
    mark = page.locator(".article mark.current").first
    evidence = mark.inner_text().strip()
    assert evidence, "the event's evidence must be highlighted"
    assert evidence[:30] in page.locator(".article").first.inner_text()
    page.goto(f"{server}/#/")
    page.wait_for_selector("svg.chart circle.point")
    page.locator("svg.chart circle.point").last.click()
    page.wait_for_selector("#period-events tr.event-row")
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 10_000
    assert page.errors == [] and page.outside == []


def test_web_dashboard_ladder_markers_and_consolidated_events(page: Any, server: str) -> None:
    page.goto(f"{server}/")
    page.wait_for_selector("svg.chart circle.point")
    markers = page.locator("svg.chart g.ladder-marker")
    if markers.count() == 0:
        pytest.skip("the sample store states no relationship status (hand-made store)")
    statuses = {markers.nth(i).get_attribute("data-status") for i in range(markers.count())}
    assert "comprehensive strategic cooperative partnership" in statuses
    label = markers.first.locator("text").text_content() or ""
    assert markers.first.get_attribute("data-date") in label
    ladder_rows = page.locator("table.ladder tbody tr")
    assert ladder_rows.count() == markers.count()
    sources = page.locator("table.clusters tr.cluster-row td:nth-child(4)").all_inner_texts()
    assert sources and any(s != "1 source" for s in sources), "some events are reported by several sources"
    # a multi-source event's page shows every report with its evidence highlighted
    page.locator("table.clusters tr.cluster-row", has_not_text="1 source").first.locator("a").click()
    page.wait_for_selector("section.report .article mark.current")
    reports = page.locator("section.report")
    assert reports.count() >= 2
    for i in range(reports.count()):
        assert reports.nth(i).locator(".article mark.current").inner_text().strip()
    assert page.errors == [] and page.outside == []


def test_web_dashboard_facts_view_and_actor_view(page: Any, server: str) -> None:
    page.goto(f"{server}/#/facts?dyad=CHN-VNM")
    page.wait_for_selector("h1:has-text('Facts')")
    rows = page.locator("tr.fact-row")
    if rows.count() == 0:
        pytest.skip("the sample store holds no facts (hand-made store)")
    measures = page.locator("section.measure").evaluate_all("els => els.map(e => e.dataset.measure)")
    assert "trade_volume" in measures
    assert page.locator("tr.fact-row span.mark.corroborated").count() >= 1
    assert page.locator("tr.fact-row.corroborated").first.locator("span.mark").inner_text() == "✓"
    link = page.locator("tr.fact-row a.fact-evidence").first
    evidence = link.inner_text().strip()
    link.click()
    page.wait_for_selector(".article mark.current")
    assert page.locator(".article mark.current").first.inner_text().strip() == evidence
    page.goto(f"{server}/#/actor/Wang%20Yi")
    page.wait_for_selector("table.roles tr.role-row")
    assert page.locator("table.roles tr.role-row").count() >= 2
    assert "Minister of Foreign Affairs" in page.locator("table.roles").inner_text()
    page.wait_for_selector("table.events tr.event-row")
    assert page.errors == [] and page.outside == []


def test_web_dashboard_search_and_documents(page: Any, server: str) -> None:
    page.goto(f"{server}/")
    page.fill("#q", "Wang")
    page.press("#q", "Enter")
    page.wait_for_selector("tr.event-row")
    assert "wang" in page.locator("table.events").inner_text().lower()
    page.goto(f"{server}/#/documents")
    page.wait_for_selector("text=Rejected inputs")
    body = page.locator("main").inner_text()
    assert "Rejected inputs" in body and "binary" in body
    assert page.errors == [] and page.outside == []
