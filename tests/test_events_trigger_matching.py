"""Matching a token against the trigger table: which row a word realises, and when none does."""

from __future__ import annotations

from typing import Any

import pytest

from comity.extract.events.patterns import load_triggers, match_trigger

pytestmark = pytest.mark.slow


def test_an_attributive_adjective_is_no_trigger(nlp: Any) -> None:
    doc = nlp("Japan is a willing partner of Vietnam.")
    assert match_trigger(doc[3]) is None


def test_a_compound_noun_matches_its_own_row_before_its_head(nlp: Any) -> None:
    """ "air strikes" is its own row (195), not the labour "strike" (143)."""
    doc = nlp("Israeli air strikes hit the town.")
    trig = match_trigger(doc[2])
    assert trig is not None and trig.cameo == "195"


def test_a_no_object_row_is_parsed_and_listed_first() -> None:
    rows = load_triggers()[("protest", "verb")]
    assert rows[0].objects == frozenset({"-"}) and rows[0].cameo == "141"
