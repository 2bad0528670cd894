"""Events the trigger table does not give (not a stable API): ongoing disputes, earlier visits
implied by "his second (visit) in six years", and short evidence for a second event of a sentence.

* **Ongoing disputes** (``disputes.py``): ACCUSE 110, modality ``ongoing``, no date.
* **Earlier visits**: "X's visit to Y, his second in six years" reports the current visit and
  implies an earlier one by the same visitor to the same host: a CONSULT 042 event of its own,
  with the ordinal phrase as evidence, dated to the year (the article's year minus N, precision
  "year", basis "derived"). The visitor is the possessor ("his" -> the person in focus), else the
  source of the sentence's visit; the host the "to" complement, else the visit's target.
* **Distinct noun events**: "X's visit from May 2-3 and, most recently, Y's state visit": the
  second visit has the same code, countries and sentence as the first, so it would get the same
  id and be dropped; when the persons differ it keeps the noun phrase as its evidence instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from comity.extract.events.args import ActorFinder
from comity.extract.events.base import PRODUCER, event_id
from comity.extract.events.disputes import DISPUTE_CAMEO, find_disputes
from comity.extract.lexicon import lexicon
from comity.nlp import tokens_where
from comity.ontology import STATEMENT, cameo_info
from comity.records import ActorRef, Article, Event, Modality, TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["background_events", "distinct_phrase", "phrase_span", "prior_visits"]

VISIT_CAMEO = "042"
VISIT_NOUNS = lexicon("visit_nouns")
ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
    "9th": 9, "10th": 10,
}  # fmt: skip
NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
YEAR_UNITS = {"year": 1, "years": 1, "decade": 10, "decades": 10}
_SPAN_PREPS = lexicon("year_span_prepositions")
_PHRASE_LINKS = frozenset({"det", "poss", "compound", "amod", "nummod", "nmod", "prep", "case", "quantmod"})
ONGOING_CONFIDENCE = 0.35
BACKGROUND_CONFIDENCE = 0.45


def phrase_span(article: Article, token: Token) -> TextSpan:
    """The noun phrase of ``token``: its determiners, possessor, modifiers and complements, without
    coordinated phrases, clauses or (for a root noun) the rest of the sentence."""
    tokens = [token]
    for child in token.children:
        if child.dep_ in _PHRASE_LINKS:
            tokens.extend(child.subtree)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return TextSpan(start, end, article.text[start:end])


def _event(
    article: Article,
    cameo: str,
    evidence: TextSpan,
    source: Sequence[ActorRef],
    target: Sequence[ActorRef],
    trigger: str,
    modality: Modality,
    sentence: int,
    confidence: float,
    date: tuple[str | None, str | None, str | None, str],
) -> Event:
    info = cameo_info(cameo)
    ident = event_id(
        article.id, cameo, evidence.start, evidence.end, [a.code for a in source], [a.code for a in target]
    )
    return Event(
        id=ident, doc_id=article.id, doc=article.name, type=info.plover or STATEMENT, cameo=cameo,
        mode=info.mode, goldstein=info.goldstein, source=tuple(source), target=tuple(target),
        evidence=evidence, trigger=trigger, modality=modality, date=date[0], date_text=date[1],
        date_precision=date[2], date_basis=date[3], confidence=confidence, sentence=sentence,
        producer=PRODUCER,
    )  # fmt: skip


def _years(token: Token) -> tuple[int, Token] | None:
    """N and the unit token of an "in N years" / "in a decade" complement of ``token``."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in _SPAN_PREPS:
            continue
        for unit in prep.children:
            if unit.dep_ != "pobj" or unit.lower_ not in YEAR_UNITS:
                continue
            count = next((c for c in unit.children if c.dep_ in {"nummod", "det"}), None)
            word = count.lower_ if count is not None else ("a" if unit.lower_ in {"year", "decade"} else "")
            number = int(word) if word.isdigit() else NUMBERS.get(word)
            if number:
                return number * YEAR_UNITS[unit.lower_], unit
    return None


def _government(actors: Sequence[ActorRef], finder: ActorFinder, *, place: bool) -> tuple[ActorRef, ...]:
    """Actors with a country; a visited place ("to Hanoi") as its country's government."""
    out = []
    for actor in actors:
        if actor.country is None:
            continue
        country = finder.kb.country(actor.country) if place else None
        out.append(country or actor)
    return tuple(out)


def prior_visits(
    sent: Span, finder: ActorFinder, article: Article, visits: Sequence[Event], sentence: int
) -> Iterator[Event]:
    """Earlier visits implied by "his second (visit) in N years" (see the module docstring)."""
    for token in tokens_where(sent, ORDINALS.__contains__):
        phrase = token.head if token.dep_ == "amod" and token.head.lower_ in VISIT_NOUNS else token
        if phrase is token and (token.pos_ not in {"ADJ", "NOUN"} or not visits):
            continue  # "his second" alone is a visit only beside a visit
        years = _years(phrase) or _years(token)
        if years is None:
            continue
        anchor = visits[0] if visits else None
        poss = next((c for c in phrase.children if c.dep_ == "poss"), None)
        source = _government(finder.find(poss).actors, finder, place=False) if poss is not None else ()
        hosts = [
            a
            for pobj in phrase.children
            if pobj.lower_ == "to"
            for c in pobj.children
            for a in finder.find(c).actors
        ]
        target = _government(hosts, finder, place=True)
        source = source or (anchor.source if anchor else ())
        target = target or (anchor.target if anchor else ())
        countries = {a.country for a in source} | {a.country for a in target}
        if not source or not target or len(countries) < 2:
            continue
        value = str(int(article.publication_date[:4]) - years[0]) if article.publication_date else None
        date_text = article.text[token.idx : years[1].idx + len(years[1].text)]
        modality: Modality = "historical" if years[0] >= 2 else "asserted"
        date = (value, date_text, "year" if value else None, "derived" if value else "unknown")
        evidence = phrase_span(article, phrase)
        yield _event(article, VISIT_CAMEO, evidence, source, target, token.text, modality, sentence,
                     BACKGROUND_CONFIDENCE, date)  # fmt: skip


def background_events(
    sent: Span,
    finder: ActorFinder,
    article: Article,
    evidence: TextSpan,
    found: Sequence[Event],
    sentence: int,
) -> list[Event]:
    """Ongoing disputes and earlier visits of one sentence (``found``: its trigger events)."""
    out = []
    for token, (first, second) in find_disputes(sent, finder):
        undated = (None, None, None, "unknown")
        out.append(
            _event(
                article,
                DISPUTE_CAMEO,
                evidence,
                (first,),
                (second,),
                token.text,
                "ongoing",
                sentence,
                ONGOING_CONFIDENCE,
                undated,
            )
        )
    visits = [e for e in found if e.cameo == VISIT_CAMEO]
    out.extend(prior_visits(sent, finder, article, visits, sentence))
    return out


def _people(event: Event) -> frozenset[str]:
    return frozenset(a.name or a.text for a in (*event.source, *event.target) if a.name or a.text)


def distinct_phrase(event: Event, earlier: Event, token: Token, article: Article) -> Event | None:
    """``event`` with its noun phrase as evidence when it has ``earlier``'s id but other persons
    (a second visit in one sentence); None when it is the same event."""
    if token.pos_ not in {"NOUN", "PROPN"} or _people(event) == _people(earlier):
        return None
    evidence = phrase_span(article, token)
    source, target = [a.code for a in event.source], [a.code for a in event.target]
    ident = event_id(article.id, event.cameo, evidence.start, evidence.end, source, target)
    return replace(event, id=ident, evidence=evidence)
