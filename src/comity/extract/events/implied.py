"""Whom an act is aimed at when its own phrase names no one: the implied target (not a stable API).

The argument rules (``roles.py``, ``targets.py``) read a target off the trigger's phrase: its
objects, its prepositional complements, its clauses. News often leaves the other side to the
reader: "Trump renewed his warning that the era of strategic patience with North Korea was
over", "the Philippines has announced plans to ban offshore gaming ... that caters to Chinese
gamblers", "Wang also urged restraint" after a sentence on his meeting with Blinken. An act that is
done to someone (any PLOVER type but talks, whose partner the actor tracker finds; a bare statement
needs no target) whose rules found no target takes, much as sequence coders such as TABARI and
PETRARCH read the actors around the verb:

* the actor of the sentence, of a country other than the source's, nearest the trigger (counted
  in tokens, the later one on a tie); a place that only says where something happened ("in
  Tokyo", "at the Japanese Defense Ministry") is no candidate except for a meeting or visit, where
  the place is the host; a visit's host is a place (a country or city named, not a person), and a
  visit that names an uncoded destination ("a trip to Asia") has none;
* else the other side of the source country's own event in the ``CONTEXT_SENTENCES`` sentences
  before (``Partners``; two partners told in one sentence, as on a tour, leave it open);
* else the one other country those sentences name beside the source's own (none when they do not
  name the source's country: they are about others).

Before the sentences around, a show of force, coercion or attack in a disputed area the sentence
names ("deployed a vessel to Sabina Shoal") is aimed at the area's rival claimant
(``contested.py``): the one of them the document names most, nearest the trigger on a tie.

An implied target lowers the event's confidence (``IMPLIED_PENALTY``): it is the coder's reading,
not the parse's, and an analyst can filter on it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from comity.extract.events.args import ActorFinder
from comity.extract.events.contested import rival_claimants
from comity.extract.events.patterns import Trigger
from comity.extract.lexicon import lexicon
from comity.records import ActorRef, Event

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["CONTEXT_SENTENCES", "IMPLIED_PENALTY", "Partners", "implied_target"]

CONTEXT_SENTENCES = 2
IMPLIED_PENALTY = 0.15
_LOCATION_PREPS = lexicon("location_prepositions")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Types whose place is one of the sides: a meeting's or a visit's venue is the host's.
_PLACE_IS_A_SIDE = frozenset({"CONSULT"})
#: Talks have a partner, not a topic: "Sweden discussed the situation on the Norwegian border" names
#: no one Sweden talked with (the actor tracker's counterpart rule covers talks); visits are implied.
_TALKS = frozenset({"CONSULT"})
_DESTINATION_PREPS = frozenset({"to", "of", "through", "across"})
#: Acts done in a place that, in a disputed area, are aimed at its other claimants.
_ACTS_ON_A_CLAIM = frozenset({"MOBILIZE", "COERCE", "ASSAULT"})


def _is_venue(token: Token) -> bool:
    """Is ``token`` (a mention's head) the object of a place preposition: "in Tokyo"?"""
    head = token
    while head.dep_ in {"compound", "amod", "nmod"} and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATION_PREPS


def _actors_in(
    finder: ActorFinder, tokens: Sequence[Token], *, venues: bool
) -> Iterator[tuple[Token, ActorRef]]:
    """(first token, coded actor) of each actor mention among ``tokens``, in text order."""
    seen: set[int] = set()
    for token in tokens:
        mention = finder.mention_at(token)
        if mention is None or mention.start in seen:
            continue
        seen.add(mention.start)
        coded = finder.coded(mention)
        if coded is None or coded.ref is None or coded.ref.country is None:
            continue
        if not venues and mention.label in _PLACE_LABELS and _is_venue(token):
            continue
        yield token, coded.ref


class Partners:
    """Each country's other side in the latest event of the document that coded both sides
    (one country on the other side; an event with several, such as a tour, leaves it open)."""

    def __init__(self) -> None:
        self._latest: dict[str, tuple[int, tuple[ActorRef, ...]]] = {}

    def note(self, event: Event) -> None:
        """Remember ``event``'s sides for the sentences after it."""
        for own, other in ((event.source, event.target), (event.target, event.source)):
            for country in {a.country for a in own if a.country}:
                self._remember(country, event.sentence, tuple(a for a in other if a.country))

    def _remember(self, country: str, sentence: int, other: tuple[ActorRef, ...]) -> None:
        earlier = self._latest.get(country)
        sides = {a.country for a in other}
        if earlier is not None and earlier[0] == sentence and {a.country for a in earlier[1]} != sides:
            other = ()  # two partners told in one sentence: neither is *the* other side
        self._latest[country] = (sentence, other if len(sides) == 1 else ())

    def of(self, source: Sequence[ActorRef], sentence: int) -> tuple[ActorRef, ...]:
        """The other side of the source country's latest event within ``CONTEXT_SENTENCES``."""
        countries = {a.country for a in source if a.country}
        if len(countries) != 1:
            return ()
        found = self._latest.get(countries.pop())
        if found is None or not sentence - CONTEXT_SENTENCES <= found[0] < sentence:
            return ()
        return found[1]


def _destination_named(trigger: Token) -> bool:
    """Does a visit name where it goes ("a trip to Asia", "a tour of the region")?"""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in _DESTINATION_PREPS
        and any(c.dep_ == "pobj" for c in prep.children)
        for prep in trigger.children
    )


def implied_target(
    trigger: Token, trig: Trigger, source: Sequence[ActorRef], finder: ActorFinder, partners: Partners
) -> tuple[ActorRef, ...]:
    """The implied target of ``trigger``'s act (see the module docstring); () when there is none."""
    own = {a.country for a in source if a.country}
    if trig.plover is None or not own or (trig.plover in _TALKS and trig.frame != "visit"):
        return ()
    if trig.frame == "visit" and _destination_named(trigger):
        return ()  # "a trip to Asia": its hosts are no single country the sentence names
    venues = trig.plover in _PLACE_IS_A_SIDE
    others = [
        (t, ref)
        for t, ref in _actors_in(finder, list(trigger.sent), venues=venues)
        if ref.country not in own and (trig.frame != "visit" or t.ent_type_ in _PLACE_LABELS)
    ]
    if others:
        _, nearest = min(others, key=lambda pair: (abs(pair[0].i - trigger.i), pair[0].i < trigger.i))
        return (nearest,)
    if trig.plover in _ACTS_ON_A_CLAIM and (rival := _rival_claimant(trigger, own, finder)) is not None:
        return (rival,)
    return partners.of(source, finder.sentence_of[trigger.i]) or _context_side(
        trigger, own, finder, venues=venues
    )


def _rival_claimant(trigger: Token, own: set[str], finder: ActorFinder) -> ActorRef | None:
    """The rival claimant of a disputed area the sentence names that the document names most
    (nearest the trigger on a tie); None when the sentence names no such area or the document
    none of its rivals."""
    rivals = rival_claimants(trigger.sent.text, own)
    if not rivals:
        return None
    named = [
        (t, ref) for t, ref in _actors_in(finder, list(finder.doc), venues=True) if ref.country in rivals
    ]
    if not named:
        return None
    counts: dict[str, int] = {}
    for _, ref in named:
        counts[str(ref.country)] = counts.get(str(ref.country), 0) + 1
    _, ref = min(named, key=lambda pair: (-counts[str(pair[1].country)], abs(pair[0].i - trigger.i)))
    return ref


def _context_side(
    trigger: Token, own: set[str], finder: ActorFinder, *, venues: bool
) -> tuple[ActorRef, ...]:
    """The one other country the ``CONTEXT_SENTENCES`` sentences before name beside the source's."""
    number, start = finder.sentence_of[trigger.i], trigger.sent.start
    while start > 0 and finder.sentence_of[start - 1] >= number - CONTEXT_SENTENCES:
        start -= 1
    actors = [
        ref for _, ref in _actors_in(finder, list(finder.doc[start : trigger.sent.start]), venues=venues)
    ]
    if not own & {a.country for a in actors}:
        return ()  # the sentences before are about others: no thread to follow
    others = [a for a in actors if a.country not in own]
    return (others[-1],) if len({a.country for a in others}) == 1 else ()
