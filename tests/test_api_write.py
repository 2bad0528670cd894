"""POST /api/documents: token handling, size limit, body formats, records stored."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import test_api_support as support
from comity.api import create_app
from comity.config import load_settings
from comity.store.duckdb import DuckDBStore
from test_api_support import Client

TOKEN = "s3cret-token"
ARTICLE = (
    "HANOI, March 3, 2024 - Chinese Foreign Minister Wang Yi met Vietnamese Prime Minister "
    "Pham Minh Chinh in Hanoi on Friday. The two sides signed a joint statement on trade.\n"
)


# Fixtures shared with the other API, web and report tests.
sample_db = support.sample_db


@pytest.fixture()
def writable(sample_db: str, tmp_path: Path) -> Iterator[tuple[Client, DuckDBStore]]:
    db = str(tmp_path / "copy.duckdb")
    shutil.copy(sample_db, db)
    store = DuckDBStore(db)
    try:
        app = create_app(load_settings({"db": db}, environ={}), store, token=TOKEN, max_body=20_000)
        yield Client(app), store
    finally:
        store.close()


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": "text/plain"}


def test_api_write_disabled_without_token(sample_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMITY_API_TOKEN", raising=False)
    store = DuckDBStore(sample_db, read_only=True)
    try:
        client = Client(create_app(load_settings({"db": sample_db}, environ={}), store))
        response = client.post("/api/documents", content=ARTICLE, headers=_auth("anything"))
    finally:
        store.close()
    assert response.status_code == 403
    assert response.json()["ok"] is False and "COMITY_API_TOKEN" in response.json()["error"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": "Bearer"},
    ],
)
def test_api_write_wrong_token_is_401(writable: tuple[Client, DuckDBStore], headers: dict[str, str]) -> None:
    client, store = writable
    before = store.fetch("SELECT count(*) AS n FROM articles")[0]["n"]
    response = client.post("/api/documents", content=ARTICLE, headers=headers)
    assert response.status_code == 401 and response.json()["status"] == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert store.fetch("SELECT count(*) AS n FROM articles")[0]["n"] == before


def test_api_write_stores_and_returns_records(writable: tuple[Client, DuckDBStore]) -> None:
    client, store = writable
    response = client.post("/api/documents", content=ARTICLE, headers=_auth())
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["ok"] is True and body["duplicate"] is False
    doc_id = body["document"]["id"]
    assert body["document"]["text"] == ARTICLE
    assert any(e["type"] == "CONSULT" for e in body["events"])
    assert store.fetch("SELECT count(*) AS n FROM events WHERE doc_id = ?", [doc_id])[0]["n"] == len(
        body["events"]
    )
    again = client.post("/api/documents", content=ARTICLE, headers=_auth())
    assert again.status_code == 200 and again.json()["duplicate"] is True


def test_api_write_json_article(writable: tuple[Client, DuckDBStore]) -> None:
    client, _ = writable
    payload = {"text": ARTICLE.replace("Friday", "Thursday"), "title": "Ministers meet", "id": "mine-1"}
    response = client.post("/api/documents", json=payload, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    assert response.json()["document"]["title"] == "Ministers meet"


@pytest.mark.parametrize(
    ("content", "content_type", "status", "mentions"),
    [
        (b"x" * 20_001, "text/plain", 413, "limit"),
        (b"%PDF-1.4", "application/pdf", 415, "application/pdf"),
        (b'{"title": "no text"}', "application/json", 422, "text"),
        (b'{"text": "a", "colour": 1}', "application/json", 422, "colour"),
        (b"{not json", "application/json", 422, "JSON"),
        (b"\xff\xfe\x00", "text/plain", 422, "UTF-8"),
        (b"   ", "text/plain", 422, "empty"),
    ],
)
def test_api_write_bad_bodies(
    writable: tuple[Client, DuckDBStore], content: bytes, content_type: str, status: int, mentions: str
) -> None:
    client, _ = writable
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": content_type}
    response = client.post("/api/documents", content=content, headers=headers)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    assert mentions in body["error"] + str(body["errors"])
