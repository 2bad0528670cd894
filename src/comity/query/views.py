"""Read models for the REST API, the dashboard and the report: facts with corroboration marks,
a dyad's consolidated timeline, an event's reports across articles, an actor's profile.

Every filter value is bound as a SQL parameter; the SQL written here is plain SQL that DuckDB and
PostgreSQL both accept.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any, Protocol

from comity.errors import QueryError
from comity.query.browse import EventQuery, Page, check_page, find_events
from comity.query.events import event_record
from comity.query.filters import READING_ORDER, check_date, check_dyad, check_range
from comity.query.names import RoleSource as DatedRoles
from comity.query.names import named_actor
from comity.query.relationship import PairFilter, dyad_events, status_ladder
from comity.store.base import Store

MEASURE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
#: Adds corroboration marks to fact rows (``comity.resolve`` is a later layer: callers pass it in).
Marker = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
_PERIOD_DATE = re.compile(r"^(?:since\s+)?(\d{4}(?:-\d{2}(?:-\d{2})?)?)")


def _check_dates(since: str | None, until: str | None) -> None:
    check_date("since", since)
    check_date("until", until)
    check_range(since, until)


def _check_dyad(dyad: tuple[str, str] | None) -> None:
    check_dyad(dyad)


def fact_date(fact: dict[str, Any]) -> str | None:
    """Where a fact sits in time: the start of its period when that is a date, else its article's date."""
    found = _PERIOD_DATE.match(fact.get("period") or "")
    return found.group(1) if found else fact.get("publication_date")


def _in_range(date: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if not date:
        return False
    return (since is None or date >= since) and (until is None or date[: len(until)] <= until)


def all_facts(
    store: Store,
    *,
    dyad: tuple[str, str] | None = None,
    measure: str | None = None,
    marker: Marker | None = None,
) -> list[dict[str, Any]]:
    """Facts (of ``dyad``, either order, and ``measure`` when given) with evidence spans and their
    place in time (``date``), passed through ``marker`` when given."""
    _check_dyad(dyad)
    if measure is not None and not MEASURE_RE.match(measure):
        raise QueryError(f"measure must be a measure name such as trade_volume, got {measure!r}")
    clauses = ["a.near_duplicate_of IS NULL"]
    params: list[Any] = []
    if dyad is not None:
        a, b = dyad
        clauses.append("(f.subject IN (?, ?) OR f.subject LIKE ? OR f.subject LIKE ?)")
        params += [f"{a}-{b}", f"{b}-{a}", f"{a}-{b}/%", f"{b}-{a}/%"]
    if measure is not None:
        clauses.append("f.measure = ?")
        params.append(measure)
    rows = store.fetch(
        "SELECT f.id, f.doc_id, f.subject, f.measure, f.value_number, f.value_text, f.unit, f.qualifier,"
        " f.period, f.source_stated, f.evidence_text, f.evidence_start, f.evidence_end,"
        " a.publication_date, a.outlet, a.title"
        f" FROM facts f JOIN articles a ON a.id = f.doc_id WHERE {' AND '.join(clauses)}"
        " ORDER BY f.measure, f.subject, a.publication_date, f.doc_id, f.evidence_start, f.id",
        params,
    )
    for row in rows:
        row["value"] = row.pop("value_number") if row["value_number"] is not None else row["value_text"]
        row.pop("value_text", None)
        row["evidence"] = {
            "text": row.pop("evidence_text"),
            "start": row.pop("evidence_start"),
            "end": row.pop("evidence_end"),
        }
        row["date"] = fact_date(row)
    return marker(rows) if marker is not None else rows


def find_facts(
    store: Store,
    *,
    dyad: tuple[str, str] | None = None,
    measure: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
    marker: Marker | None = None,
) -> Page:
    """One page of facts, by measure then subject and date (marked by ``marker`` when given).

    Marks are computed over every fact of the measure (not only the page or the date range), so
    a fact keeps its mark whichever page shows it.
    """
    _check_dates(since, until)
    check_page(limit, offset)
    rows = [
        f
        for f in all_facts(store, dyad=dyad, measure=measure, marker=marker)
        if _in_range(f["date"], since, until)
    ]
    return Page(rows[offset : offset + limit], len(rows), limit, offset)


def dyad_timeline(
    store: Store,
    dyad: tuple[str, str],
    *,
    since: str | None = None,
    narrow: PairFilter | None = None,
    kb: DatedRoles | None = None,
) -> dict[str, Any]:
    """Consolidated events of ``dyad`` (one per cluster, with its number of sources and its lead
    report's actors by name, role at the date and country) and the status ladder."""
    _check_dyad(dyad)
    _check_dates(since, None)
    clusters = dyad_events(store, dyad, since=since, narrow=narrow)
    leads = _lead_actors(store, clusters)
    events = [
        {
            **e,
            "source_count": len(e["sources"]),
            **{
                side: [named_actor(a, e["date"], kb) for a in leads.get(e["cluster_id"], {}).get(side, [])]
                for side in ("source", "target")
            },
        }
        for e in clusters
    ]
    ladder = [{**rung, "date": rung["since"] or rung["first_stated"]} for rung in status_ladder(store, dyad)]
    return {"dyad": "-".join(dyad), "items": events, "ladder": ladder}


def _lead_actors(store: Store, clusters: list[dict[str, Any]]) -> dict[str, dict[str, list[Any]]]:
    """cluster id -> the source and target actors of its lead report (the one whose evidence it shows)."""
    ids = [i for c in clusters for i in c["event_ids"]]
    rows: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in store.fetch(
            "SELECT id, doc_id, evidence_text, source, target FROM events"
            f" WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            rows[row["id"]] = row
    leads = {}
    for c in clusters:
        members = [rows[i] for i in c["event_ids"] if i in rows]
        lead = next(
            (m for m in members if m["doc_id"] == c["doc_id"] and m["evidence_text"] == c["evidence"]),
            members[0] if members else None,
        )
        if lead is not None:
            leads[c["cluster_id"]] = {side: json.loads(lead[side] or "[]") for side in ("source", "target")}
    return leads


def cluster_reports(store: Store, event_id: str) -> list[dict[str, Any]] | None:
    """Every report (event row) of ``event_id``'s cluster, with its article's title; None if unknown."""
    rows = store.fetch(
        "SELECT e.*, a.title AS doc_title, a.publication_date AS doc_date, a.outlet AS doc_outlet"
        " FROM events e JOIN articles a ON a.id = e.doc_id"
        " WHERE coalesce(e.cluster_id, e.id) = (SELECT coalesce(cluster_id, id) FROM events WHERE id = ?)"
        f" ORDER BY a.publication_date, {READING_ORDER}",
        [event_id],
    )
    if not rows:
        return None
    return [
        {
            **event_record(r),
            "doc_title": r["doc_title"],
            "doc_date": r["doc_date"],
            "doc_outlet": r["doc_outlet"],
        }
        for r in rows
    ]


class RoleSource(Protocol):
    """The part of ``comity.extract.actors.kb.ActorKB`` an actor profile uses."""

    def roles_over_time(self, name: str) -> tuple[str | None, list[dict[str, Any]]]: ...


def _roles(kb: RoleSource | None, name: str) -> tuple[str | None, list[dict[str, Any]]]:
    """The canonical name and the roles over time (role, country, sector, code, start, end, source,
    licence) the KB records for ``name``."""
    return (None, []) if kb is None else kb.roles_over_time(name)


def _matches(actor: dict[str, Any], keys: set[str]) -> bool:
    return any(str(actor.get(k) or "").lower() in keys for k in ("name", "text", "code"))


def actor_profile(
    store: Store, name: str, kb: RoleSource | None = None, *, limit: int = 200
) -> dict[str, Any] | None:
    """Roles over time (from ``kb``), counterparts and events of an actor; None when unknown to both."""
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise QueryError(f"name must be 1 to 200 characters, got {name!r}")
    canonical, roles = _roles(kb, name)
    shown = canonical or name
    page = find_events(store, EventQuery(actor=shown, limit=min(limit, 500)))
    if canonical is None and page.total == 0:
        return None
    keys = {shown.lower(), name.lower()}
    counterparts: Counter[tuple[str, str | None]] = Counter()
    for event in page.items:
        sides = (event["source"], event["target"])
        for mine, other in (sides, sides[::-1]):
            if any(_matches(a, keys) for a in mine):
                for actor in other:
                    label = str(actor.get("name") or actor.get("code") or actor.get("country") or "?")
                    counterparts[(label, actor.get("country"))] += 1
    return {
        "name": shown,
        "known": canonical is not None,
        "roles": roles,
        "counterparts": [
            {"name": label, "country": country, "events": n}
            for (label, country), n in sorted(counterparts.items(), key=lambda kv: (-kv[1], kv[0][0]))
        ],
        "events": {"total": page.total, "items": page.items},
    }
