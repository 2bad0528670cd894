"""What the rules coder promises every caller: the coder protocol, no events from boilerplate,
one event per id."""

from __future__ import annotations

from typing import Any

import pytest

from comity.extract.actors.kb import load_kb
from comity.extract.events.base import EventCoder
from comity.extract.events.rules import RulesCoder
from comity.records import Boilerplate
from events_kit import code_text


def test_coder_satisfies_protocol() -> None:
    coder = RulesCoder(kb=load_kb())
    assert isinstance(coder, EventCoder)
    assert coder.name == "rules.v1"


@pytest.mark.slow
def test_boilerplate_sentences_are_skipped_and_duplicates_merged(nlp: Any) -> None:
    first = "Share this: Japan signed a pact with Vietnam."
    text = first + " China met Vietnam. China met Vietnam."
    article_bp = (Boilerplate(0, len(first), first, "share"),)
    events = code_text(nlp, text, boilerplate=article_bp)
    assert all(e.cameo != "057" for e in events)
    assert len({e.id for e in events}) == len(events)


@pytest.mark.slow
def test_a_trigger_inside_boilerplate_run_into_prose_gives_no_event(nlp: Any) -> None:
    headline = "Japan signs pact with Vietnam"
    text = headline + "\nChina met Vietnam on Monday."
    article_bp = (Boilerplate(0, len(headline), headline, "headline"),)
    events = code_text(nlp, text, boilerplate=article_bp)
    assert all(e.cameo != "057" for e in events)
