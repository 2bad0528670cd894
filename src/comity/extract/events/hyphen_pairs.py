"""The sides named by a hyphenated modifier of an act noun: "the China-Vietnam talks", "the
U.S.-China Comprehensive Economic Dialogue", "a Japan-South Korea summit", "the U.S.-ASEAN Summit".

Such a modifier names the parties of a mutual act, in the order written: the first is coded as the
source and the others as the target (the act is reciprocal, as "talks between X and Y" is). Only
names joined by a hyphen count ("Chinese naval exercises" names one side, "the China Sea talks" a
place), and only for acts done together (mutual types, ``lexicon: hyphen_pair_types``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from comity.extract.events.args import ActorFinder, Found
from comity.extract.lexicon import lexicon
from comity.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["hyphen_pair"]

_MUTUAL_TYPES = lexicon("hyphen_pair_types")
_HYPHENS = frozenset({"-", "–"})


def hyphen_pair(noun: Token, plover: str | None, finder: ActorFinder) -> tuple[Found, Found] | None:
    """(first side, other sides) named by ``noun``'s hyphenated modifier, or None."""
    if (plover or "").lower() not in _MUTUAL_TYPES or noun.left_edge.i >= noun.i:
        return None
    sides: list[ActorRef] = []
    joined = False
    for token in noun.doc[noun.left_edge.i : noun.i]:
        if token.text in _HYPHENS:
            joined = joined or bool(sides)
            continue
        parts = [p for p in token.text.split("-") if p] if "-" in token.text.strip("-") else []
        if len(parts) > 1:
            joined = True
            found = [_named(part, finder) for part in parts]
        else:
            found = [_mentioned(token, finder)]
        for actor in found:
            if actor is not None and all(_key(actor) != _key(s) for s in sides):
                sides.append(actor)
    if not joined or len(sides) < 2:
        return None
    return Found((sides[0],)), Found(tuple(sides[1:]))


def _key(actor: ActorRef) -> str:
    return actor.country or actor.code or actor.name or actor.text


def _named(part: str, finder: ActorFinder) -> ActorRef | None:
    """A country or organisation named by one part of a hyphenated word ("U.S." of "U.S.-China")."""
    ref = finder.kb.lookup(part, date=finder.date)
    if ref is None or ref.code is None:
        return None
    return (finder.kb.country(ref.country) or ref) if ref.country else ref


def _mentioned(token: Token, finder: ActorFinder) -> ActorRef | None:
    """The country or organisation of the mention ``token`` is in, as its government."""
    mention = finder.mention_at(token)
    if mention is None or mention.label not in {"GPE", "ORG", "NORP"} or mention.code is None:
        return None
    if mention.country:
        return finder.kb.country(mention.country)
    return finder.kb.lookup(mention.text, date=finder.date)
