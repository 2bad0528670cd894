"""The modality of a trigger: did the act happen, is it to come, only possible, denied, or only
claimed by someone else (not a stable API).

Strongest first:

* negated: a "neg" on the trigger or its verb ("did not sign", "held no talks"), or an act a
  speaker denies ("China denied that its ships rammed the boat");
* hypothetical: a modal could/would/may/might/should/can/must, an "if"/"unless" clause, or an act
  named as a condition ("in the event of an armed attack");
* future: "will", or the to-clause of plan/expect/schedule/...: "plans to visit", "is to visit";
* future also: the attached date starts after the article date ("the Nov. 3-14 tour" in an
  article of November 1);
* historical: the attached date ends more than a year before the article date;
* claimed: an act reported by a speaker who is not among those said to act ("Beijing said the
  Vietnamese boat rammed a Chinese boat" is Beijing's claim, not an asserted Vietnamese attack;
  "Vietnam said it arrested ..." asserts Vietnam's own act). Decided in ``rules.py``, which
  knows both sides, with ``reporting_verb`` below;
* else asserted.

A noun trigger takes the auxiliaries and negation of the verb whose argument it is ("will hold
talks", "flew to Seoul for a summit").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from comity.extract.events.date_frame import after_article
from comity.extract.events.patterns import lemma_candidates, set_off
from comity.extract.lexicon import lexicon
from comity.records import Modality

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["HYPOTHETICAL_AUX", "denied", "modality_of", "reporting_verb"]

HYPOTHETICAL_AUX = lexicon("hypothetical_modals")
FUTURE_AUX = lexicon("future_auxiliaries")
FUTURE_HEADS = lexicon("future_heads")  # lemmas; matched through lemma_candidates
CONDITION_MARKS = lexicon("condition_marks")
CONDITION_NOUNS = lexicon("condition_nouns")
REPORTING_VERBS = lexicon("reporting_verbs")  # lemmas
DENIAL_VERBS = lexicon("denial_verbs")  # lemmas
HISTORICAL_DAYS = 366
#: Links from a trigger up to the verb of its clause ("said Y had agreed to attack": attack -> agreed).
_CLAUSE_UP = frozenset({"xcomp", "conj", "aux", "auxpass"})
_REPORTED = frozenset({"ccomp", "parataxis"})


def _clause_chain(trigger: Token, limit: int = 4) -> list[Token]:
    """The trigger and the verbs it is embedded under via to-clauses and coordination."""
    chain = [trigger]
    token = trigger
    while token.dep_ in {"xcomp", "conj", "pcomp"} and len(chain) <= limit and token.head is not token:
        if token.dep_ == "conj" and _own_subject(token):
            break  # "X has not changed and Y opposes": a clause of its own keeps its own modality
        token = token.head
        chain.append(token)
    return chain


def _own_subject(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children)


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun trigger is the object, passive subject or prepositional object of."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    current = noun.head if noun.dep_ == "compound" else noun
    if current.dep_ in {"dobj", "attr", "nsubjpass"}:
        verb = current.head
    elif current.dep_ == "pobj" and current.head.dep_ == "prep":
        verb = current.head.head
    else:
        return None
    return verb if verb.pos_ in {"VERB", "AUX"} and verb is not current else None


def modality_of(trigger: Token, date_value: str | None, article_date: str | None) -> Modality:
    """The modality of the event whose trigger is ``trigger``."""
    chain = _clause_chain(trigger)
    governing = _governing_verb(trigger)  # "will hold talks": the noun's verb carries the modality
    heads = _clause_chain(governing)[1:] if governing is not None else []
    chain, embedding = ([trigger, governing, *heads], heads) if governing is not None else (chain, chain[1:])
    children = [c for tok in chain for c in tok.children]
    if any(c.dep_ == "neg" for c in trigger.children) or any(
        c.dep_ == "neg" and c.head in chain[:2] for c in children
    ):
        return "negated"
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in HYPOTHETICAL_AUX for c in children):
        return "hypothetical"
    if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in children) or _conditional(trigger):
        return "hypothetical"
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in children):
        return "future"
    if any(lemma_candidates(tok.text, verbal=True) & FUTURE_HEADS for tok in embedding) or _is_to_be(trigger):
        return "future"
    # dated after its report: a planned act (a past verb may name the day after a report dated in
    # another time zone: "met on August 29" in a readout of the 28th)
    if _after_article(date_value, article_date) and (
        trigger.tag_ != "VBD" or after_article(date_value, article_date)
    ):
        return "future"
    if _older_than_a_year(date_value, article_date):
        return "historical"
    return "asserted"


def _conditional(trigger: Token) -> bool:
    """Is the trigger inside a condition: an "if"/"unless" clause, or "in the event/case of"?"""
    for token in trigger.ancestors:
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children
        ):
            return True
    head = trigger.head
    return (
        trigger.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lower_ in CONDITION_NOUNS
        and head.head.dep_ == "pobj"
        and head.head.head.lower_ == "in"
    )


def _is_to_be(trigger: Token) -> bool:
    """ "X is to visit Y" (a scheduled act)."""
    return bool(
        trigger.dep_ == "xcomp"
        and trigger.head.lower_ in {"is", "are", "was", "were"}
        and any(c.lower_ == "to" for c in trigger.children)
    )


def _period_end(value: str) -> dt.date | None:
    """The last day a TIMEX value can refer to ("2022-10" -> 2022-10-31); None when unparseable."""
    last = value.split("/")[-1]
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", last)
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        return dt.date(year, int(m.group(2)), int(m.group(3)))
    if m.group(2):
        month = int(m.group(2))
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    q = re.match(r"^\d{4}-([QH])(\d)", last)
    if q:
        month = int(q.group(2)) * (3 if q.group(1) == "Q" else 6)
        return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, 12, 31)


def _after_article(value: str | None, article_date: str | None) -> bool:
    """Does the date start after the article's date ("the Nov. 3-14 tour" in a November 1 article)?"""
    start = (value or "").split("/")[0]
    if not article_date or not re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", start):
        return False
    return start > article_date[:10]


def _older_than_a_year(value: str | None, article_date: str | None) -> bool:
    if not value or not article_date or value.startswith(".."):
        return False
    try:
        end = _period_end(value)
        anchor = dt.date.fromisoformat(article_date[:10])
    except ValueError:
        return False
    return end is not None and (anchor - end).days > HISTORICAL_DAYS


def _clause_verb(trigger: Token) -> Token:
    """The verb heading the trigger's clause: its own (a noun's governing verb first), past
    to-clauses and coordination."""
    current = _governing_verb(trigger) or trigger
    for _ in range(4):
        if current.dep_ not in _CLAUSE_UP or current.head is current:
            break
        current = current.head
    return current


def _speech(token: Token) -> bool:
    return bool(lemma_candidates(token.text, verbal=True) & (REPORTING_VERBS | DENIAL_VERBS))


def reporting_verb(trigger: Token) -> Token | None:
    """The speech verb that reports the trigger's clause: "X said (that) Y rammed Z" or "Y
    rammed Z, X said"; None when the act is told by the text itself."""
    clause = _clause_verb(trigger)
    if clause.dep_ in _REPORTED and clause.head is not clause and _speech(clause.head):
        return clause.head
    for child in clause.children:  # "Y rammed Z, X said": the speech verb reports nothing else
        if (
            child.dep_ in _REPORTED
            and child.i > clause.i
            and _speech(child)
            and set_off(child)
            and not _reports(child)
        ):
            return child
    return None


def _reports(speech: Token) -> bool:
    return any(c.dep_ == "ccomp" for c in speech.children)


def denied(speech: Token) -> bool:
    """Is the speech verb a denial ("denied that its ships rammed the boat")?"""
    return bool(lemma_candidates(speech.text, verbal=True) & DENIAL_VERBS)
