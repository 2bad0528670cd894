"""Where a visit goes: the hosts of a visit trigger (not a stable API).

The destination of a visit is read off the parse, for every visit word alike:

* the direct object of a visit verb ("visited Japan", "toured the Vietnamese capital");
* a to-complement, of the trigger or of its light verb's object ("travelled to Hanoi", "paid a
  visit to China"), also where the parser hung it on the visitor ("a visit by X to Seoul") or on
  the verb whose object the visit noun is ("recalled her trip to Hanoi"), and
  a place in an in/at complement ("arrived in Beijing", "a visit in Hanoi") or in the "of"
  complement of a visit noun ("a tour of Asia");
* an event attended, when the object is no actor itself: its organiser ("attended the APEC
  summit") and the place it is held in ("... in Lima");
* the stops of an itinerary hung on the visit ("a trip to the region, with stops in Japan, South
  Korea and China", "... which included stops in ..."): several countries, several targets;
* the inviter ("at the invitation of the Philippine government").

A visitor described by "visiting" ("Xi met with visiting Vietnamese Prime Minister X") made a visit
of their own (``visitor_roles``): the visitor is its source and the host its target, the subject
of the act the visitor takes part in, else the place of that act ("... in Beijing").

A place stands for its country's government ("visit to Beijing" -> CHN GOV) and the first place
found becomes the event's location.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from comity.extract.events.args import ActorFinder, Found
from comity.extract.events.patterns import object_token, prep_objects
from comity.extract.events.targets import target_of
from comity.extract.lexicon import lexicon
from comity.records import Location

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["invitation_hosts", "is_place", "place_of", "visit_target", "visitor_roles"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Prepositions whose object is where a visit goes ("to Hanoi") or, for a place, where it is held.
_TO = frozenset({"to", "into"})  # "travelled to Hanoi", "flew into Danang"
_AGENT = frozenset({"by", "of"})
_WITH = frozenset({"with"})
_OF = frozenset({"of"})
_IN_PLACE = lexicon("visit_place_prepositions")
ITINERARY_NOUNS = lexicon("itinerary_nouns")
INVITATION_NOUNS = lexicon("invitation_nouns")
#: Links followed from a visit word to the stops of its itinerary, and how deep.
_ITINERARY_PATH = frozenset({"prep", "pobj", "relcl", "acl", "dobj", "conj", "appos", "advcl"})
_ITINERARY_DEPTH = 4


def place_of(token: Token, finder: ActorFinder) -> Location | None:
    """The place a token names, as a location (a capital keeps its own name)."""
    mention = finder.mention_at(token)
    if mention is None or mention.label not in PLACE_LABELS:
        return None
    name = mention.canonical if mention.sector is None and mention.canonical else mention.text
    return Location(mention.text, name, mention.country)


def is_place(token: Token, finder: ActorFinder) -> bool:
    return place_of(token, finder) is not None


def invitation_hosts(token: Token, finder: ActorFinder) -> Found:
    """The inviter of "at the invitation of X" hung on ``token``."""
    found = Found()
    for noun in prep_objects(token, frozenset({"at", "on", "upon"})):
        if noun.lower_ in INVITATION_NOUNS:
            for inviter in prep_objects(noun, frozenset({"of"})):
                found = found + finder.find(inviter, possessor=True)
    return found


def _itinerary_stops(start: Token) -> Iterator[Token]:
    """Stop nouns ("stops", "legs") in the phrase hung on ``start`` (bounded depth, no clause
    of its own subject)."""
    frontier = [start]
    for _ in range(_ITINERARY_DEPTH):
        frontier = [c for t in frontier for c in t.children if c.dep_ in _ITINERARY_PATH]
        for tok in frontier:
            if tok.lower_ in ITINERARY_NOUNS:
                yield tok


def _attended(obj: Token, finder: ActorFinder) -> list[Token]:
    """An object that is no actor itself: the country or organiser that modifies it ("toured the
    Vietnamese capital", "attended the APEC summit", read by ``target_of``) and the place it is
    in ("... in Lima")."""
    return [obj, *prep_objects(obj, _OF), *(p for p in prep_objects(obj, _IN_PLACE) if is_place(p, finder))]


def _destinations(token: Token, finder: ActorFinder, *, nominal: bool) -> list[Token]:
    """Tokens naming where the visit goes, in text order of discovery."""
    out: list[Token] = []
    obj = None if nominal else object_token(token)
    if obj is not None and obj.dep_ == "dobj":
        if finder.find(obj, possessor=True).actors or is_place(obj, finder):
            out.append(obj)
        else:
            out += _attended(obj, finder)
    out += prep_objects(token, _TO)
    out += [p for p in prep_objects(token, _IN_PLACE) if is_place(p, finder)]
    if nominal:  # "a tour of Asia" (a person after "of" is the visitor: "a visit of Xi")
        out += [p for p in prep_objects(token, _OF) if is_place(p, finder)]
    if obj is not None:
        out += prep_objects(obj, _TO)
    for noun in (token, obj) if obj is not None else (token,):  # "a visit by X to Y": hung on X
        out += [p for agent in prep_objects(noun, _AGENT) for p in prep_objects(agent, _TO)]
    light = token.head if nominal and token.dep_ in {"dobj", "pobj"} else None
    if light is not None and light.pos_ in {"VERB", "AUX"}:  # "recalled her trip to Hanoi" (hung on the verb)
        out += [p for p in prep_objects(light, _TO) if p.i > token.i and is_place(p, finder)]
    for start in (token, light) if light is not None else (token,):
        for stop in _itinerary_stops(start):
            out += [p for p in prep_objects(stop, _IN_PLACE | _TO) if is_place(p, finder)]
    return out


def visit_target(token: Token, finder: ActorFinder, *, nominal: bool) -> tuple[Found, Location | None]:
    """The hosts of a visit (several for an itinerary) and the first place visited."""
    found = Found()
    place: Location | None = None
    for tok in _destinations(token, finder, nominal=nominal):
        found = found + target_of(tok, finder)
        place = place or place_of(tok, finder)
        if not found.actors:
            found = _named_venue(tok, finder)
    return found + invitation_hosts(token, finder), place


_VENUE_KINDS = frozenset({"country", "capital", "name"})


def _named_venue(event: Token, finder: ActorFinder) -> Found:
    """The country an event's own name places it in ("attend the Beijing Olympics", "the Paris
    conference"): a place word modifying a named event (spaCy's EVENT), as that country's side."""
    mention = finder.mention_at(event)
    if mention is None or mention.label != "EVENT":
        return Found()
    for word in (c for c in event.lefts if c.dep_ in {"compound", "nmod"}):
        ref = finder.kb.lookup(word.text, date=finder.date)
        state = finder.kb.country(ref.country) if ref is not None else None
        if state is not None and finder.kb.kind(word.text) in _VENUE_KINDS:
            return Found((state,))
    return Found()


def visitor_roles(token: Token, finder: ActorFinder) -> tuple[Found, Found, Location | None] | None:
    """(visitor, hosts, place) of a "visiting" that modifies its visitor ("met with visiting
    Prime Minister X"), or None when ``token`` is no such modifier."""
    if token.dep_ != "amod" or token.tag_ != "VBG" or token.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    visitor = token.head
    act = visitor.head.head if visitor.dep_ == "pobj" else visitor.head
    if visitor.dep_ not in {"nsubj", "dobj", "pobj", "dative"} or act.pos_ not in {"VERB", "AUX"}:
        return None
    hosts = Found()
    if visitor.dep_ == "nsubj":  # "the visiting minister held talks with his Chinese counterpart"
        partners = prep_objects(act, _WITH)
        partners += [p for o in act.children if o.dep_ == "dobj" for p in prep_objects(o, _WITH)]
        for partner in partners:
            hosts = hosts + finder.find(partner)
    for subject in (c for c in act.children if c.dep_ == "nsubj" and c.i != visitor.i):
        hosts = hosts + finder.find(subject)
    place: Location | None = None
    for tok in prep_objects(act, frozenset({"in", "at"})):
        place = place or place_of(tok, finder)
        if not hosts.actors and is_place(tok, finder):
            hosts = hosts + target_of(tok, finder)
    return finder.find(visitor), hosts, place
