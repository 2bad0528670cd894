"""REST API over the consolidated record: facts, timeline with the status ladder, actor, reports."""

from __future__ import annotations

from typing import Any

import pytest

import test_api_support as support
from comity.store.duckdb import DuckDBStore
from test_api_support import Client

# Fixtures shared with the other API, web and report tests.
sample_db = support.sample_db
api_client = support.api_client


def _ok(client: Client, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _has_facts(sample_db: str) -> bool:
    store = DuckDBStore(sample_db, read_only=True)
    try:
        return bool(store.fetch("SELECT count(*) AS n FROM facts")[0]["n"])
    finally:
        store.close()


@pytest.fixture()
def facts_db(sample_db: str) -> str:
    if not _has_facts(sample_db):
        pytest.skip("the sample store holds no facts (hand-made store: the pipeline could not run here)")
    return sample_db


def test_api_facts_carry_marks_and_evidence(api_client: Client, facts_db: str) -> None:
    page = _ok(api_client, "/api/facts", limit=500)
    assert page["total"] == len(page["items"]) >= 1
    store = DuckDBStore(facts_db, read_only=True)
    try:
        texts = {r["id"]: r["text"] for r in store.fetch("SELECT id, text FROM articles")}
    finally:
        store.close()
    for fact in page["items"]:
        assert fact["corroboration"] in {"corroborated", "conflict", "single"}
        assert fact["mark"] == {"corroborated": "✓", "conflict": "⚠", "single": ""}[fact["corroboration"]]
        ev = fact["evidence"]
        assert texts[fact["doc_id"]][ev["start"] : ev["end"]] == ev["text"]
    by_id = {f["id"]: f for f in page["items"]}
    marked = [f for f in page["items"] if f["corroboration"] != "single"]
    assert marked, "the sample corpus repeats trade figures across articles"
    for fact in marked:
        for other in fact["related"]:
            peer = by_id[other]
            assert peer["doc_id"] != fact["doc_id"]
            assert (peer["subject"], peer["measure"], peer["period"]) == (
                fact["subject"],
                fact["measure"],
                fact["period"],
            )


def test_api_facts_filters(api_client: Client, facts_db: str) -> None:
    every = _ok(api_client, "/api/facts", limit=500)["items"]
    trade = _ok(api_client, "/api/facts", measure="trade_volume", limit=500)["items"]
    assert trade and all(f["measure"] == "trade_volume" for f in trade)
    assert len(trade) == sum(f["measure"] == "trade_volume" for f in every)
    pair = _ok(api_client, "/api/facts", dyad="vnm-chn", limit=500)["items"]
    assert pair and all(f["subject"].split("/")[0] in {"CHN-VNM", "VNM-CHN"} for f in pair)
    assert not any(f["subject"].startswith("JPN") for f in pair)
    dated = _ok(api_client, "/api/facts", since="2024", until="2024", limit=500)["items"]
    assert dated and all(f["date"].startswith("2024") for f in dated)
    assert _ok(api_client, "/api/facts", measure="no_such_measure")["total"] == 0
    # a fact's mark does not depend on the filters that show it
    marks = {f["id"]: f["corroboration"] for f in every}
    assert all(marks[f["id"]] == f["corroboration"] for f in trade + pair + dated)


def test_api_facts_pagination_covers_every_fact_once(api_client: Client, facts_db: str) -> None:
    every = _ok(api_client, "/api/facts", limit=500)
    seen: list[str] = []
    for offset in range(0, every["total"], 4):
        page = _ok(api_client, "/api/facts", limit=4, offset=offset)
        assert page["total"] == every["total"] and page["offset"] == offset and len(page["items"]) <= 4
        seen += [f["id"] for f in page["items"]]
    assert seen == [f["id"] for f in every["items"]]


def test_api_timeline_is_consolidated_with_the_ladder(api_client: Client, facts_db: str) -> None:
    timeline = _ok(api_client, "/api/timeline", dyad="CHN-VNM")
    items = timeline["items"]
    assert timeline["dyad"] == "CHN-VNM" and items
    clusters = [c["cluster_id"] for c in items]
    assert len(clusters) == len(set(clusters)), "one row per cluster"
    for row in items:
        assert row["source_count"] == len(row["sources"]) >= 1 and row["event_ids"]
    assert any(len(c["event_ids"]) > 1 for c in items), "the sample corpus reports some events twice"
    dates = [c["date"] or "9999" for c in items]
    assert dates == sorted(dates)
    ladder = timeline["ladder"]
    assert ladder and all(r["status"] and r["date"] and r["fact_ids"] for r in ladder)
    later = _ok(api_client, "/api/timeline", dyad="VNM-CHN", since="2024")["items"]
    assert later and all(c["date"] >= "2024" for c in later) and len(later) < len(items)


def test_api_event_reports_list_the_whole_cluster(api_client: Client) -> None:
    items = _ok(api_client, "/api/timeline", dyad="CHN-VNM")["items"]
    cluster = max(items, key=lambda c: len(c["event_ids"]))
    for event_id in cluster["event_ids"]:
        reports = _ok(api_client, f"/api/events/{event_id}/reports")
        assert sorted(r["id"] for r in reports["items"]) == sorted(cluster["event_ids"])
        assert all(r["evidence"]["text"] for r in reports["items"])


def test_api_actor_roles_counterparts_events(api_client: Client) -> None:
    actor = _ok(api_client, "/api/actors/wang yi")
    assert actor["name"] == "Wang Yi" and actor["known"] is True
    roles = actor["roles"]
    assert len(roles) >= 2 and all(r["country"] == "CHN" for r in roles)
    starts = [r["start"] or "" for r in roles]
    assert starts == sorted(starts)
    assert actor["events"]["total"] >= 1
    assert actor["counterparts"] and all(c["events"] >= 1 for c in actor["counterparts"])
    assert all(c["name"] != "Wang Yi" for c in actor["counterparts"])


def _assert_error(response: Any, status: int, mentions: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "status", "error", "errors"}
    assert body["ok"] is False and body["status"] == status
    assert mentions in body["error"], body
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    ("url", "status", "mentions"),
    [
        ("/api/facts?measure=Trade%20Volume", 400, "measure"),
        ("/api/facts?measure=" + "x" * 41, 422, "measure"),
        ("/api/facts?since=last-year", 400, "since"),
        ("/api/facts?until=2024-1x", 400, "until"),
        ("/api/facts?dyad=CHINA-VNM", 400, "dyad"),
        ("/api/facts?limit=0", 422, "limit"),
        ("/api/facts?offset=-3", 422, "offset"),
        ("/api/timeline", 422, "dyad"),
        ("/api/timeline?dyad=CHN-VNM&since=soon", 400, "since"),
        ("/api/actors/Nobody%20At%20All", 404, "Nobody At All"),
        ("/api/actors/" + "a" * 201, 400, "name"),
        ("/api/events/no-such-event/reports", 404, "no-such-event"),
    ],
)
def test_api_views_error_shape(api_client: Client, url: str, status: int, mentions: str) -> None:
    _assert_error(api_client.get(url), status, mentions)


@pytest.mark.parametrize("evil", ["'; DROP TABLE facts; --", "trade_volume' OR '1'='1", "%_%"])
def test_api_facts_injection_is_inert(api_client: Client, sample_db: str, evil: str) -> None:
    for param in ("measure", "dyad", "since"):
        response = api_client.get("/api/facts", params={param: evil})
        assert response.status_code in (400, 422), response.text
        assert param in response.json()["error"]
    assert api_client.get(f"/api/actors/{evil}").status_code == 404
