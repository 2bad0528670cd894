"""Post-pass after a run: cluster stored events across documents and write the cluster ids."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from comity.resolve.clusters import EventLike, cluster_events, evidence_words, is_approximate, person_names
from comity.store.base import Store

if TYPE_CHECKING:
    from comity.extract.actors.kb import ActorKB

EVENT_COLUMNS = (
    "SELECT e.id, e.doc_id, e.type, e.cameo, e.date, e.date_text, e.date_precision, e.modality,"
    " e.source, e.target, e.source_country, e.target_country, e.location,"
    " e.evidence_text, e.cluster_id FROM events e JOIN articles a ON a.id = e.doc_id"
    " WHERE a.near_duplicate_of IS NULL ORDER BY e.id"
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
        location.get("country") if location else None,
    )  # fmt: skip


def consolidate(store: Store, kb: ActorKB) -> int:
    """Recompute event clusters over the whole store; return how many cluster ids changed.

    ``kb`` is the actor KB the run was analysed with (it tells which actors are persons).
    """
    rows = store.fetch(EVENT_COLUMNS)
    clusters = cluster_events([event_from_row(r, kb) for r in rows])
    changed = {r["id"]: clusters[r["id"]] for r in rows if r["cluster_id"] != clusters[r["id"]]}
    store.set_event_clusters(changed)
    return len(changed)
