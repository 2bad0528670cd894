"""rules.v1, round 2: figurative force, announced acts, intransitive protests, weapons fired
"at" a target, judicial coercion, aid transfers, civilian agent nouns and refusals with
"would not". The sentences are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from comity.extract.events.patterns import load_triggers
from events_kit import code_text

pytestmark = pytest.mark.slow


def cameos(nlp: Any, text: str) -> list[str | None]:
    return [e.cameo for e in code_text(nlp, text)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # statement verbs whose object names an act are that act
        ("Japan announced $20 million in emergency assistance to Nepal.", "070"),
        ("Chile announced a three-day cease-fire with the rebels.", "0871"),
        # intransitive protest is a demonstration; a protested decision stays a complaint
        ("Students protested on Monday in the capital of Peru.", "141"),
        ("China protested the decision of Japan.", "111"),
        ("Vietnam protested against China over the fishing ban.", "111"),
        # weapons fired or launched at a target
        ("Russia fired artillery shells at Ukraine on Sunday.", "190"),
        ("Iran launched missiles at Israel overnight.", "194"),
        # judicial coercion and legal action
        ("A court in Kenya jailed a Somali man for ten years.", "173"),
        ("The European Commission has launched legal action against Poland.", "115"),
        # aid transfers
        ("Germany has made available ambulances and medical supplies for Liberia.", "070"),
        ("Australia distributed food and tents to Fiji.", "070"),
        # concessions
        ("The United States removed the sanctions on Venezuela.", "081"),
    ],
)
def test_round2_codes(nlp: Any, text: str, code: str) -> None:
    assert code in cameos(nlp, text)


def test_fire_at_gives_target(nlp: Any) -> None:
    event = next(e for e in code_text(nlp, "Russia fired artillery shells at Ukraine.") if e.cameo == "190")
    assert [a.country for a in event.target] == ["UKR"]


@pytest.mark.parametrize(
    "text",
    [
        "China donated vaccines to Laos to fight the epidemic.",
        "Brazil vowed to battle corruption in its ministries.",
        "Mexico launched a new war on drugs.",
    ],
)
def test_figurative_fight_is_no_assault(nlp: Any, text: str) -> None:
    assert all(e.type != "ASSAULT" for e in code_text(nlp, text))


def test_literal_fight_is_assault(nlp: Any) -> None:
    assert any(e.type == "ASSAULT" for e in code_text(nlp, "Rebels fought government troops near Goma."))


def test_announced_act_is_not_coded_twice(nlp: Any) -> None:
    events = code_text(nlp, "Japan announced $20 million in emergency assistance to Nepal.")
    assert [e.cameo for e in events] == ["070"]
    assert events[0].source[0].country == "JPN"


def test_compound_of_coded_object_is_absorbed(nlp: Any) -> None:
    events = code_text(nlp, "Nigeria withdrew its peacekeeping force from Chad.")
    assert [e.type for e in events] == ["RETREAT"]


def test_civilian_crowd_is_an_uncoded_civilian_source(nlp: Any) -> None:
    events = code_text(nlp, "Hundreds of thousands of people blocked roads in the capital.")
    assert [e.cameo for e in events] == ["144"]
    assert events[0].source[0].sector == "CVL"


def test_would_not_is_a_refusal(nlp: Any) -> None:
    events = code_text(nlp, "Obama said he would not provide support to Israel.")
    assert [(e.cameo, e.modality) for e in events] == [("120", "negated")]


def test_no_object_rows_parse() -> None:
    rows = load_triggers()[("protest", "verb")]
    assert rows[0].objects == frozenset({"-"}) and rows[0].cameo == "141"


def test_named_organisation_outside_the_kb_is_agentive(nlp: Any) -> None:
    events = code_text(nlp, "Oxfam distributed food and tents to Sudan.")
    assert [(e.cameo, e.source[0].text) for e in events] == [("070", "Oxfam")]


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Pakistan accused India of violating the river treaty.", "112"),
        ("The minister warned China against supplying drones to Russia.", "130"),
        ("Japan praised Vietnam for helping stranded sailors.", "051"),
    ],
)
def test_a_statements_gerund_complement_is_its_subject_not_a_second_act(
    nlp: Any, text: str, cameo: str
) -> None:
    """The violation, supply or help is what the statement is about: one event, the statement."""
    assert [e.cameo for e in code_text(nlp, text)] == [cameo]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Vietnam's foreign minister met Wang Yi in Beijing on Friday.", "Beijing"),
        (
            "The Indian minister met Pakistani Foreign Minister Ishaq Dar in Islamabad last Tuesday.",
            "Islamabad",
        ),
        ("Japan and Vietnam held talks on the sidelines of the ASEAN summit in Jakarta.", "Jakarta"),
    ],
)
def test_the_place_is_found_where_the_parser_hangs_it(nlp: Any, text: str, place: str) -> None:
    """On the trigger, on its object ("met Dar in Islamabad") or on a meeting noun."""
    located = [e.location.text for e in code_text(nlp, text) if e.location is not None]
    assert located and located[0] == place


def test_a_sentence_describing_the_event_just_told_adds_none(nlp: Any) -> None:
    text = (
        "Indian Prime Minister Narendra Modi met Pakistani Prime Minister Shehbaz Sharif in Astana on "
        "Thursday. It was their first meeting in five years."
    )
    assert [(e.cameo, e.sentence) for e in code_text(nlp, text)] == [("040", 0)]


def test_a_described_event_with_nothing_told_before_is_kept(nlp: Any) -> None:
    text = "Xi arrived in Hanoi on Tuesday. This was his second visit to Vietnam in six years."
    assert any(e.cameo == "042" and e.modality == "asserted" for e in code_text(nlp, text))
