"""Event dating (``choose_date``): coordinated weekdays, day ranges, dates carried from an earlier
sentence about the same event, background dates, fronted dates (also across a bad sentence split)
and undated articles. Sentences written for these tests. Dates of whole coded events are in the
golden tables (tests/golden/events/dates.toml)."""

from __future__ import annotations

from typing import Any

import pytest

from comity.evaluate.events_seeds import date_interval, score_seeds
from comity.extract.events.context import DateChoice, choose_date
from comity.extract.events.date_frame import calendar_value
from comity.extract.events.dating import split_fragment
from comity.extract.time.find import find_time_expressions, lexical_future
from comity.records import ActorRef, Event, TextSpan

pytestmark = pytest.mark.slow


def date_of(
    nlp: Any, text: str, trigger: str, anchor: str | None, *, past: bool = True, nth: int = 0
) -> DateChoice:
    doc = nlp(text)
    times = find_time_expressions(text, anchor)
    token = [t for t in doc if t.text == trigger][nth]
    return choose_date(token, token.sent, times, past_tense=past, article_date=anchor)


def test_weekdays_joined_by_and_are_one_interval(nlp: Any) -> None:
    text = "President Xi paid a state visit to Vietnam on Tuesday and Wednesday."
    got = date_of(nlp, text, "paid", "2023-12-14")
    assert (got.value, got.basis, got.text, got.precision) == (
        "2023-12-12/2023-12-13", "governing", "Tuesday and Wednesday", "interval",
    )  # fmt: skip


def test_day_range_from_month_days(nlp: Any) -> None:
    got = date_of(nlp, "Wang Yi paid an official visit to Vietnam from November 2-3.", "paid", "2017-11-24")
    assert (got.value, got.basis) == ("2017-11-02/2017-11-03", "governing")


def test_during_the_visit_carries_the_visit_date(nlp: Any) -> None:
    text = (
        "President Xi paid a state visit to Vietnam on Tuesday and Wednesday. Trade has grown fast. "
        "During Xi's visit, the two sides agreed to cooperate on maritime projects."
    )
    got = date_of(nlp, text, "agreed", "2023-12-14")
    assert (got.value, got.basis, got.text) == ("2023-12-12/2023-12-13", "carried", "Tuesday and Wednesday")


def test_meeting_during_a_visit_carries_the_visit_date(nlp: Any) -> None:
    text = (
        "Xi visited Hanoi on December 12. "
        "During his meeting with Nguyen Phu Trong, Xi praised the friendship between the two parties."
    )
    got = date_of(nlp, text, "praised", "2023-12-14")
    assert (got.value, got.basis) == ("2023-12-12", "carried")


def test_in_addition_to_meeting_carries_the_meeting_date(nlp: Any) -> None:
    text = (
        "Wang Yi met Nguyen Phu Trong in Hanoi on Friday. Both sides hailed the ties. "
        "In addition to meeting with Nguyen, Wang co-chaired the steering committee."
    )
    got = date_of(nlp, text, "co-chaired", "2023-12-01")
    assert (got.value, got.basis) == ("2023-12-01", "carried")


def test_after_the_visit_is_not_the_visit_date(nlp: Any) -> None:
    text = "Xi visited Hanoi on December 12. After the visit, Japan signed a pact with Vietnam."
    got = date_of(nlp, text, "signed", "2023-12-20")
    assert (got.value, got.basis) == ("2023-12-20", "document")


def test_background_event_keeps_its_own_past_date(nlp: Any) -> None:
    text = "Since Nguyen's visit to China in October 2022, the two parties have met often."
    got = date_of(nlp, text, "visit", "2023-12-01")
    assert (got.value, got.basis) == ("2022-10", "governing")


def test_unrelated_sentence_does_not_carry(nlp: Any) -> None:
    text = "Xi visited Hanoi on December 12. Japan signed a pact with the Philippines."
    got = date_of(nlp, text, "signed", "2023-12-20")
    assert (got.value, got.basis) == ("2023-12-20", "document")


def test_undated_article_leaves_relative_dates_unresolved(nlp: Any) -> None:
    text = "Xi visited Hanoi on Tuesday. During the visit, the two sides agreed to cooperate."
    assert date_of(nlp, text, "visited", None) == DateChoice(None, None, None, "unknown")
    assert date_of(nlp, text, "agreed", None) == DateChoice(None, None, None, "unknown")


def test_undated_article_still_carries_an_absolute_date(nlp: Any) -> None:
    text = "Xi visited Hanoi on 12 December 2023. During the visit, the two sides agreed to cooperate."
    got = date_of(nlp, text, "agreed", None)
    assert (got.value, got.basis) == ("2023-12-12", "carried")


def test_present_perfect_without_a_date_is_undated(nlp: Any) -> None:
    # "have agreed" says no more than "some time before the report": no date (the real-news gold's
    # null), not the publication date or an open interval ending at it
    text = "After long talks, both countries have agreed to upgrade their ties."
    got = date_of(nlp, text, "agreed", "2023-12-01")
    assert got == DateChoice(None, None, None, "unknown")
    simple = date_of(nlp, "Both countries agreed to upgrade their ties.", "agreed", "2023-12-01")
    assert (simple.value, simple.basis) == ("2023-12-01", "document")
    assert date_of(nlp, text, "agreed", None) == DateChoice(None, None, None, "unknown")


def test_a_document_of_a_visit_carries_the_visit_date(nlp: Any) -> None:
    text = (
        "The breakthrough came in March with the visit of Le Van Tam to Seoul. "
        "This visit was important because it was the first to Korea in 2019. "
        "What gave a new high to the ties was their Joint Communique, wherein both sides agreed to expand trade."
    )
    got = date_of(nlp, text, "agreed", "2019-11-20")
    assert (got.value, got.basis) == ("2019-03", "carried")


def test_an_infinitive_visit_names_no_dated_event(nlp: Any) -> None:
    text = (
        "The breakthrough came in March with the visit of Le Van Tam to Seoul. "
        "Korea was the first country for its leader to visit in 2019. "
        "What gave a new high to the ties was their Joint Communique, wherein both sides agreed to expand trade."
    )
    got = date_of(nlp, text, "agreed", "2019-11-20")
    assert (got.value, got.basis) == ("2019-03", "carried")


def test_agreements_they_have_signed_carry_the_visit_dates(nlp: Any) -> None:
    text = (
        "The premier paid an official visit to Laos on Monday and Tuesday. Trade has grown fast. "
        "With the agreements they have signed, the two sides can expand their trade."
    )
    got = date_of(nlp, text, "signed", "2024-01-03")  # a Wednesday: Monday is 1 January
    assert (got.value, got.basis) == ("2024-01-01/2024-01-02", "carried")


def test_coordinated_verbs_share_a_fronted_date(nlp: Any) -> None:
    text = "On March 3, the minister wrote a long letter and stated that talks must go on, weeks before a summit held on May 5."
    got = date_of(nlp, text, "stated", "2023-06-01")
    assert (got.value, got.basis) == ("2023-03-03", "governing")


def _event(date: str | None, start: int = 0, end: int = 20) -> Event:
    return Event(
        id="e",
        doc_id="d",
        doc="d.txt",
        type="CONSULT",
        cameo="040",
        mode=None,
        goldstein=1.0,
        source=(ActorRef("Xi", name="Xi", country="CHN"),),
        target=(ActorRef("Trong", name="Trong", country="VNM"),),
        evidence=TextSpan(start, end, "x" * (end - start)),
        trigger="met",
        modality="asserted",
        date=date,
    )


def test_seed_report_gives_the_share_of_matched_core_events_with_the_same_date() -> None:
    gold = {
        "id": "G1", "doc": "d.txt", "start": 0, "end": 20, "event_type_plover": "CONSULT",
        "source_actor": "Xi|CHN|GOV", "target_actor": "Trong|VNM|PTY", "tier": "core",
        "event_date": "2023-12-12/2023-12-13",
    }  # fmt: skip
    same = score_seeds({"d.txt": [_event("2023-12-12/2023-12-13")]}, [gold])["date_share"]
    assert (same["matched_core_with_date"], same["same"], same["same_or_overlapping"]) == (1, 1.0, 1.0)
    near = score_seeds({"d.txt": [_event("2023-12-13")]}, [gold])["date_share"]
    assert (near["same"], near["same_or_overlapping"], near["wrong"][0]["id"]) == (0.0, 1.0, "G1")
    assert date_interval("2023-12") == ("2023-12-01", "2023-12-31")
    assert date_interval("../2023-12-01") == ("..", "2023-12-01")


# Dates that belong to another predicate, or to a name, do not date the trigger.


def test_year_inside_a_name_dates_no_event(nlp: Any) -> None:
    text = (
        "The minister urged all claimants to resolve disputes under international law, including UNCLOS 1982."
    )
    got = date_of(nlp, text, "urged", "2024-03-08")
    assert (got.value, got.basis) == ("2024-03-08", "document")
    text = "Hanoi invoked UNCLOS 1982 in its protest to Beijing."
    got = date_of(nlp, text, "invoked", "2024-03-08")
    assert (got.value, got.basis) == ("2024-03-08", "document")
    text = "Manila called on Beijing to honour the 1982 Convention on the Law of the Sea."
    got = date_of(nlp, text, "called", "2024-03-08")
    assert (got.value, got.basis) == ("2024-03-08", "document")


def test_year_of_a_relative_clause_is_not_the_main_event_date(nlp: Any) -> None:
    text = "The coast guards held a joint patrol along the border that the two sides demarcated in 2000."
    got = date_of(nlp, text, "held", "2024-03-08")
    assert (got.value, got.basis) == ("2024-03-08", "document")


def test_year_of_a_complement_clause_is_not_the_request_date(nlp: Any) -> None:
    text = "The two leaders called on all parties to respect the 2016 arbitral award."
    got = date_of(nlp, text, "called", "2024-03-08")
    assert (got.value, got.basis) == ("2024-03-08", "document")


def test_present_perfect_after_a_dated_past_verb_keeps_no_date_of_it(nlp: Any) -> None:
    text = "Beijing occupied the reef in 1988 and has since accused Philippine fishermen of poaching."
    got = date_of(nlp, text, "accused", "2024-03-08")
    assert got == DateChoice(None, None, None, "unknown")


def test_coordinated_verb_with_its_own_year_keeps_it(nlp: Any) -> None:
    text = (
        "Hanoi and Seoul set up diplomatic relations in 1992 and raised ties to a comprehensive "
        "strategic partnership in 2022."
    )
    got = date_of(nlp, text, "raised", "2024-03-08")
    assert (got.value, got.basis) == ("2022", "governing")
    first = date_of(nlp, text, "set", "2024-03-08")
    assert (first.value, first.basis) == ("1992", "governing")
    later = "Hanoi and Seoul set up diplomatic relations in 1992 and later raised ties to a strategic partnership."
    got = date_of(nlp, later, "raised", "2024-03-08")
    assert (got.value, got.basis) == ("2024-03-08", "document")


def test_verbs_of_one_incident_share_the_head_date(nlp: Any) -> None:
    text = "Men from a trawler boarded the boat on Sunday, beat the crew and took their catch."
    got = date_of(nlp, text, "beat", "2024-03-08")  # a Friday
    assert (got.value, got.basis) == ("2024-03-03", "governing")


def test_a_time_of_day_dates_its_day_before_a_relative_clause_date(nlp: Any) -> None:
    text = "Xi, who paid a state visit to Laos on December 12-13, held talks with the president on Tuesday evening."
    got = date_of(nlp, text, "held", "2023-12-14")
    assert (got.value, got.basis) == ("2023-12-12", "governing")


def test_a_temporal_clause_still_dates_its_main_clause(nlp: Any) -> None:
    text = "When the two leaders met in Hanoi in 2015, Xi praised the friendship between the parties."
    got = date_of(nlp, text, "praised", "2024-03-08")
    assert (got.value, got.basis) == ("2015", "sentence")


# A date fronted before the clause dates its main verb, not a nearer date, even when the parser
# split the sentence after it.


def test_fronted_date_dates_the_main_clause_not_a_nearer_date(nlp: Any) -> None:
    text = (
        "On November 9, 2017, before attending the summit held on November 10-11, President Xi "
        "wrote an article and stated that the two countries must settle their differences."
    )
    got = date_of(nlp, text, "stated", "2017-11-24")
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


def test_a_week_is_given_as_its_days(nlp: Any) -> None:
    got = date_of(nlp, "The two ministers met last week in Manila.", "met", "2024-03-13")
    assert (got.value, got.precision, got.basis) == ("2024-03-04/2024-03-10", "week", "governing")


def test_a_weekday_told_in_the_past_is_not_after_the_article(nlp: Any) -> None:
    # the "would" after the date pulls a lexical tense guess forward; the past verb does not
    text = "The premier vowed on Monday that his country would open its markets further."
    times = find_time_expressions(text, "2024-03-12", future=lexical_future(text))  # a Tuesday
    assert [t.value for t in times] == ["2024-03-18"]
    token = next(t for t in nlp(text) if t.text == "vowed")
    got = choose_date(token, token.sent, times, past_tense=True, article_date="2024-03-12")
    assert got.value == "2024-03-11"


def test_a_readout_tells_its_episode_on_the_lead_date(nlp: Any) -> None:
    text = (
        "The foreign minister met his Thai counterpart on March 4. "
        "The two ministers discussed trade and border security."
    )
    got = date_of(nlp, text, "discussed", "2024-03-06")
    assert (got.value, got.basis) == ("2024-03-04", "document")


def test_a_planned_visit_tells_its_programme_on_the_lead_date(nlp: Any) -> None:
    text = (
        "On May 6, the President will host the Thai Prime Minister at the palace. "
        "The two leaders will discuss trade."
    )
    got = date_of(nlp, text, "discuss", "2024-04-20", past=False)
    assert (got.value, got.basis) == ("2024-05-06", "carried")


def test_an_act_after_the_lead_event_is_not_on_its_date(nlp: Any) -> None:
    text = "The foreign minister met his Thai counterpart on March 4. After the talks, they signed a pact."
    got = date_of(nlp, text, "signed", "2024-03-06")
    assert (got.value, got.basis) == ("2024-03-06", "document")


def test_a_noun_in_a_past_clause_takes_the_article_date(nlp: Any) -> None:
    text = "The envoy spoke to reporters as he wrapped up a visit to Jakarta."
    got = date_of(nlp, text, "visit", "2024-03-06", past=False)
    assert (got.value, got.basis) == ("2024-03-06", "document")


def test_a_participle_shares_the_date_of_its_verb(nlp: Any) -> None:
    text = "The coast guard spotted dozens of foreign ships on Sunday, denouncing their presence."
    got = date_of(nlp, text, "denouncing", "2024-03-06", past=False)
    assert (got.value, got.basis) == ("2024-03-03", "governing")


def test_a_copula_naming_a_visit_does_not_date_it(nlp: Any) -> None:
    got = date_of(nlp, "The trip was his third visit to the region.", "visit", "2024-03-06", past=False)
    assert got == DateChoice(None, None, None, "unknown")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-W10", "2024-03-04/2024-03-10"),
        ("2024-W10-WE", "2024-03-09/2024-03-10"),
        ("2023-H1", "2023-01/2023-06"),
        ("2022-WI", "2022-12/2023-02"),
        ("199", "1990/1999"),
        ("2024-03-04", "2024-03-04"),
    ],
)
def test_calendar_values_are_days_months_or_years(value: str, expected: str) -> None:
    assert calendar_value(value) == expected
