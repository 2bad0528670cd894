"""Readers of the office-holder sources: Peppercat (CC BY-NC 4.0), a Wikidata SPARQL CSV export (CC0), the
CIA 2019 list (public domain). Each yields raw stints (person x position label x interval), before any
classification; ``build`` classifies, merges and compiles them.

Peppercat comes in two files: ``leaders-historic`` (every holding to 2023-01-20, an empty end = open then)
and ``holders`` (2023-01-20 to 2025-01-31, rebuilt from the daily pages: ``first_seen``/``gone_at`` are
observed dates, ``since_on_page`` the Wikidata start). A holding open in the first continues in the second;
``build`` merges overlapping stints of one person and role, the newer source giving the end.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from comity.errors import ConfigError
from comity.extract.actors.world.dates import lower_bound, parse_iso, parse_wikidata
from comity.extract.actors.world.tables import Rules, SourceInfo

__all__ = ["CiaEntry", "PersonInfo", "SourceData", "Stint", "read_cia", "read_peppercat", "read_wikidata_csv"]

#: A multi-position card's "since" date belongs to one of its positions only: trusted for a new holding
#: only when it is at most this many days before the holding was first seen.
MULTI_POSITION_SLACK_DAYS = 90
WIKIDATA_COLUMNS = ("person", "personLabel", "positionLabel", "iso3", "start", "end")


@dataclass(frozen=True, slots=True)
class Stint:
    """One holding as a source states it."""

    person: str  # Wikidata QID
    country: str  # ISO3; "" for an international body
    rule_country: str  # what position rules are matched with (ISO3, or IGO)
    role: str  # the position label as given
    start: str
    start_precision: str
    end: str
    end_precision: str
    source: str  # source ids joined with "+"


@dataclass(frozen=True, slots=True)
class PersonInfo:
    id: str
    name: str
    gender: str  # "male", "female" or ""
    enwiki: str  # English Wikipedia title, "" if none
    source: str


@dataclass(frozen=True, slots=True)
class CiaEntry:
    iso3: str
    title: str
    name: str  # CIA style: the called-by name in capitals ("LI Keqiang")


@dataclass(frozen=True, slots=True)
class SourceData:
    stints: tuple[Stint, ...]
    people: dict[str, PersonInfo]
    labels: dict[str, tuple[str, ...]]  # every name a source gives a person, first = preferred
    sources: dict[str, SourceInfo]  # the sources read, commits filled in


def file_digest(path: Path) -> str:
    """``sha256:`` and the first 16 hex digits of a file: the "commit" of a file with no upstream commit."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _open_csv(path: Path) -> Iterator[dict[str, str]]:
    if not path.is_file():
        raise ConfigError(f"source file {str(path)!r} does not exist")
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _date(text: str) -> tuple[str, str]:
    return parse_iso(text)


def read_peppercat(shared: Path, rules: Rules) -> SourceData:
    """Stints and people from the Peppercat files under ``shared`` (see world_sources.csv for the paths)."""
    historic, holders, bio = (
        rules.sources[k] for k in ("peppercat-historic", "peppercat-holders", "peppercat-bio")
    )
    stints: list[Stint] = []
    labels: dict[str, list[str]] = {}
    people: dict[str, PersonInfo] = {}
    for row in _open_csv(shared / bio.path):
        people.setdefault(row["id"], PersonInfo(row["id"], row["name"], row["gender"], row["enwiki"], bio.id))
    for row in _open_csv(shared / historic.path):
        catalog = rules.catalogs.get(row["catalog_slug"])
        _add_label(labels, row["personID"], row["person"])
        if catalog is None or not catalog.built:
            continue
        start, end = _date(row["start"]), _date(row["end"])
        stints.append(
            Stint(
                row["personID"], catalog.iso3 if catalog.scope != "international" else "", catalog.rule_country,
                row["position"], *start, end[0], end[1] if end[0] else "unknown", historic.id,
            )
        )  # fmt: skip
        people.setdefault(
            row["personID"],
            PersonInfo(row["personID"], row["person"], row["gender"], row["enwiki"], historic.id),
        )
    for row in _open_csv(shared / holders.path):
        catalog = rules.catalogs.get(row["catalog"])
        _add_label(labels, row["personID"], row["person"], first=True)
        people.setdefault(row["personID"], PersonInfo(row["personID"], row["person"], "", "", holders.id))
        if catalog is not None and catalog.built:
            stints.append(_holders_stint(row, catalog.iso3 if catalog.scope != "international" else "",
                                         catalog.rule_country, holders.id))  # fmt: skip
    return SourceData(
        tuple(stints),
        people,
        {k: tuple(v) for k, v in labels.items()},
        {s.id: s for s in (historic, holders, bio)},
    )


def _add_label(labels: dict[str, list[str]], person: str, name: str, *, first: bool = False) -> None:
    found = labels.setdefault(person, [])
    if name and name not in found:
        found.insert(0, name) if first else found.append(name)


def _holders_stint(row: dict[str, str], country: str, rule_country: str, source: str) -> Stint:
    """A holding seen on the daily pages: Wikidata start where trustworthy, observed end."""
    since = _date(row["since_on_page"])
    first_seen = row["first_seen"]
    if not since[0] or (
        row["multi_position_entry"] == "1" and _days_before(since[0], first_seen) > MULTI_POSITION_SLACK_DAYS
    ):
        since = (first_seen, "observed")
    end = (row["gone_at"], "observed") if row["gone_at"] else ("", "open")
    return Stint(row["personID"], country, rule_country, row["position"], *since, *end, source)


def _days_before(value: str, day: str) -> int:
    """Days from a (possibly partial) date to ``day``; 0 when a source date is not a real day."""
    try:
        return (dt.date.fromisoformat(day) - dt.date.fromisoformat(lower_bound(value))).days
    except ValueError:
        return 0


def read_wikidata_csv(path: Path, rules: Rules) -> SourceData:
    """Stints from a Wikidata SPARQL CSV export (columns in the module README: person URI, personLabel,
    positionLabel, iso3, start, startPrecision, end, endPrecision, optional genderLabel and article).
    Rows without an ISO3 code are left out."""
    info = replace(rules.sources["wikidata-sparql"], path=str(path), commit=file_digest(path))
    stints: list[Stint] = []
    people: dict[str, PersonInfo] = {}
    labels: dict[str, list[str]] = {}
    for row in _open_csv(path):
        missing = [c for c in WIKIDATA_COLUMNS if c not in row]
        if missing:
            raise ConfigError(
                f"{path}: a Wikidata CSV export needs the columns {list(WIKIDATA_COLUMNS)}; missing {missing}"
            )
        person = row["person"].rstrip("/").rsplit("/", 1)[-1]
        iso3 = row["iso3"].strip().upper()
        _add_label(labels, person, row["personLabel"])
        enwiki = row.get("article", "").rsplit("/", 1)[-1].replace("_", " ")
        people.setdefault(
            person, PersonInfo(person, row["personLabel"], row.get("genderLabel", ""), enwiki, info.id)
        )
        if not iso3:
            continue
        start = parse_wikidata(row["start"], row.get("startPrecision", ""))
        end = parse_wikidata(row["end"], row.get("endPrecision", ""))
        stints.append(
            Stint(
                person,
                iso3,
                iso3,
                row["positionLabel"],
                *start,
                end[0],
                end[1] if end[0] else "open",
                info.id,
            )
        )
    return SourceData(tuple(stints), people, {k: tuple(v) for k, v in labels.items()}, {info.id: info})


def read_cia(
    shared: Path, rules: Rules, country_of: Callable[[str], str | None]
) -> tuple[tuple[CiaEntry, ...], SourceInfo]:
    """The CIA 2019 list: (ISO3, title, name) for the countries ``country_of`` (name -> ISO3) knows."""
    info = rules.sources["cia-2019"]
    entries = []
    for row in _open_csv(shared / info.path):
        iso3 = country_of(row["country"].strip())
        if iso3:
            entries.append(CiaEntry(iso3, row["title"], " ".join(row["name"].split())))
    return tuple(entries), info
