"""Event queries. Every filter value is bound as a parameter, never formatted into SQL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from comity.errors import QueryError
from comity.query.filters import (
    EVENT_DATE,
    READING_ORDER,
    as_tuple,
    check_date,
    check_dyad,
    check_modality,
    check_range,
    check_types,
    event_where,
)
from comity.records import NOTE_STAGE, SKIP_STAGE
from comity.store.base import Store


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters for ``events``; ``dyad`` matches either direction, several types are OR-ed."""

    dyad: tuple[str, str] | None = None
    type: str | tuple[str, ...] | None = None
    exclude_type: str | tuple[str, ...] | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    include_duplicates: bool = False
    include_uncoded: bool = False  # events with a side the KB could not code
    limit: int | None = None

    def validate(self) -> None:
        check_date("--since", self.since)
        check_date("--until", self.until)
        check_range(self.since, self.until)
        check_dyad(self.dyad, "--dyad")
        check_types(as_tuple(self.type), "--type")
        check_types(as_tuple(self.exclude_type), "--exclude-type")
        check_modality(self.modality, "--modality")
        if self.limit is not None and self.limit < 0:
            raise QueryError(f"--limit must be zero or more, got {self.limit}")


def events(store: Store, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """Events in the JSON Lines contract shape, ordered by date, then article and reading order
    (the sentence, then the order the text tells its events in: ``Event.ordinal``)."""
    flt = flt or EventFilter()
    flt.validate()
    where, params = event_where(flt, store.dialect)
    sql = (
        "SELECT e.* FROM events e JOIN articles a ON a.id = e.doc_id"
        f"{where} ORDER BY {EVENT_DATE} NULLS LAST, {READING_ORDER}"
    )
    if flt.limit is not None:
        sql += " LIMIT ?"
        params.append(flt.limit)
    return [event_record(row) for row in store.fetch(sql, params)]


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored events row -> the public events JSON contract."""
    return {
        "id": row["id"],
        "doc_id": row["doc_id"],
        "doc": row["doc"],
        "type": row["type"],
        "cameo": row["cameo"],
        "mode": row["mode"],
        "goldstein": row["goldstein"],
        "source": json.loads(row["source"] or "[]"),
        "target": json.loads(row["target"] or "[]"),
        "date": row["date"],
        "date_text": row["date_text"],
        "date_precision": row["date_precision"],
        "date_basis": row["date_basis"],
        "location": json.loads(row["location"]) if row["location"] else None,
        "modality": row["modality"],
        "evidence": {
            "text": row["evidence_text"],
            "start": row["evidence_start"],
            "end": row["evidence_end"],
        },
        "trigger": row["trigger"],
        "confidence": row["confidence"],
        "cluster_id": row["cluster_id"],
        "producer": row["producer"],
    }


def summary(store: Store, *, run_id: str | None = None) -> dict[str, Any]:
    """Counts a user wants after a run: documents, events by type, top dyads, rejections, skips, notes.

    ``events`` leaves out the reports of near-duplicate articles (``near_duplicate_events``) and
    those with a side the KB could not code (``uncoded_events``), as ``comity events``, the API
    and the exported rows' ``counted`` flag do.

    Counts cover the whole store; ``rejections`` and ``skipped`` only the run ``run_id`` when
    given (a run's summary must not repeat inputs that earlier runs rejected).
    """
    scope, params = (" WHERE run_id = ?", [run_id]) if run_id is not None else ("", [])
    outcomes = store.fetch(
        f"SELECT name, stage, reason, message FROM rejections{scope} ORDER BY created_at, name", params
    )
    outside = "JOIN articles a ON a.id = e.doc_id WHERE a.near_duplicate_of IS NULL"
    live = f"{outside} AND e.dyadic IS NOT FALSE"
    stored = store.fetch("SELECT count(*) AS n FROM events")[0]["n"]
    not_duplicated = store.fetch(f"SELECT count(*) AS n FROM events e {outside}")[0]["n"]
    counted = store.fetch(f"SELECT count(*) AS n FROM events e {live}")[0]["n"]
    return {
        "documents": store.fetch("SELECT count(*) AS n FROM articles")[0]["n"],
        "near_duplicates": store.fetch(
            "SELECT count(*) AS n FROM articles WHERE near_duplicate_of IS NOT NULL"
        )[0]["n"],
        # One rule for every view: reports in near-duplicate articles are linked, not counted
        # (``counted`` false in the exported rows); the events table holds them all.
        "events": counted,
        "near_duplicate_events": stored - not_duplicated,
        # Reports with a side the KB could not code: stored, shown with --include-uncoded.
        "uncoded_events": not_duplicated - counted,
        "events_by_type": store.fetch(
            f"SELECT e.type, count(*) AS n FROM events e {live} GROUP BY e.type ORDER BY n DESC, e.type"
        ),
        "top_dyads": store.fetch(
            "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b,"
            f" count(*) AS n FROM events e {live} AND source_country IS NOT NULL AND target_country IS NOT NULL"
            " AND source_country <> target_country GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT 5"
        ),
        "rejections": [r for r in outcomes if r["stage"] not in (SKIP_STAGE, NOTE_STAGE)],
        "skipped": [r for r in outcomes if r["stage"] == SKIP_STAGE],
        "notes": [r for r in outcomes if r["stage"] == NOTE_STAGE],
    }
