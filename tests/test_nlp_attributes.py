"""The indexed attribute ruler annotates exactly as spaCy's own, rule for rule and token for token."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from comity.config import DEFAULT_MODEL
from comity.nlp.attributes import INDEXED_ATTRIBUTE_RULER, IndexedAttributeRuler, index_attribute_ruler
from comity.nlp.model import add_components

#: Sentences that reach the model's rarer rules: contractions, "gon na", "let's", expletive
#: "there", pronoun objects, auxiliaries, determiners, "that"/"if" as subordinators, spaces.
SENTENCES = [
    "Hanoi and Beijing ain't gonna sign it; let's see, y'all said there's nothin' new.",
    "We're sure they'd have done it, but I'm not, and you've told me it isn't so.",
    "The ministers who met in  Manila\n\ndid not agree that the deal, which he'd backed, was fair.",
    "Gotta go: c'mon, that one is hers and those are theirs if he does what she did.",
    "Is it true? Are there ships nearby? Have you seen them, and do they know me?",
]

#: Hand-made rules over set tags: later rules win, IN sets, NOT_IN exclusions, flags, and rules
#: the lookup cannot take (several tokens, a negative index, a regular expression, an operator).
RULES: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": "talks", "TAG": "NN"}]], "attrs": {"POS": "VERB", "LEMMA": "talk"}},
    {
        "patterns": [[{"TAG": {"IN": ["NN", "NNS"]}, "LOWER": {"IN": ["ships", "ship"]}}]],
        "attrs": {"POS": "PROPN"},
    },
    {
        "patterns": [[{"TAG": {"IN": ["NN", "DT"]}, "DEP": {"NOT_IN": ["det", ""]}}]],
        "attrs": {"MORPH": "Number=Sing"},
    },
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"LOWER": "the"}, {"TAG": "NN"}]], "attrs": {"LEMMA": "head"}, "index": -1},
    {"patterns": [[{"LOWER": {"REGEX": "^shi"}}]], "attrs": {"LEMMA": "vessel"}},
    {"patterns": [[{"LOWER": "talks"}, {"TAG": {"NOT_IN": ["DT"]}, "DEP": "dep"}]], "attrs": {"LEMMA": "y"}},
    {"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "X"}, "index": 0},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
]


def _stock() -> Any:
    """The model as comity loads it, with spaCy's own attribute ruler."""
    stock = spacy.load(DEFAULT_MODEL)
    add_components(stock)
    return stock


def _signature(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_the_model_annotates_every_token_as_spacys_own_ruler_does(nlp: Any) -> None:
    assert type(nlp.get_pipe("attribute_ruler")) is IndexedAttributeRuler
    stock = _stock()
    assert type(stock.get_pipe("attribute_ruler")) is AttributeRuler
    for ours, theirs in zip(nlp.pipe(SENTENCES), stock.pipe(SENTENCES), strict=True):
        assert _signature(ours) == _signature(theirs)


def test_the_model_keeps_its_rules_name_and_place(nlp: Any) -> None:
    stock = _stock()
    assert nlp.get_pipe("attribute_ruler").patterns == stock.get_pipe("attribute_ruler").patterns
    assert nlp.pipe_names == stock.pipe_names


@pytest.mark.parametrize(
    "words", [["the", "talks", "on", "ships", "ended", " "], ["ships", "the", "ship", "talks"]]
)
def test_hand_made_rules_match_and_apply_as_in_the_stock_ruler(words: list[str]) -> None:
    base = spacy.blank("en")
    tags = ["DT" if w == "the" else "_SP" if w.isspace() else "NN" for w in words]
    deps = ["det" if w == "the" else "dep" for w in words]
    rulers = [AttributeRuler(base.vocab), IndexedAttributeRuler(base.vocab)]
    docs = []
    for ruler in rulers:
        ruler.add_patterns(RULES)
        doc = Doc(base.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))
        assert ruler.match(doc) == rulers[0].match(doc)
        docs.append(ruler(doc))
    assert _signature(docs[0]) == _signature(docs[1])
    indexed = rulers[1]
    assert (len(indexed._sequences), indexed._others) == (3, 1)  # two-token rules, a regex; an operator


def test_a_pipeline_without_a_stock_ruler_is_left_as_it_is() -> None:
    blank = spacy.blank("en")
    index_attribute_ruler(blank)
    assert blank.pipe_names == []
    blank.add_pipe(INDEXED_ATTRIBUTE_RULER, name="attribute_ruler")
    index_attribute_ruler(blank)  # already indexed: nothing to swap
    assert type(blank.get_pipe("attribute_ruler")) is IndexedAttributeRuler


def test_a_rule_that_sets_a_token_outside_its_match_is_a_clear_error() -> None:
    base = spacy.blank("en")
    ruler = IndexedAttributeRuler(base.vocab)
    ruler.add([[{"LOWER": "talks"}]], {"POS": "NOUN"}, index=1)
    with pytest.raises(ValueError, match="outside the match"):
        ruler(Doc(base.vocab, words=["the", "talks"]))
