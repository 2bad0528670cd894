"""hybrid.v1: the learned sentence-type classifier adds the types the trigger rules missed."""

from __future__ import annotations

import json
from typing import Any

import pytest

from comity.errors import ConfigError
from comity.extract.actors.kb import load_kb
from comity.extract.actors.mentions import mentions_from_doc
from comity.extract.events.hybrid import PRODUCER, HybridCoder
from comity.extract.events.rules import RulesCoder
from comity.extract.events.sentence_types import (
    FEATURE_VERSION,
    SentenceTypeModel,
    load_sentence_types,
    model_from_json,
    sentence_features,
)
from comity.records import Article

#: A verb no trigger row knows: only the classifier can read an act into it.
UNKNOWN_VERB = "Vietnam zorbled China over the fishing ban on Monday."


def tiny_model(**weights: float) -> SentenceTypeModel:
    """ACCUSE when the root lemma is "zorble" (plus any other features given), nothing otherwise."""
    features = {"R:zorble": 6.0, **weights}
    return SentenceTypeModel(("ACCUSE",), {f: i for i, f in enumerate(features)},
                             tuple((w,) for w in features.values()), (-4.0,), (0.5,), ("112",))  # fmt: skip


def code(nlp: Any, coder: RulesCoder, text: str) -> list[Any]:
    article = Article(id="d", name="d", text=text, fmt="text", publication_date="2024-05-14")
    doc = nlp(text)
    return coder.code(doc, article, mentions_from_doc(doc, article, coder.kb), [])


@pytest.mark.slow
def test_a_type_the_rules_miss_is_added_with_the_verbs_arguments(nlp: Any) -> None:
    kb = load_kb()
    assert code(nlp, RulesCoder(kb=kb), UNKNOWN_VERB) == []
    (event,) = code(nlp, HybridCoder(kb=kb, model=tiny_model()), UNKNOWN_VERB)
    assert (event.type, event.cameo, event.producer) == ("ACCUSE", "112", PRODUCER)
    assert [a.country for a in event.source] == ["VNM"] and [a.country for a in event.target] == ["CHN"]
    assert event.confidence < 0.3  # below every trigger-coded event


@pytest.mark.slow
def test_a_type_the_rules_already_coded_is_not_added_again(nlp: Any) -> None:
    text = "Vietnam accused China of ramming a fishing boat."
    kb = load_kb()
    rules = code(nlp, RulesCoder(kb=kb), text)
    hybrid = code(nlp, HybridCoder(kb=kb, model=tiny_model(**{"R:accuse": 9.0})), text)
    assert [e.type for e in rules] == ["ACCUSE"] and hybrid == rules


@pytest.mark.slow
def test_no_event_without_a_coded_source(nlp: Any) -> None:
    assert code(nlp, HybridCoder(kb=load_kb(), model=tiny_model()), "Someone zorbled the plan.") == []


@pytest.mark.slow
def test_features_are_lemmas_labels_negation_and_modals(nlp: Any) -> None:
    features = sentence_features(next(nlp("China would not sign the deal with Vietnam.").sents))
    assert {"R:sign", "V:sign", "L:deal", "E:GPE", "NEG", "MOD:would"} <= features


def test_probabilities_add_the_weights_of_present_features() -> None:
    model = tiny_model()
    assert model.proposed({"R:zorble"}) == [("ACCUSE", "112", pytest.approx(0.880797, abs=1e-6))]
    assert model.proposed({"R:other"}) == []


def test_the_packaged_model_loads_and_knows_the_plover_types() -> None:
    model = load_sentence_types()
    assert {"CONSULT", "ACCUSE", "AGREE", "ASSAULT"} <= set(model.types)
    assert all(len(code) == 3 and code.isdigit() for code in model.cameo)
    assert len(model.vocabulary) > 100


def test_each_type_of_the_packaged_model_gets_a_cameo_code_of_that_type() -> None:
    from comity.ontology import cameo_info

    model = load_sentence_types()
    assert [cameo_info(code).plover or "STATEMENT" for code in model.cameo] == list(model.types)


def test_a_round_trip_through_json_keeps_the_model() -> None:
    model = tiny_model(**{"L:ban": -1.5})
    again = model_from_json(json.loads(json.dumps(model.to_json())), "test")
    assert again.probabilities({"R:zorble", "L:ban"}) == model.probabilities({"R:zorble", "L:ban"})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"feature_version": FEATURE_VERSION + 1}, "retrain"),
        ({"thresholds": [0.5, 0.5]}, "one value per type"),
        ({"features": {"R:x": [1.0, 2.0]}}, "one value per type"),
        ({"types": None}, "not a sentence-type model"),
    ],
)
def test_a_malformed_weights_file_is_a_clear_error(change: dict[str, Any], message: str) -> None:
    data = {**tiny_model().to_json(), **change}
    with pytest.raises(ConfigError, match=message):
        model_from_json(data, "weights.json")
