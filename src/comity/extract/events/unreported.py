"""Act words that report no event of their own (not a stable API).

* ``visit_as_time``: a visit noun with no host, named or told before, in a time adjunct of another
  act ("during his tour, Trump said ...", "on his trip he met ...") tells when that act happened; one
  with a host ("during Trump's visit to Beijing, Xi said") still reports the visit.
* ``generic_act``: an act noun with no doer that tells no act that happened: one only supposed ("an
  armed attack on its vessels would invoke the treaty"), planned or denied, or a bare plural with no
  date ("the treaty extends to armed attacks on ..."). "An attack in August", "last month's
  invasion" and "the fighting" are acts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from comity.extract.events.modality import HYPOTHETICAL_AUX
from comity.extract.events.patterns import Trigger
from comity.extract.lexicon import lexicon
from comity.records import ActorRef, Modality

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["TIME_ADJUNCT_PREPS", "generic_act", "visit_as_time"]

#: Prepositions whose object, a visit noun naming no host, only tells when the clause's act happened.
TIME_ADJUNCT_PREPS = lexicon("time_adjunct_prepositions")
_INDEFINITE = frozenset({"a", "an", "any"})


def generic_act(token: Token, trig: Trigger, modality: Modality, date: str | None) -> bool:
    """A source-less act noun that tells no act that happened: one only supposed ("an armed attack
    on its vessels would invoke the treaty") or a bare plural with no date ("the treaty extends to
    armed attacks on ..."). "An attack in August", "last month's invasion" and "the fighting" stay."""
    if trig.pos != "noun":
        return False
    if modality in {"hypothetical", "future", "negated"}:
        return True
    if date is not None:
        return False
    determiners = {c.lower_ for c in token.children if c.dep_ in {"det", "poss", "nummod"}}
    if not determiners:
        return token.tag_ in {"NNS", "NNPS"}  # "extends to armed attacks on ..."
    return bool(determiners & _INDEFINITE) and _under_modal(token)  # "an attack ... would invoke"


def _under_modal(noun: Token) -> bool:
    """Is the clause the noun belongs to told with a modal ("would", "could", "may")?"""
    verb = noun
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in verb.children)


def visit_as_time(token: Token, trig: Trigger, hosts: Sequence[ActorRef]) -> bool:
    """ "During his tour, Trump used the term ...", "on his trip he said ...": a visit noun with no
    host, named or told before, in a time adjunct of another act, tells when that act happened; it
    reports no visit (one with a host, "during Trump's visit to Beijing, Xi said", still does)."""
    prep = token.head
    return (
        trig.frame == "visit"
        and trig.pos == "noun"
        and not any(a.country for a in hosts)
        and token.dep_ == "pobj"
        and prep.lower_ in TIME_ADJUNCT_PREPS
        and prep.head.pos_ in {"VERB", "AUX"}
    )
