"""A long text is parsed in bounded sections, and nothing the extractors find changes."""

from __future__ import annotations

import itertools
import warnings
from typing import Any

import pytest

from comity.clean import build_article
from comity.config import load_settings
from comity.extract.actors.kb import load_kb
from comity.nlp import doc_text, parse, parse_sectioned, plain, section_bounds
from comity.pipeline import Pipeline
from comity.records import Event, SourceItem

# Self-contained paragraphs, each naming its actors and its day, all different events: a
# paragraph coded alone must give what it gives inside the whole document.
TEMPLATES = (
    "The foreign minister of {a} met the foreign minister of {b} in the capital of {a} on {day}, and "
    "the two ministers signed an agreement on clean energy.",
    "On {day}, the government of {a} accused {b} of blocking a consignment of humanitarian goods.",
    "The president of {a} received the prime minister of {b} on {day} for talks on trade.",
    "Coast guard ships of {a} fired water cannon at two supply boats of {b} on {day}.",
    "The president of {a} praised {b} on {day} for its help in fighting the forest fires.",
)
COUNTRIES = ("Japan", "India", "Brazil", "Argentina", "Kenya", "Norway", "Chile", "Egypt")
MONTHS = ("March", "April", "June", "July", "September", "October", "November")


def _paragraph(i: int) -> str:
    a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(3 * i + 1) % len(COUNTRIES)]
    day = f"{MONTHS[i % len(MONTHS)]} {1 + i % 27}, {1981 + i}"  # all before the article date
    return TEMPLATES[i % len(TEMPLATES)].format(a=a, b=b if b != a else "Peru", day=day)


def _long_text(paragraphs: int) -> str:
    return "\n\n".join(_paragraph(i) for i in range(paragraphs))


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("aaaa\n\nbbbb\n\ncccc", 12, [(0, 12), (12, 16)]),  # after the last blank line that fits
        ("One two. Three four. Five six.", 24, [(0, 21), (21, 30)]),  # after a sentence end
        ("one two three four", 10, [(0, 8), (8, 18)]),  # after a space
        ("abcdefghij", 4, [(0, 4), (4, 8), (8, 10)]),  # no break at all: a hard cut
        ("short", 100, [(0, 5)]),
    ],
)
def test_section_bounds_cut_at_the_best_break_and_cover_the_text(
    text: str, limit: int, expected: list[tuple[int, int]]
) -> None:
    assert section_bounds(text, limit) == expected


def test_section_bounds_cover_a_long_text_exactly_within_the_limit() -> None:
    text = _long_text(40)
    bounds = section_bounds(text, 700)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(bounds))
    assert all(0 < end - start <= 700 for start, end in bounds)
    assert all(text[start] != "\n" for start, _ in bounds)  # each starts a paragraph


def test_section_bounds_refuse_a_limit_too_small_to_progress() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        section_bounds("some text", 1)


def test_a_sectioned_parse_keeps_every_character_offset_and_starts_a_sentence_per_section(nlp: Any) -> None:
    text = _long_text(12)
    doc = parse_sectioned(nlp, text, 600)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    starts = {t.idx for t in doc if t.is_sent_start}
    assert {start for start, _ in section_bounds(text, 600)} <= starts
    assert {e.text for e in doc.ents} >= {"Japan", "India", "Kenya"}


def test_a_sectioned_parse_caches_the_whole_text_and_carries_no_section_data(nlp: Any) -> None:
    text = _long_text(12)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = parse_sectioned(nlp, text, 600)
    # spaCy warns (W102) for every user-data key it cannot join: each section caches its own text.
    assert not [w for w in caught if "W102" in str(w.message)]
    assert doc_text(doc) == text


def _signature(event: Event, shift: int) -> tuple[object, ...]:
    return (
        event.type,
        event.cameo,
        tuple(a.country for a in event.source),
        tuple(a.country for a in event.target),
        event.evidence.start + shift,
        event.evidence.end + shift,
        event.date,
        event.modality,
    )


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    article = build_article(
        SourceItem(name="long.txt", content=text, fmt="text", date="2024-01-10"), pipeline.settings
    )
    (result,) = pipeline.analyse([article])
    assert not hasattr(result, "reason"), result
    return list(result.events)  # type: ignore[union-attr]


def test_a_long_document_yields_the_events_of_its_sections_processed_alone(nlp: Any) -> None:
    settings = load_settings({"db": ":memory:", "section_chars": 1000}, environ={})
    pipeline = Pipeline(settings, load_kb())
    pipeline.__dict__["nlp"] = nlp  # the cached_property, filled with the session's model
    text = _long_text(30)
    assert len(section_bounds(text, 1000)) > 3
    whole = sorted(_signature(e, 0) for e in _events(pipeline, text))
    alone = sorted(
        _signature(e, start)
        for start, end in section_bounds(text, 1000)
        for e in _events(pipeline, text[start:end])
    )
    assert len(whole) >= 20, "the paragraphs must give events, or the comparison proves nothing"
    assert whole == alone


TYPOGRAPHIC = "China\u2019s coast guard rammed a Philippine boat near the \u2018Second Thomas\u2019 shoal."


def test_a_typographic_apostrophe_is_read_as_the_ascii_one_and_the_text_kept_as_written(nlp: Any) -> None:
    (doc,) = parse(nlp, [TYPOGRAPHIC])
    assert doc_text(doc) == TYPOGRAPHIC and doc.text == plain(TYPOGRAPHIC) != TYPOGRAPHIC
    assert [t.text for t in doc][:2] == ["China", "'s"]
    assert doc[1].dep_ == "case" and doc[1].head.text == "China"


def test_a_sectioned_parse_of_typographic_apostrophes_keeps_the_text_as_written(nlp: Any) -> None:
    text = "\n\n".join([TYPOGRAPHIC] * 40)
    doc = parse_sectioned(nlp, text, 600)
    assert doc_text(doc) == text and doc.text == plain(text)
    assert len(doc_text(doc)) == len(doc.text)


def test_an_actor_named_with_a_typographic_apostrophe_keeps_it_in_its_text() -> None:
    settings = load_settings({"db": ":memory:"}, environ={})
    pipeline = Pipeline(settings, load_kb())
    text = "Vietnam\u2019s foreign minister met Japan\u2019s foreign minister in Hanoi on Monday."
    (event,) = [e for e in _events(pipeline, text) if e.type == "CONSULT"]
    assert {a.country for a in event.source} | {a.country for a in event.target} == {"VNM", "JPN"}
    assert {a.text for a in (*event.source, *event.target)} == {
        "Vietnam\u2019s foreign minister",
        "Japan\u2019s foreign minister",
    }
    assert event.evidence.text == text
