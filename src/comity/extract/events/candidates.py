"""Which trigger matches of a sentence become events (the candidates ``rules.v1`` codes).

A matched noun under a light verb is coded by the verb ("held talks"), unless the verb is a passive
with no agent ("talks between X and Y were held": the noun names the sides). Acts another act
subsumes are dropped: the obliged clause of a demand, the hoped-for clause of an appeal, the act a
topic statement is about ("concern at the crackdown"), a gerund that is what a statement is about
("accused India of violating"), and what an intent verb promises or refuses ("threatened to hold
a strike"). A speech verb told to someone also gives the ``addressee`` row ("told his Chinese
counterpart that ...": their conversation), beside its own match, and a verb of discussion whose
object is a concern its meeting row ("X and Y discussed concerns over Z's conduct": they talked).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from comity.extract.events.patterns import (
    Trigger,
    addressed_trigger,
    demand_clause,
    discussed_trigger,
    match_trigger,
    may_trigger,
    to_infinitive,
)
from comity.extract.events.refine import occasion, refine_matches
from comity.extract.events.roles import measured
from comity.extract.events.unreported import TIME_ADJUNCT_PREPS
from comity.extract.lexicon import lexicon
from comity.nlp import tokens_where

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["sentence_candidates"]

# Statements *about* an act (condolences over an attack, concern at a crackdown, responsibility
# for a bombing, denial of a role in it): the act is their topic, not a second event.
TOPIC_STATEMENTS = frozenset({"012", "013", "015", "016", "018"})
_CONTENT_PREPS = lexicon("content_prepositions")


def sentence_candidates(sent: Span) -> Iterator[tuple[Token, Trigger]]:
    """(token, trigger) pairs, without nouns consumed by a light verb or clauses under pledges."""
    words = list(tokens_where(sent, may_trigger))  # the cheap test, once for both kinds of row
    found = {tok.i: trig for tok in words if (trig := match_trigger(tok)) is not None}
    matched = refine_matches(sent.doc, found)
    absorbed = _absorbed(sent.doc, matched)
    for i, trig in matched.items():
        token = sent.doc[i]
        counted = measured(token) if trig.pos == "noun" else token  # "launched a series of strikes"
        head = matched.get(counted.head.i)
        light = (
            trig.pos == "noun"
            and not trig.objects
            and counted.dep_ in {"dobj", "nsubjpass"}
            and head
            and head.plover
        )
        if light and not _agentless_passive(counted):
            continue  # "held talks": the light verb codes it (a statement verb does not)
        if trig.pos == "verb" and any(_agentless_passive(c) and c.i in matched for c in token.children):
            continue  # "talks between X and Y were held": no agent, the act noun codes it
        if (i in absorbed or _under_intent(token, matched)) and not occasion(token, trig):
            continue
        if _charge_or_reason(token):
            continue
        yield token, trig
        if (talk := discussed_trigger(trig)) is not None:
            yield token, talk  # "X and Y discussed concerns over Z": also their talk
    for token in words:  # "X told his Chinese counterpart that ...": also their conversation
        if (addressed := addressed_trigger(token)) is not None:
            yield token, addressed


def _agentless_passive(noun: Token) -> bool:
    """Is ``noun`` the passive subject of a verb with no "by" agent ("the summit was held")?"""
    return noun.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in noun.head.children)


def _absorbed(doc: Doc, matched: dict[int, Trigger]) -> set[int]:
    """Triggers that another one subsumes: the obliged clause of a demand ("said Y must
    withdraw": no withdrawal happened) and acts that are a topic statement's subject matter."""
    out: set[int] = set()
    for i, trig in matched.items():
        token = doc[i]
        if trig.frame == "demand" and (clause := demand_clause(token)) is not None:
            out.update(j for j in matched if j != i and _within(doc[j], clause, stop=token))
        elif trig.frame == "appeal":  # "hopes that Y will release Z": the release is only hoped for
            for clause in (c for c in token.children if c.dep_ == "ccomp"):
                out.update(j for j in matched if j != i and _within(doc[j], clause, stop=token))
        elif trig.plover is None and trig.cameo in TOPIC_STATEMENTS:
            # conduct qualified as such ("concern over Y's dangerous actions") is Y's act, not absorbed
            out.update(
                j
                for j in matched
                if matched[j].pos == "noun" and not matched[j].objects and _within(doc[j], token, stop=None)
            )
    return out


def _charge_or_reason(token: Token) -> bool:
    """ "jailed for allegedly violating laws", "suspected of spying", "accused India of violating",
    "praised Japan for helping": a gerund after of/for/against/over names a charge, a reason or what
    a statement is about, not an act the sentence reports."""
    prep = token.head
    return (
        token.dep_ == "pcomp"
        and token.tag_ == "VBG"
        and prep.dep_ == "prep"
        and prep.lower_ in _CONTENT_PREPS
    )


def _within(token: Token, top: Token, *, stop: Token | None) -> bool:
    """Is ``token`` ``top`` or under it, without passing through ``stop``?"""
    current = token
    for _ in range(12):
        if stop is not None and current.i == stop.i:
            return False
        if current.i == top.i:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


_INTENT_LINKS = frozenset({"xcomp", "conj", "ccomp", "dobj", "pobj", "prep"})
#: Prepositions of time and occasion: their phrase says when an intent was voiced, not what it holds.
_ADJUNCT_PREPS = TIME_ADJUNCT_PREPS | lexicon("meeting_occasion_prepositions") - {"for", "on"}


def _under_intent(token: Token, matched: dict[int, Trigger]) -> bool:
    """Is ``token`` part of what an intent verb promises, refuses, threatens or allows: its
    to-clause, that-clause or their objects ("threatened to hold a strike", "warned that police
    will ban rallies", "demanded Y to allow", "expressed willingness to support")?"""
    current = token
    while current.head.i != current.i and (
        current.dep_ in _INTENT_LINKS or (current.dep_ in {"advcl", "acl"} and to_infinitive(current))
    ):
        if current.dep_ == "prep" and current.lower_ in _ADJUNCT_PREPS:
            return False  # "during a visit to Vietnam, Trump offered to mediate": when, not what
        current = current.head
        trig = matched.get(current.i)
        if trig is not None and trig.frame == "intent":
            return True
    return False
