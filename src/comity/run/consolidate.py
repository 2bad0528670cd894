"""Post-pass after a run: cluster stored events across documents and write the cluster ids."""

from __future__ import annotations

import json
from typing import Any

from comity.resolve.consolidate import EventLike, cluster_events, evidence_words
from comity.store.base import Store

EVENT_COLUMNS = (
    "SELECT e.id, e.doc_id, e.type, e.cameo, e.date, e.source_country, e.target_country, e.location,"
    " e.evidence_text, e.cluster_id FROM events e JOIN articles a ON a.id = e.doc_id"
    " WHERE a.near_duplicate_of IS NULL ORDER BY e.id"
)


def event_from_row(row: dict[str, Any]) -> EventLike:
    """A stored events row -> what clustering needs."""
    countries = frozenset(c for c in (row["source_country"], row["target_country"]) if c)
    location = json.loads(row["location"]) if row.get("location") else None
    place = (location.get("name") or location.get("text")) if location else None
    words = evidence_words(row["evidence_text"])
    return EventLike(
        row["id"], row["doc_id"], row["type"], row["cameo"], row["date"], countries, place, words
    )


def consolidate(store: Store) -> int:
    """Recompute event clusters over the whole store; return how many cluster ids changed."""
    rows = store.fetch(EVENT_COLUMNS)
    clusters = cluster_events([event_from_row(r) for r in rows])
    changed = {r["id"]: clusters[r["id"]] for r in rows if r["cluster_id"] != clusters[r["id"]]}
    store.set_event_clusters(changed)
    return len(changed)
