"""Implied targets: ranked below targets the parse gives, and a tour leaves its visitor's partner open."""

from __future__ import annotations

from typing import Any

from comity.extract.events.implied import Partners
from comity.records import ActorRef, Event, TextSpan
from events_kit import code_text


def _event(sentence: int, source: str, *targets: str) -> Event:
    return Event(
        id=f"e{sentence}{source}{''.join(targets)}",
        doc_id="d",
        doc="d",
        type="CONSULT",
        cameo="042",
        mode=None,
        goldstein=None,
        source=(ActorRef(source, country=source, code=source),),
        target=tuple(ActorRef(t, country=t, code=t) for t in targets),
        evidence=TextSpan(0, 1, "x"),
        trigger="visit",
        modality="asserted",
        sentence=sentence,
    )


def test_an_implied_target_ranks_below_a_named_one(nlp: Any) -> None:
    (implied,) = code_text(nlp, "Germany ruled out sending troops to Ukraine.")
    (named,) = code_text(nlp, "Germany rejected the request of Ukraine.")
    assert [a.country for a in implied.target] == [a.country for a in named.target] == ["UKR"]
    assert implied.confidence < named.confidence


def test_partners_remember_the_other_side_for_two_sentences() -> None:
    partners = Partners()
    partners.note(_event(0, "CHN", "USA"))
    source = (ActorRef("Wang", country="CHN"),)
    assert [a.country for a in partners.of(source, 1)] == ["USA"]
    assert [a.country for a in partners.of(source, 2)] == ["USA"]
    assert partners.of(source, 3) == ()
    assert partners.of(source, 0) == ()  # not the sentence of the event itself


def test_two_partners_in_one_sentence_leave_the_other_side_open() -> None:
    partners = Partners()
    partners.note(_event(0, "IND", "JPN"))
    partners.note(_event(0, "IND", "AUS"))
    assert partners.of((ActorRef("Modi", country="IND"),), 1) == ()
    partners.note(_event(1, "IND", "AUS"))
    assert [a.country for a in partners.of((ActorRef("Modi", country="IND"),), 2)] == ["AUS"]
