"""Paged, filtered reads for browsing: events, documents, actors, rejections.

Used by the REST API, the dashboard and the static report. Every filter value is bound as
a SQL parameter; only fixed column names and fragments defined here are formatted into SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from comity.errors import QueryError
from comity.query.events import event_record
from comity.query.filters import (
    EVENT_DATE,
    ISO3_RE,
    READING_ORDER,
    as_tuple,
    check_date,
    check_dyad,
    check_known_country,
    check_modality,
    check_range,
    check_types,
    event_where,
    like_pattern,
)
from comity.store.base import Store

MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Page:
    """One page of rows and the number of rows over all pages."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "items": self.items}


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters for ``find_events``; ``dyad`` matches either direction, ``q`` is a substring search."""

    dyad: tuple[str, str] | None = None
    actor: str | None = None
    type: str | tuple[str, ...] | None = None
    exclude_type: str | tuple[str, ...] | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    doc_id: str | None = None
    include_duplicates: bool = False
    include_uncoded: bool = False  # events with a side the KB could not code
    limit: int = 50
    offset: int = 0
    outlet: str | None = None

    def validate(self) -> None:
        """Raise ``QueryError`` naming the first bad parameter."""
        check_date("since", self.since)
        check_date("until", self.until)
        check_range(self.since, self.until)
        check_dyad(self.dyad)
        check_types(as_tuple(self.type))
        check_types(as_tuple(self.exclude_type), "exclude_type")
        check_modality(self.modality)
        check_page(self.limit, self.offset)


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise QueryError(f"offset must be zero or more, got {offset}")


def find_events(store: Store, flt: EventQuery | None = None) -> Page:
    """Events matching ``flt`` in the JSON Lines contract shape, oldest first, one page of them."""
    flt = flt or EventQuery()
    flt.validate()
    where, params = event_where(flt, store.dialect)
    base = f"FROM events e JOIN articles a ON a.id = e.doc_id{where}"
    total = int(store.fetch(f"SELECT count(*) AS n {base}", params)[0]["n"])
    rows = store.fetch(
        f"SELECT e.*, a.title AS doc_title, a.publication_date AS doc_date {base}"
        f" ORDER BY {EVENT_DATE} NULLS LAST, {READING_ORDER} LIMIT ? OFFSET ?",
        [*params, flt.limit, flt.offset],
    )
    items = [{**event_record(r), "doc_title": r["doc_title"], "doc_date": r["doc_date"]} for r in rows]
    return Page(items, total, flt.limit, flt.offset)


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with its article's title and date, or None."""
    rows = store.fetch(
        "SELECT e.*, a.title AS doc_title, a.publication_date AS doc_date"
        " FROM events e JOIN articles a ON a.id = e.doc_id WHERE e.id = ?",
        [event_id],
    )
    if not rows:
        return None
    row = rows[0]
    return {**event_record(row), "doc_title": row["doc_title"], "doc_date": row["doc_date"]}


_DOC_COLUMNS = (
    "a.id, a.name, a.title, a.publication_date, a.date_basis, a.author, a.outlet, a.url, a.fmt,"
    " a.near_duplicate_of, length(a.text) AS chars,"
    " (SELECT count(*) FROM events e WHERE e.doc_id = a.id) AS events"
)


def list_documents(store: Store, *, limit: int = 50, offset: int = 0, q: str | None = None) -> Page:
    """Documents, newest publication date last, with their event counts; ``q`` searches title and name."""
    check_page(limit, offset)
    where, params = "", []
    if q:
        where = (
            " WHERE (a.title ILIKE ? ESCAPE '\\' OR a.name ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')"
        )
        params = [like_pattern(q)] * 3
    total = int(store.fetch(f"SELECT count(*) AS n FROM articles a{where}", params)[0]["n"])
    rows = store.fetch(
        f"SELECT {_DOC_COLUMNS} FROM articles a{where}"
        " ORDER BY a.publication_date NULLS LAST, a.name, a.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page(rows, total, limit, offset)


def get_document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document with its text, boilerplate spans, dateline and the evidence spans of its events."""
    rows = store.fetch(
        f"SELECT {_DOC_COLUMNS}, a.text, a.boilerplate, a.dateline_start, a.dateline_end"
        " FROM articles a WHERE a.id = ?",
        [doc_id],
    )
    if not rows:
        return None
    doc = dict(rows[0])
    doc["boilerplate"] = json.loads(doc["boilerplate"] or "[]")
    start, end = doc.pop("dateline_start"), doc.pop("dateline_end")
    doc["dateline"] = {"start": start, "end": end} if start is not None else None
    doc["evidence"] = store.fetch(
        'SELECT id AS event_id, type, modality, evidence_start AS start, evidence_end AS "end",'
        " evidence_text AS text FROM events WHERE doc_id = ? ORDER BY evidence_start, ordinal NULLS LAST, id",
        [doc_id],
    )
    doc["rejections"] = store.fetch(
        "SELECT stage, reason, message FROM rejections WHERE doc_id = ? ORDER BY created_at", [doc_id]
    )
    return doc


def list_actors(
    store: Store, *, limit: int = 50, offset: int = 0, country: str | None = None, q: str | None = None
) -> Page:
    """Actors as recognised in the text (mentions outside boilerplate), most mentioned first."""
    check_page(limit, offset)
    where = "WHERE NOT coalesce(in_boilerplate, false)"
    params: list[Any] = []
    if country:
        if not ISO3_RE.match(country.upper()):
            raise QueryError(f"country must be an ISO3 code such as VNM, got {country!r}")
        check_known_country(country.upper(), "country")
        where += " AND country = ?"
        params.append(country.upper())
    if q:
        where += " AND (coalesce(canonical, text) ILIKE ? ESCAPE '\\' OR code ILIKE ? ESCAPE '\\')"
        params += [like_pattern(q)] * 2
    grouped = (
        "SELECT coalesce(canonical, text) AS name, label, country, sector, code,"
        " count(*) AS mentions, count(DISTINCT doc_id) AS documents"
        f" FROM mentions {where} GROUP BY 1, 2, 3, 4, 5"
    )
    total = int(store.fetch(f"SELECT count(*) AS n FROM ({grouped}) AS actors", params)[0]["n"])
    rows = store.fetch(
        f"{grouped} ORDER BY mentions DESC, name, label LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    return Page(rows, total, limit, offset)


def list_rejections(store: Store, *, limit: int = 50, offset: int = 0) -> Page:
    """Inputs that could not be processed, and why, oldest first."""
    check_page(limit, offset)
    total = int(store.fetch("SELECT count(*) AS n FROM rejections")[0]["n"])
    rows = store.fetch(
        "SELECT id, name, stage, reason, message, doc_id, size, run_id, created_at FROM rejections"
        " ORDER BY created_at, name, id LIMIT ? OFFSET ?",
        [limit, offset],
    )
    return Page(rows, total, limit, offset)
