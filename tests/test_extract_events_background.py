"""rules.v1 background events: ongoing disputes between two states (ACCUSE 110, modality
"ongoing"), earlier visits implied by "his second in N years", a second possessed visit in one
sentence, and dates fronted across a bad sentence split. The sentences are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from comity.extract.events.context import choose_date
from comity.extract.events.dating import split_fragment
from comity.extract.time.find import find_time_expressions
from comity.records import Event
from events_kit import code_text

pytestmark = pytest.mark.slow


def disputes(events: list[Event]) -> list[tuple[str, str, str]]:
    return sorted(
        (e.trigger, *sorted(a.country or "-" for a in (*e.source, *e.target)))  # type: ignore[misc]
        for e in events
        if e.cameo == "110" and e.modality == "ongoing"
    )


DISPUTES = [
    ("Tensions between Japan and South Korea remain high.", ("Tensions", "JPN", "KOR")),
    ("The Japan-China dispute over the islands continues.", ("dispute", "CHN", "JPN")),
    ("India's border dispute with China is unresolved.", ("dispute", "CHN", "IND")),
    ("The islands are a source of friction between Japan and China.", ("friction", "CHN", "JPN")),
    (
        "Relations between Tokyo and Seoul were held hostage to the territorial tensions in the sea.",
        ("tensions", "JPN", "KOR"),
    ),
    (
        "Japan and South Korea met in Tokyo. They said their territorial disputes should not hurt trade.",
        ("disputes", "JPN", "KOR"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), DISPUTES, ids=[d[0][:40] for d in DISPUTES])
def test_dispute_between_two_states_is_an_ongoing_accuse(
    nlp: Any, text: str, expected: tuple[str, ...]
) -> None:
    events = code_text(nlp, text)
    assert expected in disputes(events), [(e.cameo, e.trigger, e.modality) for e in events]
    event = next(e for e in events if e.cameo == "110")
    assert (event.type, event.date, event.date_basis) == ("ACCUSE", None, "unknown")


NOT_DISPUTES = [
    "Experts agree that the territorial dispute may take a long time to resolve.",
    "China's maritime disputes are a concern for the region.",
    "With the settlement of the border dispute between China and Russia, trade grew.",
    "There is no dispute between Japan and China over the matter.",
]


@pytest.mark.parametrize("text", NOT_DISPUTES, ids=[t[:40] for t in NOT_DISPUTES])
def test_no_dispute_event_without_two_states(nlp: Any, text: str) -> None:
    assert disputes(code_text(nlp, text)) == []


def test_second_visit_in_n_years_implies_an_earlier_visit(nlp: Any) -> None:
    text = (
        "President Joko Widodo's state visit to Japan on Monday, his third in eight years to Japan, "
        "strengthened ties."
    )
    events = code_text(nlp, text, "2024-05-10", find_times=True)
    visits = [e for e in events if e.cameo == "042"]
    assert len(visits) == 2, [(e.evidence.text, e.date) for e in visits]
    earlier = next(e for e in visits if e.date_basis == "derived")
    assert earlier.evidence.text == "his third in eight years to Japan"
    assert (earlier.date, earlier.date_precision, earlier.modality) == ("2016", "year", "historical")
    assert "eight years" in (earlier.date_text or "")
    assert [a.country for a in earlier.source] == ["IDN"] and [a.country for a in earlier.target] == ["JPN"]


def test_ordinal_visit_noun_with_a_decade(nlp: Any) -> None:
    text = "Modi's trip to Tokyo was his fourth visit to Japan in a decade."
    earlier = [e for e in code_text(nlp, text, "2020-03-01") if e.date_basis == "derived"]
    assert [(e.date, e.evidence.text) for e in earlier] == [("2010", "his fourth visit to Japan in a decade")]


def test_ordinal_without_years_gives_no_background_visit(nlp: Any) -> None:
    text = "President Widodo's state visit to Japan, his second to Japan, strengthened ties."
    assert [e for e in code_text(nlp, text, "2024-05-10") if e.date_basis == "derived"] == []


def test_second_possessed_visit_in_a_sentence_is_its_own_event(nlp: Any) -> None:
    text = (
        "On May 3, 2023, ahead of his state visit to China, President Putin gave an interview. "
        "Trade grew quickly. This was followed by Foreign Minister Sergei Lavrov's official visit to "
        "China from May 5-6 and most recently, President Putin's state visit to China."
    )
    visits = [e for e in code_text(nlp, text, "2023-05-20", find_times=True) if e.cameo == "042"]
    by_text = {e.evidence.text: e for e in visits}
    putin = by_text.get("President Putin's state visit to China")
    assert putin is not None, [e.evidence.text for e in visits]
    assert (putin.date, putin.date_basis) == ("2023-05-04/2023-05-20", "bounded")
    assert [a.name for a in putin.source] == ["Vladimir Putin"]
    lavrov = next(e for e in visits if e is not putin)
    assert lavrov.date == "2023-05-05/2023-05-06"


def test_fronted_date_dates_the_main_clause_not_a_nearer_date(nlp: Any) -> None:
    text = (
        "On November 9, 2017, before attending the summit held on November 10-11, President Xi "
        "wrote an article and stated that the two countries must settle their differences."
    )
    doc = nlp(text)
    times = find_time_expressions(text, "2017-11-24")
    stated = next(t for t in doc if t.text == "stated")
    got = choose_date(stated, stated.sent, times, past_tense=True, article_date="2017-11-24")
    assert (got.value, got.basis) == ("2017-11-09", "governing")


def _parse_with_cut(nlp: Any, text: str, cut_before: str) -> Any:
    """Parse ``text`` with a sentence boundary forced before ``cut_before`` (a bad split)."""
    doc = nlp.make_doc(text)
    cut = text.index(cut_before)
    for token in doc:
        token.is_sent_start = token.idx == cut or token.i == 0
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_fronted_date_is_carried_across_a_bad_sentence_split(nlp: Any) -> None:
    text = (
        "On November 9, 2017, ahead of his visit to Vietnam as well as to attend "
        "the summit held from November 10-11, President Xi wrote an article and stated that "
        "both countries need to manage their differences."
    )
    doc = _parse_with_cut(nlp, text, "the summit")
    stated = next(t for t in doc if t.text == "stated")
    assert split_fragment(stated.sent) is not None
    times = find_time_expressions(text, "2017-11-24")
    got = choose_date(stated, stated.sent, times, past_tense=True, article_date="2017-11-24")
    assert (got.value, got.basis) == ("2017-11-09", "governing")


def test_a_complete_previous_sentence_is_not_a_fragment(nlp: Any) -> None:
    doc = nlp("Japan hosted the summit on May 5. Korea signed the deal.")
    signed = next(t for t in doc if t.text == "signed")
    assert split_fragment(signed.sent) is None
