"""SQL filter fragments shared by every event query (CLI, REST API, dashboard, report).

Only fixed column names and the fragments below are formatted into SQL; every value is bound.
"""

from __future__ import annotations

import re
from typing import Any

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")

#: Every code, country, name and surface text of an event's participants, lower-cased.
_ACTOR_VALUES = "list_concat({})".format(
    ", ".join(
        f"json_extract_string(lower(e.{side}), '$[*].{key}')"
        for side in ("source", "target")
        for key in ("code", "country", "name", "text")
    )
)
#: The date an event is placed at: its own (the start of an interval) when it is a calendar date,
#: else its article's (an unresolved "PRESENT_REF" or a duration such as "P2D" is no date).
#: Written in SQL that DuckDB and PostgreSQL both accept.
EVENT_DATE = (
    "split_part(CASE WHEN substr(e.date, 1, 1) BETWEEN '0' AND '9' THEN e.date ELSE a.publication_date END,"
    " '/', 1)"
)


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` literally anywhere (``%`` and ``_`` escaped with ``\\``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def event_where(flt: Any) -> tuple[str, list[Any]]:
    """WHERE clause and parameters for an ``EventQuery``/``EventFilter``-like object.

    Fields it reads (missing ones count as unset): dyad, actor, type, modality, since, until, q,
    doc_id, include_duplicates. Events are joined as ``e`` with their article as ``a``.
    """
    flt = _Fields(flt)
    clauses: list[str] = []
    params: list[Any] = []
    if flt.dyad:
        a, b = flt.dyad
        clauses.append(
            "((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))"
        )
        params += [a, b, b, a]
    if flt.actor:
        clauses.append(f"list_has_any({_ACTOR_VALUES}, [lower(?)])")
        params.append(flt.actor.strip())
    if flt.type:
        clauses.append("e.type = ?")
        params.append(flt.type.upper())
    if flt.modality:
        clauses.append("e.modality = ?")
        params.append(flt.modality)
    if flt.since:
        clauses.append(f"{EVENT_DATE} >= ?")
        params.append(flt.since)
    if flt.until:
        # "2023-12" must include every day of December: compare against the prefix.
        clauses.append(f"left({EVENT_DATE}, ?) <= ?")
        params += [len(flt.until), flt.until]
    if flt.q:
        clauses.append(
            "(e.evidence_text ILIKE ? ESCAPE '\\' OR e.trigger ILIKE ? ESCAPE '\\' OR a.title ILIKE ? ESCAPE '\\')"
        )
        params += [like_pattern(flt.q)] * 3
    if flt.doc_id:
        clauses.append("e.doc_id = ?")
        params.append(flt.doc_id)
    if not flt.include_duplicates:
        clauses.append("a.near_duplicate_of IS NULL")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class _Fields:
    """Attribute access that treats a missing filter field as unset."""

    def __init__(self, source: Any) -> None:
        self._source = source

    def __getattr__(self, name: str) -> Any:
        return getattr(self._source, name, None)
