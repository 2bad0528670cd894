"""Consolidation across articles: event clusters and fact corroboration. Pure functions.

Two reports are of the same real-world event when they come from different documents, share a
PLOVER type family (meetings and visits are one family), have compatible actors (the same
unordered country pair, or one side missing), compatible places and overlapping dates (a
day-dated event within two days, a month- or year-level one within its month or year).

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
from typing import Literal

from comity.records import Event, Fact

__all__ = [
    "Corroboration",
    "EventLike",
    "FactLike",
    "cluster_events",
    "corroborate_facts",
    "event_like",
    "evidence_words",
    "fact_like",
]

#: Types that report the same kind of real-world act (others form a family of their own).
FAMILIES = {"CONSULT": "consult", "AGREE": "agree", "SUPPORT": "support", "COOPERATE": "cooperate"}
DAY_SLACK = 2
#: Undated reports join a cluster only when their evidence shares this much vocabulary.
UNDATED_OVERLAP = 0.35
_WORD = re.compile(r"[a-z]{4,}")
RELATIVE_TOLERANCE = 0.005

Status = Literal["corroborated", "conflict", "single"]
Corroboration = tuple[str, Status, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class EventLike:
    """What clustering needs of an event (built from an ``Event`` or a stored row)."""

    id: str
    doc_id: str
    type: str
    cameo: str | None
    date: str | None
    countries: frozenset[str]
    place: str | None = None
    words: frozenset[str] = frozenset()  # content words of the evidence (see ``evidence_words``)


@dataclass(frozen=True, slots=True)
class FactLike:
    """What corroboration needs of a fact."""

    id: str
    doc_id: str
    subject: str
    measure: str
    period: str | None
    value: float | str | None


def evidence_words(text: str | None) -> frozenset[str]:
    return frozenset(_WORD.findall((text or "").lower()))


def event_like(event: Event) -> EventLike:
    countries = frozenset(a.country for a in (*event.source, *event.target) if a.country)
    place = event.location.name or event.location.text if event.location else None
    words = evidence_words(event.evidence.text)
    return EventLike(event.id, event.doc_id, event.type, event.cameo, event.date, countries, place, words)


def fact_like(fact: Fact) -> FactLike:
    return FactLike(fact.id, fact.doc_id, fact.subject, fact.measure, fact.period, fact.value)


# -- dates ----------------------------------------------------------------------------------
def _bounds(value: str | None) -> tuple[date, date, bool] | None:
    """(first day, last day, day-precise) of an ISO date, month, year or A/B interval."""
    if not value:
        return None
    if "/" in value:
        first, last = (_bounds(part) for part in value.split("/", 1))
        if first is None or last is None:
            return first or last
        return first[0], last[1], False
    try:
        if len(value) >= 10:
            day = date.fromisoformat(value[:10])
            return day, day, True
        if len(value) == 7 and value[4] == "-":
            start = date(int(value[:4]), int(value[5:7]), 1)
            return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1), False
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31), False
    except ValueError:
        return None
    return None


def dates_compatible(a: str | None, b: str | None) -> bool:
    first, second = _bounds(a), _bounds(b)
    if first is None or second is None:
        return False
    slack = timedelta(days=DAY_SLACK if first[2] and second[2] else 0)
    return first[0] - slack <= second[1] and second[0] - slack <= first[1]


# -- events ---------------------------------------------------------------------------------
def _family(event: EventLike) -> str:
    return FAMILIES.get(event.type, event.type)


def compatible(a: EventLike, b: EventLike) -> bool:
    """Whether ``a`` and ``b`` (from different documents) may report the same event.

    Undated reports need the same cameo, the same countries and much shared evidence wording.
    """
    if a.doc_id == b.doc_id or _family(a) != _family(b):
        return False
    if not (a.countries & b.countries) or not (a.countries <= b.countries or b.countries <= a.countries):
        return False
    if a.place and b.place and a.place.casefold() != b.place.casefold():
        return False
    if a.date and b.date:
        return dates_compatible(a.date, b.date)
    return a.cameo == b.cameo and a.countries == b.countries and _overlap(a.words, b.words) >= UNDATED_OVERLAP


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _score(a: EventLike, b: EventLike) -> tuple[int, int, int]:
    return (int(a.cameo == b.cameo), int(a.date == b.date), int(a.countries == b.countries))


def _order(event: EventLike) -> tuple[str, str]:
    return (event.date or "9999", event.id)


def cluster_events(events: Sequence[EventLike]) -> dict[str, str]:
    """event id -> cluster id for every event (a lone event is its own cluster).

    Events join, earliest first, the best-matching cluster whose members are all compatible
    and that has no member from the same document yet. A cluster id is a stable hash of the
    id of its earliest member.
    """
    clusters: list[list[EventLike]] = []
    for event in sorted(events, key=_order):
        fits = [c for c in clusters if all(compatible(event, member) for member in c)]
        if fits:
            max(fits, key=lambda c: max(_score(event, m) for m in c)).append(event)
        else:
            clusters.append([event])
    result: dict[str, str] = {}
    for members in clusters:
        cluster_id = _hash("cluster", min(members, key=_order).id)
        result.update({member.id: cluster_id for member in members})
    return result


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


# -- facts ----------------------------------------------------------------------------------
def values_agree(a: float | str | None, b: float | str | None) -> bool:
    """Equal strings, or numbers within 0.5 % of the larger (rounding in reports)."""
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b))
    return a == b


def corroborate_facts(facts: Iterable[FactLike]) -> list[Corroboration]:
    """(fact id, corroborated | conflict | single, ids of the other documents' facts) per fact.

    Facts compare when subject, measure and period are the same and they come from different
    documents; a fact without a period is ``single``. Any disagreeing value makes a conflict
    (listing the disagreeing facts); otherwise any agreeing one corroborates.
    """
    groups: dict[tuple[str, str, str], list[FactLike]] = defaultdict(list)
    ordered = list(facts)
    for fact in ordered:
        if fact.period:
            groups[(fact.subject, fact.measure, fact.period)].append(fact)
    out: list[Corroboration] = []
    for fact in ordered:
        peers = [
            f
            for f in groups.get((fact.subject, fact.measure, fact.period or ""), [])
            if f.doc_id != fact.doc_id
        ]
        conflicts = tuple(f.id for f in peers if not values_agree(fact.value, f.value))
        agree = tuple(f.id for f in peers if values_agree(fact.value, f.value))
        if conflicts:
            out.append((fact.id, "conflict", conflicts))
        else:
            out.append((fact.id, "corroborated" if agree else "single", agree))
    return out
