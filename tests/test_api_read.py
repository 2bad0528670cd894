"""REST API read endpoints, in process over the sample store: filters, pagination, error shape."""

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


def _countries(event: dict[str, Any]) -> set[str]:
    return {a["country"] for a in event["source"] + event["target"] if a.get("country")}


def test_api_events_dyad_filter_either_direction(api_client: Client) -> None:
    forward = _ok(api_client, "/api/events", dyad="CHN-VNM", limit=500)
    backward = _ok(api_client, "/api/events", dyad="vnm-chn", limit=500)
    assert forward["total"] >= 1
    assert [e["id"] for e in forward["items"]] == [e["id"] for e in backward["items"]]
    for event in forward["items"]:
        assert {"CHN", "VNM"} <= _countries(event)


def test_api_events_pagination_covers_every_event_once(api_client: Client) -> None:
    everything = _ok(api_client, "/api/events", limit=500)
    seen: list[str] = []
    for offset in range(0, everything["total"], 3):
        page = _ok(api_client, "/api/events", limit=3, offset=offset)
        assert page["total"] == everything["total"] and page["limit"] == 3 and page["offset"] == offset
        seen += [e["id"] for e in page["items"]]
    assert seen == [e["id"] for e in everything["items"]]
    assert _ok(api_client, "/api/events", offset=everything["total"])["items"] == []


def _coded(actors: list[dict[str, Any]]) -> bool:
    return any(a.get("code") or a.get("country") for a in actors)


def test_api_events_leave_out_uncoded_sides_unless_asked(api_client: Client) -> None:
    shown = _ok(api_client, "/api/events", limit=500)
    everything = _ok(api_client, "/api/events", limit=500, include_uncoded="true")
    assert all(_coded(e["source"]) and _coded(e["target"]) for e in shown["items"])
    extra = {e["id"] for e in everything["items"]} - {e["id"] for e in shown["items"]}
    assert extra and everything["total"] == shown["total"] + len(extra)
    assert all(
        not (_coded(e["source"]) and _coded(e["target"])) for e in everything["items"] if e["id"] in extra
    )


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"type": "consult"}, lambda e: e["type"] == "CONSULT"),
        ({"modality": "asserted"}, lambda e: e["modality"] == "asserted"),
        (
            {"actor": "VNM"},
            lambda e: (
                "VNM" in _countries(e) or any(a.get("code") == "VNM" for a in e["source"] + e["target"])
            ),
        ),
        (
            {"since": "2024-08", "until": "2024-08"},
            lambda e: (e["date"] or e["doc_date"]).startswith("2024-08"),
        ),
        (
            {"q": "Wang"},
            lambda e: "wang" in (e["evidence"]["text"] + (e["doc_title"] or "") + e["trigger"]).lower(),
        ),
    ],
)
def test_api_events_filters(api_client: Client, params: dict[str, str], check: Any) -> None:
    page = _ok(api_client, "/api/events", limit=500, **params)
    assert page["total"] >= 1, params
    assert all(check(e) for e in page["items"]), params


def test_api_event_and_document_carry_evidence_spans(api_client: Client) -> None:
    first = _ok(api_client, "/api/events", dyad="CHN-VNM", limit=1)["items"][0]
    event = _ok(api_client, f"/api/events/{first['id']}")
    assert event == first
    doc = _ok(api_client, f"/api/documents/{event['doc_id']}")
    span = event["evidence"]
    assert doc["text"][span["start"] : span["end"]] == span["text"]
    assert event["id"] in {e["event_id"] for e in doc["evidence"]}
    for piece in doc["boilerplate"]:
        assert doc["text"][piece["start"] : piece["end"]] == piece["text"]


def test_api_documents_actors_rejections_pages(api_client: Client) -> None:
    docs = _ok(api_client, "/api/documents", limit=2)
    assert docs["total"] >= 3 and len(docs["items"]) == 2 and "text" not in docs["items"][0]
    actors = _ok(api_client, "/api/actors", limit=5)
    assert actors["items"] and all(a["mentions"] >= 1 for a in actors["items"])
    assert _ok(api_client, "/api/actors", country="VNM")["items"][0]["country"] == "VNM"
    rejections = _ok(api_client, "/api/rejections")
    # the broken file is rejected; the folder's README.md is listed too, as a skip
    reasons = {(r["stage"], r["reason"]) for r in rejections["items"]}
    assert reasons == {("ingest", "binary"), ("skip", "unsupported_type")} and rejections["total"] == 2


@pytest.mark.parametrize("freq", ["day", "month", "quarter", "year"])
def test_api_series_periods_select_their_events(api_client: Client, freq: str) -> None:
    series = _ok(api_client, "/api/series", dyad="CHN-VNM", freq=freq)
    assert series["dyad"] == "CHN-VNM" and series["periods"]
    # The series counts events (one per cluster, negated/hypothetical reports left out), so a
    # period's bounds select at least as many reports as it has events, never fewer.
    for period in series["periods"]:
        assert -10 <= period["goldstein_mean"] <= 10
        page = _ok(api_client, "/api/events", dyad="CHN-VNM", since=period["since"], until=period["until"])
        assert page["total"] >= period["events"], period


def test_api_timeline_and_dyads(api_client: Client) -> None:
    timeline = _ok(api_client, "/api/timeline", dyad="CHN-VNM")
    assert timeline["items"] and all(
        set(r["actors"].split("->")) == {"CHN", "VNM"} for r in timeline["items"]
    )
    assert _ok(api_client, "/api/dyads")[0]["dyad"] == "CHN-VNM"


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
        ("/api/events?limit=0", 422, "limit"),
        ("/api/events?limit=100000", 422, "limit"),
        ("/api/events?offset=-1", 422, "offset"),
        ("/api/events?limit=abc", 422, "limit"),
        ("/api/events?dyad=CHINA-VNM", 400, "dyad"),
        ("/api/events?since=yesterday", 400, "since"),
        ("/api/events?until=2024-1x", 400, "until"),
        ("/api/events?modality=maybe", 400, "modality"),
        ("/api/events?type=CON%20SULT", 400, "type"),
        ("/api/series?dyad=CHN-VNM&freq=fortnight", 400, "freq"),
        ("/api/series", 422, "dyad"),
        ("/api/timeline?dyad=CHN", 400, "dyad"),
        ("/api/actors?country=Vietnam", 422, "country"),
        ("/api/events/no-such-event", 404, "no-such-event"),
        ("/api/documents/no-such-doc", 404, "no-such-doc"),
        ("/api/no-such-endpoint", 404, "not found"),
        ("/static/no-such-file.js", 404, "not found"),
    ],
)
def test_api_error_shape(api_client: Client, url: str, status: int, mentions: str) -> None:
    _assert_error(api_client.get(url), status, mentions)


def test_api_error_shape_for_wrong_method(api_client: Client) -> None:
    _assert_error(api_client.request("DELETE", "/api/events"), 405, "DELETE")


def test_api_error_shape_for_unexpected_failure(sample_db: str) -> None:
    from comity.api import create_app
    from comity.config import load_settings

    class Broken:
        name = "broken"

        def fetch(self, sql: str, params: Any = ()) -> Any:
            raise RuntimeError("secret internals /etc/passwd")

        def close(self) -> None: ...

    app = create_app(load_settings({"db": sample_db}, environ={}), Broken(), token="")  # type: ignore[arg-type]
    response = Client(app).get("/api/events")
    _assert_error(response, 500, "internal")
    assert "secret" not in response.text


INJECTIONS = [
    "'; DROP TABLE events; --",
    "CHN' OR '1'='1",
    "%' UNION SELECT text FROM articles --",
    "\\'; DELETE FROM articles; --",
    "_%_",
]


@pytest.mark.parametrize("evil", INJECTIONS)
@pytest.mark.parametrize("param", ["actor", "type", "modality", "q", "since", "dyad", "doc_id"])
def test_api_sql_injection_is_inert(api_client: Client, sample_db: str, param: str, evil: str) -> None:
    response = api_client.get("/api/events", params={param: evil})
    assert response.status_code in (200, 400, 422), response.text
    if response.status_code == 200:
        assert response.json()["items"] == []
    store = DuckDBStore(sample_db, read_only=True)
    try:
        assert store.fetch("SELECT count(*) AS n FROM events")[0]["n"] >= 1
        assert store.fetch("SELECT count(*) AS n FROM articles")[0]["n"] >= 1
    finally:
        store.close()


@pytest.mark.parametrize("path", ["/api/series", "/api/timeline", "/api/events"])
def test_api_date_errors_name_the_query_parameter(api_client: Client, path: str) -> None:
    response = api_client.get(path, params={"dyad": "CHN-VNM", "since": "2024-13"})
    assert response.status_code == 400
    assert response.json()["error"].startswith("since must be a date"), response.json()


@pytest.mark.parametrize(
    ("path", "params", "words"),
    [
        ("/api/events", {"since": "2025", "until": "2023"}, "after until"),
        ("/api/facts", {"since": "2025-02", "until": "2025-01"}, "after until"),
        ("/api/timeline", {"dyad": "CHN-CHN"}, "two different countries"),
        ("/api/actors", {"country": "XXX"}, "unknown ISO3"),
    ],
)
def test_api_refuses_filters_that_cannot_match(
    api_client: Client, path: str, params: dict[str, str], words: str
) -> None:
    response = api_client.get(path, params=params)
    assert response.status_code == 400 and words in response.json()["error"], response.json()
