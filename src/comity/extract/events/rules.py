"""``rules.v1``: a dependency-rule event coder driven by the trigger table.

For each sentence outside boilerplate, every token that realises a trigger (``data/
triggers.csv``) becomes a candidate event; its source and target come from the parse
(``roles.py``), its modality, date and location from ``context.py``, its type, Goldstein value
and mode from the CAMEO/PLOVER table (``comity.ontology``).

Conventions (following the seed gold):
* coordinated actors with no separate target ("China and Vietnam signed ...", "the two sides
  pledged ...") give a source/target pair: the first actor is the source, the others the
  targets (such events are reciprocal: the order carries no meaning); of accusations, requests,
  threats, protests, sanctions and statements they are its sources together ("Australia and
  Japan complained").
* visits: visitor = source, host = target; a visit to several countries is one visit (042) per
  host country, so each dyad's timeline has it; "X hosted/received Y" is X's act (043, host =
  source, as in the real-news gold).
* a country named as an actor stands for its government (sector GOV).
* an act done to someone whose phrase names no one takes an implied target (``implied.py``: the
  nearest actor of another country in the sentence, else the other side of the source's event
  told just before), at a lower confidence.
* a visit noun that only dates another act ("during his tour, X said") and an act noun with no doer
  that is only supposed or generic ("an armed attack would invoke the treaty") report no event
  (``unreported.py``).
* pledges and agreements are AGREE and asserted; a trigger inside their to-clause ("agreed to
  elevate ties") is absorbed, not coded twice.
* no event without a source that is coded (has a country) or named; identical events in one
  document are kept once (same id); a second noun event of a sentence with the same code and
  countries but other persons ("X's visit ... and Y's visit") keeps its noun phrase as evidence.
* ongoing disputes between two states (ACCUSE 110, modality "ongoing") and earlier visits implied
  by "his second visit in six years" come from ``background.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from comity.config import Settings
from comity.extract.actors.kb import ActorKB
from comity.extract.actors.tracker import readout_host
from comity.extract.events.args import ActorFinder, Found
from comity.extract.events.background import background_events, distinct_phrase
from comity.extract.events.base import PRODUCER, event_id
from comity.extract.events.candidates import sentence_candidates
from comity.extract.events.contested import names_disputed_area
from comity.extract.events.context import choose_date, location_of
from comity.extract.events.implied import IMPLIED_PENALTY, Partners, implied_target
from comity.extract.events.intent import criticism_code, intended_code
from comity.extract.events.modality import denied, modality_of, reporting_verb
from comity.extract.events.patterns import Trigger
from comity.extract.events.roles import find_roles, sides, speaker_of
from comity.extract.events.uncoded import uncoded_source
from comity.extract.events.unreported import generic_act, visit_as_time
from comity.extract.events.verdicts import verdict_parts
from comity.extract.lexicon import lexicon
from comity.nlp import doc_sentences
from comity.ontology import STATEMENT, cameo_info
from comity.records import ActorRef, Article, Event, Mention, Modality, TextSpan, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["RulesCoder", "in_boilerplate", "sentence_evidence"]

UNCODED_CONFIDENCE = 0.15  # no coded or named source: kept (an event happened), ranked last
STATEMENT_CONFIDENCE = 0.1  # a statement ranks below any PLOVER event
VISIT = "042"
#: Subjects that point back at an event already told ("It was their first meeting ...").
_BACK_POINTERS = lexicon("back_pointers")
#: Acts two sides do together: a plural subject ("the two leaders discussed X's war") is both sides.
_RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: Verdicts of praise or blame: on no one's conduct ("the talks were helpful") they are no event.
_EVALUATIONS = frozenset({"SUPPORT", "ACCUSE"})


def sentence_evidence(article: Article, sent: Span) -> TextSpan:
    """The sentence as evidence: its span of the article text without surrounding white space."""
    start, end = sent.start_char, sent.end_char
    text = article.text[start:end]
    stripped = text.rstrip()
    start += len(stripped) - len(stripped.lstrip())
    end = sent.start_char + len(stripped)
    return TextSpan(start, end, article.text[start:end])


def in_boilerplate(article: Article, start: int, end: int) -> bool:
    """Does [start, end) lie inside one of the article's boilerplate marks (share bars, captions)?"""
    return any(b.start <= start and end <= b.end for b in article.boilerplate)


def _described_again(noun: Token, event: Event, earlier: Iterable[Event], sentence: int) -> bool:
    """ "It was their first meeting in five years" right after the meeting was told: the pronoun
    subject and possessive point back at that event; the sentence describes it, it is no new one.
    ("It was the first visit to Beijing by X" with nothing before it is a new event.)"""
    head = noun.head
    pointing = (
        noun.dep_ == "attr"
        and head.lemma_ == "be"
        and any(c.dep_ == "nsubj" and c.lower_ in _BACK_POINTERS for c in head.children)
        and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)
    )
    return pointing and any(e.type == event.type and sentence - 2 <= e.sentence < sentence for e in earlier)


def _countries(actors: Sequence[ActorRef]) -> set[str]:
    return {a.country for a in actors if a.country}


def _foreign(source: Sequence[ActorRef], target: Sequence[ActorRef]) -> bool:
    """Are both sides coded to countries, none shared?"""
    mine, theirs = _countries(source), _countries(target)
    return bool(mine and theirs and not mine & theirs)


def _accuses_another(speaker: Sequence[ActorRef], actor: Sequence[ActorRef]) -> bool:
    """Does a speaker report an act of others: "Beijing said the Vietnamese boat rammed ..."
    (not "Vietnam said it seized ...", its own act; both sides need a country to tell)?"""
    said_by, done_by = _countries(speaker), _countries(actor)
    return bool(said_by and done_by) and not said_by & done_by


def _reported(modality: Modality, speech: Token | None, speaker: Sequence[ActorRef],
              source: Sequence[ActorRef]) -> Modality:  # fmt: skip
    """An act a speaker reports: denied -> negated; told by a coded speaker who is not among its
    coded actors -> claimed (the speaker's word, not the text's); else as it is."""
    if speech is None or modality not in {"asserted", "historical"}:
        return modality
    if denied(speech):
        return "negated"
    return "claimed" if _accuses_another(speaker, source) else modality


def _per_host(event: Event) -> list[Event]:
    """A visit to several countries ("will visit Japan, South Korea and China", "a trip with stops
    in ...") is one visit per host country, each its own dyad (an organisation attended goes with
    the first); any other event stays whole."""
    countries = list(dict.fromkeys(a.country for a in event.target if a.country))
    if event.cameo != VISIT or len(countries) < 2:
        return [event]
    out = []
    for n, country in enumerate(countries):
        hosts = tuple(a for a in event.target if a.country == country or (n == 0 and not a.country))
        place = event.location if event.location is not None and event.location.country == country else None
        ident = event_id(
            event.doc_id,
            event.cameo,
            event.evidence.start,
            event.evidence.end,
            [a.code for a in event.source],
            [a.code for a in hosts],
        )
        out.append(replace(event, id=ident, target=hosts, location=place))
    return out


def _past_tense(token: Token) -> bool:
    if token.tag_ == "VBD":
        return True
    return token.tag_ == "VBN" and any(c.dep_ in {"aux", "auxpass"} for c in token.children)


def _confidence(
    source: Sequence[ActorRef], target: Sequence[ActorRef], found: Found, *, implied: bool = False
) -> float:
    score = 0.4 + 0.25 * any(a.coded for a in source) + 0.25 * any(a.coded for a in target)
    score -= (0.1 if found.resolved else 0.0) + (IMPLIED_PENALTY if implied else 0.0)
    return round(max(0.1, score), 2)


def _trigger_text(token: Token, trig: Trigger) -> str:
    if trig.objects:
        obj = next((c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if obj is not None:
            return f"{token.text} {obj.text}"
    return str(token.text)


class RulesCoder:
    """Dependency-rule event coder ``rules.v1`` (see the module docstring).

    >>> from comity.nlp import load_model
    >>> art = Article(id="d", name="d", text="Wang Yi met Nguyen Phu Trong in Hanoi.", fmt="text",
    ...               publication_date="2023-12-01")
    >>> doc = load_model()(art.text)
    >>> from comity.extract.actors.mentions import mentions_from_doc
    >>> from comity.extract.actors.kb import load_kb
    >>> coder = RulesCoder(kb=load_kb())
    >>> [(e.type, e.source[0].code, e.target[0].code) for e in coder.code(
    ...     doc, art, mentions_from_doc(doc, art, coder.kb), [])]
    [('CONSULT', 'CHNGOV', 'VNMPTY')]
    """

    name = PRODUCER

    def __init__(self, settings: Settings | None = None, *, kb: ActorKB) -> None:
        self.settings = settings
        self.kb = kb  # built once by the caller and shared with the pipeline

    def code(
        self, doc: Doc, article: Article, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> list[Event]:
        """Candidate events of one parsed article, de-duplicated, in text order."""
        return self.code_with(self.finder_for(doc, article, mentions), doc, article, times)

    def finder_for(self, doc: Doc, article: Article, mentions: Sequence[Mention]) -> ActorFinder:
        """The document's actor finder (and tracker), knowing whose official readout it is, if any."""
        host = readout_host(article.outlet, self.kb)
        return ActorFinder(doc, mentions, self.kb, article.publication_date, host)

    def code_with(
        self, finder: ActorFinder, doc: Doc, article: Article, times: Sequence[TimeExpression]
    ) -> list[Event]:
        """``code`` with the document's actor finder given (a subclass adds events with the same one)."""
        events: dict[str, Event] = {}
        partners = Partners()
        for n, sent in enumerate(doc_sentences(doc)):
            evidence = sentence_evidence(article, sent)
            if not evidence.text or in_boilerplate(article, evidence.start, evidence.end):
                continue
            coded = [
                (token, visit)
                for token, trig in sentence_candidates(sent)
                # a headline or caption the parser ran into a sentence of prose is no body text
                if not in_boilerplate(article, token.idx, token.idx + len(token))
                and (event := self._event(token, trig, finder, article, times, evidence, n, partners))
                is not None
                for visit in _per_host(event)
            ]
            coded.sort(key=lambda pair: pair[0].i)  # reading order (stable: a tour's hosts stay in order)
            if any(e.type != STATEMENT for _, e in coded):  # statements are a fallback only
                coded = [(t, e) for t, e in coded if e.type != STATEMENT]
            coded = [(t, e) for t, e in coded if not _described_again(t, e, events.values(), n)]
            found: list[Event] = []
            for token, event in coded:
                earlier = events.get(event.id)
                if earlier is not None and earlier.sentence == n:
                    event = distinct_phrase(event, earlier, token, article) or event
                if event.id not in events:
                    events[event.id] = event
                    found.append(event)
                    partners.note(event)
            for event in background_events(sent, finder, article, evidence, found, n):
                events.setdefault(event.id, event)
        return list(events.values())

    def _event(
        self,
        token: Token,
        trig: Trigger,
        finder: ActorFinder,
        article: Article,
        times: Sequence[TimeExpression],
        evidence: TextSpan,
        sentence: int,
        partners: Partners | None = None,
    ) -> Event | None:
        partners = partners if partners is not None else Partners()
        roles = find_roles(token, trig, finder)
        source, target = sides(roles, self.kb, trig.plover)
        if roles.source.group and trig.plover in _RECIPROCAL and trig.frame != "swap" and len(source) >= 2:
            source, target = source[:1], source[1:]  # "the two leaders discussed ...": the two sides
        if trig.frame == "claim" and not _accuses_another(source, target):
            return None
        if trig.frame == "verdict" and trig.plover in _EVALUATIONS and not any(a.coded for a in target):
            return None  # "said the talks were helpful": a verdict on no one's conduct
        if trig.frame == "addressee" and not _foreign(source, target):
            return None  # only someone of another country told is a conversation between the two
        if trig.frame == "joint" and not (roles.source.group and target):
            return None  # "the two leaders reviewed progress" is their talks; "X reviewed its policy" none
        if trig.plover == "CONSULT" and trig.frame != "visit":  # talks have two sides
            if target:
                finder.tracker.meeting(source, target, sentence)
            elif (other := finder.tracker.counterpart(source, sentence)) is not None:
                target = other.actors
        elif trig.frame == "visit":
            target = finder.visit_hosts(source, target, sentence)
            if visit_as_time(token, trig, target):
                return None
        uncoded = not any(a.coded or a.name for a in source)
        if uncoded:
            fallback = uncoded_source(token, trig, finder)
            if fallback is None:
                return None
            source = fallback
            uncoded = not any(a.coded for a in source)  # a subject coded through its owner is coded
        implied = not uncoded and (not target or names_disputed_area(target))
        if implied:
            found = implied_target(token, trig, source, finder, partners)
            target, implied = found or target, bool(found)
        parts = verdict_parts(token) if trig.frame == "verdict" else None
        told = parts[0] if parts is not None else token  # "called Y a bully": the verb's tense
        date = choose_date(
            token, token.sent, times, past_tense=_past_tense(told), article_date=article.publication_date
        )
        speech = reporting_verb(token)
        speaker = speaker_of(speech, finder).actors if speech is not None else ()
        modality = _reported(
            modality_of(token, date.value if date.basis != "document" else None, article.publication_date),
            speech,
            speaker,
            source,
        )
        if uncoded and not source and generic_act(token, trig, modality, date.value):
            return None
        if date.basis == "document" and modality not in {"asserted", "claimed"}:
            date = date.__class__(None, None, None, "unknown")
        cameo = intended_code(token, trig, modality, announced=bool(_countries(speaker) & _countries(source)))
        cameo = criticism_code(token, cameo, has_target=any(a.coded for a in target))
        info = cameo_info(cameo)
        ident = event_id(
            article.id,
            cameo,
            evidence.start,
            evidence.end,
            [a.code for a in source],
            [a.code for a in target],
        )
        return Event(
            id=ident,
            doc_id=article.id,
            doc=article.name,
            type=info.plover or trig.plover or STATEMENT,
            cameo=cameo,
            mode=info.mode,
            goldstein=info.goldstein,
            source=source,
            target=target,
            evidence=evidence,
            trigger=_trigger_text(token, trig),
            modality=modality,
            date=date.value,
            date_text=date.text,
            date_precision=date.precision,
            date_basis=date.basis,
            location=location_of(token, finder.mention_at) or roles.place,
            confidence=STATEMENT_CONFIDENCE
            if info.plover is None
            else UNCODED_CONFIDENCE
            if uncoded
            else _confidence(source, target, roles.source + roles.target, implied=implied),
            sentence=sentence,
            producer=PRODUCER,
        )
