"""Which time expressions of a sentence may date a trigger (``context.choose_date``; not a stable API).

A date belongs to the predicate it is attached to. Two kinds of sentence date are therefore kept
away from a trigger:

* **Years inside names**: "UNCLOS 1982", "the 1982 Convention", "Vision 2030" name a document or a
  programme; the year is part of the name, not the time of any event in the sentence. (A time of
  day, "on Tuesday evening", counts as its day.)
* **Dates of another predicate**: a date whose first verb up its head chain is a relative clause
  ("the border that both sides agreed in 2000"), a coordinated verb ("seized the islands in 1974 and
  has since accused ..."), a subordinate or complement clause below the trigger ("urged both sides to
  respect the 2016 ruling") dates that verb, not the trigger. The sentence fallback may only use
  dates attached to the trigger's own clause: the trigger, the verbs it is embedded under (to-clauses,
  objects, complements), a clause that describes the trigger noun itself ("the summit held on May 5"),
  or a temporal clause of its own ("when they met in 2015, ...").

* **Dates of another event or of the telling**: a date inside the object of "following"/"since"/
  "ahead of" belongs to the event named there and only bounds the trigger (``governs``,
  ``dates_another``); the day a speech verb was said is not the day of the plan it reports
  (``told_on``).

* **Dates of a description**: a date in an apposition that says who someone is ("met Kissinger, a
  key player in Nixon's opening to China in 1972") dates no act of the sentence.

Coordinated verbs share the date attached to the head of the coordination ("On May 3 he wrote ...
and stated ...", "boarded the boat on Sunday, beat the crew and seized ...") only when the trigger
has no date of its own (checked first: "established ties in 1950 and upgraded them in 2008") and
is told as part of the same episode: not a present perfect or present beside a past ("seized the
islands in 1974 and has since accused ..."), nor marked as a later step ("... and later upgraded").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from comity.extract.events.date_clauses import speech_date
from comity.extract.events.date_frame import clause_verb, governed_by
from comity.extract.lexicon import lexicon
from comity.records import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "coordinated",
    "dates_another",
    "dating_times",
    "governs",
    "in_clause_of",
    "in_name",
    "in_scope",
    "participle_head",
    "shares_coordinated",
    "told_on",
]

_VERBS = frozenset({"VERB", "AUX"})
_SEQUENCE_PREPS = lexicon("sequence_prepositions")
# the year is a modifier of a name: "UNCLOS 1982" (nummod), "the 1982 Convention" (nummod/compound)
_NAME_LINKS = frozenset({"nummod", "compound", "appos", "npadvmod", "amod"})
# links that start another event's clause: above them lies a different predicate
_OTHER_CLAUSE = frozenset({"conj", "relcl", "acl", "advcl", "parataxis"})
_TEMPORAL_MARKS = lexicon("temporal_marks")
_PERFECT_AUX = lexicon("perfect_auxiliaries")
_PRESENT = frozenset({"VBZ", "VBP"})
# a coordinated verb told as a later step than the dated one
_LATER = lexicon("later_step_adverbs")
# event nouns whose year is their own date ("the 2017 APEC Summit"), not a name's
_EVENT_NAMES = lexicon("dated_event_names")


_DAY_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T")


def dating_times(doc: Doc, times: Sequence[TimeExpression]) -> list[TimeExpression]:
    """The time expressions that may date an event: a time of day counts as its day ("on Tuesday
    evening" -> that Tuesday), and years inside names are dropped."""
    out = []
    for t in times:
        if t.type == "TIME" and t.value and _DAY_TIME.match(t.value):
            t = replace(t, type="DATE", value=t.value[:10], precision="day")
        if not in_name(doc, t):
            out.append(t)
    return out


def _span_root(trigger: Token, t: TimeExpression) -> Token | None:
    span = trigger.doc.char_span(t.start, t.end, alignment_mode="expand")
    return None if span is None else span.root


def in_name(doc: Doc, t: TimeExpression) -> bool:
    """Is ``t`` a bare year modifying a proper name ("UNCLOS 1982", "the 1982 Convention")?"""
    if t.precision != "year" or not t.text.strip().isdigit():
        return False
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    head = root.head
    # the tagger often reads an acronym as a common noun ("UNCLOS"/NOUN): a capital letter will do
    named = head.pos_ == "PROPN" or (head.text[:1].isupper() and head.i != head.sent.start)
    if root.dep_ not in _NAME_LINKS or head.i == root.i or not named:
        return False
    # the name's own head noun ("Convention" in "the 1982 Convention on the Law of the Sea")
    name_head = head
    while name_head.dep_ == "compound" and name_head.head.pos_ == "PROPN":
        name_head = name_head.head
    return name_head.lower_ not in _EVENT_NAMES


def _own_clause(trigger: Token) -> list[Token]:
    """The trigger and what it is embedded in up to the first link that starts another clause."""
    chain = [trigger]
    token = trigger
    while token.dep_ not in _OTHER_CLAUSE and token.head.i != token.i and len(chain) < 12:
        token = token.head
        chain.append(token)
    return chain


def _temporal_clause(verb: Token) -> bool:
    return verb.dep_ == "advcl" and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in _TEMPORAL_MARKS for c in verb.children
    )


def in_scope(trigger: Token, t: TimeExpression) -> bool:
    """May ``t`` (a date of the trigger's sentence) date ``trigger`` when nothing closer does?"""
    root = _span_root(trigger, t)
    if root is None:
        return True
    if _in_apposition(root, trigger):
        return False
    verb = clause_verb(root)
    if verb is None:  # a fragment without a verb ("Xi's visit to Hanoi, December 12")
        return True
    own = _own_clause(trigger)
    if any(tok.i == verb.i for tok in own):
        return True
    # a clause describing the trigger noun itself: "the summit held on May 5"
    if verb.dep_ in {"acl", "relcl"} and verb.head.i == trigger.i:
        return True
    # "When they met in 2015, Xi praised ...": a temporal clause gives the time of its main clause
    return _temporal_clause(verb) and any(tok.i == verb.head.i for tok in own)


def _perfect(token: Token) -> bool:
    return bool(
        token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in _PERFECT_AUX for c in token.children)
    )


def shares_coordinated(trigger: Token, head: Token) -> bool:
    """May a date governed by ``head`` (a verb ``trigger`` is coordinated under) date ``trigger``?"""
    if head.i == trigger.i:
        return True
    if _perfect(trigger) != _perfect(head) or (trigger.tag_ in _PRESENT) != (head.tag_ in _PRESENT):
        return False
    return not any(c.dep_ == "advmod" and c.lower_ in _LATER for c in trigger.children)


def governs(trigger: Token, token: Token) -> bool:
    """Does the head chain from ``token`` reach ``trigger`` before any other verb, and not through
    another event it is ordered against ("reiterated support following the actions on October 22",
    "the first talks since the June 17 clash": the date is that event's, it only bounds this one)?"""
    if _of_another_event(token, trigger) or _in_apposition(token, trigger):
        return False
    return governed_by(trigger, token)


def _in_apposition(token: Token, trigger: Token) -> bool:
    """Does the date hang in an apposition that says who someone is ("met Kissinger, a key player
    in Nixon's opening to China in 1972"), below any verb and away from the trigger?"""
    for head in [token, *token.ancestors]:
        if head.i == trigger.i or head.pos_ in _VERBS:
            return False
        if head.dep_ == "appos":
            return trigger not in head.subtree
    return False


def dates_another(trigger: Token, t: TimeExpression) -> bool:
    """Does ``t`` date another event ``trigger`` is ordered against (``_of_another_event``)?"""
    root = _span_root(trigger, t)
    return root is not None and _of_another_event(root, trigger)


def told_on(trigger: Token, t: TimeExpression) -> bool:
    """Is ``t`` the day a speech verb over ``trigger`` was said (``speech_date``)?"""
    root = _span_root(trigger, t)
    return root is not None and speech_date(trigger, root)


def _of_another_event(token: Token, trigger: Token) -> bool:
    """Does a date (its root ``token``) hang inside the object of "following"/"since"/"ahead of"
    below ``trigger`` (not on the preposition itself: "after June 17" is a time of the act; nor
    on the trigger inside it: "since Xi's visit in 2017" dates that visit)?"""
    for n, head in enumerate([token, *token.ancestors]):
        if head.i == trigger.i or head.pos_ in {"VERB", "AUX"}:
            return False
        if n >= 2 and head.dep_ == "prep" and head.lower_ in _SEQUENCE_PREPS:
            return True
    return False


def in_clause_of(token: Token, trigger: Token) -> bool:
    """Is the event noun part of the trigger's own clause, not of a clause describing a noun in it
    ("reviewed progress on issues discussed at the summit": the summit is where they were discussed)?"""
    verb = clause_verb(token)
    return (
        verb is None
        or verb.dep_ not in {"acl", "relcl"}
        or verb in {trigger, clause_verb(trigger)}
        or trigger in token.subtree
    )


def coordinated(trigger: Token) -> list[Token]:
    """The trigger and the verbs it is coordinated with: "On Nov. 9 he wrote ... and stated ..." shares
    the date attached to the first verb."""
    chain = [trigger]
    while chain[-1].dep_ == "conj" and chain[-1].head is not chain[-1] and len(chain) < 4:
        chain.append(chain[-1].head)
    return chain


def participle_head(trigger: Token) -> list[Token]:
    """The verb a participle adjunct hangs on ("spotted ships last week, denouncing ..."): it tells
    the same moment."""
    if (
        trigger.dep_ == "advcl"
        and trigger.tag_ in {"VBG", "VBN"}
        and not any(c.dep_ == "mark" for c in trigger.children)
    ):
        return [trigger.head]
    return []
