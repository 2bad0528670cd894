"""``comity watch``: one cycle polls the feeds, runs the pipeline on new entries, updates clusters.

State lives in the store (table ``watch_state``), never in memory alone, so a watcher killed at
any point resumes without refetching what was stored or duplicating anything:

* ``feed``: each feed's validators (ETag, Last-Modified) and its backoff after failures;
* ``entry``: each entry URL met and what became of it (stored, duplicate, rejected), and the
  hash of what its feed said of it (so the same item under a new URL is not fetched again).

An entry is new when neither its URL nor its feed hash is known, and its URL is not the name of
a stored article or of a lasting rejection: batches commit as they go, so after a crash the
articles already written are known even though their ``entry`` rows were not yet saved. A URL
that failed in a way that may pass (timeout, server error, network) is tried again next cycle,
at most ``MAX_ATTEMPTS`` times. Pages are fetched one at a time (see ``comity.ingest.fetch``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from comity.config import Settings
from comity.ingest.feeds import FeedEntry, FeedState, poll_feed
from comity.ingest.fetch import TRANSIENT_REASONS, Fetcher
from comity.records import RunReport
from comity.run.base import ProgressCallback, run_inputs
from comity.run.consolidate import consolidate
from comity.store.base import Store, load_watch_state

if TYPE_CHECKING:
    from comity.extract.actors.kb import ActorKB

logger = logging.getLogger(__name__)

#: A URL that keeps failing transiently is given up after this many tries.
MAX_ATTEMPTS = 5
FEED, ENTRY = "feed", "entry"


@dataclass
class CycleReport:
    """What one cycle did; ``line()`` is what ``comity watch`` prints."""

    started: str
    feeds: int = 0
    unchanged: int = 0
    failed_feeds: int = 0
    waiting: int = 0
    entries: int = 0  # entries listed by the feeds this cycle
    new: int = 0  # of which fetched this cycle
    stored: int = 0
    duplicates: int = 0
    failures: int = 0
    clusters_changed: int = 0
    alerts: int = 0
    run_id: str | None = None
    messages: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.started} {self.feeds} feeds ({self.unchanged} unchanged, {self.failed_feeds} failed,"
            f" {self.waiting} backing off): {self.new} new of {self.entries} entries ="
            f" {self.stored} stored + {self.duplicates} duplicates + {self.failures} failed;"
            f" {self.clusters_changed} cluster ids updated, {self.alerts} alerts"
        )


#: Called after the clusters are updated with (store, run id of the cycle's run or None);
#: returns how many alerts it sent.
AlertHook = Callable[[Store, str | None], int]


def watch_cycle(
    sources: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    kb: ActorKB,
    now: datetime | None = None,
    progress: ProgressCallback | None = None,
    alert: AlertHook | None = None,
) -> CycleReport:
    """Poll every feed in ``sources`` once and process the entries not seen before.

    ``kb`` is the actor KB the caller built once: every cycle's analysis and clustering use it."""
    now = now or datetime.now(UTC)
    report = CycleReport(started=now.isoformat(timespec="seconds"), feeds=len(sources))
    entries, feeds = _poll_all(sources, store, settings, now, report)
    report.entries = len(entries)
    fresh = _unseen([*entries, *_retries(store)], store)
    report.new = len(fresh)
    if fresh:
        run = run_inputs([e.url for e in fresh], store, settings, kb=kb, progress=progress)
        _count(report, run)
        _remember(fresh, store, run.run_id, now)
    # Only now: a watcher killed before this point polls the feeds with their old validators
    # again, so entries it had not yet processed come back instead of hiding behind a 304.
    store.put_watch_state(FEED, feeds)
    report.clusters_changed = consolidate(store, kb) if fresh else 0
    if alert is not None:
        report.alerts = alert(store, report.run_id)
    return report


def _poll_all(
    sources: Sequence[str], store: Store, settings: Settings, now: datetime, report: CycleReport
) -> tuple[list[FeedEntry], dict[str, Any]]:
    """The entries of every feed due for a poll, and the feeds' new states (not yet saved)."""
    states = {url: FeedState.from_json(v) for url, v in load_watch_state(store, FEED).items()}
    entries: list[FeedEntry] = []
    polled: dict[str, Any] = {}
    with Fetcher(settings) as fetcher:
        for url in sources:
            state = states.get(url, FeedState())
            if state.waiting(now):
                report.waiting += 1
                continue
            poll = poll_feed(url, state, fetcher, now)
            polled[url] = asdict(poll.state)
            if poll.state.last_status == "unchanged":
                report.unchanged += 1
            elif poll.state.last_status != "ok":
                report.failed_feeds += 1
                report.messages.append(f"{url}: {poll.message}")
            entries.extend(poll.entries)
    return entries, polled


def _unseen(entries: Iterable[FeedEntry], store: Store) -> list[FeedEntry]:
    """Entries to fetch now: one per URL, none known by URL or feed hash, none given up on."""
    known = load_watch_state(store, ENTRY)
    hashes = {v.get("content_hash") for v in known.values() if v.get("status") != "retry"} - {None}
    unique = list({e.url: e for e in reversed(list(entries))}.values())[::-1]  # first listing wins
    stored = _stored_names(store, [e.url for e in unique])
    fresh = []
    for entry in unique:
        before = known.get(entry.url)
        if entry.url in stored or (before and before.get("status") != "retry"):
            continue
        if before is None and entry.content_hash in hashes:
            continue
        fresh.append(entry)
        if entry.content_hash is not None:
            hashes.add(entry.content_hash)
    return fresh


def _retries(store: Store) -> list[FeedEntry]:
    """Entries that failed in a way that may pass: tried again even when their feed is unchanged."""
    return [
        FeedEntry(url, v["feed"], v.get("title"), v.get("published"), v.get("content_hash"))
        for url, v in load_watch_state(store, ENTRY).items()
        if v.get("status") == "retry"
    ]


def _stored_names(store: Store, urls: list[str]) -> set[str]:
    """Which of ``urls`` a committed batch already holds (as an article or a lasting rejection)."""
    if not urls:
        return set()
    marks = ", ".join("?" for _ in urls)
    articles = store.fetch(f"SELECT name FROM articles WHERE name IN ({marks})", urls)
    transient = sorted(TRANSIENT_REASONS)
    rejected = store.fetch(
        f"SELECT name FROM rejections WHERE name IN ({marks})"
        f" AND reason NOT IN ({', '.join('?' for _ in transient)})",
        [*urls, *transient],
    )
    return {r["name"] for r in articles} | {r["name"] for r in rejected}


def _count(report: CycleReport, run: RunReport) -> None:
    report.run_id = run.run_id
    report.stored, report.duplicates = run.stored, run.duplicates
    report.failures = run.rejected + run.skipped


def _remember(entries: Sequence[FeedEntry], store: Store, run_id: str, now: datetime) -> None:
    """Record what became of each entry fetched in run ``run_id``."""
    urls = [e.url for e in entries]
    marks = ", ".join("?" for _ in urls)
    stored = {r["name"] for r in store.fetch(f"SELECT name FROM articles WHERE name IN ({marks})", urls)}
    rejected = {
        r["name"]: r["reason"]
        for r in store.fetch(f"SELECT name, reason FROM rejections WHERE name IN ({marks})", urls)
    }
    known = load_watch_state(store, ENTRY)
    values: dict[str, Any] = {}
    for entry in entries:
        attempts = int(known.get(entry.url, {}).get("attempts", 0)) + 1
        status, reason = _status(entry.url, stored, rejected, attempts)
        values[entry.url] = {
            "status": status,
            "reason": reason,
            "attempts": attempts,
            "feed": entry.feed,
            "title": entry.title,
            "published": entry.published,
            "content_hash": entry.content_hash,
            "run_id": run_id,
            "seen_at": now.isoformat(timespec="seconds"),
        }
    store.put_watch_state(ENTRY, values)


def _status(url: str, stored: set[str], rejected: dict[str, str], attempts: int) -> tuple[str, str | None]:
    if url in stored:
        return "stored", None
    reason = rejected.get(url)
    if reason is None:
        return "duplicate", None  # the same text as a stored article: the store kept one copy
    if reason in TRANSIENT_REASONS and attempts < MAX_ATTEMPTS:
        return "retry", reason
    return "rejected", reason
