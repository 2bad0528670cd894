"""How each mention was resolved (resolution, confidence, flags, producer)."""

from __future__ import annotations

from typing import Any

import pytest

from comity.extract.actors.kb import load_kb
from comity.extract.actors.mentions import mentions_from_doc
from comity.records import Article, Mention, TextSpan

# -- resolution recorded on mentions (spaCy) --------------------------------------------------


def mentions(nlp: Any, text: str, date: str | None = "2023-12-01") -> dict[str, Mention]:
    article = Article(id="r", name="r", text=text, fmt="text", publication_date=date)
    return {m.text: m for m in mentions_from_doc(nlp(text), article, load_kb())}


@pytest.mark.slow
def test_exact_and_alias_with_confidence(nlp: Any) -> None:
    found = mentions(nlp, "Wang Yi met officials of the CPV in Viet Nam.")
    assert (found["Wang Yi"].resolution, found["Wang Yi"].confidence, found["Wang Yi"].flags) == (
        "exact",
        1.0,
        (),
    )
    assert found["CPV"].resolution == "alias" and found["CPV"].canonical == "Communist Party of Vietnam"
    assert found["Viet Nam"].resolution == "alias" and found["Viet Nam"].country == "VNM"


@pytest.mark.slow
def test_producer_names_where_the_span_came_from(nlp: Any) -> None:
    found = mentions(nlp, "Officials of the Communist Party of China met. Wang Yi spoke.")
    assert found["Communist Party of China"].producer in {"kb.match.v1", "spacy.ner.v1"}
    assert all(not m.producer.startswith("actors.") for m in found.values())


@pytest.mark.slow
def test_metonymy_is_flagged(nlp: Any) -> None:
    hanoi = mentions(nlp, "Hanoi hailed the new rules.")["Hanoi"]
    assert (hanoi.resolution, hanoi.flags, hanoi.code) == ("metonymy", ("metonymy",), "VNMGOV")
    assert hanoi.confidence == 0.85


@pytest.mark.slow
def test_surname_coreference_is_recorded(nlp: Any) -> None:
    text = "Nguyen Xuan Phuc opened the fair. Later, Nguyen’s remarks were short."
    article = Article(id="r", name="r", text=text, fmt="text", publication_date="2017-11-24")
    found = [m for m in mentions_from_doc(nlp(text), article, load_kb()) if m.text == "Nguyen"]
    assert found and found[0].resolution == "coreference"
    assert found[0].producer in {"spacy.ner.v1", "rules.surname.v1"}


@pytest.mark.slow
def test_unknown_organisation_is_coded_by_role(nlp: Any) -> None:
    org = mentions(nlp, "The Vietnamese Ministry of Transport signed the deal.")
    (m,) = [m for m in org.values() if m.label == "ORG"]
    assert (m.canonical, m.country, m.sector, m.resolution) == (None, "VNM", "GOV", "role")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The Vietnamese CPC sent a delegation.",
        "Vietnam's CPC leaders met.",
        "Officials of the CPC of Vietnam arrived.",
        "A delegation of the Communist Party of Vietnam (CPC) arrived.",
    ],
)
def test_label_contradicting_country_is_flagged_and_kept(nlp: Any, text: str) -> None:
    cpc = mentions(nlp, text)["CPC"]
    assert cpc.flags == ("label_country_conflict",)
    assert cpc.text == "CPC" and cpc.canonical == "Communist Party of China"  # original kept, not fixed
    assert cpc.confidence is not None and cpc.confidence < 0.9


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["The Chinese CPC sent a delegation.", "A delegation of the Communist Party of China (CPC) arrived."],
)
def test_consistent_label_is_not_flagged(nlp: Any, text: str) -> None:
    assert mentions(nlp, text)["CPC"].flags == ()


@pytest.mark.slow
def test_merged_name_with_foreign_acronym_is_flagged(nlp: Any) -> None:
    found = mentions(nlp, "The Communist Party of Vietnam (CPC) Central Committee met.")
    (m,) = [m for m in found.values() if m.label == "ORG"]
    assert "label_country_conflict" in m.flags and "(CPC)" in m.text


@pytest.mark.slow
def test_capital_in_dateline_is_a_place(nlp: Any) -> None:
    text = "HANOI, May 2 - Hanoi hailed the deal."
    article = Article(
        id="r",
        name="r",
        text=text,
        fmt="text",
        publication_date="2023-05-02",
        dateline=TextSpan(0, 12, text[:12]),
    )
    found = mentions_from_doc(nlp(text), article, load_kb())
    first, second = [m for m in found if m.canonical == "Hanoi"]
    assert (first.code, first.resolution) == ("VNM", "exact") and "metonymy" not in first.flags
    assert second.resolution == "metonymy"


def test_provinces_and_cities_are_places_not_people(nlp: Any) -> None:
    """Vietnamese and Chinese place names that spaCy takes for people are GPEs of their country;
    the longest name wins ("Ho Chi Minh City" is a city, "Ho Chi Minh" a person)."""
    text = "Traders from Lao Cai met officials from Guangxi in Ho Chi Minh City. Ho Chi Minh spoke."
    article = Article(id="p", name="p", text=text, fmt="text", publication_date="2025-01-15")
    found = {(m.text, m.label, m.country) for m in mentions_from_doc(nlp(text), article, load_kb())}
    assert {("Lao Cai", "GPE", "VNM"), ("Guangxi", "GPE", "CHN"), ("Ho Chi Minh City", "GPE", "VNM")} <= found
    assert ("Ho Chi Minh", "PERSON", "VNM") in found
