"""SQL filter fragments shared by every event query (CLI, REST API, dashboard, report).

Only fixed column names and the fragments below are formatted into SQL; every value is bound.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any, get_args

from comity import ontology
from comity.errors import QueryError
from comity.records import Modality
from comity.store.dialect import SqlDialect

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")
MODALITIES: tuple[str, ...] = get_args(Modality)
#: Modalities of events that did not happen (or not yet): left out of series and timelines.
UNREALISED: tuple[str, ...] = ("negated", "hypothetical")


def event_types() -> tuple[str, ...]:
    """Every value ``events.type`` can hold: PLOVER's 16 types and the ``STATEMENT`` marker."""
    return ontology.event_types()


def known_countries() -> frozenset[str]:
    """ISO3 codes of the countries comity codes actors to (the ontology's countries table)."""
    return ontology.country_codes()


def check_date(name: str, value: str | None) -> None:
    """Raise ``QueryError`` unless ``value`` is None or a real YYYY, YYYY-MM or YYYY-MM-DD date."""
    if value is None:
        return
    parts = value.split("-") if DATE_RE.match(value) else []
    try:
        if not parts:
            raise ValueError
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        raise QueryError(
            f"{name} must be a date like 2023, 2023-12 or 2023-12-01 (YYYY, YYYY-MM or YYYY-MM-DD),"
            f" got {value!r}"
        ) from None


def check_dyad(dyad: Sequence[str] | None, name: str = "dyad") -> None:
    """Raise ``QueryError`` unless ``dyad`` is None or two known ISO3 country codes."""
    if dyad is None:
        return
    if len(dyad) != 2 or not all(ISO3_RE.match(c) for c in dyad):
        raise QueryError(f"{name} takes two ISO3 country codes such as CHN-VNM, got {tuple(dyad)!r}")
    for code in dyad:
        check_known_country(code, name)
    if dyad[0] == dyad[1]:
        raise QueryError(f"{name} needs two different countries, got {'-'.join(dyad)!r}")


def check_known_country(code: str, name: str, known: Collection[str] | None = None) -> None:
    """Raise ``QueryError`` unless ``code`` is in ``known`` (the packaged countries by default)."""
    if code not in (known_countries() if known is None else known):
        raise QueryError(f"{name}: unknown ISO3 country code {code!r} (e.g. CHN, VNM, USA)")


def check_range(since: str | None, until: str | None) -> None:
    """Raise ``QueryError`` when ``since`` is after ``until`` (both already valid dates)."""
    if since and until and since[: len(until)] > until:
        raise QueryError(f"since ({since}) is after until ({until}): no date can match")


def check_types(types: Sequence[str], name: str = "type") -> tuple[str, ...]:
    """``types`` upper-cased; raise ``QueryError`` listing the valid types for an unknown one."""
    wanted = tuple(t.strip().upper() for t in types)
    unknown = [t for t in wanted if t not in event_types()]
    if unknown:
        raise QueryError(f"{name}: unknown event type {unknown[0]!r}; valid: {', '.join(event_types())}")
    return wanted


def check_modality(modality: str | None, name: str = "modality") -> None:
    if modality is not None and modality not in MODALITIES:
        raise QueryError(f"{name} must be one of {', '.join(MODALITIES)}, got {modality!r}")


def as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """A filter that takes one value or several, as a tuple (empty when unset)."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


#: An ``actor`` filter matches an event participant (a JSON object in ``e.source`` or
#: ``e.target``) by any of these fields, case-insensitively.
ACTOR_SIDES = ("lower(e.source)", "lower(e.target)")
ACTOR_FIELDS = ("code", "country", "name", "text")
#: The date an event is placed at: its own (the start of an interval) when it is a calendar date,
#: else its article's (an unresolved "PRESENT_REF" or a duration such as "P2D" is no date).
#: Written in SQL that DuckDB and PostgreSQL both accept.
EVENT_DATE = (
    "split_part(CASE WHEN substr(e.date, 1, 1) BETWEEN '0' AND '9' THEN e.date ELSE a.publication_date END,"
    " '/', 1)"
)

#: Events of one article in the order it tells them: by sentence, then ``Event.ordinal`` (trigger
#: word, a tour's hosts in turn; NULL, a row stored before the column, last), then id.
READING_ORDER = "e.doc_id, e.evidence_start, e.ordinal NULLS LAST, e.id"


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` literally anywhere (``%`` and ``_`` escaped with ``\\``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def event_where(flt: Any, dialect: SqlDialect) -> tuple[str, list[Any]]:
    """WHERE clause and parameters for an ``EventQuery``/``EventFilter``-like object.

    Fields it reads (missing ones count as unset): dyad, actor, type (one or several, OR-ed),
    exclude_type, modality, since, until, q, doc_id, outlet, include_duplicates, include_uncoded
    (events with a side the KB could not code are left out unless it is set). Events are joined as
    ``e`` with their article as ``a``. ``dialect`` is the store's (``store.dialect``): the
    actor filter looks into JSON, which every database spells its own way.
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
        clauses.append(dialect.json_array_has_value(ACTOR_SIDES, ACTOR_FIELDS, "lower(?)"))
        params.append(flt.actor.strip())
    types = [t.upper() for t in as_tuple(flt.type)]
    if types:
        clauses.append(f"e.type IN ({', '.join('?' * len(types))})")
        params += types
    excluded = [t.upper() for t in as_tuple(flt.exclude_type)]
    if excluded:
        clauses.append(f"e.type NOT IN ({', '.join('?' * len(excluded))})")
        params += excluded
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
    if flt.outlet:
        clauses.append("a.outlet = ?")
        params.append(flt.outlet)
    if not flt.include_duplicates:
        clauses.append("a.near_duplicate_of IS NULL")
    if not flt.include_uncoded:
        clauses.append("e.dyadic IS NOT FALSE")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class _Fields:
    """Attribute access that treats a missing filter field as unset."""

    def __init__(self, source: Any) -> None:
        self._source = source

    def __getattr__(self, name: str) -> Any:
        return getattr(self._source, name, None)
