"""Listings of documents, entities, rejections and runs."""

from __future__ import annotations

import json
from typing import Any

from comity.store.base import Store


def documents(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    sql = (
        "SELECT a.id, a.name, a.title, a.publication_date, a.date_basis, a.author, a.outlet, a.fmt,"
        " a.near_duplicate_of, length(a.text) AS chars,"
        " (SELECT count(*) FROM events e WHERE e.doc_id = a.id) AS events"
        " FROM articles a ORDER BY a.publication_date NULLS LAST, a.name"
    )
    return store.fetch(sql + (" LIMIT ?" if limit is not None else ""), [limit] if limit is not None else [])


def entities(store: Store, *, label: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Distinct entities with their coding and mention counts (boilerplate mentions excluded)."""
    params: list[Any] = []
    where = "WHERE NOT in_boilerplate"
    if label:
        where += " AND label = ?"
        params.append(label.upper())
    sql = (
        "SELECT coalesce(canonical, text) AS name, label, country, sector, code,"
        " count(*) AS mentions, count(DISTINCT doc_id) AS documents"
        f" FROM mentions {where} GROUP BY 1, 2, 3, 4, 5 ORDER BY mentions DESC, name"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return store.fetch(sql, params)


def document_mentions(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """Every mention of one document (boilerplate included), in text order, with how it was resolved.

    ``flags`` comes back as a list (stored as JSON); rows stored before migration 2 have none.
    """
    rows = store.fetch(
        'SELECT start, "end", text, label, canonical, country, sector, code, resolution, confidence,'
        " flags, in_boilerplate, producer"
        ' FROM mentions WHERE doc_id = ? ORDER BY start, "end"',
        [doc_id],
    )
    for row in rows:
        row["flags"] = json.loads(row["flags"]) if row.get("flags") else []
    return rows


def rejections(store: Store) -> list[dict[str, Any]]:
    return store.fetch(
        "SELECT name, stage, reason, message, size, run_id, created_at FROM rejections ORDER BY created_at, name"
    )


def runs(store: Store) -> list[dict[str, Any]]:
    return store.fetch(
        "SELECT id, started, finished, inputs, stored, duplicates, near_duplicates, rejected, events"
        " FROM runs ORDER BY started"
    )
