"""The dashboard's chart in a real browser: a true time axis, cooperation against conflict as
`comity series` counts them, status labels that overlap nothing, filters, comparison and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import test_api_support as support
from browser_kit import browser_page, served
from comity.cli import app
from comity.query.analytics import periods_between

sample_db = support.sample_db


@pytest.fixture(scope="module")
def server(sample_db: str) -> Iterator[str]:
    with served(sample_db) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    with browser_page(server, height=1300) as tab:
        yield tab


def _series(db: str, *extra: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(
        app, ["series", "--dyad", "CHN", "VNM", "--db", db, "--format", "jsonl", *extra]
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]


def _slots(page: Any, dyad: str = "CHN-VNM") -> list[dict[str, str]]:
    return page.locator(f'svg.chart[data-dyad="{dyad}"] rect.slot').evaluate_all(
        "els => els.map(e => ({...e.dataset}))"
    )


def _open(page: Any, server: str, route: str) -> None:
    page.goto(f"{server}/{route}")
    page.reload()  # a new hash on the same page would not reload the view's data
    page.wait_for_selector("svg.chart rect.slot")


def test_chart_has_one_slot_per_month_and_the_series_of_comity_series(
    page: Any, server: str, sample_db: str
) -> None:
    rows = _series(sample_db)
    if len(rows) < 2:
        pytest.skip("the sample store has fewer than two months of CHN-VNM events")
    _open(page, server, "#/dyad/CHN-VNM?freq=month")
    slots = _slots(page)
    assert [s["period"] for s in slots] == periods_between(rows[0]["period"], rows[-1]["period"], "month")
    assert len(slots) > len(rows), "the sample has empty months between its first and last event"
    by_period = {r["period"]: r for r in rows}
    for slot in slots:
        row = by_period.get(slot["period"])
        coop = row["verbal_cooperation"] + row["material_cooperation"] if row else 0
        conflict = row["verbal_conflict"] + row["material_conflict"] if row else 0
        assert (int(slot["cooperation"]), int(slot["conflict"])) == (coop, conflict), slot
        assert int(slot["events"]) == (row["events"] if row else 0)
    points = page.locator("svg.chart circle.point").evaluate_all(
        "els => els.map(e => [e.dataset.period, +e.dataset.goldstein])"
    )
    assert points == [[r["period"], r["goldstein_mean"]] for r in rows if r["goldstein_mean"] is not None]
    titles = page.locator("svg.chart text.axis-title").all_text_contents()
    assert any("events per month" in t for t in titles) and any("Goldstein" in t for t in titles)
    assert page.locator("svg.chart text.tick.left").count() >= 3 and page.errors == [] and page.outside == []


def _box(locator: Any) -> tuple[float, float, float, float]:
    b = locator.bounding_box()
    return b["x"], b["y"], b["x"] + b["width"], b["y"] + b["height"]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_status_labels_overlap_no_bar_and_no_other_label(page: Any, server: str) -> None:
    _open(page, server, "#/dyad/CHN-VNM")
    labels = page.locator("svg.chart g.ladder-marker text")
    if labels.count() == 0:
        pytest.skip("the sample store states no relationship status (hand-made store)")
    boxes = [_box(labels.nth(i)) for i in range(labels.count())]
    bars = [_box(b) for b in page.locator("svg.chart rect.bar, svg.chart circle.point").all()]
    for i, box in enumerate(boxes):
        assert not any(_overlap(box, other) for other in boxes[i + 1 :]), "two status labels overlap"
        assert not any(_overlap(box, bar) for bar in bars), "a status label overlaps the data"


def test_consolidated_events_show_names_countries_and_roles_with_codes_on_hover(
    page: Any, server: str
) -> None:
    _open(page, server, "#/dyad/CHN-VNM")
    actors = page.locator("table.clusters td.actors span.actor")
    assert actors.count() >= 2
    shown = [
        (actors.nth(i).inner_text(), actors.nth(i).get_attribute("title")) for i in range(actors.count())
    ]
    coded = [(text, code) for text, code in shown if code]
    assert coded and all(text != code for text, code in coded), "names, not codes"
    assert any(text.startswith("China (") for text, _ in shown), shown[:5]
    ids = page.locator("table.clusters tr.cluster-row").evaluate_all(
        "els => els.map(e => e.dataset.clusterId)"
    )
    assert len(ids) == len(set(ids)), "one row per consolidated event"


def test_filters_narrow_the_chart_and_the_csv_holds_what_is_shown(
    page: Any, server: str, sample_db: str, tmp_path: Any
) -> None:
    rows = _series(sample_db)
    if not rows:
        pytest.skip("no CHN-VNM series in the sample store")
    _open(page, server, "#/dyad/CHN-VNM")
    page.select_option("#type", "CONSULT")
    page.click("#filters button[type=submit]")
    page.wait_for_function("location.hash.includes('type=CONSULT')")
    page.wait_for_selector("svg.chart rect.slot")
    page.wait_for_timeout(300)
    slots = _slots(page)
    consults = sum(int(s["events"]) for s in slots)
    assert 0 < consults < sum(r["events"] for r in rows)
    with page.expect_download() as download:
        page.click("#download-csv")
    table = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert [(r["dyad"], r["period"], int(r["events"])) for r in table] == [
        ("CHN-VNM", s["period"], int(s["events"])) for s in slots
    ]
    assert page.errors == [] and page.outside == []


def test_pairs_compared_share_one_time_axis(page: Any, server: str) -> None:
    _open(page, server, "#/dyad/CHN-VNM?compare=JPN-PHL")
    charts = page.locator("svg.chart")
    if charts.count() < 2:
        pytest.skip("the sample store has no JPN-PHL events")
    first, second = _slots(page, "CHN-VNM"), _slots(page, "JPN-PHL")
    assert [s["period"] for s in first] == [s["period"] for s in second]
    assert sum(int(s["events"]) for s in second) >= 1
