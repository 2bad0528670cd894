"""Where an event took place: a place phrase on the trigger or its arguments (``location_of``;
not a stable API; ``context`` re-exports it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from comity.extract.lexicon import lexicon
from comity.records import Location, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["location_of"]


def location_of(trigger: Token, mention_at: Callable[[Token], Mention | None]) -> Location | None:
    """A GPE/LOC/FAC in an "in"/"at" phrase attached to the trigger, else to one of its nominal
    arguments: the parser often hangs the place on the object ("met Dar in Islamabad") or on a
    meeting noun ("on the sidelines of the summit in Astana")."""
    frontier = [trigger]
    for _ in range(_PLACE_DEPTH):
        found = next((place for t in frontier if (place := _place_phrase(t, mention_at))), None)
        if found is not None:
            return found
        frontier = [c for t in frontier for c in t.children if c.dep_ in _PLACE_PATH]
    return None


#: Dependents followed from the trigger to find its place, and how many levels deep.
_PLACE_PATH = frozenset({"dobj", "prep", "pobj"})
_PLACE_DEPTH = 6
_LOCATION_PREPS = lexicon("location_prepositions")


def _place_phrase(head: Token, mention_at: Callable[[Token], Mention | None]) -> Location | None:
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _LOCATION_PREPS:
            continue
        for pobj in prep.children:
            mention: Mention | None = mention_at(pobj)
            if mention is not None and mention.label in {"GPE", "LOC", "FAC"}:
                # a capital's canonical is its country (metonymy); as a place keep its own name
                name = mention.canonical if mention.sector is None and mention.canonical else mention.text
                return Location(mention.text, name, mention.country)
    return None
