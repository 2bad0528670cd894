"""The reporting frame of event dating (``context.choose_date``; not a stable API).

* **Calendar values**: an event's date is a day, month, year or an interval of them, so that any
  reader can place it; a TIMEX week, quarter, half, season or decade becomes the interval of days
  or months it covers ("2017-W45" -> "2017-11-06/2017-11-12", "2023-H1" -> "2023-01/2023-06").
* **Looking back**: an act told in the past tense happened on or before the article's date. A
  weekday or a month named without a year that was resolved after it ("Xi vowed on Monday" in a
  Tuesday article, resolved forward by a "would" nearby) is the most recent one before it.
* **The lead's date**: a readout or report whose first sentence dates its main act ("X met Y on
  November 15", "X will host Y on May 1") tells the rest of that episode without dates ("The two
  leaders discussed ...", "the leaders will discuss ..."): an undated act told in the lead's tense
  takes the lead's date (a past one rather than the publication date) when its sentence goes on
  about the lead's participants (a name of the lead, "they", "the two leaders") and does not place
  it before or after another event ("After the visit, X signed ...").
* **The clause's tense**: a noun, gerund, participle or infinitive trigger ("wrapped up a visit",
  "after attending the summit", "will travel to discuss", "told visiting Minister X") is told in
  the tense of the finite verb of its clause; a present in a temporal clause of a planned act
  ("will press Xi when they meet") and the to-clause of a present verb of planning ("plans to
  discuss") are planned too.
* **A departure's date**: "leaves on Friday for Asia, where he will visit Japan ...", "There he
  will ask Xi ..." dates the start of a trip, not what is done at its stops: an act dated through
  a departure it is not itself happened on or after that day: it keeps the day with the basis
  "departure", which event identity reads as the weeks from that day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from comity.extract.lexicon import lexicon
from comity.records import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "Tense",
    "after_article",
    "another_moment",
    "before_article",
    "calendar_value",
    "clause_tense",
    "clause_verb",
    "from_departure",
    "governed_by",
    "lead_date",
    "lead_sentence",
    "looking_back",
    "same_episode",
    "up_to_article",
    "verb_above",
]

_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_QUARTER_HALF = re.compile(r"^(\d{4})-([QH])([1-4])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_YEAR = re.compile(r"\d{4}")
_DEPARTURES = lexicon("departure_verbs")
#: rules whose value names a weekday or a month of a year the text does not give
_WEEKDAY_RULES = ("weekday",)
_MONTH_RULES = ("date.month_day", "date.day_month", "month")


def _months(year: int, first: int, last: int) -> str:
    """ "YYYY-MM/YYYY-MM" from month numbers that may run past December (14 = February next year)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return f"{year:04d}-{first:02d}/{end_year:04d}-{end_month:02d}"


def calendar_value(value: str | None) -> str | None:
    """``value`` as days, months or years (see the module docstring); other values unchanged.

    >>> calendar_value("2017-W45"), calendar_value("2023-Q2"), calendar_value("199")
    ('2017-11-06/2017-11-12', '2023-04/2023-06', '1990/1999')
    """
    if not value:
        return value
    if week := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
        first, last = (
            (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
            if week[3]
            else (
                monday,
                monday + dt.timedelta(days=6),
            )
        )
        return f"{first.isoformat()}/{last.isoformat()}"
    if part := _QUARTER_HALF.match(value):
        size = 3 if part[2] == "Q" else 6
        index = int(part[3])
        return _months(int(part[1]), (index - 1) * size + 1, index * size)
    if season := _SEASON.match(value):
        return _months(int(season[1]), *_SEASON_MONTHS[season[2]])
    if decade := _DECADE.match(value):
        return f"{decade[1]}0/{decade[1]}9"
    return value


def before_article(value: str | None, article_date: str | None) -> bool:
    """Does the date ``value`` end before the article's day (at its own precision)?"""
    end = (calendar_value(value) or "").split("/")[-1]
    return bool(article_date and end[:4].isdigit() and end[:10] < article_date[:10][: len(end[:10])])


def up_to_article(value: str | None, article_date: str | None, *, earlier: bool = False) -> str | None:
    """A day interval of a past act cut at the article's day ("this week" -> Monday to the article
    day), or at the day before it for "earlier this week"; any other value unchanged."""
    start, _, end = (value or "").partition("/")
    if not (article_date and len(start) == 10 and len(end) == 10 and start <= article_date[:10] < end):
        return value
    last = max(
        (dt.date.fromisoformat(article_date[:10]) - dt.timedelta(days=1 if earlier else 0)).isoformat(), start
    )
    return start if last == start else f"{start}/{last}"


def after_article(value: str | None, article_date: str | None) -> bool:
    """Does the date ``value`` start after the article's day (a single day: by more than
    ``DATELINE_SLACK_DAYS``, as a report dated in another time zone may tell the next day)?"""
    full = calendar_value(value) or ""
    start = full.split("/")[0]
    if not (article_date and start[:4].isdigit()):
        return False
    if len(full) == 10:
        return _days_after(full, article_date) > DATELINE_SLACK_DAYS
    return start[:10] > article_date[:10]


def _shifted(value: str, rule: str) -> str | None:
    """The same weekday a week earlier, or the same month (and day) a year earlier."""
    try:
        if rule.startswith(_WEEKDAY_RULES) and len(value) == 10:
            return (dt.date.fromisoformat(value) - dt.timedelta(days=7)).isoformat()
        if rule.startswith(_MONTH_RULES) and len(value) in {7, 10}:
            year = int(value[:4]) - 1
            if value[5:] == "02-29":
                return f"{year:04d}-02-{calendar.monthrange(year, 2)[1]:02d}"
            return f"{year:04d}{value[4:]}"
    except ValueError:
        return None
    return None


#: A calendar day named without a year may lie this many days after the article's date (an article
#: dated in one time zone reporting a day in another) and still be this year's.
DATELINE_SLACK_DAYS = 1


def _days_after(value: str, article_date: str) -> int:
    try:
        return (dt.date.fromisoformat(value[:10]) - dt.date.fromisoformat(article_date[:10])).days
    except ValueError:
        return DATELINE_SLACK_DAYS + 1  # a month ("2024-09"): no day to compare


def looking_back(t: TimeExpression, article_date: str | None) -> TimeExpression:
    """``t`` for an act told in the past: a yearless weekday or month resolved after the article
    date is moved back to the last one on or before it (a calendar day at most
    ``DATELINE_SLACK_DAYS`` after it stays)."""
    value = str(t.value or "")
    if not article_date or not value[:4].isdigit() or value[:10] <= article_date[:10] or _YEAR.search(t.text):
        return t
    if t.rule.startswith(_MONTH_RULES) and _days_after(value, article_date) <= DATELINE_SLACK_DAYS:
        return t  # "met on August 29" in a readout dated the 28th (Washington time): not a year back
    earlier = _shifted(value, t.rule)
    if earlier is None or earlier[:10] > article_date[:10]:
        return t
    return replace(t, value=earlier)


_NOMINAL_LINKS = frozenset(
    {"dobj", "pobj", "prep", "pcomp", "compound", "attr", "nsubjpass", "agent", "acomp", "amod"}
)
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_PAST_AUX = frozenset({"was", "were", "had", "did"})
_FUTURE_AUX = lexicon("future_auxiliaries")
_FUTURE_HEADS = lexicon("future_heads")
_SEQUENCE = lexicon("after_words") | lexicon("before_words") | lexicon("later_step_adverbs")
Tense = Literal["past", "future", "present"]
_TEMPORAL_CLAUSE_MARKS = lexicon("temporal_marks") | lexicon("after_words") | lexicon("before_words")


def _participle(token: Token) -> bool:
    """A participle adjunct without a conjunction ("spotted ships, denouncing ...")."""
    return (
        token.dep_ == "advcl"
        and token.tag_ in {"VBG", "VBN"}
        and not any(c.dep_ == "mark" for c in token.children)
    )


def _tense(verb: Token) -> Tense | None:
    # "to" of an infinitive tells no tense: "will try to convince" is told in "will try"
    auxiliaries = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO"]
    if any(a in _FUTURE_AUX for a in auxiliaries):
        return "future"
    if verb.tag_ == "VBD" or any(a in _PAST_AUX for a in auxiliaries):
        return "past"
    if verb.tag_ in _FINITE or auxiliaries:
        return "present"
    return None


def _sharing_conjunct(token: Token) -> bool:
    """A verb coordinated under another without a subject or auxiliary of its own ("will attend
    the summit, make a visit ..."): it shares that verb's tense."""
    return (
        token.dep_ == "conj"
        and token.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in token.children)
    )


def _temporal_clause(verb: Token) -> bool:
    return verb.dep_ == "advcl" and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in _TEMPORAL_CLAUSE_MARKS for c in verb.children
    )


def clause_tense(trigger: Token) -> Tense | None:
    """The tense ``trigger`` is told in: its own verb's, or for a noun, gerund, participle or
    infinitive that of the first finite verb of its clause ("wrapped up a visit", "made the comment
    after attending the summit", "will discuss"). Relative and complement clauses have their own
    tense and stop the search (None)."""
    token = trigger
    for _ in range(8):
        if token.pos_ in {"VERB", "AUX"} and (tense := _tense(token)) is not None:
            # "was his fourth visit": a copula names the act, it does not tell it (but it does tell
            # an adjective's: "said the claims were illegal")
            if token.i != trigger.i and token.lemma_ == "be" and trigger.pos_ != "ADJ":
                return None
            # "will press Xi when they meet": a present in a temporal clause of a plan is planned too
            if tense == "present" and _temporal_clause(token) and clause_tense(token.head) == "future":
                return "future"
            return tense
        if (
            token.dep_ not in _NOMINAL_LINKS
            and not _participle(token)
            and token.dep_ != "xcomp"
            and not _sharing_conjunct(token)
        ):
            return None
        if token.dep_ == "xcomp" and _plans(token.head):  # "plans to discuss": a planned act
            return "future"
        token = token.head
    return None


def _plans(verb: Token) -> bool:
    """A present verb of planning ("plans to", "is expected to"): its to-clause is planned."""
    return verb.lemma_.lower() in _FUTURE_HEADS and _tense(verb) == "present"


def another_moment(trigger: Token) -> bool:
    """Is the act placed before or after another one ("After the visit, X signed ...", "X later
    signed ...")? Then it is no part of the episode the lead dates."""
    clause = [trigger, *(t for t in trigger.ancestors)]
    return any(
        c.dep_ in {"prep", "advmod", "mark"}
        and c.lower_ in _SEQUENCE
        # "following their September 9 call": a dated earlier event, not the lead's
        and not any(t.ent_type_ == "DATE" for t in c.subtree)
        for t in clause
        for c in t.children
    )


_GROUP_WORDS = frozenset({"both", "two", "three"})
_LEADERS = lexicon("leader_nouns")


def _names(sent: Span) -> frozenset[str]:
    return frozenset(t.lower_ for t in sent if t.pos_ == "PROPN")


def same_episode(trigger: Token, lead: Lead) -> bool:
    """Does the trigger's sentence go on about the lead's participants: a name of the lead, or a
    subject that points back ("they", "the two leaders", "the two", "the leaders", "both sides")?"""
    sent = trigger.sent
    if _names(sent) & lead[2]:
        return True
    return any(
        t.dep_ in {"nsubj", "nsubjpass"}
        and (
            t.pos_ == "PRON"
            or t.lower_ in _GROUP_WORDS  # "the two committed to ..."
            or any(c.lower_ in _GROUP_WORDS for c in t.children)
            or (t.lower_ in _LEADERS and t.tag_ == "NNS" and any(c.lower_ == "the" for c in t.children))
        )
        for t in sent
    )


def verb_above(token: Token) -> Token | None:
    """The first verb above ``token`` (None when there is none)."""
    return next((h for h in token.ancestors if h.pos_ in {"VERB", "AUX"}), None)


def clause_verb(token: Token) -> Token | None:
    """The verb of ``token``'s clause: itself when it is one, else the first verb above it."""
    return token if token.pos_ in {"VERB", "AUX"} else verb_above(token)


def governed_by(root: Token, token: Token) -> bool:
    """Does the head chain from ``token`` reach ``root`` before any other verb?"""
    for head in [token, *token.ancestors]:
        if head.i == root.i:
            return True
        if head.i != token.i and head.pos_ in {"VERB", "AUX"}:
            return False
    return False


def from_departure(doc: Doc, t: TimeExpression, trigger: Token) -> bool:
    """Does ``t`` date a departure that is not ``trigger`` itself ("leaves on Friday for Asia,
    where he will visit ...")?"""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not t.value:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ == "ADP" and before.i > 0:
        before = doc[before.i - 1]  # "leaves on Friday"
    verbs = [v for v in (clause_verb(span.root), before) if v is not None and v.i != trigger.i]
    return any(v.lower_ in _DEPARTURES for v in verbs)


Lead = tuple[Tense, TimeExpression, frozenset[str]]
_LEAD_PRECISIONS = frozenset({"day", "week", "interval"})


def lead_date(doc: Doc, calendar_times: Sequence[TimeExpression], article_date: str | None) -> Lead | None:
    """The tense and the date (a day, a week or days) the document's first sentence gives its main
    act: past and on or before the article date ("X met Y on November 15"), or future and on or
    after it ("X will host Y on May 1"); None when the lead has no such date."""
    cached = doc.user_data.get("comity_lead_date")
    if isinstance(cached, tuple) and cached[0] is calendar_times:
        found: Lead | None = cached[1]
        return found
    found = _find_lead_date(doc, calendar_times, article_date)
    doc.user_data["comity_lead_date"] = (calendar_times, found)
    return found


def lead_sentence(doc: Doc) -> Span | None:
    """The document's first sentence with a verb: a dateline parsed as a sentence of its own
    ("BEIJING (Reuters) -") is passed over."""
    sents = (s for s in doc.sents if s.text.strip())
    return next((s for n, s in enumerate(sents) if n > 1 or any(t.pos_ in {"VERB", "AUX"} for t in s)), None)


def _find_lead_date(
    doc: Doc, calendar_times: Sequence[TimeExpression], article_date: str | None
) -> Lead | None:
    first = lead_sentence(doc)
    if first is None or not article_date:
        return None
    root = first.root
    tense = _tense(root) if root.pos_ in {"VERB", "AUX"} else None
    if tense not in {"past", "future"}:
        return None
    for t in calendar_times:
        if (
            not (first.start_char <= t.start and t.end <= first.end_char)
            or t.precision not in _LEAD_PRECISIONS
        ):
            continue
        value = str(t.value)[:10]
        if (value > article_date[:10]) if tense == "past" else (value < article_date[:10]):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and governed_by(root, span.root):
            return tense, t, _names(first)
    return None
