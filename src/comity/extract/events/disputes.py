"""Ongoing disputes as events (not a stable API).

A noun phrase naming a dispute between two states ("the China–Vietnam dispute", "tensions
between X and Y", "X's dispute with Y", "their maritime disputes") is a continuing state, not a
discrete act. Following the seed gold it is coded ACCUSE 110 ("disapprove"; PLOVER has no
DISPUTE class) with modality ``ongoing`` and no date; the sides are reciprocal (source = the
first named). The dispute nouns are the lexicon's ``dispute_nouns`` (``comity/extract/data/lexicon.toml``).

The two sides are found, in order:

* in the phrase itself: country words before the noun ("Sino-Vietnamese tensions"), its
  possessor ("China's dispute with Vietnam"; "their" = the two countries in focus, as for "the
  two sides" in ``args.py``) and a "between"/"with" complement;
* on the noun it complements ("a point of contention between X and Y", "a source of friction");
* in its clause, a relationship between two countries that the dispute is said to affect
  ("relations between X and Y became hostage to maritime tensions").

A dispute is coded only when the sides are two different countries (each as its government);
a settled, ended or denied one ("the settlement of the border dispute", "no dispute") is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from comity.extract.events.args import ActorFinder
from comity.extract.lexicon import lexicon
from comity.nlp import tokens_where
from comity.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["DISPUTE_CAMEO", "DISPUTE_NOUNS", "dispute_sides", "find_disputes"]

DISPUTE_CAMEO = "110"
#: Nouns that name an ongoing dispute (singular and plural forms).
DISPUTE_NOUNS = lexicon("dispute_nouns")
#: Head nouns whose "of" complement is a dispute that is over ("the end of the dispute").
ENDED_HEADS = lexicon("ended_dispute_heads")
#: Head nouns whose "of" complement is the dispute itself ("a point of contention between X and Y").
CARRIER_HEADS = lexicon("dispute_carrier_heads")
#: Relationship nouns whose two sides a dispute in the same clause is between.
RELATION_NOUNS = lexicon("relation_nouns")
_SIDE_PREPS = lexicon("dispute_side_prepositions")
_NEGATORS = lexicon("dispute_negators")
_COUNTRY_LABELS = frozenset({"GPE", "NORP"})


def _countries(actors: Iterable[ActorRef], finder: ActorFinder) -> list[ActorRef]:
    """Distinct countries of ``actors``, each as its government, in order."""
    out: list[ActorRef] = []
    for actor in actors:
        country = finder.kb.country(actor.country) if actor.country else None
        if country is not None and all(c.country != country.country for c in out):
            out.append(country)
    return out


def _pobjs(token: Token, preps: frozenset[str]) -> Iterator[Token]:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            yield from (c for c in prep.children if c.dep_ == "pobj")


def _modifier_countries(token: Token, finder: ActorFinder) -> list[ActorRef]:
    """Country words before the noun: "China-Vietnam", "Sino-Vietnamese" (not "South China Sea")."""
    actors: list[ActorRef] = []
    for child in token.lefts:
        if child.dep_ not in {"compound", "amod", "nmod", "npadvmod"}:
            continue
        for tok in child.subtree:
            mention = finder.mention_at(tok)
            if mention is not None and mention.label in _COUNTRY_LABELS:
                actors.extend(finder.find(tok).actors)
    return actors


def _phrase_sides(token: Token, finder: ActorFinder) -> list[ActorRef]:
    actors = _modifier_countries(token, finder)
    for child in token.children:
        if child.dep_ == "poss":
            actors.extend(finder.find(child).actors)
    for pobj in _pobjs(token, _SIDE_PREPS):
        actors.extend(finder.find(pobj).actors)
    return _countries(actors, finder)


def _clause_head(token: Token) -> Token:
    current = token
    for _ in range(12):
        if current.pos_ in {"VERB", "AUX"} or current.head.i == current.i:
            return current
        current = current.head
    return current


def _in_clause(token: Token, verb: Token) -> bool:
    """Is ``token`` in ``verb``'s clause (its head chain reaches ``verb`` before another verb)?"""
    for head in token.ancestors:
        if head.i == verb.i:
            return True
        if head.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _clause_sides(token: Token, finder: ActorFinder) -> list[ActorRef]:
    """Two countries of a relationship in the dispute's clause ("relations between X and Y ...")."""
    verb = _clause_head(token)
    if verb.i == token.i:
        return []
    for other in verb.subtree:
        if other.lower_ in RELATION_NOUNS and _in_clause(other, verb):
            sides = _phrase_sides(other, finder)
            if len(sides) == 2:
                return sides
    return []


def _settled_or_denied(token: Token) -> bool:
    if any(c.dep_ in {"det", "neg"} and c.lower_ in _NEGATORS for c in token.children):
        return True
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in ENDED_HEADS


def dispute_sides(token: Token, finder: ActorFinder) -> tuple[ActorRef, ActorRef] | None:
    """The two state sides of a dispute noun ``token``, or None (see the module docstring)."""
    if token.lower_ not in DISPUTE_NOUNS or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    if _settled_or_denied(token):
        return None
    sides = _phrase_sides(token, finder)
    carrier = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if len(sides) < 2 and carrier is not None and carrier.lower_ in CARRIER_HEADS:
        sides = _countries([*sides, *_phrase_sides(carrier, finder)], finder)
    if len(sides) < 2:
        sides = _countries([*sides, *_clause_sides(token, finder)], finder)
    return (sides[0], sides[1]) if len(sides) == 2 else None


def find_disputes(sent: Span, finder: ActorFinder) -> Iterator[tuple[Token, tuple[ActorRef, ActorRef]]]:
    """(noun, (side, side)) for every dispute between two states in the sentence."""
    for token in tokens_where(sent, DISPUTE_NOUNS.__contains__):  # dispute_sides' first test
        sides = dispute_sides(token, finder)
        if sides is not None:
            yield token, sides
