"""Dates an act takes from the clause it is told in (``context.choose_date``; not a stable API).

* **Looking forward**: a planned act ("where he will visit ...", "leaves on Friday") happens on or
  after the article's date. A weekday or a month named without a year that the time finder resolved
  before it (no future cue near the date) is the next one after it.
* **An earlier event's date**: a date inside "after / following / since X" belongs to an event
  before the one told ("Following their September 9 call, the two leaders will discuss ..."): it is
  the last such day on or before the article, whatever the tense of the sentence.
* **"where" and "when" clauses**: a relative or adverbial clause opened by "where" or "when" tells an
  act at the moment of what it hangs on: "in early 1995, when China seized ...", "one trip in 2022
  where she met ...", "met on Friday at a forum in Singapore, where they announced ...".
* **Planned acts of a stated trip**: a sentence that dates a coming visit, trip or meeting ("On May 2
  the president will host ...", "leaves on Friday for a tour of ...") frames the planned acts told
  after it without a date ("the leaders will issue a declaration", "there he will ask ..."): they
  take its date when they go on about its participants and their subject can take part in a trip
  (a person, a pronoun, a group, a name of the frame; not a company).
* **Statements reported in the past**: "Both sides support X, it said" tells what was said at the
  statement: the present-tense act takes the statement's time (a present progressive, "is
  building", tells a continuing state and does not).
* **Another's act named**: "condemned Russia's invasion" talks about an act owned by a name; the
  verb's tense does not tell when it happened.
* **A pronoun going on**: "In a letter in May, X said ... . He urged ..." tells the next act of the
  same person at the same occasion: an undated past act whose subject is "he", "she" or "they"
  takes the date of the sentence just before it when that date dates its main verb and lies
  before the article's day.
* **"N months later"**: a duration followed by "later" counts from the last calendar date told
  before it ("In March 2023, ... . Four months later, X hosted ..." -> 2023-07), at the precision
  of both (a month needs a month to count from, a day a day).
* **Here for talks**: "X is in Manila for talks with Y" tells a visit under way on the article's day.
* **A Sunday's last week**: an article of a Sunday calls the working week now ending "last week"
  ("During the visit last week", written on the Sunday after it), not the ISO week before it.
* **Past perfect**: "had imposed tariffs" places an act before another past moment; without a date
  of its own it did not happen on the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from comity.extract.events.date_frame import (
    Lead,
    calendar_value,
    clause_tense,
    clause_verb,
    lead_sentence,
    looking_back,
)
from comity.extract.events.patterns import lemma_candidates
from comity.extract.lexicon import lexicon
from comity.records import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "clause_antecedents",
    "counted_on",
    "earlier_event_date",
    "frame_of_plans",
    "here_for",
    "looking_forward",
    "named_owners_act",
    "past_perfect",
    "previous_occasion",
    "reported_present",
    "resolved",
    "speech_date",
    "speech_noun",
    "visit_under_way",
]

_AFTER = lexicon("after_words")
_VISITS = lexicon("visit_nouns") | lexicon("visit_verb_forms")
_MEETINGS = lexicon("meeting_words")
_REPORTING = lexicon("reporting_verbs") | lexicon("quote_speaker_verbs")
_SPEECH = _REPORTING | lexicon("emphasis_verbs")  # what a reported present was said by
_RELATIVE_ADVERBS = frozenset({"where", "when"})
_SPEECH_NOUNS = lexicon("speech_nouns")
_FRAME_SENTENCES = 25
_FRAME_PRECISIONS = frozenset({"day", "week", "interval", "month"})


def _next(value: str, rule: str) -> str | None:
    """The same weekday a week later, or the same month (and day) a year later."""
    if rule.startswith("weekday") and len(value) == 10:
        try:
            return (dt.date.fromisoformat(value) + dt.timedelta(days=7)).isoformat()
        except ValueError:
            return None
    if rule.startswith(("date.month_day", "date.day_month", "month")) and len(value) in {7, 10}:
        if value[5:] == "02-29":
            return None
        return f"{int(value[:4]) + 1:04d}{value[4:]}"
    return None


def looking_forward(t: TimeExpression, article_date: str | None) -> TimeExpression:
    """``t`` for a planned act: a yearless weekday or month resolved before the article date is
    moved on to the next one."""
    value = str(t.value or "")
    if not article_date or not value[:4].isdigit() or value[:10] >= article_date[:10]:
        return t
    if any(ch.isdigit() for ch in t.text if t.rule.startswith("weekday")) or _has_year(t):
        return t
    later = _next(value, t.rule)
    if later is None or later[:10] < article_date[:10]:
        return t
    return replace(t, value=later)


def _has_year(t: TimeExpression) -> bool:
    digits = "".join(ch if ch.isdigit() else " " for ch in t.text).split()
    return any(len(d) == 4 for d in digits)


def earlier_event_date(doc: Doc, t: TimeExpression) -> bool:
    """Is ``t`` inside "after / following / since X", the time of an earlier event?"""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    for head in span.root.ancestors:
        if head.lower_ in _AFTER and head.dep_ in {"prep", "mark"}:
            return True
        if head.pos_ in {"VERB", "AUX"} and head.dep_ != "prep":
            return False
    return False


def _sunday_last_week(t: TimeExpression, article_date: str | None) -> TimeExpression:
    if not article_date or t.text.strip().lower() != "last week":
        return t
    try:
        day = dt.date.fromisoformat(article_date[:10])
    except ValueError:
        return t
    before = day - dt.timedelta(days=7)
    if day.isoweekday() != 7 or t.value != f"{before.isocalendar()[0]}-W{before.isocalendar()[1]:02d}":
        return t
    return replace(t, value=f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}")


def resolved(
    doc: Doc, t: TimeExpression, article_date: str | None, *, past: bool, planned: bool
) -> TimeExpression:
    """``t`` resolved for an act told in the past (looking back), planned (looking forward), or
    for the date of an earlier event it names (looking back)."""
    t = _sunday_last_week(t, article_date)
    if past or earlier_event_date(doc, t):
        return looking_back(t, article_date)
    return looking_forward(t, article_date) if planned else t


def clause_antecedents(trigger: Token) -> list[Token]:
    """What a "where"/"when" clause of ``trigger`` hangs on, and the verb above that: their dates
    are the act's ("in early 1995 when China seized ...", "met ... in Singapore, where they
    announced ...")."""
    # the clause opens with its adverb, wherever the parser hangs it ("where they pledged to ...")
    if trigger.dep_ not in {"relcl", "advcl"} or trigger.left_edge.lower_ not in _RELATIVE_ADVERBS:
        return []
    heads = [trigger.head]
    for head in trigger.head.ancestors:
        heads.append(head)
        if head.pos_ in {"VERB", "AUX"}:
            break
    return heads


def speech_noun(trigger: Token) -> list[Token]:
    """The statement noun whose "that" clause tells the act ("his Oct. 11 announcement that the two
    had reached a deal"): its date is the act's (the caller leaves out planned acts)."""
    clause = trigger
    while clause.dep_ == "conj" and clause.head.pos_ in {"VERB", "AUX"}:
        clause = clause.head  # "... that he is exiting the race and endorsing Harris"
    if clause.dep_ not in {"acl", "ccomp"} or not any(
        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
    ):
        return []
    # the clause may hang on the preposition over the noun ("following his announcement Sunday that ...")
    heads = [clause.head, *(c for c in clause.head.children if c.dep_ == "pobj" and c.i < clause.i)]
    noun = next(
        (h for h in heads if h.pos_ == "NOUN" and lemma_candidates(h.text, verbal=False) & _SPEECH_NOUNS),
        None,
    )
    return [noun] if noun is not None else []


def visit_under_way(doc: Doc, lead: Lead, article_date: str | None) -> bool:
    """Does the document's lead tell a visit begun on the article's day or the day before ("X
    arrived in China on Wednesday")? The plans told after it ("he will ask Xi to ...") are its."""
    first = lead_sentence(doc)
    if first is None or not article_date or lead[0] != "past" or lead[1].precision != "day":
        return False
    day = str(lead[1].value)[:10]
    yesterday = (dt.date.fromisoformat(article_date[:10]) - dt.timedelta(days=1)).isoformat()
    root = first.root
    visit = root.lower_ in _VISITS or any(c.dep_ == "dobj" and c.lower_ in _VISITS for c in root.children)
    return visit and day in {article_date[:10], yesterday}


def named_owners_act(trigger: Token) -> bool:
    """An event noun owned by a name, as the object of a verb ("condemned Russia's invasion",
    "focused on Russia's invasion"): the verb talks about that act, it does not tell it."""
    return (
        trigger.pos_ == "NOUN"
        and trigger.dep_ in {"dobj", "pobj", "conj"}
        and any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in trigger.children)
    )


def here_for(trigger: Token) -> bool:
    """ "X is in Manila for talks": a visit under way now (a present "be" with a place and a "for"
    purpose)."""
    head = trigger.head
    return (
        trigger.dep_ == "pobj"
        and head.lower_ == "for"
        and head.head.lemma_ == "be"
        and head.head.tag_ in {"VBZ", "VBP"}
        and any(c.dep_ == "prep" and c.lower_ in {"in", "at"} for c in head.head.children)
    )


def past_perfect(trigger: Token) -> bool:
    """ "had imposed": an act before another past moment (not a past perfect reported in the past,
    "X said deals had been agreed", which is only the tense of the report moved back)."""
    if trigger.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children):
        return False
    return not any(
        clause.dep_ in {"ccomp", "parataxis"}
        and bool(lemma_candidates(clause.head.text, verbal=True) & _REPORTING)
        for clause in [trigger, *trigger.ancestors]
    )


def reported_present(trigger: Token) -> bool:
    """A present simple act in the complement of a past speech verb ("Both sides support X, it
    said"; "X emphasized that the US is committed to ...", "... that the US continues to oppose
    ..."): it is told as what was said then."""
    clause = trigger
    if trigger.dep_ in _PREDICATE_LINKS and trigger.head.tag_ in {"VBZ", "VBP"}:
        clause = trigger.head  # "is committed", "continues to oppose": the present verb heads it
    elif trigger.tag_ not in {"VBZ", "VBP"} or clause_tense(trigger) != "present":
        return False
    # "... that X has not changed and that the US opposes ...": the first clause's link counts
    while clause.dep_ == "conj" and clause.head.tag_ in {"VBZ", "VBP", "VBN"}:
        clause = clause.head
    head = clause.head
    return (
        clause.dep_ in {"ccomp", "parataxis"}
        and head.tag_ == "VBD"
        and bool(lemma_candidates(head.text, verbal=True) & _SPEECH)
    )


_PREDICATE_LINKS = frozenset({"acomp", "xcomp"})


def _before_subject(date_root: Token, verb: Token) -> bool:
    """Does the date stand between a complement verb's head and its subject ("said on Wednesday
    he planned")?"""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return verb.dep_ == "ccomp" and subject is not None and verb.head.i < date_root.i < subject.left_edge.i


def speech_date(trigger: Token, date_root: Token) -> bool:
    """Does the date (its root ``date_root``) hang on a speech verb that ``trigger`` is reported
    under ("said on Wednesday he planned to ask ...")? It is when the plan was told, not its time."""
    verb = clause_verb(date_root)
    if verb is not None and _before_subject(date_root, verb):
        verb = verb.head  # "said on Wednesday he planned": parsed onto the complement, told of "said"
    return (
        verb is not None
        and verb in trigger.ancestors
        and bool(lemma_candidates(verb.text, verbal=True) & _SPEECH)
    )


def _about_a_visit(sent: Span) -> bool:
    return any(t.lower_ in _VISITS or t.lower_ in _MEETINGS or t.lemma_.lower() in _MEETINGS for t in sent)


def _planned_date(sent: Span, times: Sequence[TimeExpression], article_date: str) -> TimeExpression | None:
    """The first date of ``sent`` that does not end before the article date, for an act in it told
    as planned (future or present tense, not a report of speech)."""
    doc = sent.doc
    for t in times:
        if (
            not (sent.start_char <= t.start and t.end <= sent.end_char)
            or t.precision not in _FRAME_PRECISIONS
        ):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        verb = next((h for h in span.root.ancestors if h.pos_ in {"VERB", "AUX"}), None) if span else None
        if (
            verb is None
            or verb.tag_ in {"VBD", "VBN"}
            or lemma_candidates(verb.text, verbal=True) & _REPORTING
        ):
            continue
        tense = clause_tense(verb)
        if tense == "past":
            continue
        t = looking_forward(t, article_date)
        # a yearless date falls in a later year only in a plan told in the future ("will meet in
        # March"), not in "we welcome the summit on March 21", resolved forward by a cue nearby
        if tense != "future" and not _has_year(t) and str(t.value)[:4] > article_date[:4]:
            continue
        end = (calendar_value(str(t.value)) or "").split("/")[-1]
        if end[:10] >= article_date[:10][: len(end[:10])]:  # "summits starting this week"
            return t
    return None


def _traveller(trigger: Token, frame: Span) -> bool:
    """Can the act's subject take part in the framed trip: a person, a pronoun, a group ("the
    leaders", "both sides"), or a name of the frame's sentence (not "Samsung plans to invest")?"""
    subject = _subject(trigger)
    if subject is None:
        return True
    if subject.pos_ == "PRON" or subject.ent_type_ == "PERSON" or subject.pos_ == "NOUN":
        return True
    return subject.lower_ in {t.lower_ for t in frame if t.pos_ == "PROPN"}


def frame_of_plans(
    trigger: Token, calendar_times: Sequence[TimeExpression], article_date: str | None
) -> Lead | None:
    """The closest earlier sentence (of the last 25) that dates a coming visit, trip or meeting,
    as a lead of the planned acts after it."""
    if not article_date:
        return None
    doc = trigger.doc
    sent = trigger.sent
    sentences = [s for s in doc.sents if s.end <= sent.start][-_FRAME_SENTENCES:]
    for prev in reversed(sentences):
        if not _about_a_visit(prev):
            continue
        found = _planned_date(prev, calendar_times, article_date)
        if found is not None and _traveller(trigger, prev):
            names = frozenset(t.lower_ for t in prev if t.pos_ == "PROPN")
            return "future", found, names
    return None


_PERSONAL = frozenset({"he", "she", "they"})


def _subject(trigger: Token) -> Token | None:
    """The subject of ``trigger``'s clause, through coordinated verbs and to-clauses ("X plans to
    invest", "X met Y and signed")."""
    verb = trigger
    for _ in range(4):
        own = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if own is not None or verb.dep_ not in {"conj", "xcomp"} or verb.head.i == verb.i:
            return own
        verb = verb.head
    return None


def previous_occasion(
    trigger: Token, calendar_times: Sequence[TimeExpression], article_date: str | None
) -> TimeExpression | None:
    """The date of the sentence just before, when ``trigger``'s subject is a personal pronoun that
    goes on from it and that date dates its main verb before the article's day."""
    subject = _subject(trigger)
    sent = trigger.sent
    if not article_date or subject is None or subject.lower_ not in _PERSONAL or sent.start == 0:
        return None
    doc = trigger.doc
    prev = doc[sent.start - 1].sent
    while not prev.text.strip() and prev.start > 0:
        prev = doc[prev.start - 1].sent
    root = prev.root
    if clause_tense(root) != "past":
        return None
    for t in calendar_times:
        if not (prev.start_char <= t.start and t.end <= prev.end_char):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        verb = next((h for h in span.root.ancestors if h.pos_ in {"VERB", "AUX"}), None) if span else None
        start = (calendar_value(str(t.value)) or "").split("/")[0]
        if verb is not None and verb.i == root.i and start[:10] < article_date[:10]:
            return t
    return None


_LATER = re.compile(r"\s+later\b", re.IGNORECASE)
_PERIOD = re.compile(r"^P(\d+)([DWMY])$")


def _shift(value: str, count: int, unit: str) -> str | None:
    """``value`` (a day, month or year) moved on by ``count`` units, at the coarser precision."""
    parts = value.split("-")
    if unit == "Y":
        return f"{int(parts[0]) + count:04d}"
    if unit == "M" and len(parts) >= 2:
        total = int(parts[0]) * 12 + int(parts[1]) - 1 + count
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if unit in {"D", "W"} and len(parts) == 3:
        days = count * (7 if unit == "W" else 1)
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    return None


def counted_on(
    text: str, sentence_times: Sequence[TimeExpression], calendar_times: Sequence[TimeExpression]
) -> list[TimeExpression]:
    """The dates that "N units later" in ``sentence_times`` names, counted from the last calendar
    date before each."""
    out = []
    for t in sentence_times:
        period = _PERIOD.match(str(t.value or "")) if t.type == "DURATION" else None
        if period is None or not _LATER.match(text, t.end):
            continue
        before = max((c for c in calendar_times if c.end <= t.start), key=lambda c: c.start, default=None)
        if before is None:
            continue
        try:
            value = _shift(str(before.value)[:10], int(period[1]), period[2])
        except ValueError:
            value = None
        if value is not None:
            end = _LATER.match(text, t.end)
            out.append(
                replace(
                    t,
                    type="DATE",
                    value=value,
                    end=end.end() if end else t.end,
                    text=text[t.start : end.end()] if end else t.text,
                    precision="day" if len(value) == 10 else "month" if len(value) == 7 else "year",
                    rule="anaphoric.later",
                )
            )
    return out
