"""Modality, date and location of a trigger (not a stable API).

Modality, strongest first: negated (a "neg" child: "did not sign"), hypothetical (a modal
could/would/may/might/should/can/must, or an "if"/"unless" clause), future ("will", or the
to-clause of plan/expect/schedule/...: "plans to visit"), historical (the attached date ends
more than a year before the article date), else asserted.

Date: the time expression governed by the trigger (its head chain reaches the trigger before
any other verb) -> "governing"; else the nearest one in the sentence -> "sentence"; else the
publication date for an asserted past-tense verb -> "document"; else none -> "unknown".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from comity.extract.events.patterns import lemma_candidates
from comity.records import Location, Mention, Modality, TimeExpression

__all__ = ["DateChoice", "choose_date", "location_of", "modality_of"]

HYPOTHETICAL_AUX = frozenset({"could", "would", "may", "might", "should", "can", "must", "ca"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_HEADS = frozenset(
    {
        "plan",
        "expect",
        "schedule",
        "intend",
        "prepare",
        "set",
        "due",
        "slated",
        "poised",
        "go",
        "aim",
        "hope",
        "want",
        "seek",
        "wish",
        "propose",
    }
)  # lemmas; matched through lemma_candidates
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
_CLAUSE_LINKS = frozenset({"xcomp", "conj", "pcomp", "acl", "advcl", "ccomp"})
HISTORICAL_DAYS = 366


def _clause_chain(trigger: Any, limit: int = 4) -> list[Any]:
    """The trigger and the verbs it is embedded under via to-clauses and coordination."""
    chain = [trigger]
    token = trigger
    while token.dep_ in {"xcomp", "conj", "pcomp"} and len(chain) <= limit and token.head is not token:
        token = token.head
        chain.append(token)
    return chain


def modality_of(trigger: Any, date_value: str | None, article_date: str | None) -> Modality:
    """The modality of the event whose trigger is ``trigger``."""
    chain = _clause_chain(trigger)
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
    if any(lemma_candidates(tok.text, verbal=True) & FUTURE_HEADS for tok in chain[1:]) or _is_to_be(trigger):
        return "future"
    if _older_than_a_year(date_value, article_date):
        return "historical"
    return "asserted"


def _conditional(trigger: Any) -> bool:
    for token in trigger.ancestors:
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children
        ):
            return True
    return False


def _is_to_be(trigger: Any) -> bool:
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


def _older_than_a_year(value: str | None, article_date: str | None) -> bool:
    if not value or not article_date or value.startswith(".."):
        return False
    try:
        end = _period_end(value)
        anchor = dt.date.fromisoformat(article_date[:10])
    except ValueError:
        return False
    return end is not None and (anchor - end).days > HISTORICAL_DAYS


@dataclass(frozen=True, slots=True)
class DateChoice:
    value: str | None
    text: str | None
    precision: str | None
    basis: str


def _governs(trigger: Any, token: Any) -> bool:
    """Does the head chain from ``token`` reach ``trigger`` before any other verb?"""
    for head in [token, *token.ancestors]:
        if head.i == trigger.i:
            return True
        if head.i != token.i and head.pos_ in {"VERB", "AUX"}:
            return False
    return False


def choose_date(
    trigger: Any, sent: Any, times: Sequence[TimeExpression], *, past_tense: bool, article_date: str | None
) -> DateChoice:
    """The date of the event (see the module docstring for the order of preference)."""
    doc = trigger.doc
    # Only calendar dates can date an event: "spanned 15 years" (DURATION) or "every year" (SET) cannot,
    # nor can references like "now" (PRESENT_REF) that have no calendar value.
    inside = [
        t
        for t in times
        if t.type == "DATE"
        and t.value
        and t.value[:1].isdigit()
        and sent.start_char <= t.start
        and t.end <= sent.end_char
    ]
    for t in inside:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and _governs(trigger, span.root):
            return DateChoice(t.value, t.text, t.precision, "governing")
    if inside:
        best = min(inside, key=lambda t: abs(t.start - trigger.idx))
        return DateChoice(best.value, best.text, best.precision, "sentence")
    if past_tense and article_date:
        return DateChoice(article_date, None, "day", "document")
    return DateChoice(None, None, None, "unknown")


def location_of(trigger: Any, mention_at: Any) -> Location | None:
    """A GPE/LOC/FAC in an "in"/"at" phrase attached to the trigger."""
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "at"}:
            continue
        for pobj in prep.children:
            mention: Mention | None = mention_at(pobj)
            if mention is not None and mention.label in {"GPE", "LOC", "FAC"}:
                # a capital's canonical is its country (metonymy); as a place keep its own name
                name = mention.canonical if mention.sector is None and mention.canonical else mention.text
                return Location(mention.text, name, mention.country)
    return None
