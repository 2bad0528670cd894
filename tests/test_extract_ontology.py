"""CAMEO/PLOVER table, trigger table consistency, lemma guessing and event ids."""

from __future__ import annotations

import pytest

from comity.extract.events.base import event_id
from comity.extract.events.ontology import PLOVER_TYPES, cameo_info, cameo_table
from comity.extract.events.patterns import lemma_candidates, load_triggers


@pytest.mark.parametrize(
    ("code", "plover", "goldstein"),
    [
        ("040", "CONSULT", 1.0),
        ("042", "CONSULT", 1.0),
        ("057", "SUPPORT", 3.5),
        ("051", "SUPPORT", 3.5),
        ("030", "AGREE", 4.0),
        ("0311", "AGREE", 4.0),
        ("020", "REQUEST", 3.0),
        ("111", "ACCUSE", -2.0),
        ("190", "ASSAULT", -10.0),
        ("062", "COOPERATE", 6.0),
    ],
)
def test_cameo_info(code: str, plover: str, goldstein: float) -> None:
    info = cameo_info(code)
    assert info.plover == plover
    assert info.goldstein == goldstein
    assert info.name


def test_table_types_are_plover() -> None:
    types = {info.plover for info in cameo_table().values() if info.plover}
    assert types <= set(PLOVER_TYPES)
    assert len(cameo_table()) > 250


def test_unknown_code_raises() -> None:
    with pytest.raises(KeyError):
        cameo_info("999")


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
