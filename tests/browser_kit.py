"""A real headless Chromium (Debian's ``chromium``, driven by Playwright) over the app served locally.

Skips with the reason when Playwright, uvicorn or the browser is missing; never downloads a
browser. Every request that leaves the local server is aborted and recorded, so a page that
reaches for a CDN fails its test.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from comity.store.duckdb import DuckDBStore

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium() -> str:
    for candidate in (os.environ.get("COMITY_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.skip("no chromium browser found (apt-get install chromium, or set COMITY_CHROMIUM)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(db: str) -> Iterator[str]:
    """The app over the read-only store ``db``, served by uvicorn on 127.0.0.1; yields its base URL."""
    uvicorn = pytest.importorskip("uvicorn")
    from comity.api import create_app
    from comity.config import load_settings

    store = DuckDBStore(db, read_only=True)
    app = create_app(load_settings({"db": db}, environ={}), store, token="")
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{srv.config.port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        store.close()


@contextmanager
def browser_page(server: str, *, width: int = 1200, height: int = 900) -> Iterator[Any]:
    """A Playwright page that may only reach ``server``; ``page.errors`` and ``page.outside`` list
    the script errors and the blocked outside requests."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    executable = chromium()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        outside: list[str] = []
        context.route("**/*", lambda route: _local_only(route, server, outside))
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.errors, tab.outside = errors, outside
        try:
            yield tab
        finally:
            browser.close()


def _local_only(route: Any, server: str, outside: list[str]) -> None:
    if route.request.url.startswith(server):
        route.continue_()
    else:
        outside.append(route.request.url)
        route.abort()
