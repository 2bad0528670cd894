"""The living record of a dyad: consolidated events, the status ladder and the facts.

Rows only; every filter value is bound as a parameter. Corroboration marks for facts are
computed by ``comity.resolve.corroborate_facts`` over ``dyad_facts`` (the CLI adds them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from comity.errors import QueryError
from comity.query.filters import (
    READING_ORDER,
    UNREALISED,
    check_date,
    check_dyad,
    check_modality,
    check_range,
    check_types,
)
from comity.records import BORROWED_DATE_BASES
from comity.store.base import Store

_LIVE = "a.near_duplicate_of IS NULL"
_EVENT_DYAD = (
    "((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))"
)
_FACT_DYAD = "split_part(f.subject, '/', 1) IN (?, ?)"
_PRECISION = {"day": 3, "month": 2, "quarter": 1, "half": 1, "year": 1}


def _check(dyad: tuple[str, str], since: str | None) -> None:
    # Named as the API's query parameters: the timeline and series serve the CLI and the API.
    check_dyad(dyad, "dyad")
    check_date("since", since)


@dataclass(frozen=True, slots=True)
class PairFilter:
    """What a reader narrows a pair's events to (the dashboard's filters); every field optional.

    ``types`` and ``modality`` and ``outlet`` select reports before they are grouped into events;
    ``until`` (like ``since``) bounds the events' dates.
    """

    types: tuple[str, ...] = ()
    modality: str | None = None
    outlet: str | None = None
    until: str | None = None

    def validate(self, since: str | None = None) -> None:
        check_types(self.types)
        check_modality(self.modality)
        check_date("until", self.until)
        check_range(since, self.until)
        if self.outlet is not None and not 0 < len(self.outlet) <= 200:
            raise QueryError(f"outlet must be 1 to 200 characters, got {self.outlet!r}")

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions (each starting with AND) over ``e`` and ``a``, and their parameters."""
        sql, params = "", []  # type: tuple[str, list[Any]]
        if self.types:
            sql += f" AND e.type IN ({', '.join('?' * len(self.types))})"
            params += [t.upper() for t in self.types]
        if self.modality:
            sql += " AND e.modality = ?"
            params.append(self.modality)
        if self.outlet:
            sql += " AND a.outlet = ?"
            params.append(self.outlet)
        return sql, params


def dyad_events(
    store: Store,
    dyad: tuple[str, str],
    *,
    since: str | None = None,
    include_unrealised: bool = False,
    narrow: PairFilter | None = None,
) -> list[dict[str, Any]]:
    """One row per event cluster of ``dyad`` in date order: date, type, actors, reports, sources.

    A cluster belongs to the dyad when one of its reports names both countries; the row lists all
    its reports (also those that name one side only), so one real-world event is one row with
    every report and outlet that told it. Reports whose modality is negated or hypothetical ("did
    not sign", "would sign") describe something that did not happen: they are left out unless
    ``include_unrealised``, so a cluster is a real-world event that at least one report asserts
    (or dates as future, past, ongoing).
    ``narrow`` keeps the reports (and so the events) it selects.
    """
    _check(dyad, since)
    a, b = dyad
    realised, realised_params = "", []
    if not include_unrealised:
        realised = f" AND coalesce(e.modality, 'asserted') NOT IN ({', '.join('?' * len(UNREALISED))})"
        realised_params = list(UNREALISED)
    if narrow is not None:  # the reader's filters select reports, in the dyad test and in the rows
        narrow.validate(since)
        extra, values = narrow.where()
        realised, realised_params = realised + extra, realised_params + values
    in_dyad = (
        "SELECT coalesce(e.cluster_id, e.id) FROM events e JOIN articles a ON a.id = e.doc_id"
        f" WHERE {_LIVE} AND {_EVENT_DYAD}{realised}"
    )
    rows = store.fetch(
        "SELECT coalesce(e.cluster_id, e.id) AS cluster_id, e.id, e.doc_id, e.type, e.cameo,"
        " coalesce(e.date, a.publication_date) AS date, e.date AS own_date, e.date_basis, e.date_precision,"
        " e.source_country,"
        " e.target_country, e.evidence_text, e.confidence, e.goldstein, e.modality, a.outlet, a.title"
        f" FROM events e JOIN articles a ON a.id = e.doc_id WHERE {_LIVE}{realised}"
        f" AND coalesce(e.cluster_id, e.id) IN ({in_dyad})"
        f" ORDER BY {READING_ORDER}",
        [*realised_params, a, b, b, a, *realised_params],
    )
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row["cluster_id"]].append(row)
    shown: set[str] = set()  # evidence already leading a row: another row shows another report
    # rows with the fewest sentences to show choose first, so a row with another sentence gives way
    fewest = sorted(groups.items(), key=lambda item: len({m["evidence_text"] for m in item[1]}))
    clusters = [_cluster_row(cid, members, {a, b}, shown) for cid, members in fewest]
    if since:
        clusters = [c for c in clusters if c["date"] and c["date"] >= since]
    if narrow is not None and narrow.until:
        until = narrow.until
        clusters = [c for c in clusters if c["date"] and c["date"][: len(until)] <= until]
    return sorted(clusters, key=lambda c: (c["date"] or "9999", c["cluster_id"]))


def _best_dated(members: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The report whose date the row shows: one its own sentence dates before a borrowed one (the
    article's date, a date carried from another sentence) or an undated one's publication date;
    then the most precise, then the shorter (one day before an interval of days)."""
    dated = [m for m in members if m["date"]]
    if not dated:
        return None
    return max(
        dated,
        key=lambda m: (_date_strength(m), _PRECISION.get(m["date_precision"] or "", 0), -len(m["date"])),
    )


def _date_strength(member: dict[str, Any]) -> int:
    if not member["own_date"]:
        return 0
    return 1 if member["date_basis"] in BORROWED_DATE_BASES else 2


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _cluster_row(
    cluster_id: str, members: Sequence[dict[str, Any]], dyad: set[str], shown: set[str]
) -> dict[str, Any]:
    # the lead report names the two countries of the dyad, then has a sentence no other row shows
    # (one sentence often tells two events: "Xi, who paid a state visit ..., held talks with ..."),
    # then is the most confident
    lead = max(members, key=lambda m: ({m["source_country"], m["target_country"]} == dyad,
                                       m["evidence_text"] not in shown,
                                       m["confidence"] or 0.0, -len(m["evidence_text"] or "")))  # fmt: skip
    shown.add(lead["evidence_text"])
    sources = sorted({m["outlet"] or m["title"] or m["doc_id"] for m in members})
    dated = _best_dated(members)
    return {
        "cluster_id": cluster_id,
        "date": str(dated["date"]) if dated else None,
        "date_precision": dated["date_precision"] if dated else None,
        "type": Counter(m["type"] for m in members).most_common(1)[0][0],
        "actors": f"{lead['source_country'] or '?'}->{lead['target_country'] or '?'}",
        "documents": len({m["doc_id"] for m in members}),
        "mentions": len(members),
        "reported": f"{_plural(len(members), 'report')} from {_plural(len(sources), 'outlet')}",
        "sources": sources,
        "confidence": max((m["confidence"] or 0.0) for m in members),
        "goldstein": _goldstein(lead, members),
        "evidence": lead["evidence_text"],
        "doc_id": lead["doc_id"],
        "event_ids": [m["id"] for m in members],
    }


def _goldstein(lead: dict[str, Any], members: Sequence[dict[str, Any]]) -> float | None:
    """The lead report's Goldstein score, else the mean of the members that have one."""
    if lead.get("goldstein") is not None:
        return float(lead["goldstein"])
    scores = [float(m["goldstein"]) for m in members if m.get("goldstein") is not None]
    return round(sum(scores) / len(scores), 3) if scores else None


def dyad_facts(store: Store, dyad: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """Stored facts (of ``dyad`` when given), in document order, with their article's date."""
    params: list[Any] = []
    where = _LIVE
    if dyad is not None:
        _check(dyad, None)
        a, b = dyad
        where += f" AND {_FACT_DYAD}"
        params += [f"{a}-{b}", f"{b}-{a}"]
    rows = store.fetch(
        "SELECT f.id, f.doc_id, f.subject, f.measure, f.value_number, f.value_text, f.unit, f.qualifier, f.period, f.source_stated,"
        " f.evidence_text AS evidence, f.evidence_start, a.publication_date, a.outlet, a.title"
        f" FROM facts f JOIN articles a ON a.id = f.doc_id WHERE {where}"
        " ORDER BY a.publication_date NULLS LAST, f.doc_id, f.evidence_start, f.id",
        params,
    )
    for row in rows:
        row["value"] = row["value_number"] if row["value_number"] is not None else row["value_text"]
    return rows


def _since(row: dict[str, Any]) -> tuple[str | None, str | None]:
    """(since-date, as-of date) of a status fact."""
    period = row["period"] or ""
    if period.startswith("since "):
        return period[len("since ") :], None
    return None, period or row["publication_date"]


def status_ladder(store: Store, dyad: tuple[str, str]) -> list[dict[str, Any]]:
    """One rung per normalised status, ordered by the date it holds since (else first stated)."""
    facts = [f for f in dyad_facts(store, dyad) if f["measure"] == "relationship_status"]
    rungs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in facts:
        rungs[str(fact["value"])].append(fact)
    ladder = []
    for label, members in rungs.items():
        since = sorted(s for s in (_since(m)[0] for m in members) if s)
        stated = sorted(d for d in (_since(m)[1] for m in members) if d)
        ladder.append(
            {
                "status": label,
                "since": since[0] if since else None,
                "first_stated": stated[0] if stated else None,
                "wordings": sorted({m["evidence"] for m in members}),
                "documents": len({m["doc_id"] for m in members}),
                "sources": sorted({m["outlet"] or m["title"] or m["doc_id"] for m in members}),
                "fact_ids": [m["id"] for m in members],
            }
        )
    return sorted(ladder, key=lambda r: (r["since"] or r["first_stated"] or "9999", r["status"]))
