"""Cross-article event clusters: which reports describe the same real-world event. Pure functions.

Two reports from different documents are of the same event when

* **type**: they share a PLOVER family (meetings and visits are one family); a "host" report
  (CAMEO 043, the host as source) is read as the visit it hosts, with its sides swapped;
* **actors**: side by side the countries agree (a side left empty by one report agrees with
  anything); the order of the sides is ignored for reciprocal acts (meetings, negotiations,
  joint pledges, signings, material cooperation and ongoing states), not for directed ones
  (a visit of X to Y is not one of Y to X); and when both reports name persons on a side, they
  share one ("Xi's visit" and "Wang Yi's visit" to the same country are two events);
* **place**: equal names, or at least the same country;
* **date**: the date intervals overlap, with an open ``..`` end ("on or before X") unbounded;
  day-precise dates may differ by ``DAY_SLACK`` days; an approximate date (year precision or a
  relative "N years ago" wording) covers its whole year(s); when either date is vague (more than
  ``VAGUE_DAYS`` long) the CAMEO codes and the country sets must be equal as well; an open end
  reaches ``OPEN_REACH`` (a year) unless the date is approximate;
* **ongoing states** (modality ``ongoing``: "the maritime dispute") link by type, CAMEO and
  actors whatever their dates; an ongoing state never links with a discrete event;
* **undated** discrete reports need the same CAMEO, the same countries and shared wording.

Clusters are built by merging the best-scoring compatible pairs first (same persons, same CAMEO,
equal dates, ...), and a merge happens only when every two members of the result are
compatible and no document appears twice, so a vague report cannot chain two distinct events.

>>> a = EventLike("e1", "d1", "CONSULT", "042", "2023-12-12", frozenset({"CHN", "VNM"}), "Hanoi")
>>> b = EventLike("e2", "d2", "CONSULT", "040", "2023-12-13", frozenset({"CHN", "VNM"}), None)
>>> clusters = cluster_events([a, b])
>>> clusters["e1"] == clusters["e2"]
True
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from comity.ontology import is_reciprocal
from comity.records import ActorRef, Event

if TYPE_CHECKING:  # only a type: importing clustering does not load the KB module
    from comity.extract.actors.kb import ActorKB

__all__ = [
    "EventLike",
    "cluster_events",
    "compatible",
    "dates_compatible",
    "event_like",
    "evidence_words",
    "person_names",
]

#: Types that report the same kind of real-world act (others form a family of their own).
FAMILIES = {"CONSULT": "consult", "AGREE": "agree", "SUPPORT": "support", "COOPERATE": "cooperate"}
HOST_CAMEO, VISIT_CAMEO = "043", "042"
ONGOING = "ongoing"
DAY_SLACK = 2
#: A date spanning more days than this (a year, an open "on or before") is vague.
VAGUE_DAYS = 31
#: How far an open "../X" ("X/..") date reaches back (forward) unless the date is approximate.
OPEN_REACH = timedelta(days=366)
#: Undated reports join a cluster only when their evidence shares this much vocabulary.
UNDATED_OVERLAP = 0.35
_WORD = re.compile(r"[a-z]{4,}")
#: "six years ago", "in a decade", "his second in five years": a relative, approximate date.
_RELATIVE_YEARS = re.compile(r"\b(?:years?|decades?)\b", re.I)

Side = frozenset[str]


@dataclass(frozen=True, slots=True)
class EventLike:
    """What clustering needs of an event (built from an ``Event`` or a stored row).

    ``countries`` is every actor's country; ``source``/``target`` the countries of each side
    when known (both empty: direction unknown, ``countries`` is compared as a set);
    ``people`` the named persons of (source, target); ``approximate``: the date is only known to
    the year (see ``event_like``).
    """

    id: str
    doc_id: str
    type: str
    cameo: str | None
    date: str | None
    countries: frozenset[str]
    place: str | None = None
    words: frozenset[str] = frozenset()  # content words of the evidence (see ``evidence_words``)
    source: Side = frozenset()
    target: Side = frozenset()
    people: tuple[Side, Side] = (frozenset(), frozenset())
    modality: str | None = None
    approximate: bool = False
    place_country: str | None = None


def evidence_words(text: str | None) -> frozenset[str]:
    return frozenset(_WORD.findall((text or "").lower()))


def person_names(names: Iterable[str | None], kb: ActorKB) -> Side:
    """The names (canonical) that the actor KB ``kb`` knows as persons."""
    return frozenset(n for n in names if n and kb.kind(n) == "person")


def _sides(actors: Sequence[ActorRef], kb: ActorKB) -> tuple[Side, Side]:
    return frozenset(a.country for a in actors if a.country), person_names((a.name for a in actors), kb)


def is_approximate(precision: str | None, date_text: str | None) -> bool:
    """Year-level dates and relative "N years ago" wordings are approximate."""
    return precision == "year" or bool(date_text and _RELATIVE_YEARS.search(date_text))


def event_like(event: Event, kb: ActorKB) -> EventLike:
    """What clustering needs of ``event``; ``kb`` tells which actors are persons."""
    source, source_people = _sides(event.source, kb)
    target, target_people = _sides(event.target, kb)
    place = event.location.name or event.location.text if event.location else None
    place_country = event.location.country if event.location else None
    return EventLike(
        event.id, event.doc_id, event.type, event.cameo, event.date, source | target, place,
        evidence_words(event.evidence.text), source, target, (source_people, target_people),
        str(event.modality), is_approximate(event.date_precision, event.date_text), place_country,
    )  # fmt: skip


# -- dates ----------------------------------------------------------------------------------
def _point(value: str, *, end: bool) -> tuple[date, bool] | None:
    """First (or last, ``end``) day of an ISO day, month or year, and whether it is a day."""
    try:
        if len(value) >= 10:
            return date.fromisoformat(value[:10]), True
        if len(value) == 7 and value[4] == "-":
            first = date(int(value[:4]), int(value[5:7]), 1)
            return ((first + timedelta(days=32)).replace(day=1) - timedelta(days=1) if end else first), False
        if len(value) == 4 and value.isdigit():
            return (date(int(value), 12, 31) if end else date(int(value), 1, 1)), False
    except ValueError:
        return None
    return None


def _bounds(value: str | None, approximate: bool = False) -> tuple[date, date, bool] | None:
    """(first day, last day, day-precise) of an ISO date, month, year or A/B interval.

    An open end (``../X``, ``X/..``) reaches a year (unbounded when approximate); an approximate
    date covers whole years.
    """
    if not value:
        return None
    first_text, _, last_text = value.partition("/") if "/" in value else (value, "", value)
    first = (date.min, False) if first_text in ("", "..") else _point(first_text, end=False)
    last = (date.max, False) if last_text in ("", "..") else _point(last_text, end=True)
    if first is None or last is None:
        return None
    low, high = first[0], last[0]
    if not approximate and (low == date.min) != (high == date.max):
        # "on or before X" of a reported event is recent, not any time in history: one year
        low, high = (high - OPEN_REACH, high) if low == date.min else (low, low + OPEN_REACH)
    if approximate:
        low = low if low == date.min else date(low.year, 1, 1)
        high = high if high == date.max else date(high.year, 12, 31)
    return low, high, first[1] and last[1] and low == high and not approximate


def dates_compatible(a: str | None, b: str | None, *, approx_a: bool = False, approx_b: bool = False) -> bool:
    """Whether two dates can be the same event's: their intervals overlap (see module doc)."""
    first, second = _bounds(a, approx_a), _bounds(b, approx_b)
    if first is None or second is None:
        return False
    if first[2] and second[2]:  # two single days (never unbounded): a small reporting slack
        return abs((first[0] - second[0]).days) <= DAY_SLACK
    return max(first[0], second[0]) <= min(first[1], second[1])


def _span_days(event: EventLike) -> int:
    bounds = _bounds(event.date, event.approximate)
    if bounds is None or bounds[0] == date.min or bounds[1] == date.max:
        return 10**6
    return (bounds[1] - bounds[0]).days


# -- compatibility --------------------------------------------------------------------------
def _family(event: EventLike) -> str:
    return FAMILIES.get(event.type, event.type)


def _reciprocal(event: EventLike) -> bool:
    return event.modality == ONGOING or is_reciprocal(event.cameo)


def _oriented(event: EventLike) -> tuple[tuple[Side, Side], tuple[Side, Side]]:
    """((source, target) countries, (source, target) persons), a host report turned into a visit."""
    countries, people = (event.source, event.target), event.people
    if event.cameo == HOST_CAMEO:
        return (countries[1], countries[0]), (people[1], people[0])
    return countries, people


def _cameo(event: EventLike) -> str | None:
    return VISIT_CAMEO if event.cameo == HOST_CAMEO else event.cameo


def _side_fits(a: Side, b: Side) -> bool:
    return not a or not b or bool(a & b)


def _actors_fit(a: EventLike, b: EventLike) -> bool:
    if not (a.countries & b.countries):
        return False
    as_sets = a.countries <= b.countries or b.countries <= a.countries
    (a_countries, a_people), (b_countries, b_people) = _oriented(a), _oriented(b)
    if _reciprocal(a) and _reciprocal(b):
        # no direction: the country pair is a set (which side a report names first, or a
        # dateline misread as an actor, does not matter); named persons must still line up
        return as_sets and any(
            _side_fits(a_people[0], b_people[i]) and _side_fits(a_people[1], b_people[1 - i]) for i in (0, 1)
        )
    if not (a.source or a.target) or not (b.source or b.target):  # direction unknown
        return as_sets
    return all(
        _side_fits(a_countries[i], b_countries[i]) and _side_fits(a_people[i], b_people[i]) for i in (0, 1)
    )


def _places_fit(a: EventLike, b: EventLike) -> bool:
    if not a.place or not b.place or a.place.casefold() == b.place.casefold():
        return True
    # "Hanoi" and "Vietnam": compatible when both places are known to lie in one country
    return a.place_country is not None and a.place_country == b.place_country


def compatible(a: EventLike, b: EventLike) -> bool:
    """Whether ``a`` and ``b`` (from different documents) may report the same event."""
    if a.doc_id == b.doc_id or _family(a) != _family(b):
        return False
    if (a.modality == ONGOING) != (b.modality == ONGOING):
        return False
    if not _actors_fit(a, b) or not _places_fit(a, b):
        return False
    if a.modality == ONGOING:  # a continuing state: no discrete date to compare
        return _cameo(a) == _cameo(b)
    if a.date and b.date:
        if max(_span_days(a), _span_days(b)) > VAGUE_DAYS and (
            _cameo(a) != _cameo(b) or a.countries != b.countries
        ):
            return False  # a year or an open window is weak evidence: the same act and pair are needed
        return dates_compatible(a.date, b.date, approx_a=a.approximate, approx_b=b.approximate)
    return (
        _cameo(a) == _cameo(b)
        and a.countries == b.countries
        and _overlap(a.words, b.words) >= UNDATED_OVERLAP
    )


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _score(a: EventLike, b: EventLike) -> tuple[float, ...]:
    """Higher = more surely the same event: shared persons, CAMEO, precise dates, wording."""
    shared_people = bool((a.people[0] | a.people[1]) & (b.people[0] | b.people[1]))
    vagueness = float(_span_days(a) + _span_days(b))  # a vague report joins the most precise
    return (float(shared_people), float(_cameo(a) == _cameo(b)), -vagueness, float(a.date == b.date),
            float(a.countries == b.countries), _overlap(a.words, b.words))  # fmt: skip


def _order(event: EventLike) -> tuple[str, str]:
    return (event.date or "9999", event.id)


def _candidate_pairs(events: Sequence[EventLike]) -> list[tuple[EventLike, EventLike]]:
    """Compatible cross-document pairs; blocked by family and country so that not all are tried."""
    blocks: dict[tuple[str, str], list[EventLike]] = defaultdict(list)
    for event in events:
        for country in event.countries:
            blocks[(_family(event), country)].append(event)
    seen: set[tuple[str, str]] = set()
    pairs = []
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                key = (min(a.id, b.id), max(a.id, b.id))
                if key not in seen and a.id != b.id:
                    seen.add(key)
                    if compatible(a, b):
                        pairs.append((a, b) if a.id < b.id else (b, a))
    return pairs


def cluster_events(events: Sequence[EventLike]) -> dict[str, str]:
    """event id -> cluster id for every event (a lone event is its own cluster).

    Compatible pairs are merged best first; two clusters merge only when every two of their
    members are compatible and they share no document. A cluster id is a stable hash of the id
    of its earliest member, so the result does not depend on the input order.
    """
    unique = list({e.id: e for e in events}.values())
    pairs = _candidate_pairs(unique)
    ok = {(a.id, b.id) for a, b in pairs} | {(b.id, a.id) for a, b in pairs}
    cluster = {e.id: [e] for e in unique}  # id -> the (shared) member list of its cluster
    for a, b in sorted(pairs, key=lambda p: (_score(*p), p[0].id, p[1].id), reverse=True):
        left, right = cluster[a.id], cluster[b.id]
        if left is right or {m.doc_id for m in left} & {m.doc_id for m in right}:
            continue
        if all((x.id, y.id) in ok for x in left for y in right):
            left.extend(right)
            for member in right:
                cluster[member.id] = left
    result: dict[str, str] = {}
    for members in cluster.values():
        cluster_id = _hash("cluster", min(members, key=_order).id)
        result.update({member.id: cluster_id for member in members})
    return result


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
