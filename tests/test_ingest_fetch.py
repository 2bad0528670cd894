"""Web inputs against a local server: pages, PDFs, and every way a fetch fails (no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.cli import app
from comity.config import Settings, load_settings
from comity.extract.actors.kb import load_kb
from comity.ingest import iter_inputs
from comity.ingest.fetch import Fetcher, HostPacer
from comity.ingest.web import read_url
from comity.pipeline import Pipeline
from comity.records import Article, Rejection, SourceItem
from comity.store.duckdb import DuckDBStore
from pdfkit import make_pdf
from webserver import FixtureServer, Route

PAGE = b"""<!DOCTYPE html><html><head>
<title>Ministers meet in Hanoi | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers meet in Hanoi</h1>
<p>HANOI - Chinese Foreign Minister Wang Yi met Vietnamese Foreign Minister Bui Thanh Son in Hanoi
on Tuesday, and the two sides agreed to speed up work on a railway between the two countries.</p>
<p>The ministers also discussed fishing in disputed waters and pledged to manage differences
through dialogue, according to a statement issued after the talks.</p>
</article><footer>Copyright Example News</footer></body></html>"""


@pytest.fixture()
def quick(tmp_path: Path) -> Settings:
    """No politeness delay and a short timeout, so failure cases stay fast."""
    return load_settings(
        {"db": str(tmp_path / "w.duckdb"), "fetch_delay": 0, "fetch_timeout": 0.5}, environ={}
    )


def fetch_one(url: str, settings: Settings) -> SourceItem | Rejection:
    (record,) = list(iter_inputs([url], settings))
    return record


def test_page_is_fetched_and_extracted_with_its_metadata(web: FixtureServer, quick: Settings) -> None:
    web.routes["/news/talks.html"] = Route(PAGE)
    item = fetch_one(web.url("/news/talks.html"), quick)
    assert isinstance(item, SourceItem) and item.fmt == "html"
    assert item.name == item.url == web.url("/news/talks.html") and item.fetched_at
    article = Pipeline(quick, load_kb()).clean(item)
    assert isinstance(article, Article)
    assert article.text.startswith("HANOI - Chinese Foreign Minister Wang Yi") or "Wang Yi" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.title == "Ministers meet in Hanoi"
    assert article.publication_date == "2024-03-05" and article.date_basis == "metadata"
    assert article.author == "Jane Reporter" and article.outlet == "Example News"
    assert article.fetched_at == item.fetched_at


def test_requests_say_who_we_are_and_accept_gzip(web: FixtureServer, quick: Settings) -> None:
    web.routes["/z.html"] = Route(PAGE, gzip=True)
    item = fetch_one(web.url("/z.html"), quick)
    assert isinstance(item, SourceItem) and "Wang Yi" in item.content
    (headers,) = web.request_headers["/z.html"]
    assert headers["user-agent"] == quick.user_agent and quick.user_agent.startswith("comity/")
    assert "gzip" in headers["accept-encoding"]


def test_a_redirect_is_followed_and_the_final_url_kept(web: FixtureServer, quick: Settings) -> None:
    web.routes["/old"] = Route(redirect="/new.html")
    web.routes["/new.html"] = Route(PAGE)
    item = fetch_one(web.url("/old"), quick)
    assert isinstance(item, SourceItem)
    assert item.name == web.url("/old") and item.url == web.url("/new.html")


def test_a_pdf_url_is_read_as_a_pdf(web: FixtureServer, quick: Settings) -> None:
    pdf = make_pdf([["Readout of the talks between China and Vietnam in Beijing."]], title="Readout")
    web.routes["/readout.pdf"] = Route(pdf, content_type="application/pdf")
    item = fetch_one(web.url("/readout.pdf"), quick)
    assert isinstance(item, SourceItem) and item.fmt == "pdf" and item.title == "Readout"
    assert "Beijing" in item.content and item.fetched_at


@pytest.mark.parametrize(
    ("route", "reason", "words"),
    [
        (Route(b"gone", status=404), "not_found", "HTTP 404"),
        (Route(b"oops", status=500), "http_error", "HTTP 500"),
        (Route(PAGE, delay=2.0), "timeout", "within 0.5s"),
        (Route(redirect="/loop"), "redirect_loop", "more than 5 redirects"),
        (Route(b"\x89PNG\r\n", content_type="image/png"), "unsupported_content_type", "image/png"),
        (Route(b'{"a": 1}', content_type="application/json"), "unsupported_content_type", "application/json"),
        (Route(stream_megabytes=50), "too_large", "more than 20000000 bytes"),
        (Route(b"x" * 30_000_001), "too_large", "declares 30000001 bytes"),
    ],
    ids=["404", "500", "slow", "redirect-loop", "image", "json", "50MB-streamed", "declared-too-large"],
)
def test_every_fetch_failure_is_a_rejection_with_a_reason(
    web: FixtureServer, quick: Settings, route: Route, reason: str, words: str
) -> None:
    web.routes["/loop"] = route
    rejection = fetch_one(web.url("/loop"), quick)
    assert isinstance(rejection, Rejection), rejection
    assert (rejection.stage, rejection.reason) == ("fetch", reason)
    assert words in rejection.message and rejection.name == web.url("/loop")


def test_an_unreachable_host_is_a_network_error(quick: Settings) -> None:
    rejection = fetch_one("http://127.0.0.1:9/nothing-listens-here", quick)
    assert isinstance(rejection, Rejection) and rejection.reason == "network_error"


def test_robots_txt_is_obeyed(web: FixtureServer, quick: Settings) -> None:
    web.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    web.routes["/private/page.html"] = Route(PAGE)
    web.routes["/public.html"] = Route(PAGE)
    private, public = iter_inputs([web.url("/private/page.html"), web.url("/public.html")], quick)
    assert isinstance(private, Rejection) and private.reason == "robots_disallowed"
    assert isinstance(public, SourceItem)
    assert web.hits["/private/page.html"] == 0 and web.hits["/robots.txt"] == 1  # asked once per host


def test_robots_txt_with_a_server_error_disallows_everything(web: FixtureServer, quick: Settings) -> None:
    web.routes["/robots.txt"] = Route(b"down", status=503)
    web.routes["/a.html"] = Route(PAGE)
    rejection = fetch_one(web.url("/a.html"), quick)
    assert isinstance(rejection, Rejection) and rejection.reason == "robots_disallowed"


def test_one_host_is_asked_at_most_once_per_delay() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    pacer = HostPacer(2.0, sleep=sleep, clock=lambda: now[0])
    pacer.wait("a.example")
    pacer.wait("b.example")  # another host: no wait
    now[0] += 0.5
    pacer.wait("a.example")
    assert slept == [1.5]


def test_read_url_with_a_shared_fetcher_reuses_robots(web: FixtureServer, quick: Settings) -> None:
    web.routes["/a.html"] = Route(PAGE)
    with Fetcher(quick) as fetcher:
        for _ in range(3):
            assert isinstance(read_url(web.url("/a.html"), fetcher), SourceItem)
    assert web.hits["/robots.txt"] == 1 and web.hits["/a.html"] == 3


@pytest.mark.slow
def test_comity_fetch_stores_the_url_and_fetch_time_and_rejects_failures(
    web: FixtureServer, tmp_path: Path
) -> None:
    web.routes["/news/talks.html"] = Route(PAGE)
    db = str(tmp_path / "f.duckdb")
    urls = [web.url("/news/talks.html"), web.url("/missing.html")]
    runner = CliRunner()
    result = runner.invoke(app, ["fetch", *urls, "--db", db, "--delay", "0", "--workers", "1"])
    assert result.exit_code == 1, result.output
    summary = " ".join(result.output.split())
    assert "2 inputs = 1 stored + 0 duplicates + 1 rejected + 0 skipped" in summary and "not_found" in summary
    store = DuckDBStore(db, read_only=True)
    try:
        (article,) = store.fetch("SELECT id, url, title, outlet FROM articles")
        (fetch,) = store.fetch("SELECT doc_id, url, final_url, fetched_at FROM fetches")
        events = store.fetch("SELECT type FROM events")
    finally:
        store.close()
    assert article["url"] == urls[0] and article["title"] == "Ministers meet in Hanoi"
    assert fetch["doc_id"] == article["id"] and fetch["url"] == urls[0] and fetch["fetched_at"]
    assert events
    again = runner.invoke(app, ["fetch", urls[0], "--db", db, "--delay", "0", "--workers", "1", "-q"])
    assert again.exit_code == 0
    listed = runner.invoke(app, ["rejections", "--db", db, "--format", "jsonl"])
    (row,) = map(json.loads, listed.output.splitlines())
    assert (row["stage"], row["reason"]) == ("fetch", "not_found")


def test_comity_fetch_refuses_a_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["fetch", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2 and "not an http(s) URL" in result.output
