"""Helpers of event dating (``context.choose_date``) for dates outside the trigger's own phrase
(not a stable API).

* **Fronted dates**: "On May 3, 2017, ahead of his visit ..., X wrote ... and stated ...": a date
  fronted before the subject dates the main clause, i.e. the root verb and the verbs coordinated
  with or complementing it, even when another date ("the summit held on May 5-6") is closer. When
  the parser cut the sentence after the fronted phrase, the cut-off piece (adjacent, with no
  subject of its own) still counts as the start of the sentence.
* **Dates of a sibling event**: in "X's visit on May 2-3 and, most recently, Y's visit" the date
  belongs to X's visit, not to Y's visit (another possessed event noun of the same kind).
* **Announced visits**: "ahead of his visit to Y" in a sentence dated D bounds a later, undated
  report of the visit to Y: after D, and (reported as done) on or before the article date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from comity.extract.events.date_frame import verb_above
from comity.extract.lexicon import lexicon
from comity.nlp import doc_text
from comity.records import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["announced_bound", "fronted_dates", "sibling_dated", "split_fragment"]

_CLAUSE_LINKS = frozenset({"conj", "ccomp", "xcomp", "parataxis"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
_BEFORE = lexicon("before_words")
_VISITS = lexicon("visit_nouns")


def _main_clause(trigger: Token) -> bool:
    """Is ``trigger`` the root verb, or linked to it only by coordination and complements?"""
    current = trigger
    for _ in range(8):
        if current.dep_ == "ROOT":  # a noun root: a bad split left the subject's clause headless
            return True
        if current.dep_ not in _CLAUSE_LINKS:
            return False
        current = current.head
    return False


def split_fragment(sent: Span) -> Span | None:
    """The sentence before ``sent`` when the parser cut it off: adjacent (no line break between
    them) and without a subject of its own ("On May 3, ahead of his visit as well as to attend")."""
    doc = sent.doc
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    if "\n" in doc_text(doc)[prev.start_char : sent.start_char] or prev.text.rstrip()[-1:] in {".", "!", "?"}:
        return None
    if any(t.dep_ in _SUBJECTS for t in prev):
        return None
    return prev


def _spans(
    times: Sequence[TimeExpression], doc: Doc, start: int, end: int
) -> Iterable[tuple[TimeExpression, Span]]:
    for t in times:
        if start <= t.start and t.end <= end:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                yield t, span


def fronted_dates(trigger: Token, sent: Span, times: Sequence[TimeExpression]) -> list[TimeExpression]:
    """Dates fronted before the main clause's subject that ``trigger`` (a main-clause verb) shares."""
    if trigger.pos_ not in {"VERB", "AUX"} or not _main_clause(trigger):
        return []
    doc, root = trigger.doc, sent.root
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    limit = subject.left_edge.idx if subject is not None else root.idx
    out = [
        t
        for t, span in _spans(times, doc, sent.start_char, limit)
        if getattr(verb_above(span.root), "i", None) == root.i
    ]
    fragment = split_fragment(sent)
    if fragment is not None:  # its dates before its first verb, or on its root verb, are fronted
        first_verb = next((t.idx for t in fragment if t.pos_ in {"VERB", "AUX"}), fragment.end_char)
        out = [
            t
            for t, span in _spans(times, doc, fragment.start_char, fragment.end_char)
            if t.end <= first_verb or getattr(verb_above(span.root), "i", None) == fragment.root.i
        ] + out
    return out


def sibling_dated(
    trigger: Token, times: Sequence[TimeExpression], kind: Callable[[Token], str | None]
) -> set[int]:
    """Start offsets of the dates that belong to another event noun of the same kind as the noun
    ``trigger``, which has a possessor of its own ("X's visit on May 2-3 and Y's visit")."""
    if trigger.pos_ not in {"NOUN", "PROPN"} or not any(c.dep_ == "poss" for c in trigger.children):
        return set()
    mine = kind(trigger)
    out: set[int] = set()
    for t, span in _spans(times, trigger.doc, trigger.sent.start_char, trigger.sent.end_char):
        for head in [span.root, *span.root.ancestors]:
            if head.i == trigger.i:
                break
            if head.pos_ in {"NOUN", "PROPN"} and mine is not None and kind(head) == mine:
                out.add(t.start)
                break
    return out


def _host(token: Token) -> str | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return str(pobj.lower_)
    return None


def _announced(token: Token) -> bool:
    """ "ahead of / before / prior to his visit" """
    prep = token.head if token.dep_ == "pobj" else None
    if prep is None:
        return False
    return prep.lower_ in _BEFORE or (prep.lower_ in {"of", "to"} and prep.head.lower_ in _BEFORE)


def announced_bound(
    trigger: Token, sent: Span, times: Sequence[TimeExpression], article_date: str | None
) -> tuple[str, TimeExpression] | None:
    """ "D+1/<article date>" when an earlier dated sentence announces the visit ``trigger`` (to the
    same host: "ahead of his visit to Y" ... "X's visit to Y"), with the date it is bounded by."""
    host = _host(trigger)
    if trigger.lower_ not in _VISITS or host is None or not article_date:
        return None
    doc = trigger.doc
    for token in doc[: sent.start]:
        if token.lower_ not in _VISITS or _host(token) != host or not _announced(token):
            continue
        prev = token.sent
        fragment_of = doc[prev.end].sent if prev.end < len(doc) else None
        end = (
            prev.end_char
            if fragment_of is None or split_fragment(fragment_of) is None
            else fragment_of.end_char
        )
        days = [t for t, _ in _spans(times, doc, prev.start_char, end) if t.precision == "day" and t.value]
        if not days:
            continue
        try:
            after = dt.date.fromisoformat(str(days[0].value)[:10]) + dt.timedelta(days=1)
        except ValueError:
            continue
        if after.isoformat() <= article_date[:10]:
            return f"{after.isoformat()}/{article_date[:10]}", days[0]
    return None
