"""Whether two reports can be of one real-world event (hard rules that say no) and their features.

Hard rules, for reports of one document (``may_corefer``) and of different documents
(``may_match``); a pair that fails them is never scored and its two events never share a cluster:

* **family**: the same PLOVER type (or family of types, ``data/identity.toml``); the kind of act
  (``act``: a visit, talks, a call, ... else the CAMEO root) is weighed, and must agree when a date
  is vague; a "host" report (CAMEO 043, the host as source) is read as the visit it hosts, with
  its sides swapped;
* **ongoing**: a continuing state ("the maritime dispute") never joins a discrete event; across
  documents two states of the same act and actors join whatever their dates when the shorter
  evidence shares enough of its words with the other (tariffs and export controls are two states);
* **actors**: side by side the countries agree (a side left empty agrees with anything, a country
  that acts in one report and is acted on in the other does not); the order of the sides is
  ignored for reciprocal acts and ongoing states; when both name persons on a side, they share one
  ("Xi's visit" and "Wang Yi's visit" are two events); across documents a country is shared;
* **dates**: two dates of the reports' own sentences must be compatible (``windows``); across
  documents the time windows must overlap, a vague one needs the same act, and two reports dated
  only by their articles' publication (an undated report lies in a window around it:
  ``article_event``) need the same two sides or a shared person; a report with no time at all
  matches only one of the same act and the same two sides whose evidence shares much of its
  wording or that names the act with the same word ("the invasion", "tariffs"): never on the
  wording alone;
* **place** (across documents): equal names, or the same country.

The features of a pair (``pair_features``, ``FEATURES``) are what ``comity.resolve.pairs`` weighs:
the same act and trigger; the date agreement, gap and strength, whether both dates are precise
(their own sentence's, to the day or week) and whether one is only its article's publication
window; the same two sides, the same set of countries, country overlap, a shared person and named
persons that differ; the same place; evidence wording (shared over all words, and the share of the
shorter evidence); the modality; the distance in sentences.
"""

from __future__ import annotations

import functools
import math

from comity.ontology import is_reciprocal
from comity.resolve.eventlike import PUBLISHED, EventLike, Side, date_strength, trigger_stems
from comity.resolve.settings import identity_settings
from comity.resolve.windows import dates_compatible, day_slack, midpoint, span_days

__all__ = [
    "FEATURES",
    "act",
    "actors_fit",
    "compatible",
    "family",
    "may_corefer",
    "may_match",
    "pair_features",
    "persons_differ",
]

HOST_CAMEO = "043"
ONGOING = "ongoing"
#: A report with no date at all (nor an article date) matches one of the same act and the same two
#: countries only when their evidence shares this much vocabulary or names the act with the same
#: word: never on the wording alone.
UNDATED_OVERLAP = 0.35
#: Two continuing states ("the maritime dispute") of the same act and actors are one when their
#: evidence shares at least this much vocabulary (tariffs and export controls are two states).
ONGOING_OVERLAP = 0.3
#: Gaps are compared on a log scale up to a year (days) and to this many sentences.
GAP_DAYS, GAP_SENTENCES = 366, 40
#: A window of at most this many days (a day, a week) is a precise date.
PRECISE_DAYS = 7

FEATURES = (
    "same_act",
    "same_trigger",
    "same_date",
    "date_gap",
    "undated",
    "weak_date",
    "same_dyad",
    "country_overlap",
    "shared_person",
    "word_overlap",
    "same_modality",
    "sentence_gap",
    "person_conflict",
    "same_place",
    "precise_dates",
    "publication_window",
    "same_countries",
    "word_share",
)


def family(event: EventLike) -> str:
    return identity_settings().families.get(event.type, event.type)


def act(event: EventLike) -> str | None:
    """The kind of act of the report's CAMEO code (``data/identity.toml``; else its root)."""
    code = (event.cameo or "")[:3]
    return identity_settings().acts.get(code, code[:2]) or None


def _same_act(a: EventLike, b: EventLike) -> bool:
    """The same kind of act; inside one article, also the same group of kinds when the two dates
    fit (a visit and the talks held during it)."""
    first, second = act(a), act(b)
    if first is None or second is None:
        return False
    if a.doc_id == b.doc_id and a.date and b.date and _dates_fit(a, b):
        groups = identity_settings().article_acts
        return groups.get(first, first) == groups.get(second, second)
    return first == second


def _ongoing(event: EventLike) -> bool:
    return event.modality == ONGOING


def _reciprocal(event: EventLike) -> bool:
    return _ongoing(event) or _reciprocal_act(event.cameo)


@functools.lru_cache(maxsize=1024)
def _reciprocal_act(cameo: str | None) -> bool:
    return is_reciprocal(cameo)


def _oriented(event: EventLike) -> tuple[tuple[Side, Side], tuple[Side, Side]]:
    """((source, target) countries, (source, target) persons), a host report turned into a visit."""
    countries, people = (event.source, event.target), event.people
    if (event.cameo or "")[:3] == HOST_CAMEO:
        return (countries[1], countries[0]), (people[1], people[0])
    return countries, people


def _side_fits(a: Side, b: Side) -> bool:
    return not a or not b or bool(a & b)


def actors_fit(a: EventLike, b: EventLike) -> bool:
    """Side by side the countries and named persons agree, and a country is shared (module doc)."""
    return bool(a.countries & b.countries) and sides_agree(a, b)


def sides_agree(a: EventLike, b: EventLike) -> bool:
    """No side of one report names other countries or persons than the same side of the other
    (a report that names no country agrees with any)."""
    if not a.countries or not b.countries:
        return _side_fits(a.people[0] | a.people[1], b.people[0] | b.people[1])
    as_sets = a.countries <= b.countries or b.countries <= a.countries
    (a_countries, a_people), (b_countries, b_people) = _oriented(a), _oriented(b)
    if _reciprocal(a) or _reciprocal(b):
        # no direction: the country pair is a set (which side a report names first, or a
        # dateline misread as an actor, does not matter; a meeting has no direction for a visit
        # report to contradict); named persons must still line up
        return as_sets and any(
            _side_fits(a_people[0], b_people[i]) and _side_fits(a_people[1], b_people[1 - i]) for i in (0, 1)
        )
    if not (a.source or a.target) or not (b.source or b.target):  # direction unknown
        return as_sets
    return not _swapped(a_countries, b_countries) and all(
        _side_fits(a_countries[i], b_countries[i]) and _side_fits(a_people[i], b_people[i]) for i in (0, 1)
    )


def persons_differ(a: EventLike, b: EventLike) -> bool:
    """Both reports name persons on a side, and none of them the same ("Harris met Marcos" and
    "Biden met Marcos"): two events, whatever else the reports share."""
    (_, a_people), (_, b_people) = _oriented(a), _oriented(b)
    if _reciprocal(a) or _reciprocal(b):
        return not any(
            _side_fits(a_people[0], b_people[i]) and _side_fits(a_people[1], b_people[1 - i]) for i in (0, 1)
        )
    return not all(_side_fits(a_people[i], b_people[i]) for i in (0, 1))


def _swapped(a: tuple[Side, Side], b: tuple[Side, Side]) -> bool:
    """A country only on the acting side of one report and only on the receiving side of the other:
    "Ukraine attacked" and "attacks on Ukraine" are not one act."""
    (a_source, a_target), (b_source, b_target) = a, b
    return bool(
        (a_source - a_target) & (b_target - b_source) or (a_target - a_source) & (b_source - b_target)
    )


def _places_fit(a: EventLike, b: EventLike) -> bool:
    if not a.place or not b.place or a.place.casefold() == b.place.casefold():
        return True
    # "Hanoi" and "Vietnam": compatible when both places are known to lie in one country
    return a.place_country is not None and a.place_country == b.place_country


def _dates_fit(a: EventLike, b: EventLike) -> bool:
    return dates_compatible(
        a.date, b.date, approx_a=a.approximate, approx_b=b.approximate, slack=day_slack(a.type)
    )


def _vague(event: EventLike) -> bool:
    return span_days(event.date, event.approximate) > identity_settings().vague_days


def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words)


def _shared_share(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the shorter evidence's words (plurals folded) that the other one uses too."""
    first, second = _stems(a), _stems(b)
    return len(first & second) / min(len(first), len(second)) if first and second else 0.0


def _same_act_word(a: EventLike, b: EventLike) -> bool:
    """Both reports name the act with the same word ("tariffs", "the invasion")."""
    return bool(a.trigger and b.trigger and trigger_stems(a.trigger) & trigger_stems(b.trigger))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def may_corefer(a: EventLike, b: EventLike) -> bool:
    """Whether two reports of one document may mention one event (the hard rules)."""
    if family(a) != family(b) or _ongoing(a) != _ongoing(b):
        return False
    if not sides_agree(a, b):
        return False
    return date_strength(a) < 2 or date_strength(b) < 2 or _dates_fit(a, b)


def may_match(a: EventLike, b: EventLike) -> bool:
    """Whether two reports (or article events) of different documents may tell one event."""
    if a.doc_id == b.doc_id or family(a) != family(b) or _ongoing(a) != _ongoing(b):
        return False
    if not actors_fit(a, b) or not _places_fit(a, b):
        return False
    if _ongoing(a):  # a continuing state: no discrete date to compare
        return act(a) == act(b) and _shared_share(a.words, b.words) >= ONGOING_OVERLAP
    if not (a.date and b.date):  # when one of them happened is not known at all
        return (
            act(a) == act(b)
            and _same_dyad(a, b)
            and (_overlap(a.words, b.words) >= UNDATED_OVERLAP or _same_act_word(a, b))
        )
    if (_vague(a) or _vague(b)) and act(a) != act(b):
        return False  # a year or an open window is weak evidence: the same act is needed
    if (
        a.date_basis == PUBLISHED
        and b.date_basis == PUBLISHED
        and not (_same_dyad(a, b) or _shared_person(a, b))
    ):
        return False  # two dates that are only their articles' are not enough for one side and an act
    if max(date_strength(a), date_strength(b)) < 2 and not (_same_dyad(a, b) or act(a) == act(b)):
        return False  # two borrowed dates (carried, the article's): a different act is another event
    return _dates_fit(a, b)


#: The name the earlier releases gave ``may_match``.
compatible = may_match


def _log_scaled(value: float, top: float) -> float:
    return min(1.0, math.log1p(max(0.0, value)) / math.log1p(top))


def _date_gap(a: EventLike, b: EventLike) -> float:
    first, second = midpoint(a.date, a.approximate), midpoint(b.date, b.approximate)
    if first is None or second is None:
        return 0.0
    return _log_scaled(abs((first - second).days), GAP_DAYS)


def _dyad(event: EventLike) -> frozenset[str] | None:
    return event.source | event.target if event.source and event.target else None


def _same_dyad(a: EventLike, b: EventLike) -> bool:
    """Both reports name both sides, and the same two countries."""
    return _dyad(a) is not None and _dyad(a) == _dyad(b)


def _shared_person(a: EventLike, b: EventLike) -> bool:
    return bool((a.people[0] | a.people[1]) & (b.people[0] | b.people[1]))


def _person_conflict(a: EventLike, b: EventLike) -> bool:
    """Both reports name persons and share none ("Harris met Marcos", "Harris met Sara Duterte")."""
    first, second = a.people[0] | a.people[1], b.people[0] | b.people[1]
    return bool(first and second and not first & second)


def _precise(event: EventLike) -> bool:
    """A date of the report's own sentence, known to the day or the week."""
    return date_strength(event) == 2 and span_days(event.date, event.approximate) <= PRECISE_DAYS


def pair_features(a: EventLike, b: EventLike) -> tuple[float, ...]:
    """The features of a pair, in the order of ``FEATURES``, each between 0 and 1."""
    sentence_gap = abs(a.sentence - b.sentence) if a.doc_id == b.doc_id and a.sentence >= 0 else 0
    both_dated = bool(a.date and b.date)
    values = (
        _same_act(a, b),
        bool(trigger_stems(a.trigger) & trigger_stems(b.trigger)),
        both_dated and _dates_fit(a, b),
        _date_gap(a, b),
        not both_dated,
        both_dated and min(date_strength(a), date_strength(b)) < 2,
        _same_dyad(a, b),
        _overlap(a.countries, b.countries),
        _shared_person(a, b),
        _overlap(a.words, b.words),
        (a.modality or "asserted") == (b.modality or "asserted"),
        _log_scaled(sentence_gap, GAP_SENTENCES),
        _person_conflict(a, b),
        bool(a.place and b.place) and _places_fit(a, b),
        _precise(a) and _precise(b) and _dates_fit(a, b),
        PUBLISHED in (a.date_basis, b.date_basis),
        bool(a.countries) and a.countries == b.countries,
        _shared_share(a.words, b.words),
    )
    return tuple(float(v) for v in values)
