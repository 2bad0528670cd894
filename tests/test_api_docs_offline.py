"""``/docs`` works offline: Swagger UI's assets are served by the app itself, not by a CDN."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

import test_api_support as support
from comity.store.duckdb import DuckDBStore
from test_api_support import Client

sample_db = support.sample_db


@pytest.fixture()
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    from comity.api import create_app
    from comity.config import load_settings

    db = str(tmp_path_factory.mktemp("docs") / "d.duckdb")
    support.write_hand_made(db)
    store = DuckDBStore(db, read_only=True)
    try:
        yield Client(create_app(load_settings({"db": db}, environ={}), store, token=""))
    finally:
        store.close()


def test_docs_reference_no_external_host(client: Client) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    html = response.text
    assert not re.search(r"https?://", html), "the docs page must not load anything from the network"
    assets = re.findall(r'(?:href|src)="([^"]+)"', html) + re.findall(r"url: '([^']+)'", html)
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        assert asset.startswith("/"), asset
        assert client.get(asset).status_code == 200, asset


def test_redoc_is_offline_or_absent(client: Client) -> None:
    response = client.get("/redoc")
    assert response.status_code == 404 or not re.search(r"https?://", response.text)


def test_docs_page_lists_every_operation_in_a_real_browser(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Swagger UI must read the OpenAPI version the app emits (3.1 needs Swagger UI 5)."""
    from browser_kit import browser_page, served

    db = str(tmp_path_factory.mktemp("docs-browser") / "d.duckdb")
    support.write_hand_made(db)
    with served(db) as server, browser_page(server) as page:
        spec = page.request.get(f"{server}/openapi.json").json()
        expected = {
            (method.upper(), path)
            for path, item in spec["paths"].items()
            for method in item
            if method in {"get", "post", "put", "patch", "delete"}
        }
        page.goto(f"{server}/docs")
        page.wait_for_selector(".opblock", timeout=15_000)
        shown = {
            (
                block.locator(".opblock-summary-method").inner_text().strip(),
                block.locator(".opblock-summary-path").get_attribute("data-path"),
            )
            for block in page.locator(".opblock").all()
        }
        assert "Unable to render" not in page.locator("body").inner_text()
        assert expected and shown == expected, (spec["openapi"], expected ^ shown)
        assert page.errors == [] and page.outside == []
