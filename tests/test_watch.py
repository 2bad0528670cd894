"""`comity watch` against a local feed server: new entries once, nothing twice, resumable state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from comity.cli import app
from comity.cli.watch import parse_every
from comity.config import Settings, load_settings
from comity.errors import ConfigError
from comity.extract.actors.kb import load_kb
from comity.ingest.feeds import FeedState, poll_feed, read_sources
from comity.ingest.fetch import Fetcher
from comity.run.watch import watch_cycle
from comity.store.base import Store, load_watch_state, open_store_backend
from webserver import FixtureServer, Route

STORIES = {
    "1": (
        "Wang Yi visits Hanoi",
        "Chinese Foreign Minister Wang Yi met Vietnamese Prime Minister Pham Minh Chinh in Hanoi on Monday.",
    ),
    "2": (
        "Manila protests",
        "The Philippines accused China of ramming a Philippine supply boat near Second Thomas Shoal on Tuesday.",
    ),
    "3": (
        "Tokyo talks",
        "Japanese Prime Minister Fumio Kishida met Philippine President Ferdinand Marcos in Tokyo on Wednesday.",
    ),
    "4": (
        "Rail deal",
        "Vietnam and China signed an agreement on a cross-border railway in Beijing on Thursday.",
    ),
}


def page(key: str, body: str | None = None) -> bytes:
    title, text = STORIES[key]
    return (
        f"<html><head><title>{title}</title><meta property='article:published_time' content='2024-03-0{key}'>"
        f"</head><body><article><h1>{title}</h1><p>{body or text} Officials described the talks as"
        " frank and said more meetings would follow later this year.</p></article></body></html>"
    ).encode()


def rss(base: str, keys: list[str], paths: dict[str, str] | None = None) -> bytes:
    items = "".join(
        f"<item><title>{STORIES[k][0]}</title><link>{base}{(paths or {}).get(k, f'/news/{k}.html')}</link>"
        f"<guid>{k}</guid><pubDate>Mon, 0{k} Mar 2024 08:00:00 GMT</pubDate>"
        f"<description>{STORIES[k][1]}</description></item>"
        for k in keys
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()


def serve_feed(web: FixtureServer, keys: list[str], *, etag: str = '"v1"') -> None:
    web.routes["/feed.xml"] = Route(rss(web.base, keys), content_type="application/rss+xml", etag=etag)
    for key in STORIES:
        web.routes[f"/news/{key}.html"] = Route(page(key))


@pytest.fixture()
def quick(tmp_path: Path) -> Settings:
    return load_settings(
        {
            "db": str(tmp_path / "w.duckdb"),
            "fetch_delay": 0,
            "fetch_timeout": 2,
            "workers": 1,
            "batch_size": 1,
        },
        environ={},
    )


def sources_file(tmp_path: Path, *urls: str) -> str:
    path = tmp_path / "feeds.txt"
    path.write_text("# my feeds\n" + "\n".join(f"{u}  # a wire" for u in urls) + "\n", encoding="utf-8")
    return str(path)


# -- sources and polling (no model) ---------------------------------------------------------------
def test_sources_file_lists_urls_and_skips_comments(tmp_path: Path) -> None:
    path = sources_file(tmp_path, "https://a.example/rss", "https://b.example/atom", "https://a.example/rss")
    assert read_sources(path) == ["https://a.example/rss", "https://b.example/atom"]


def test_sources_from_an_opml_export(tmp_path: Path) -> None:
    path = tmp_path / "subs.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>'
        '<outline text="Asia"><outline text="Wire" type="rss" xmlUrl="https://a.example/rss"/>'
        '<outline text="Paper" type="rss" xmlUrl="https://b.example/feed.atom"/></outline>'
        '<outline text="A folder without a feed"/></body></opml>',
        encoding="utf-8",
    )
    assert read_sources(str(path)) == ["https://a.example/rss", "https://b.example/feed.atom"]


def test_a_sources_line_that_is_not_a_url_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("https://a.example/rss\nnews/feed.xml\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"feeds\.txt:2"):
        read_sources(str(path))


@pytest.mark.parametrize(("text", "seconds"), [("30m", 1800), ("1h", 3600), ("90s", 90), ("1h30m", 5400)])
def test_every_takes_durations(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


def test_every_refuses_nonsense() -> None:
    with pytest.raises(ConfigError):
        parse_every("soon")


def test_poll_sends_validators_and_an_unchanged_feed_is_a_304(web: FixtureServer, quick: Settings) -> None:
    serve_feed(web, ["1", "2"])
    now = datetime(2024, 3, 5, tzinfo=UTC)
    with Fetcher(quick) as fetcher:
        first = poll_feed(web.url("/feed.xml"), FeedState(), fetcher, now)
        second = poll_feed(web.url("/feed.xml"), first.state, fetcher, now)
    assert [e.url for e in first.entries] == [web.url("/news/1.html"), web.url("/news/2.html")]
    assert first.entries[0].published == "2024-03-01" and first.entries[0].title == "Wang Yi visits Hanoi"
    assert first.state.etag == '"v1"' and second.state.last_status == "unchanged" and not second.entries
    assert web.request_headers["/feed.xml"][1]["if-none-match"] == '"v1"'


def test_an_atom_feed_is_read(web: FixtureServer, quick: Settings) -> None:
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Paper</title>'
        f'<entry><title>Rail deal</title><link href="{web.base}/news/4.html"/><id>urn:4</id>'
        "<updated>2024-03-04T08:00:00Z</updated><summary>Signed.</summary></entry></feed>"
    ).encode()
    web.routes["/atom.xml"] = Route(atom, content_type="application/atom+xml")
    with Fetcher(quick) as fetcher:
        poll = poll_feed(web.url("/atom.xml"), FeedState(), fetcher, datetime.now(UTC))
    assert [(e.url, e.published) for e in poll.entries] == [(web.url("/news/4.html"), "2024-03-04")]


def test_a_failing_feed_backs_off_exponentially(web: FixtureServer, quick: Settings) -> None:
    web.routes["/feed.xml"] = Route(b"down", status=503)
    web.routes["/page.xml"] = Route(b"<html><body>not a feed</body></html>")
    now = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    with Fetcher(quick) as fetcher:
        once = poll_feed(web.url("/feed.xml"), FeedState(), fetcher, now)
        twice = poll_feed(web.url("/feed.xml"), once.state, fetcher, now)
        html = poll_feed(web.url("/page.xml"), FeedState(), fetcher, now)
    assert once.state.failures == 1 and once.state.last_status == "http_error"
    assert once.state.retry_after == (now + timedelta(minutes=5)).isoformat()
    assert twice.state.retry_after == (now + timedelta(minutes=10)).isoformat()
    assert once.state.waiting(now + timedelta(minutes=4)) and not once.state.waiting(
        now + timedelta(minutes=6)
    )
    assert html.state.last_status == "not_a_feed"


# -- whole cycles (the real model) -----------------------------------------------------------------
def _cycle(web: FixtureServer, settings: Settings, store: Store | None = None, **kw: Any) -> Any:
    own = store is None
    store = store or open_store_backend(settings)
    try:
        return watch_cycle([web.url("/feed.xml")], store, settings, kb=load_kb(), **kw)
    finally:
        if own:
            store.close()


def _table(settings: Settings, sql: str) -> list[tuple[Any, ...]]:
    store = open_store_backend(settings, read_only=True)
    try:
        return sorted(tuple(r.values()) for r in store.fetch(sql))
    finally:
        store.close()


@pytest.mark.slow
def test_watch_once_twice_stores_n_then_nothing_and_a_new_entry_adds_one(
    web: FixtureServer, tmp_path: Path
) -> None:
    serve_feed(web, ["1", "2", "3"])
    db = str(tmp_path / "cli.duckdb")
    args = ["watch", sources_file(tmp_path, web.url("/feed.xml")), "--once", "--db", db]
    args += ["--delay", "0", "--workers", "1", "-q"]
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "3 new of 3 entries = 3 stored + 0 duplicates + 0 failed" in first.output
    second = runner.invoke(app, args)
    assert "1 unchanged" in second.output and "0 new of 0 entries = 0 stored" in second.output
    assert web.hits["/feed.xml"] == 2 and all(web.hits[f"/news/{k}.html"] == 1 for k in "123")
    serve_feed(web, ["1", "2", "3", "4"], etag='"v2"')
    third = runner.invoke(app, args)
    assert "1 new of 4 entries = 1 stored + 0 duplicates + 0 failed" in third.output
    assert all(web.hits[f"/news/{k}.html"] == 1 for k in "1234")


@pytest.mark.slow
def test_the_same_article_under_two_urls_is_stored_once_and_never_refetched(
    web: FixtureServer, quick: Settings
) -> None:
    serve_feed(web, ["1"])
    web.routes["/feed.xml"] = Route(
        rss(web.base, ["1", "2"], {"2": "/mirror/1.html"}), content_type="application/rss+xml"
    )
    web.routes["/mirror/1.html"] = Route(page("1"))  # the same text, under another URL
    report = _cycle(web, quick)
    assert (report.new, report.stored, report.duplicates) == (2, 1, 1)
    again = _cycle(web, quick)  # no ETag this time: the feed is read again, its entries are known
    assert (again.entries, again.new) == (2, 0)
    assert web.hits["/news/1.html"] == web.hits["/mirror/1.html"] == 1
    states = load_watch_state(open_store_backend(quick), "entry")
    assert {v["status"] for v in states.values()} == {"stored", "duplicate"}


@pytest.mark.slow
def test_a_transient_failure_is_retried_next_cycle(web: FixtureServer, quick: Settings) -> None:
    serve_feed(web, ["1", "2"])
    web.routes["/news/2.html"] = Route(b"busy", status=503)
    first = _cycle(web, quick)
    assert (first.stored, first.failures) == (1, 1)
    web.routes["/news/2.html"] = Route(page("2"))
    second = _cycle(web, quick)
    assert (second.new, second.stored) == (1, 1) and web.hits["/news/1.html"] == 1


class Killed(Exception):
    """Stands for the watcher being killed mid-cycle."""


class DiesOnSecondBatch:
    """A store that dies when asked to write its second batch (like a watcher killed mid-cycle)."""

    def __init__(self, store: Store) -> None:
        self._store, self.batches = store, 0

    def write_batch(self, *args: Any, **kwargs: Any) -> None:
        self.batches += 1
        if self.batches == 2:
            raise Killed
        self._store.write_batch(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


@pytest.mark.slow
def test_a_killed_watcher_resumes_to_the_same_store_as_an_uninterrupted_one(
    web: FixtureServer, tmp_path: Path, quick: Settings
) -> None:
    serve_feed(web, ["1", "2", "3"])
    whole = load_settings({**quick.model_dump(), "db": str(tmp_path / "whole.duckdb")}, environ={})
    _cycle(web, whole)

    store = open_store_backend(quick)
    try:
        with pytest.raises(Killed):
            _cycle(web, quick, DiesOnSecondBatch(store))  # type: ignore[arg-type]
    finally:
        store.close()
    assert len(_table(quick, "SELECT id FROM articles")) == 1  # the first batch was committed
    resumed = _cycle(web, quick)
    assert resumed.new == 2 and resumed.stored == 2
    assert web.hits["/news/1.html"] == 2  # once per watcher; the resumed one did not refetch it
    for sql in (
        "SELECT id, name, url, title, publication_date, text FROM articles",
        "SELECT id, doc_id, type, cluster_id FROM events",
        "SELECT doc_id, url FROM fetches",
        "SELECT name, reason FROM rejections",
    ):
        assert _table(quick, sql) == _table(whole, sql), sql
