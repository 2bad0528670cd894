"""What event identity needs of a report (``EventLike``), and the article-level event of several.

An ``EventLike`` is built from an ``Event`` (``event_like``) or from a stored events row
(``comity.run.consolidate.event_from_row``). ``article_event`` folds the reports one article makes
of one event ("Xi's state visit", "the visit", "during the trip") into one ``EventLike`` that
carries the most precise date, the place and every participant its mentions give.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from comity.records import BORROWED_DATE_BASES, ActorRef, Event
from comity.resolve.settings import identity_settings
from comity.resolve.windows import is_approximate, span_days

if TYPE_CHECKING:  # only a type: importing clustering does not load the KB module
    from comity.extract.actors.kb import ActorKB

__all__ = [
    "EventLike",
    "article_event",
    "date_strength",
    "event_like",
    "evidence_words",
    "person_names",
    "trigger_stems",
]

Side = frozenset[str]
#: The date basis of an undated event's window around its article's publication date.
PUBLISHED = "published"
_WORD = re.compile(r"[a-z]{4,}")
_TOKEN = re.compile(r"[a-z]+")
#: Inflections stripped to compare trigger words ("visited", "visits", "visiting" -> "visit").
_SUFFIXES = ("ing", "ed", "es", "s")
#: How the date of a report was found -> how far it is trusted (``date_strength``).
#: the first day of a trip the act is part of ("leaves on Friday for Asia, where he will visit ...")
DEPARTURE = "departure"
_WEAK_BASES = BORROWED_DATE_BASES | {PUBLISHED}


@dataclass(frozen=True, slots=True)
class EventLike:
    """What clustering needs of an event (built from an ``Event`` or a stored row).

    ``countries`` is every actor's country; ``source``/``target`` the countries of each side
    when known (both empty: direction unknown, ``countries`` is compared as a set);
    ``people`` the named persons of (source, target); ``approximate``: the date is only known to
    the year; ``date_basis`` how the date was found (``governing``, ``sentence``: in the report's
    own clause or sentence; ``carried``: from an earlier sentence; ``document``: the publication
    date; None: not said); ``sentence`` and ``position`` where the report is in its document;
    ``trigger`` the words that report the act; ``published`` the publication date of its article.
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
    trigger: str = ""
    date_basis: str | None = None
    sentence: int = -1
    position: int = -1
    published: str | None = None


def evidence_words(text: str | None) -> frozenset[str]:
    return frozenset(_WORD.findall((text or "").lower()))


def trigger_stems(trigger: str) -> frozenset[str]:
    """The trigger's words without their inflection ("held talks" -> {"held", "talk"})."""
    stems = set()
    for word in _TOKEN.findall(trigger.lower()):
        suffix = next((s for s in _SUFFIXES if word.endswith(s) and len(word) - len(s) >= 3), "")
        stems.add(word[: len(word) - len(suffix)])
    return frozenset(stems)


def person_names(names: Iterable[str | None], kb: ActorKB) -> Side:
    """The persons among ``names``: canonical names the actor KB ``kb`` knows as persons, and the
    names its world KB of office holders gives to exactly one person (under that person's name)."""
    return frozenset(p for p in (_person(n, kb) for n in names if n) if p)


def _person(name: str, kb: ActorKB) -> str | None:
    kind = kb.kind(name)
    if kind == "person":
        return name
    world = kb.world
    if kind is not None or world is None:
        return None
    people = {alias.person for alias in world.aliases_for(name)}  # cached: the store repeats names
    return world.name(people.pop()) if len(people) == 1 else None


def _sides(actors: Sequence[ActorRef], kb: ActorKB) -> tuple[Side, Side]:
    return frozenset(a.country for a in actors if a.country), person_names((a.name for a in actors), kb)


def event_like(event: Event, kb: ActorKB, published: str | None = None) -> EventLike:
    """What clustering needs of ``event`` (of an article published on ``published``); ``kb`` tells
    which actors are persons."""
    source, source_people = _sides(event.source, kb)
    target, target_people = _sides(event.target, kb)
    place = event.location.name or event.location.text if event.location else None
    place_country = event.location.country if event.location else None
    return EventLike(
        event.id, event.doc_id, event.type, event.cameo, event.date, source | target, place,
        evidence_words(event.evidence.text), source, target, (source_people, target_people),
        str(event.modality), is_approximate(event.date_precision, event.date_text), place_country,
        event.trigger, event.date_basis, event.sentence, event.evidence.start, published,
    )  # fmt: skip


def date_strength(event: EventLike) -> int:
    """0: undated; 1: a date carried from another sentence or the publication date; 2: its own."""
    if not event.date:
        return 0
    return 1 if event.date_basis in _WEAK_BASES else 2


def _date_rank(event: EventLike) -> tuple[int, int]:
    return date_strength(event), -span_days(event.date, event.approximate)


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return min(counted, key=lambda v: (-counted[v], v)) if counted else None


def _union(sides: Iterable[Side]) -> Side:
    return frozenset().union(*sides)


def article_event(mentions: Sequence[EventLike]) -> EventLike:
    """One event of one article from the reports that mention it (in document order).

    It keeps the first report's id and position, the most precise of the best-founded dates (a
    date of the report's own sentence before one carried or taken from the publication date), the
    most frequent type, CAMEO code, modality and place, and the union of countries, persons and
    evidence words. Directed sides are taken as the first report that names both gives them.
    """
    first = min(mentions, key=lambda m: (m.position, m.id))
    if len(mentions) == 1:
        return _dated(first)
    dated = max(mentions, key=lambda m: (*_date_rank(m), -m.position))
    oriented = next((m for m in sorted(mentions, key=lambda m: m.position) if m.source and m.target), None)
    source = oriented.source if oriented else _union(m.source for m in mentions)
    target = oriented.target if oriented else _union(m.target for m in mentions)
    placed = next((m for m in mentions if m.place), None)
    return _dated(
        replace(
            first,
            type=_most_common(m.type for m in mentions) or first.type,
            cameo=_most_common(m.cameo for m in mentions),
            date=dated.date,
            approximate=dated.approximate,
            date_basis=dated.date_basis,
            countries=_union(m.countries for m in mentions),
            source=source,
            target=target,
            people=(_union(m.people[0] for m in mentions), _union(m.people[1] for m in mentions)),
            words=_union(m.words for m in mentions),
            modality=_most_common(m.modality for m in mentions),
            place=placed.place if placed else None,
            place_country=placed.place_country if placed else None,
        )
    )


def _dated(event: EventLike) -> EventLike:
    """``event``, an undated one placed in the window its modality gives around its publication date."""
    if event.date_basis == DEPARTURE:
        return _after_departure(event)
    days = identity_settings().undated_window.get(event.modality or "asserted")
    # "on or before the publication date" is what an undated past-tense report says: no more
    open_before_publication = event.date_basis == "document" and (event.date or "").startswith("../")
    if (event.date and not open_before_publication) or not event.published or days is None:
        return event
    try:
        published = date.fromisoformat(event.published[:10])
    except ValueError:
        return event
    first, last = (published + timedelta(days=d) for d in days)
    return replace(event, date=f"{first.isoformat()}/{last.isoformat()}", date_basis=PUBLISHED)


def _after_departure(event: EventLike) -> EventLike:
    """An act dated by the departure of its trip lies in the trip's weeks: the ``future`` undated
    window counted from the departure day instead of the publication date."""
    days = identity_settings().undated_window.get("future")
    try:
        left = date.fromisoformat((event.date or "")[:10])
    except ValueError:
        return event
    if days is None:
        return event
    first, last = (left + timedelta(days=d) for d in days)
    return replace(event, date=f"{first.isoformat()}/{last.isoformat()}")
