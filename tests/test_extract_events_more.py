"""rules.v1: predicative adjectives, demands, refusals to comment, denials, uncoded sources
reached through control and reported clauses, threats, absorbed acts and compound nouns.
The sentences are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from comity.extract.events.patterns import match_trigger
from comity.records import Event
from events_kit import code_text

pytestmark = pytest.mark.slow


def summary(event: Event) -> tuple[str, str | None, str, str, str]:
    src = "+".join(sorted({a.country or "-" for a in event.source}))
    tgt = "+".join(sorted({a.country or "-" for a in event.target}))
    return event.type, event.cameo, src, tgt, event.modality


def primary(events: list[Event]) -> Event:
    return min(events, key=lambda e: -e.confidence)


CASES = [
    # predicative adjectives: intent (the to-clause is absorbed), criticism, opposition
    ("Vietnam is willing to withdraw its troops from the border.", ("AGREE", "030", "VNM", "", "asserted")),
    ("Japan is ready to contribute troops to the mission.", ("AGREE", "030", "JPN", "", "asserted")),
    ("Vietnam was critical of China.", ("ACCUSE", "111", "VNM", "CHN", "asserted")),
    ("Vietnam is opposed to Chinese mediation.", ("REJECT", "120", "VNM", "", "asserted")),
    # "X said Y must ..." is X's demand on Y
    ("Japan said China must stop the harassment.", ("REQUEST", "100", "JPN", "CHN", "asserted")),
    # a pledge of force and an act announced "unless" are threats
    ("The Philippines vowed to attack the ships.", ("THREATEN", "130", "PHL", "", "asserted")),
    ("Japan will withdraw its envoy unless China apologizes.", ("THREATEN", "130", "JPN", "", "future")),
    # "provided Y with Z": aid to the direct object
    ("Japan provided the Philippines with patrol boats.", ("AID", "070", "JPN", "PHL", "asserted")),
    ("Japan pressured Vietnam to cancel the contract.", ("REQUEST", "100", "JPN", "VNM", "asserted")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_cases(nlp: Any, text: str, expected: tuple[str, str, str, str, str]) -> None:
    got = [summary(e) for e in code_text(nlp, text)]
    assert expected in got, got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Vietnam is willing to withdraw its troops.", "0872"),  # absorbed by the intent
        ("Japan said China must stop the attacks.", "190"),  # demanded, not done
        ("The rebels threatened to hold a strike.", "143"),  # the threatened act's object
    ],
)
def test_embedded_act_is_absorbed(nlp: Any, text: str, absent: str) -> None:
    assert absent not in [e.cameo for e in code_text(nlp, text)]


def test_attributive_adjective_is_no_trigger(nlp: Any) -> None:
    doc = nlp("Japan is a willing partner of Vietnam.")
    assert match_trigger(doc[3]) is None


def test_declined_to_comment_is_a_statement(nlp: Any) -> None:
    (event,) = code_text(nlp, "The Chinese foreign ministry declined to comment on the report.")
    assert (event.cameo, event.type) == ("011", "STATEMENT")


def test_rejected_accusations_deny_responsibility(nlp: Any) -> None:
    (event,) = code_text(nlp, "Vietnam rejected accusations that it had built new outposts.")
    assert event.cameo == "016"


def test_topic_statement_absorbs_the_act(nlp: Any) -> None:
    """Condolences over an attack: the attack is the topic, the condolence is the event."""
    events = code_text(nlp, "Vietnam expressed condolences to Japan after the attack on the embassy.")
    assert [e.cameo for e in events] == ["018"]


def test_pronoun_subject_of_reported_clause_gives_uncoded_source(nlp: Any) -> None:
    events = code_text(nlp, "The rebels said they will release the hostages.")
    event = primary(events)
    assert event.type == "AGREE" and event.source[0].text == "The rebels"


def test_uncoded_source_through_adjective(nlp: Any) -> None:
    events = code_text(nlp, "The rebels are ready to free the prisoners.")
    assert [(e.cameo, e.source[0].text) for e in events] == [("030", "The rebels")]


def test_borrowed_subject_must_be_an_agent(nlp: Any) -> None:
    """A governing verb's subject that only contains a name does not become a source."""
    events = code_text(nlp, "The efforts of Vietnam continue to make new contributions.")
    assert events == []


def test_called_on_a_date_is_not_an_appeal(nlp: Any) -> None:
    events = code_text(nlp, "Fumio Kishida called Ferdinand Marcos on Wednesday to congratulate him.")
    assert "020" not in [e.cameo for e in events]
    assert "051" in [e.cameo for e in events]


def test_compound_noun_trigger(nlp: Any) -> None:
    """ "air strikes" is its own row (195), not the labour "strike" (143)."""
    events = code_text(nlp, "The rebels were hit by air strikes, and the workers went on strike.")
    doc = nlp("Israeli air strikes hit the town.")
    trig = match_trigger(doc[2])
    assert trig is not None and trig.cameo == "195"
    assert any(e.cameo == "143" for e in events)


def test_accepted_refugees_is_aid(nlp: Any) -> None:
    (event,) = code_text(nlp, "Germany accepted thousands of refugees.")
    assert (event.type, event.cameo) == ("AID", "075")


def test_agentless_passive_does_not_borrow_the_speaker(nlp: Any) -> None:
    """ "X hoped Y would be indicted": X is not the one who indicts."""
    events = code_text(nlp, "Vietnam hoped the smugglers would be indicted soon.")
    assert all(
        e.source == () or "VNM" not in {a.country for a in e.source} for e in events if e.cameo == "115"
    )
