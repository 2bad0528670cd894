"""rules.v1 actors that the parse hides: vessels and aircraft stand for their operators, and a
coordination the small parser reads as a modifier ("A and B signed"). Sentences written here."""

from __future__ import annotations

from typing import Any

import pytest

import events_kit
from comity.records import Event

pytestmark = pytest.mark.slow


def code_text(nlp: Any, text: str) -> list[Event]:
    return events_kit.code_text(nlp, text, "2025-01-15")


def codes(actors: Any) -> list[str | None]:
    return [a.code for a in actors]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("China's coast guard fired water cannon at a Vietnamese fishing boat.", ["CHNMIL"], ["VNMCVL"]),
        ("Chinese coast guard vessels rammed a Philippine supply boat on Monday.", ["CHNMIL"], ["PHL"]),
    ],
)
def test_vessels_stand_for_their_operators(nlp: Any, text: str, source: list[str], target: list[str]) -> None:
    (event,) = code_text(nlp, text)
    assert (codes(event.source), codes(event.target)) == (source, target)


def test_a_vessel_without_a_country_word_stays_uncoded(nlp: Any) -> None:
    events = code_text(nlp, "A fishing boat rammed a patrol boat near the reef.")
    assert all(not codes(e.source) or codes(e.source) == [None] for e in events)


def test_coordination_misparsed_as_a_modifier_keeps_both_sides(nlp: Any) -> None:
    text = (
        "Japanese Defence Minister Gen Nakatani and Philippine Defence Secretary Gilberto Teodoro "
        "signed an agreement on Tuesday."
    )
    (event,) = code_text(nlp, text)
    assert {a.country for a in (*event.source, *event.target)} == {"JPN", "PHL"}
