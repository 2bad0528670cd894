"""Post-pass after a run: cluster stored events into real-world events and write the cluster ids.

By default the pass is incremental: the documents whose events have no cluster id yet (new, or
analysed again) are folded into article events and join the existing clusters; the clusters of
the other documents stay as they are. ``full=True`` re-clusters the whole store. Each change of a
cluster id is logged (``comity.run.consolidate`` logger, level INFO for merges, DEBUG per event).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from comity.resolve.clusters import (
    ArticleEvent,
    EventLike,
    cluster_events,
    evidence_words,
    extend_clusters,
    is_approximate,
    person_names,
)
from comity.resolve.eventlike import article_event
from comity.store.base import Store

if TYPE_CHECKING:
    from comity.extract.actors.kb import ActorKB

LOG = logging.getLogger(__name__)
EVENT_COLUMNS = (
    "SELECT e.id, e.doc_id, e.type, e.cameo, e.date, e.date_text, e.date_precision, e.date_basis,"
    " e.modality, e.source, e.target, e.source_country, e.target_country, e.location, e.trigger,"
    " e.sentence, e.evidence_start, e.evidence_text, e.cluster_id, a.publication_date FROM events e"
    " JOIN articles a ON a.id = e.doc_id WHERE a.near_duplicate_of IS NULL ORDER BY e.id"
)


def _actors(cell: str | None) -> list[dict[str, Any]]:
    return list(json.loads(cell)) if cell else []


def _side(row: dict[str, Any], key: str, kb: ActorKB) -> tuple[frozenset[str], frozenset[str]]:
    """(countries, person names) of one side of a stored event."""
    actors = _actors(row.get(key))
    countries = {a["country"] for a in actors if a.get("country")}
    if not actors and row.get(f"{key}_country"):
        countries.add(row[f"{key}_country"])
    return frozenset(countries), person_names((a.get("name") for a in actors), kb)


def event_from_row(row: dict[str, Any], kb: ActorKB) -> EventLike:
    """A stored events row -> what clustering needs; ``kb`` tells which actors are persons."""
    source, source_people = _side(row, "source", kb)
    target, target_people = _side(row, "target", kb)
    location = json.loads(row["location"]) if row.get("location") else None
    place = (location.get("name") or location.get("text")) if location else None
    return EventLike(
        row["id"], row["doc_id"], row["type"], row["cameo"], row["date"], source | target, place,
        evidence_words(row["evidence_text"]), source, target, (source_people, target_people),
        row.get("modality"), is_approximate(row.get("date_precision"), row.get("date_text")),
        location.get("country") if location else None, row.get("trigger") or "", row.get("date_basis"),
        _int(row.get("sentence")), _int(row.get("evidence_start")), row.get("publication_date"),
    )  # fmt: skip


def _int(value: object) -> int:
    return value if isinstance(value, int) else -1


def _existing(rows: list[dict[str, Any]], events: dict[str, EventLike]) -> dict[str, list[ArticleEvent]]:
    """cluster id -> its article events (one per document: the reports of the document it holds)."""
    grouped: dict[str, dict[str, list[EventLike]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        grouped[row["cluster_id"]][row["doc_id"]].append(events[row["id"]])
    return {
        cid: [ArticleEvent(article_event(reports), tuple(reports)) for _, reports in sorted(docs.items())]
        for cid, docs in grouped.items()
    }


def consolidate(store: Store, kb: ActorKB, *, full: bool = False) -> int:
    """Cluster the store's events (the new documents' only, unless ``full``); return how many
    cluster ids changed.

    ``kb`` is the actor KB the run was analysed with (it tells which actors are persons).
    """
    rows = store.fetch(EVENT_COLUMNS)
    events = {r["id"]: event_from_row(r, kb) for r in rows}
    fresh_docs = {r["doc_id"] for r in rows if r["cluster_id"] is None}
    settled = [r for r in rows if r["doc_id"] not in fresh_docs]
    if full or (fresh_docs and not settled):  # nothing to keep: cluster everything at once
        clusters = cluster_events(list(events.values()))
    elif fresh_docs:
        fresh = [events[r["id"]] for r in rows if r["doc_id"] in fresh_docs]
        clusters = extend_clusters(_existing(settled, events), fresh)
    else:
        clusters = {}
    changed = {
        r["id"]: clusters[r["id"]]
        for r in rows
        if r["id"] in clusters and r["cluster_id"] != clusters[r["id"]]
    }
    _log(rows, changed)
    store.set_event_clusters(changed)
    return len(changed)


def _log(rows: list[dict[str, Any]], changed: dict[str, str]) -> None:
    known = {r["cluster_id"] for r in rows if r["cluster_id"]}
    joined = defaultdict(list)
    for event_id, cluster_id in changed.items():
        joined[cluster_id].append(event_id)
        LOG.debug("event %s -> cluster %s", event_id, cluster_id)
    for cluster_id, ids in joined.items():
        if cluster_id in known:
            LOG.info("cluster %s grows by %d report(s)", cluster_id, len(ids))
    LOG.info("%d event(s) clustered, %d into existing clusters", len(changed),
             sum(len(ids) for cid, ids in joined.items() if cid in known))  # fmt: skip
