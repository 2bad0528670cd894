"""API security gaps not covered by tests/test_api_*.py.

Errors never leak stack traces or internals; no path from a request reaches a file outside the
dashboard's static folder; CORS is off by default; `comity serve` binds 127.0.0.1 by default.
(Token checks, body limits and SQL injection are in test_api_write.py and test_api_read.py.)
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import comity.query
import test_api_support as support
from comity.errors import StorageError
from comity.store.duckdb import DuckDBStore
from test_api_support import Client

sample_db = support.sample_db
api_client = support.api_client

SECRET = "secret-internals at /srv/comity/private.duckdb"
LEAKS = ("Traceback", 'File "', "secret-internals", "/srv/comity", "RuntimeError", "line ")


def _assert_generic_500(response: Any) -> None:
    assert response.status_code == 500, response.text
    body = response.json()
    assert set(body) == {"ok", "status", "error", "errors"} and body["ok"] is False
    for leak in LEAKS:
        assert leak not in response.text, (leak, response.text)


@pytest.mark.parametrize(
    ("url", "function"),
    [
        ("/api/events", "find_events"),
        ("/api/documents", "list_documents"),
        ("/api/documents/abc", "get_document"),
        ("/api/summary", "summary"),
        ("/api/series?dyad=CHN-VNM", "dyad_series"),
    ],
)
@pytest.mark.parametrize("error", [RuntimeError(SECRET), StorageError(f"query failed: {SECRET}")])
def test_security_errors_never_leak_internals(
    api_client: Client, monkeypatch: pytest.MonkeyPatch, url: str, function: str, error: Exception
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(comity.query, function, broken)
    _assert_generic_500(api_client.get(url))


TRAVERSALS = [
    "/api/documents/..%2F..%2Fetc%2Fpasswd",
    "/api/documents/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/api/documents/..%5C..%5Cetc%5Cpasswd",
    "/api/events/..%2F..%2Fetc%2Fpasswd",
    "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/static/%2E%2E/%2E%2E/%2E%2E/pyproject.toml",
    "/static/..%2F..%2F..%2F..%2Fpyproject.toml",
    "/api/documents/%2Fetc%2Fpasswd",
]


@pytest.fixture()
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every path passed to ``open`` while the test runs."""
    seen: list[str] = []
    real_open = builtins.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    yield seen


@pytest.mark.parametrize("url", TRAVERSALS)
def test_security_no_request_path_reaches_the_file_system(
    api_client: Client, opened: list[str], url: str
) -> None:
    response = api_client.get(url)
    assert response.status_code == 404, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == 404
    assert "root:" not in response.text and "[project]" not in response.text
    assert not [p for p in opened if "passwd" in p or p.endswith("pyproject.toml")]


def test_security_document_ids_are_only_looked_up_in_the_store(
    api_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    real = comity.query.get_document

    def spy(store: Any, doc_id: str) -> Any:
        asked.append(doc_id)
        return real(store, doc_id)

    monkeypatch.setattr(comity.query, "get_document", spy)
    # "%2F" decodes to "/", which no route takes: 404 before any handler runs
    assert api_client.get("/api/documents/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert api_client.get("/api/documents/..%5C..%5Cetc%5Cpasswd").status_code == 404
    assert asked == ["..\\..\\etc\\passwd"]  # a string compared with ids, never a path


@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
def test_security_cors_is_off_by_default(api_client: Client, method: str) -> None:
    headers = {
        "Origin": "https://evil.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization",
    }
    response = api_client.request(method, "/api/events", headers=headers)
    assert not [h for h in response.headers if h.lower().startswith("access-control-")], response.headers
    assert response.status_code in (200, 405)


def test_security_serve_binds_localhost_unless_told(monkeypatch: pytest.MonkeyPatch, sample_db: str) -> None:
    import uvicorn

    from comity.cli import app

    calls: list[dict[str, Any]] = []

    def fake_run(application: Any, **kwargs: Any) -> None:
        calls.append(kwargs)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("COMITY_API_TOKEN", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["serve", "--db", sample_db]).exit_code == 0
    assert runner.invoke(app, ["serve", "--db", sample_db, "--host", "0.0.0.0"]).exit_code == 0
    assert [c["host"] for c in calls] == ["127.0.0.1", "0.0.0.0"]


def test_security_serve_without_token_opens_the_store_read_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample_db: str
) -> None:
    from comity.api import create_app
    from comity.config import load_settings

    monkeypatch.delenv("COMITY_API_TOKEN", raising=False)
    application = create_app(load_settings({"db": sample_db}, environ={}))
    store = application.state.comity.store
    assert isinstance(store, DuckDBStore)
    with pytest.raises(StorageError):
        store.fetch("DELETE FROM events")
    response = Client(application).post(
        "/api/documents", content="text", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 403
    store.close()
