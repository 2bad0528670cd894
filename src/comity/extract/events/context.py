"""Date and location of a trigger (not a stable API; its modality is ``modality.py``'s).

Date: the time expression governed by the trigger (its head chain reaches the trigger before
any other verb), or a date fronted before the main clause that the trigger belongs to, also across
a bad sentence split (``dating.py``) -> "governing"; dates of another possessed event noun of the
same kind ("X's visit on May 2-3 and Y's visit") are not the trigger's, and such an undated visit
announced earlier ("ahead of his visit to Y" on D) -> "D+1/<article date>", "bounded" (else, on or
before the article date, "document"); else the nearest one in the sentence that is attached to the
trigger's own clause, not to a relative, coordinated or subordinate verb (``date_scope.py``) ->
"sentence" (years inside names, "UNCLOS 1982", date nothing; "Tuesday evening" dates its day); else,
when the sentence refers back to an event ("during the visit", "Xi's visit", "the talks", "in addition
to meeting X"), the date of the closest earlier dated sentence that mentions such an event (same kind
first; a visit also covers the meetings and talks held during it, and a visit or meeting the documents
issued at it: "their communiqué, wherein ...", "the agreements they have signed") -> "carried"; else,
for an asserted past-tense verb, the publication date -> "document" (not for a present perfect, "have
agreed", which says only "some time before": no date); else none -> "unknown". A date fronted before coordinated
verbs dates each of them ("On May 3 he wrote ... and stated ..."), unless the later verb has a date
of its own or is a later step ("... and has since accused"); earlier sentences whose event nouns only
point back ("This visit was ...") are passed over when carrying, and nothing is carried to an
event that a verb earlier in its sentence tells ("X met Y later, but ... their talks").
The lead is the first sentence with a verb (a dateline "BEIJING (Reuters) -" is passed over); a lead
telling a visit begun on the article's day or the day before ("arrived in China on Wednesday") also
dates the undated plans told after it ("he will ask Xi to ...").
A planned act is not dated by the day its plan was told ("said on Wednesday he planned to ask
..."): that date only bounds it. Relative dates are resolved in the tense the act is told in: a noun
in a past clause looks back ("raised it during a meeting in November"), an act scheduled in a past
clause looks ahead ("were scheduled to hold talks on Thursday").
Day dates joined by "and"/"to"/"through" ("on Tuesday and Wednesday") are read as one interval.
Only resolved calendar values count, so in an article without a date relative expressions
("on Friday") date nothing and no event falls back to a guessed date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from comity.extract.events.date_clauses import (
    clause_antecedents,
    counted_on,
    frame_of_plans,
    here_for,
    named_owners_act,
    past_perfect,
    previous_occasion,
    reported_present,
    resolved,
    speech_noun,
    visit_under_way,
)
from comity.extract.events.date_frame import (
    after_article,
    another_moment,
    before_article,
    calendar_value,
    clause_tense,
    from_departure,
    lead_date,
    same_episode,
    up_to_article,
)
from comity.extract.events.date_scope import (
    coordinated,
    dates_another,
    dating_times,
    governs,
    in_clause_of,
    in_scope,
    participle_head,
    shares_coordinated,
    told_on,
)
from comity.extract.events.dating import announced_bound, fronted_dates, sibling_dated
from comity.extract.events.location import location_of
from comity.extract.events.modality import modality_of
from comity.extract.lexicon import lexicon
from comity.nlp import doc_text, sentences_before, tokens_where
from comity.records import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["DateChoice", "choose_date", "location_of"]


@dataclass(frozen=True, slots=True)
class DateChoice:
    value: str | None
    text: str | None
    precision: str | None
    basis: str


_VISIT_WORDS = lexicon("visit_nouns") | lexicon("visit_verb_forms")
_MEET_WORDS = lexicon("meeting_words")
# documents issued at a meeting or visit: "their Joint Communiqué", "the agreements they signed"
_DOCUMENT_WORDS = lexicon("document_words")
_DEMONSTRATIVE = lexicon("demonstratives")
_PERFECT_AUX = lexicon("perfect_auxiliaries")
_REFERRING_PREPS = lexicon("referring_prepositions")
_DEFINITE = lexicon("definite_determiners")
_JOINERS = re.compile(r"\s*(?:and|to|through|until|-|–)\s*", re.IGNORECASE)
_CARRY_SENTENCES = 40
_PLANNED = frozenset({"future", "hypothetical"})  # "were scheduled to hold talks on Thursday" looks ahead


def _kind(token: Token) -> str | None:
    """'visit' or 'meet' when the token names a visit or a meeting, else None."""
    return _kind_of(token.lower_)


def _is_event_word(word: str) -> bool:
    return _kind_of(word) is not None


def _kind_of(word: str) -> str | None:
    if word in _VISIT_WORDS:
        return "visit"
    if word in _MEET_WORDS and word != "held":
        return "meet"
    if word in _DOCUMENT_WORDS:
        return "document"
    return None


def _is_calendar(t: TimeExpression) -> bool:
    """A resolved calendar date: not a duration, a set or a reference such as "now"."""
    return t.type == "DATE" and bool(t.value) and str(t.value)[:1].isdigit()


def _calendar(known: _DocumentTimes, start: int, end: int) -> list[TimeExpression]:
    """Resolved calendar dates between two offsets: not durations, sets, references, 'since' spans."""
    return [
        t
        for t in known.starting_between(start, end)
        if _is_calendar(t) and not t.rule.endswith("+since") and t.end <= end
    ]


#: How far from a day date another one may start and still be joined to it ("May 3 and 4"): far more
#: than any joiner ("and", "to", a dash) with its spaces, so the window changes no result.
_JOIN_WINDOW = 200


def _joined(t: TimeExpression, known: _DocumentTimes, text: str) -> DateChoice:
    """``t`` as a choice, widened to an interval with a day date it is coordinated with."""
    choice = DateChoice(t.value, t.text, t.precision, "")
    if t.precision != "day" or not t.value:
        return choice
    group = [t]
    for other in known.from_offset(t.start - _JOIN_WINDOW):
        first, last = group[0], group[-1]
        if other.start > last.end + _JOIN_WINDOW:
            break  # in text order: nothing further can follow the group
        if other.precision != "day" or not other.value or other in group:
            continue
        if other.start >= last.end and _JOINERS.fullmatch(text[last.end : other.start]):
            group.append(other)
        elif other.end <= first.start and _JOINERS.fullmatch(text[other.end : first.start]):
            group.insert(0, other)
    if len(group) == 1:
        return choice
    values = sorted(str(g.value)[:10] for g in group)
    return DateChoice(f"{values[0]}/{values[-1]}", text[group[0].start : group[-1].end], "interval", "")


def _with_basis(choice: DateChoice, basis: str) -> DateChoice:
    return DateChoice(choice.value, choice.text, choice.precision, basis)


def _opened(choice: DateChoice, t: TimeExpression, trigger: Token) -> DateChoice:
    """``choice`` with the basis "departure" when ``t`` dates a trip's start, not ``trigger``."""
    return _with_basis(choice, "departure") if from_departure(trigger.doc, t, trigger) else choice


def _references(trigger: Token, sent: Span) -> set[str]:
    """Kinds of earlier event the sentence refers back to: a definite or possessive event noun
    ("the visit", "Xi's visit") or one in a phrase like "during the talks", "in addition to meeting"."""
    kinds: set[str] = set()
    for token in tokens_where(sent, _is_event_word):
        kind = _kind(token)
        definite = any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in token.children
        )
        nominal = token.pos_ in {"NOUN", "PROPN"} or token.tag_ == "VBG"
        embedded = token.dep_ in {"pobj", "pcomp"} and token.head.lower_ in _REFERRING_PREPS
        # "during the talks" / "in addition to meeting X"; or the trigger itself ("Xi's visit"), or
        # an event noun owning something ("the visit's outcome"), or one whose clause holds the trigger
        # ("their communiqué, wherein both sides agreed ..."), when definite
        owns = token.i == trigger.i or token.dep_ == "poss" or trigger in token.subtree
        # a document named in the clause over the trigger ("was their communiqué, wherein ... agreed")
        owns = owns or (kind == "document" and token.head in trigger.ancestors)
        if kind == "document" and _standing_treaty(token):
            continue
        if kind and nominal and (embedded or (definite and owns)) and in_clause_of(token, trigger):
            kinds.add(kind)
    return kinds


def _told_before_in_sentence(trigger: Token, sent: Span, kinds: set[str]) -> bool:
    """Does a verb earlier in the sentence tell the event referred to ("X met Y later, but
    released no details of their talks")? Then it is that act, not an earlier sentence's."""
    return any(t.tag_ in {"VBD", "VBZ", "VBP"} and t.i < trigger.i and _kind(t) in kinds for t in sent)


def _standing_treaty(token: Token) -> bool:
    """A document known by its name ("the Enhanced Defense Cooperation Agreement"), not one issued
    at a meeting ("their Joint Communiqué" has an owner)."""
    return token.text[:1].isupper() and not any(c.dep_ == "poss" for c in token.children)


def _anaphoric_only(heads: Sequence[Token]) -> bool:
    """All event nouns in a sentence point back ("This visit was ..."): its date lies further back."""
    return all(any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVE for c in h.children) for h in heads)


def _carried(
    trigger: Token, sent: Span, known: _DocumentTimes, *, not_before: str | None = None
) -> DateChoice | None:
    """The date of the closest earlier sentence about an event of a kind this sentence refers to
    (for a planned act, ``not_before`` the article date: an earlier, finished event is passed over)."""
    kinds = _references(trigger, sent)
    if not kinds or _told_before_in_sentence(trigger, sent, kinds):
        return None
    doc = trigger.doc
    earlier = sentences_before(sent, _CARRY_SENTENCES)
    # the same kind first; a visit is the umbrella of the meetings and talks held during it, and a
    # visit or meeting that of the documents issued at it
    umbrella = {"visit", "meet"} if "document" in kinds else {"visit"}
    for wanted in (kinds, umbrella):
        for prev in reversed(earlier):
            dated = _calendar(known, prev.start_char, prev.end_char)
            if not dated:
                continue
            # an infinitive ("for its leader to visit in 2017") names no event that took place
            heads = [
                tok for tok in tokens_where(prev, _is_event_word) if _kind(tok) in wanted and tok.tag_ != "VB"
            ]
            if not heads:
                continue
            for head in heads:
                for t in dated:
                    span = doc.char_span(t.start, t.end, alignment_mode="expand")
                    if span is not None and governs(head, span.root):
                        choice = _with_basis(_joined(t, known, doc_text(doc)), "carried")
                        if not before_article(choice.value, not_before):
                            return choice
            if _anaphoric_only(heads):
                continue
            best = min(dated, key=lambda t: min(abs(t.start - h.idx) for h in heads))
            choice = _with_basis(_joined(best, known, doc_text(doc)), "carried")
            if not before_article(choice.value, not_before):
                return choice
    return None


def _perfect(trigger: Token) -> bool:
    """A present perfect ("have agreed"): done at some time up to the article date."""
    return trigger.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in _PERFECT_AUX for c in trigger.children
    )


@dataclass(frozen=True, slots=True)
class _DocumentTimes:
    """A document's dating times (``dating_times``) in text order with their start offsets, worked out
    once per document and kept on the ``Doc``: every event of the document asks for them, and a
    binary search on the offsets finds those of a sentence or beside a date without a scan of all."""

    source: Sequence[TimeExpression]  # the times they were made from (the cache key)
    dating: list[TimeExpression]
    calendar: list[TimeExpression]  # the resolved calendar dates among them (``_is_calendar``)
    ordered: list[TimeExpression]  # ``dating`` sorted by start offset
    starts: list[int]

    @classmethod
    def of(cls, doc: Doc, times: Sequence[TimeExpression]) -> _DocumentTimes:
        cached = doc.user_data.get("comity_dating_times")
        if isinstance(cached, cls) and cached.source is times:
            return cached
        dating = dating_times(doc, times)
        ordered = sorted(dating, key=lambda t: t.start)
        calendar = [t for t in dating if _is_calendar(t)]
        made = cls(times, dating, calendar, ordered, [t.start for t in ordered])
        doc.user_data["comity_dating_times"] = made
        return made

    def from_offset(self, start: int) -> Iterator[TimeExpression]:
        """The times that start at or after ``start``, in text order."""
        for i in range(bisect.bisect_left(self.starts, start), len(self.ordered)):
            yield self.ordered[i]

    def starting_between(self, start: int, end: int) -> list[TimeExpression]:
        """The times that start in [start, end], in text order."""
        return self.ordered[bisect.bisect_left(self.starts, start) : bisect.bisect_right(self.starts, end)]


def choose_date(
    trigger: Token, sent: Span, times: Sequence[TimeExpression], *, past_tense: bool, article_date: str | None
) -> DateChoice:
    """The date of the event (see the module docstring for the order of preference), as days, months
    or years (``date_frame.calendar_value``)."""
    tense = clause_tense(trigger)
    modality = modality_of(trigger, None, None)
    # "were scheduled to hold talks on Thursday": planned though told in the past
    planned = not past_tense and (tense == "future" or modality == "future")
    # "raised the issue during a meeting in November": a noun told in a past clause looks back too
    told_past = past_tense or (tense == "past" and modality not in _PLANNED)
    choice = _choose(
        trigger,
        sent,
        times,
        past_tense=past_tense,
        told_past=told_past,
        planned=planned,
        article_date=article_date,
    )
    if past_tense and after_article(
        choice.value, article_date
    ):  # an act told in the past is not after its report
        known = _DocumentTimes.of(trigger.doc, times)
        choice = _undated(trigger, known, past_tense=past_tense, article_date=article_date)
    value = calendar_value(choice.value)
    if told_past:  # "earlier this week": up to the report, not after
        value = up_to_article(value, article_date, earlier=(choice.text or "").lower().startswith("earlier"))
    return choice if value == choice.value else DateChoice(value, choice.text, choice.precision, choice.basis)


def _choose(
    trigger: Token,
    sent: Span,
    times: Sequence[TimeExpression],
    *,
    past_tense: bool,
    told_past: bool,
    planned: bool,
    article_date: str | None,
) -> DateChoice:
    doc = trigger.doc
    # Only calendar dates can date an event: "spanned 15 years" (DURATION) or "every year" (SET) cannot,
    # nor can references like "now" (PRESENT_REF) that have no calendar value.
    # a year inside a name ("UNCLOS 1982") is the time of no event; "Tuesday evening" is a day
    known = _DocumentTimes.of(doc, times)
    times = known.dating
    calendar = known.calendar
    inside = [t for t in known.starting_between(sent.start_char, sent.end_char) if _is_calendar(t)]
    inside = [t for t in inside if t.end <= sent.end_char]
    # "Four months later": counted from the last date told before it
    inside += counted_on(doc_text(doc), known.starting_between(sent.start_char, sent.end_char), calendar)
    # an act told in the past happened on or before the article date, a planned one on or after it
    inside = [resolved(doc, t, article_date, past=told_past, planned=planned) for t in inside]
    # the trigger's own date first, then one it shares with a verb it is coordinated under, then the
    # date of what its "where"/"when" clause hangs on
    antecedents = clause_antecedents(trigger) + ([] if planned else speech_noun(trigger))
    for heads in ([trigger], coordinated(trigger)[1:] + participle_head(trigger), antecedents):
        for t in inside:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and any(
                governs(head, span.root) and (head in antecedents or shares_coordinated(trigger, head))
                for head in heads
            ):
                return _opened(_with_basis(_joined(t, known, doc_text(doc)), "governing"), t, trigger)
    fronted = [t for t in fronted_dates(trigger, sent, times) if t in calendar]
    if fronted and not (_perfect(trigger) and not _perfect(sent.root)):
        return _with_basis(_joined(fronted[0], known, doc_text(doc)), "governing")
    siblings = sibling_dated(trigger, inside, _kind)
    # dates of another predicate (relative clause, coordinated or subordinate verb) are not the trigger's
    inside = [
        t
        for t in inside
        if t.start not in siblings and in_scope(trigger, t) and not dates_another(trigger, t)
    ]
    if planned:  # "said on Wednesday he planned to ask ...": the day the plan was told
        inside = [t for t in inside if not told_on(trigger, t)]
    if not inside and (bound := announced_bound(trigger, sent, calendar, article_date)) is not None:
        return DateChoice(bound[0], bound[1].text, "interval", "bounded")
    if siblings and not inside:  # a second event of its own, reported as done
        return DateChoice(f"../{article_date}" if article_date else None, None, "interval", "document")
    if inside:
        best = min(inside, key=lambda t: abs(t.start - trigger.idx))
        return _with_basis(_joined(best, known, doc_text(doc)), "sentence")
    # a planned act ("during his visit, X will ask ...") is not dated by an earlier, finished event
    carried = _carried(trigger, sent, known, not_before=article_date if planned else None)
    if carried is not None:
        return carried
    return _undated(trigger, known, past_tense=past_tense, article_date=article_date)


def _undated(
    trigger: Token, known: _DocumentTimes, *, past_tense: bool, article_date: str | None
) -> DateChoice:
    """An act without a date in its sentence, told in the tense of the document's dated lead, takes
    the lead's date ("document" for a past act, "carried" for a planned one); else an act told in
    the past (by its own verb or its clause's) happened on the article date; a present perfect ("have
    agreed") has no date. An act told in no past has no date."""
    # "had imposed": before another past moment; "condemned Russia's invasion": another's act named
    if not article_date or past_perfect(trigger) or named_owners_act(trigger):
        return DateChoice(None, None, None, "unknown")
    if past_tense and _perfect(trigger):  # "have agreed": some time before the report, no date
        return DateChoice(None, None, None, "unknown")
    if here_for(trigger):  # "X is in Manila for talks": under way on the article's day
        return DateChoice(article_date, None, "day", "document")
    tense = "past" if past_tense or reported_present(trigger) else clause_tense(trigger)
    leads = [lead_date(trigger.doc, known.calendar, article_date)]
    if tense == "future":
        leads.append(frame_of_plans(trigger, known.calendar, article_date))
    for lead in leads:
        if (
            lead is not None
            and (lead[0] == tense or (tense == "future" and visit_under_way(trigger.doc, lead, article_date)))
            and lead[1].start < trigger.idx
            and same_episode(trigger, lead)
            and not another_moment(trigger)
        ):
            dated = _joined(lead[1], known, doc_text(trigger.doc))
            return _opened(_with_basis(dated, "document" if tense == "past" else "carried"), lead[1], trigger)
    if tense == "past" and not another_moment(trigger):
        occasion = previous_occasion(trigger, known.calendar, article_date)
        if occasion is not None:  # "In a letter in May, X said ... . He urged ..."
            return _with_basis(_joined(occasion, known, doc_text(trigger.doc)), "carried")
    if tense == "past":
        return DateChoice(article_date, None, "day", "document")
    return DateChoice(None, None, None, "unknown")
