"""mentions_from_doc: spaCy entities plus KB names, coded at the publication date."""

from __future__ import annotations

from typing import Any

import pytest

from comity.extract.actors import load_kb
from comity.extract.mentions import mentions_from_doc
from comity.records import Article, Boilerplate, Mention

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
    assert by_text["Hanoi"].code == "VNMGOV"
    assert by_text["Xinhua"].code == "CHNMED" and by_text["Xinhua"].sentence == 1


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("The China-Vietnam relationship is stable.", [("China", "CHN"), ("Vietnam", "VNM")]),
        ("Sino-Vietnamese trade grew.", [("Sino", "CHN"), ("Vietnamese", "VNM")]),
        ("Officials of the Communist Party of China met.", [("Communist Party of China", "CHNPTY")]),
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
