"""mentions_from_doc: spaCy entities plus KB names, coded at the publication date."""

from __future__ import annotations

from typing import Any

import pytest

from comity.extract.actors.kb import load_kb
from comity.extract.actors.mentions import mentions_from_doc, resolve_description
from comity.records import Article, Boilerplate, Mention, TextSpan

pytestmark = pytest.mark.slow


def mentions(nlp: Any, text: str, date: str | None = "2023-12-01", **kw: Any) -> list[Mention]:
    article = Article(id="m", name="m", text=text, fmt="text", publication_date=date, **kw)
    return mentions_from_doc(nlp(text), article, load_kb())


def test_offsets_and_coding(nlp: Any) -> None:
    text = "Wang Yi met Nguyen Phu Trong in Hanoi. Xinhua reported it."
    found = mentions(nlp, text)
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.doc_id == "m"
    by_text = {m.text: m for m in found}
    assert by_text["Wang Yi"].code == "CHNGOV" and by_text["Wang Yi"].label == "PERSON"
    assert by_text["Nguyen Phu Trong"].code == "VNMPTY"
    hanoi = by_text["Hanoi"]  # "in Hanoi": the place, not the government
    assert (hanoi.canonical, hanoi.country, hanoi.sector, hanoi.code) == ("Hanoi", "VNM", None, "VNM")
    assert by_text["Xinhua"].code == "CHNMED" and by_text["Xinhua"].sentence == 1


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("The China-Vietnam relationship is stable.", [("China", "CHN"), ("Vietnam", "VNM")]),
        ("Sino-Vietnamese trade grew.", [("Sino", "CHN"), ("Vietnamese", "VNM")]),
        ("Officials of the Communist Party of China met.", [("Communist Party of China", "CHNPTY")]),
        # a possessive inside a KB name is no cut between two names (it gave "Republic of Korea")
        (
            "Japan condemned the Democratic People's Republic of Korea's missile tests.",
            [("Democratic People's Republic of Korea", "PRK")],
        ),
    ],
)
def test_kb_names_spacy_missed_or_cut(nlp: Any, text: str, pieces: list[tuple[str, str]]) -> None:
    got = {(m.text, m.code) for m in mentions(nlp, text)}
    assert set(pieces) <= got, got


def test_dated_coding_uses_publication_date(nlp: Any) -> None:
    text = "Nguyen Phu Trong spoke."
    (before,) = mentions(nlp, text, date="2023-12-01")
    (after,) = mentions(nlp, text, date="2024-09-01")
    assert before.sector == "PTY" and after.sector is None and after.country == "VNM"


def test_surname_takes_earlier_full_name(nlp: Any) -> None:
    text = "Wang Yi met Nguyen Phu Trong on Friday. Nguyen thanked him."
    later = [m for m in mentions(nlp, text) if m.sentence == 1 and m.text == "Nguyen"]
    assert later and later[0].canonical == "Nguyen Phu Trong" and later[0].code == "VNMPTY"


def test_possessive_trimmed(nlp: Any) -> None:
    found = mentions(nlp, "Xi Jinping’s state visit to Vietnam began.")
    assert any(m.text == "Xi Jinping" and m.code == "CHNGOV" for m in found)


def test_boilerplate_flag(nlp: Any) -> None:
    text = "Photo: Xinhua. Japan met Vietnam."
    found = mentions(nlp, text, boilerplate=(Boilerplate(0, 14, text[:14], "photo_credit"),))
    flags = {m.text: m.in_boilerplate for m in found}
    assert flags.get("Xinhua") is True and flags.get("Japan") is False


def by_text(found: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in found}


@pytest.mark.parametrize(
    "text",
    [
        "Hanoi hailed the new trade rules.",
        "Beijing's interest in the port grew.",
        "Tokyo wants closer ties with Hanoi.",
    ],
)
def test_capital_as_government_is_metonymy(nlp: Any, text: str) -> None:
    capitals = [m for m in mentions(nlp, text) if m.label == "GPE"]
    assert capitals and all(
        m.sector == "GOV" and m.resolution == "metonymy" and m.flags == ("metonymy",) for m in capitals
    )
    assert capitals[0].canonical in {"Hanoi", "Beijing", "Tokyo"}


@pytest.mark.parametrize(
    "text",
    [
        "The talks took place in Beijing last week.",
        "She made a visit to Tokyo.",
        "Xi Jinping visited Hanoi on Tuesday.",  # the place verb is read from spaCy's lemma
        "The delegation is touring Seoul this week.",
    ],
)
def test_capital_as_place_is_not_metonymy(nlp: Any, text: str) -> None:
    (capital,) = [m for m in mentions(nlp, text) if m.label == "GPE"]
    assert (
        capital.sector is None
        and capital.code == capital.country
        and capital.resolution == "exact"
        and "metonymy" not in capital.flags
    )


def test_surname_missed_by_ner_is_found_and_resolved(nlp: Any) -> None:
    text = "Nguyen Xuan Phuc opened the fair. Later, at the dinner, Nguyen’s remarks were short."
    found = [m for m in mentions(nlp, text, date="2017-11-24") if m.text == "Nguyen"]
    assert found and found[0].canonical == "Nguyen Xuan Phuc" and found[0].resolution == "coreference"


def test_ambiguous_surname_is_left_unresolved(nlp: Any) -> None:
    text = "Nguyen Phu Trong received Nguyen Xuan Phuc. Afterwards Nguyen spoke to reporters."
    later = [m for m in mentions(nlp, text, date="2017-11-24") if m.text == "Nguyen"]
    assert later and later[0].canonical is None


def test_near_miss_of_office_holder_is_resolved_and_flagged(nlp: Any) -> None:
    text = "General Secretary Nguyen Phu Truong received the delegation."
    found = [m for m in mentions(nlp, text, date="2023-12-01") if m.label == "PERSON"]
    assert found and found[0].text == "Nguyen Phu Truong"
    assert (found[0].canonical, found[0].code, found[0].resolution, found[0].flags) == (
        "Nguyen Phu Trong",
        "VNMPTY",
        "fuzzy",
        ("suspected_misspelling",),
    )
    assert found[0].confidence is not None and found[0].confidence < 0.9


def test_title_is_not_part_of_the_name(nlp: Any) -> None:
    assert "Xi Jinping" in by_text(mentions(nlp, "President Xi Jinping arrived on a state visit."))


def test_ordinal_event_name_is_one_mention(nlp: Any) -> None:
    text = "Delegates met before the 14th National Congress of the Communist Party of Vietnam opened."
    event = by_text(mentions(nlp, text)).get("14th National Congress of the Communist Party of Vietnam")
    assert event is not None and event.label == "EVENT"


def test_named_policy_and_sea(nlp: Any) -> None:
    found = by_text(mentions(nlp, "Laos joined the Belt and Road Initiative near the South China Sea."))
    assert found["Belt and Road Initiative"].label == "LAW" and found["South China Sea"].label == "LOC"


def test_ideology_is_not_a_nationality(nlp: Any) -> None:
    assert not [
        m
        for m in mentions(nlp, "They shared Communist ideals with Vietnamese farmers.")
        if m.text == "Communist"
    ]


def test_byline_names_are_not_coded(nlp: Any) -> None:
    text = "By Wang Yi\nVietnam and Laos signed a deal."
    byline = TextSpan(0, 10, text[:10])
    found = [m for m in mentions(nlp, text, byline=byline) if m.start < 10]
    assert found and all(m.code is None and m.canonical is None and m.in_boilerplate for m in found)


def _person(name: str, country: str, sector: str) -> Mention:
    return Mention("d", 0, len(name), name, "PERSON", 0, name, country, sector, country + sector)


def test_description_resolves_to_the_one_person_in_play() -> None:
    kb = load_kb()
    earlier = [_person("Xi Jinping", "CHN", "GOV"), _person("Nguyen Phu Trong", "VNM", "PTY")]
    found = resolve_description("the Chinese leader", earlier, kb, "2023-12-01")
    assert found is not None and found.canonical == "Xi Jinping"
    two = [*earlier, _person("Li Qiang", "CHN", "GOV")]
    assert resolve_description("the Chinese leader", two, kb, "2023-12-01") is None
    assert resolve_description("the Thai leader", earlier, kb, "2023-12-01") is None
