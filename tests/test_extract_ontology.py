"""Trigger table consistency with the ontology, lemma guessing and event ids."""

from __future__ import annotations

import pytest

from comity.extract.events.base import event_id
from comity.extract.events.patterns import lemma_candidates, load_triggers
from comity.ontology import cameo_info


def test_trigger_table_agrees_with_ontology() -> None:
    for triggers in load_triggers().values():
        for trig in triggers:
            assert cameo_info(trig.cameo).plover == trig.plover, trig


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("met", "meet"), ("visited", "visit"), ("pledged", "pledge"), ("signing", "sign"), ("paid", "pay"),
     ("criticised", "criticise"), ("talks", "talk"), ("co-chaired", "co-chair"), ("denies", "deny")],
)  # fmt: skip
def test_lemma_candidates(word: str, lemma: str) -> None:
    assert lemma in lemma_candidates(word, verbal=True)


def test_event_id_is_stable_and_sensitive() -> None:
    a = event_id("doc", "040", 0, 20, ["CHNGOV"], ["VNMPTY"])
    assert a == event_id("doc", "040", 0, 20, ["CHNGOV"], ["VNMPTY"])
    assert len(a) == 16 and int(a, 16) >= 0
    assert a != event_id("doc", "042", 0, 20, ["CHNGOV"], ["VNMPTY"])
    assert a != event_id("doc", "040", 0, 20, ["VNMPTY"], ["CHNGOV"])
