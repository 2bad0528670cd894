"""Event rows for analysis tools: one flat row per stored event report, actors as plain columns.

R, Stata and pandas want a rectangle: no nested JSON, one value per cell. A report's first source
and first target actor get their own columns (``source_name``, ``source_country``, ...); every
actor of a side is listed in ``source_all``. ``COLUMNS`` is the codebook's column list (the same
names, types and meanings as ``docs/codebook.md``, which a test holds to it).

Why counts differ between a raw ``SELECT count(*) FROM events`` and the views: a report from an
article that nearly duplicates another (``near_duplicate_of``) is linked to the original, not
counted again, so ``counted`` is false on it, as it is on a report with a side the actor KB could
not code (``dyadic`` false: "gunmen attacked ..."); the summary, ``comity events`` and the
dashboard count the rows where ``counted`` is true. A negated or hypothetical report (``realised`` false)
describes something that did not happen: the series leave it out, and count each consolidated
event (``cluster_id``) once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from comity.ontology import country_names, quad_of
from comity.query.events import EventFilter
from comity.query.filters import EVENT_DATE, READING_ORDER, UNREALISED, event_where
from comity.query.names import RoleSource
from comity.query.places import place_of
from comity.store.base import Store

ColumnType = Literal["string", "integer", "float", "boolean"]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType
    meaning: str


def _side(side: str, other: str) -> tuple[Column, ...]:
    return (
        Column(f"{side}_text", "string", f"The {side} actor as the sentence words it"),
        Column(f"{side}_name", "string", f"Canonical name of the {side} actor (a person, body or country)"),
        Column(f"{side}_country", "string", f"ISO3 code of the {side} actor's country"),
        Column(f"{side}_country_name", "string", "English short name of that country"),
        Column(f"{side}_sector", "string", f"Sector code of the {side} actor (code list: sector)"),
        Column(f"{side}_code", "string", f"Country + sector code, e.g. VNMGOV ({other} side: {other}_code)"),
        Column(
            f"{side}_role", "string", f"Office the {side} person held on the event's date, from the actor KB"
        ),
        Column(f"{side}_all", "string", f"Every {side} actor of the report, '; '-separated names"),
        Column(f"{side}_actors", "integer", f"How many {side} actors the report names"),
    )


COLUMNS: tuple[Column, ...] = (
    Column("event_id", "string", "Stable id of the event report (one sentence of one article)"),
    Column("cluster_id", "string", "Consolidated event: reports of one real-world event share it"),
    Column(
        "counted",
        "boolean",
        "True unless the article nearly duplicates another (then linked, not counted) or a side is uncoded",
    ),
    Column("dyadic", "boolean", "True when the KB coded both the source and the target"),
    Column("realised", "boolean", "False for negated or hypothetical reports (left out of the series)"),
    Column("near_duplicate_of", "string", "Id of the article this report's article nearly duplicates"),
    Column("doc_id", "string", "Id of the article"),
    Column("doc_title", "string", "Title of the article"),
    Column("outlet", "string", "Outlet that published the article"),
    Column("url", "string", "Address of the article, when it came from the web"),
    Column("publication_date", "string", "Publication date of the article (ISO 8601)"),
    Column("date", "string", "Date of the event (ISO 8601; a range as start/end), else the article's date"),
    Column("date_precision", "string", "Precision of date (code list: date_precision)"),
    Column("date_basis", "string", "Where the date came from (code list: date_basis)"),
    Column("date_text", "string", "The words that dated the event"),
    Column("year", "integer", "Year of date"),
    Column("month", "integer", "Month of date, when date is at least that precise"),
    Column("type", "string", "PLOVER event type (code list: type)"),
    Column("quad_class", "string", "PLOVER quad class of type (code list: quad_class)"),
    Column("cameo", "string", "CAMEO code"),
    Column("mode", "string", "PLOVER mode"),
    Column("goldstein", "float", "Goldstein score, -10 (conflict) to +10 (cooperation)"),
    Column("modality", "string", "Whether it happened (code list: modality)"),
    *_side("source", "target"),
    *_side("target", "source"),
    Column("location_text", "string", "The place as the sentence words it"),
    Column("location_name", "string", "Canonical name of the place"),
    Column("location_country", "string", "ISO3 code of the place's country"),
    Column(
        "place_name", "string", "The event's place geocoded: the location, else a place named in the sentence"
    ),
    Column("place_kind", "string", "What the place is (code list: place_kind)"),
    Column(
        "place_country", "string", "ISO3 code of the geocoded place's country (empty: disputed or open sea)"
    ),
    Column("latitude", "float", "Latitude of the place (decimal degrees, WGS 84)"),
    Column("longitude", "float", "Longitude of the place (decimal degrees, WGS 84)"),
    Column("evidence_text", "string", "The sentence the event was coded from"),
    Column("evidence_start", "integer", "Character offset of the sentence in the article text"),
    Column("evidence_end", "integer", "Character offset just past the sentence"),
    Column("trigger", "string", "The word that triggered the event"),
    Column(
        "confidence",
        "float",
        "Coder confidence, 0 to 1 (lower when the target is implied, not read off the parse)",
    ),
    Column("producer", "string", "The coder and its version"),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)


def event_rows(
    store: Store, flt: EventFilter | None = None, *, kb: RoleSource | None = None
) -> list[dict[str, Any]]:
    """Flat rows (``COLUMNS``) of the stored event reports matching ``flt``, oldest first.

    Near-duplicate articles' reports and those with an uncoded side are included and flagged
    (``counted`` false) unless ``flt`` leaves them out; ``kb`` fills the ``*_role`` columns (None leaves them empty).
    """
    flt = flt or EventFilter(include_duplicates=True, include_uncoded=True)
    flt.validate()
    where, params = event_where(flt, store.dialect)
    sql = (
        "SELECT e.*, a.title AS doc_title, a.outlet, a.url, a.publication_date, a.near_duplicate_of"
        f" FROM events e JOIN articles a ON a.id = e.doc_id{where}"
        f" ORDER BY {EVENT_DATE} NULLS LAST, {READING_ORDER}"
    )
    if flt.limit is not None:
        sql += " LIMIT ?"
        params.append(flt.limit)
    return [flat_row(row, kb) for row in store.fetch(sql, params)]


def flat_row(row: dict[str, Any], kb: RoleSource | None = None) -> dict[str, Any]:
    """One stored events row (joined with its article's columns) -> a flat ``COLUMNS`` row."""
    date = row["date"] if str(row["date"] or "")[:1].isdigit() else row["publication_date"]
    day = str(date or "").split("/")[0]
    location = json.loads(row["location"]) if row["location"] else {}
    place = place_of(location, row["evidence_text"])
    return {
        "event_id": row["id"],
        "cluster_id": row["cluster_id"] or row["id"],
        "counted": row["near_duplicate_of"] is None and row["dyadic"] is not False,
        "dyadic": row["dyadic"] is not False,
        "realised": (row["modality"] or "asserted") not in UNREALISED,
        "near_duplicate_of": row["near_duplicate_of"],
        "doc_id": row["doc_id"],
        "doc_title": row["doc_title"],
        "outlet": row["outlet"],
        "url": row["url"],
        "publication_date": row["publication_date"],
        "date": date,
        "date_precision": row["date_precision"],
        "date_basis": row["date_basis"],
        "date_text": row["date_text"],
        "year": int(day[:4]) if day[:4].isdigit() else None,
        "month": int(day[5:7]) if len(day) >= 7 and day[4] == "-" and day[5:7].isdigit() else None,
        "type": row["type"],
        "quad_class": quad_of(row["type"]),
        "cameo": row["cameo"],
        "mode": row["mode"],
        "goldstein": row["goldstein"],
        "modality": row["modality"],
        **_actor_columns("source", json.loads(row["source"] or "[]"), day, kb),
        **_actor_columns("target", json.loads(row["target"] or "[]"), day, kb),
        "location_text": location.get("text"),
        "location_name": location.get("name"),
        "location_country": location.get("country"),
        "place_name": place.name if place else None,
        "place_kind": place.kind if place else None,
        "place_country": place.country if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "evidence_text": row["evidence_text"],
        "evidence_start": row["evidence_start"],
        "evidence_end": row["evidence_end"],
        "trigger": row["trigger"],
        "confidence": row["confidence"],
        "producer": row["producer"],
    }


def actor_label(actor: dict[str, Any]) -> str:
    """How a person reads an actor: its canonical name, else its words, else its code."""
    return str(actor.get("name") or actor.get("text") or actor.get("code") or actor.get("country") or "?")


def _actor_columns(
    side: str, actors: Iterable[dict[str, Any]], day: str, kb: RoleSource | None
) -> dict[str, Any]:
    listed = list(actors)
    first = listed[0] if listed else {}
    country = first.get("country")
    name = first.get("name")
    role = kb.role_at(name, day or None) if kb is not None and name else None
    return {
        f"{side}_text": first.get("text"),
        f"{side}_name": name,
        f"{side}_country": country,
        f"{side}_country_name": country_names().get(country) if country else None,
        f"{side}_sector": first.get("sector"),
        f"{side}_code": first.get("code"),
        f"{side}_role": role,
        f"{side}_all": "; ".join(actor_label(a) for a in listed) or None,
        f"{side}_actors": len(listed),
    }
