"""Feeds for ``comity watch``: the sources file, and one polite poll of one RSS/Atom feed.

A sources file lists feed URLs, one per line (``#`` starts a comment), or is an OPML export
(every ``outline`` with an ``xmlUrl``). A poll sends the validators the feed gave last time
(``If-None-Match`` / ``If-Modified-Since``), so an unchanged feed costs the server a 304 and us
nothing; a feed that fails is asked again only after an exponentially growing pause. Parsing is
feedparser's (RSS 0.9x-2.0, RSS 1.0, Atom).
"""

from __future__ import annotations

import hashlib
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from comity.errors import ConfigError, RejectedInput
from comity.ingest.fetch import Fetcher, is_url

#: The first pause after a failed poll; it doubles with each further failure, up to the cap.
BACKOFF_START = timedelta(minutes=5)
BACKOFF_CAP = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: where its article is, and a hash of what the feed says of it."""

    url: str
    feed: str
    title: str | None = None
    published: str | None = None  # ISO date, when the feed gives one
    content_hash: str | None = None  # of title + summary: the same item under a new URL is seen


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the watcher remembers of one feed between polls (stored in the store's watch_state)."""

    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # consecutive failed polls
    retry_after: str | None = None  # ISO time before which a failing feed is not polled again
    last_status: str | None = None  # "ok", "unchanged" or a rejection reason
    last_polled: str | None = None

    def waiting(self, now: datetime) -> bool:
        return self.retry_after is not None and now < datetime.fromisoformat(self.retry_after)

    @staticmethod
    def from_json(value: dict[str, Any]) -> FeedState:
        return FeedState(**{k: v for k, v in value.items() if k in FeedState.__dataclass_fields__})


@dataclass(frozen=True, slots=True)
class Poll:
    """The outcome of one poll: new state, entries (none when unchanged or failed), a message."""

    state: FeedState
    entries: tuple[FeedEntry, ...] = ()
    message: str = ""


def read_sources(path: str) -> list[str]:
    """The feed URLs of a sources file (plain list or OPML), in order, without repeats.

    Raises:
        ConfigError: the file cannot be read, or holds something that is not an http(s) URL.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the sources file {path!r}: {exc}") from exc
    urls = _opml_urls(text, path) if "<opml" in text[:2000].lower() else _listed_urls(text, path)
    return list(dict.fromkeys(urls))


def _listed_urls(text: str, path: str) -> list[str]:
    urls = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.split()[0]  # a comment may follow the URL
        if not is_url(line):
            raise ConfigError(f"{path}:{number}: {line!r} is not an http(s) feed URL")
        urls.append(line)
    return urls


def _opml_urls(text: str, path: str) -> list[str]:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise ConfigError(f"{path}: not a well-formed OPML file: {exc}") from exc
    return [url for node in root.iter("outline") if is_url(url := (node.get("xmlUrl") or "").strip())]


def poll_feed(url: str, state: FeedState, fetcher: Fetcher, now: datetime) -> Poll:
    """Poll ``url`` once (conditionally); never raises for a bad feed or server."""
    polled = now.isoformat(timespec="seconds")
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        response = fetcher.get(url, headers)
    except RejectedInput as exc:
        return _failed(state, exc.reason, exc.message, now)
    if response.status == 304:
        ok = replace(state, failures=0, retry_after=None, last_status="unchanged", last_polled=polled)
        return Poll(ok, message="unchanged")
    import feedparser  # here, not at import: only `comity watch` reads feeds

    parsed = feedparser.parse(response.body, response_headers=dict(response.headers))
    if not parsed.get("version") and not parsed.entries:
        return _failed(state, "not_a_feed", f"{url} is not an RSS or Atom feed", now)
    entries = tuple(e for e in (_entry(item, url) for item in parsed.entries) if e)
    fresh = FeedState(
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        last_status="ok",
        last_polled=polled,
    )
    return Poll(fresh, entries, f"{len(entries)} entries")


def _failed(state: FeedState, reason: str, message: str, now: datetime) -> Poll:
    failures = state.failures + 1
    pause = min(BACKOFF_START * 2 ** (failures - 1), BACKOFF_CAP)
    retry = (now + pause).isoformat(timespec="seconds")
    failed = replace(
        state,
        failures=failures,
        retry_after=retry,
        last_status=reason,
        last_polled=now.isoformat(timespec="seconds"),
    )
    return Poll(failed, message=f"{reason}: {message}; next try after {retry}")


def _entry(item: Any, feed: str) -> FeedEntry | None:
    link = str(item.get("link") or "").strip()
    if not is_url(link):
        return None
    title = " ".join(str(item.get("title") or "").split()) or None
    summary = " ".join(str(item.get("summary") or "").split())
    digest = (
        hashlib.sha256(f"{title or ''}\x1f{summary}".encode()).hexdigest()[:16] if title or summary else None
    )
    return FeedEntry(
        url=normalise_url(link), feed=feed, title=title, published=_published(item), content_hash=digest
    )


def _published(item: Any) -> str | None:
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    if not isinstance(stamp, time.struct_time):
        return None
    return datetime(*stamp[:6], tzinfo=UTC).date().isoformat()


def normalise_url(url: str) -> str:
    """The URL an entry is known by: without its #fragment (the same page either way)."""
    return urldefrag(url.strip())[0]
