"""Dates an act takes from its clause (``date_clauses.py`` via ``choose_date``): "where"/"when"
clauses, planned acts looking forward and framed by a stated coming trip, present acts reported
in the past, dates of earlier events after "following", past perfects and another's named act.
Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from comity.extract.events.context import DateChoice, choose_date
from comity.extract.events.date_frame import clause_tense
from comity.extract.time.find import find_time_expressions, lexical_future

pytestmark = pytest.mark.slow


def date_of(nlp: Any, text: str, trigger: str, anchor: str, *, past: bool) -> DateChoice:
    doc = nlp(text)
    times = find_time_expressions(text, anchor, future=lexical_future(text))
    token = next(t for t in doc if t.text == trigger)
    return choose_date(token, token.sent, times, past_tense=past, article_date=anchor)


# (behaviour, text, trigger, publication date, told in the past, date, basis)
CLAUSE_DATES = [
    (
        "a_present_perfect_told_as_repeated_conduct_has_no_date_of_its_own",
        "Coast guard ships have repeatedly rammed the supply boats.",
        "rammed",
        "2024-10-12",
        True,
        None,
        "unknown",
    ),
    (
        "a_present_perfect_in_recent_months_has_no_date_of_its_own",
        "The two governments have accused the company of fraud in recent months.",
        "accused",
        "2024-07-27",
        True,
        None,
        "unknown",
    ),
    (
        "a_present_perfect_told_as_long_conduct_has_no_date_of_its_own",
        "The ministry has long accused the company of fraud.",
        "accused",
        "2024-07-27",
        True,
        None,
        "unknown",
    ),
    (
        "a_single_present_perfect_act_without_a_date_is_undated",
        "Coast guard ships have rammed a supply boat.",
        "rammed",
        "2024-10-12",
        True,
        None,
        "unknown",
    ),
    (
        "a_where_clause_shares_the_date_of_the_meeting_it_hangs_on",
        "Last month the minister met his counterparts at a forum in Singapore, where they announced joint drills.",
        "announced",
        "2024-07-18",
        True,
        "2024-06",
        "governing",
    ),
    (
        "a_when_clause_after_a_year_takes_that_year",
        "Diplomats still recall early 1995, when the navy seized the reef.",
        "seized",
        "2020-12-12",
        True,
        "1995",
        "governing",
    ),
    (
        "a_planned_act_in_a_where_clause_looks_forward",
        "The president flies out on Friday to Asia, where he will visit Japan.",
        "visit",
        "2017-11-02",
        False,
        "2017-11-03",
        "governing",
    ),  # a Thursday
    (
        "a_present_act_reported_in_the_past_takes_the_statement_time",
        "Both sides support freedom of navigation, the ministry said.",
        "support",
        "2017-11-09",
        False,
        "2017-11-09",
        "document",
    ),
    (
        "the_date_of_an_earlier_call_in_a_plan_looks_back",
        "Following their September 9 phone call, the two leaders will discuss trade.",
        "call",
        "2021-11-12",
        False,
        "2021-09-09",
        "governing",
    ),
    (
        "a_pronoun_going_on_from_a_dated_sentence_takes_its_date",
        "In a letter to the president in May, the farm lobby said prices had collapsed. She urged him to end the tariffs.",
        "urged",
        "2019-11-18",
        True,
        "2019-05",
        "carried",
    ),
    (
        "a_named_subject_after_a_dated_sentence_takes_the_article_date",
        "In a letter to the president in May, the farm lobby said prices had collapsed. Canada urged him to act.",
        "urged",
        "2019-11-18",
        True,
        "2019-11-18",
        "document",
    ),
    (
        "days_later_need_a_day_to_count_from",
        "In March 2023, the two neighbours promised to mend ties. Two days later, Japan signed a pact with Vietnam.",
        "signed",
        "2024-07-18",
        True,
        "2024-07-18",
        "document",
    ),
    (
        "a_past_perfect_reported_in_the_past_is_a_past_act",
        "The president said deals worth billions had been signed with Vietnam.",
        "signed",
        "2017-11-14",
        True,
        "2017-11-14",
        "document",
    ),
]


@pytest.mark.parametrize(
    ("behaviour", "text", "trigger", "anchor", "past", "value", "basis"),
    CLAUSE_DATES,
    ids=[r[0] for r in CLAUSE_DATES],
)
def test_an_act_takes_the_date_its_clause_gives(
    nlp: Any,
    behaviour: str,
    text: str,
    trigger: str,
    anchor: str,
    past: bool,
    value: str | None,
    basis: str | None,
) -> None:
    got = date_of(nlp, text, trigger, anchor, past=past)
    assert (got.value, got.basis) == (value, basis), behaviour


def test_a_present_in_a_temporal_clause_of_a_plan_is_planned(nlp: Any) -> None:
    doc = nlp("The president will press his host when they meet in Beijing.")
    assert clause_tense(next(t for t in doc if t.text == "meet")) == "future"


def test_a_verb_coordinated_under_a_future_shares_its_tense(nlp: Any) -> None:
    doc = nlp("The premier will attend the summit, make a state visit to Hanoi and end his trip in Manila.")
    assert clause_tense(next(t for t in doc if t.text == "make")) == "future"


def test_planned_acts_take_the_date_of_the_stated_coming_visit(nlp: Any) -> None:
    text = (
        "On May 2 the president will host the prime minister at the White House. "
        "Trade between the two economies has grown fast. "
        "The leaders will issue a joint statement on energy."
    )
    got = date_of(nlp, text, "issue", "2023-04-25", past=False)
    assert (got.value, got.basis) == ("2023-05-02", "carried")


def test_a_planned_act_without_a_stated_trip_stays_undated(nlp: Any) -> None:
    text = (
        "Trade between the two economies has grown fast. The leaders will issue a joint statement on energy."
    )
    got = date_of(nlp, text, "issue", "2023-04-25", past=False)
    assert got == DateChoice(None, None, None, "unknown")


def test_a_continuing_state_reported_in_the_past_stays_undated(nlp: Any) -> None:
    text = "The navy is building outposts on the reef, the ministry said."
    got = date_of(nlp, text, "building", "2017-11-09", past=False)
    assert got.value is None


def test_a_past_perfect_without_a_date_is_not_the_article_date(nlp: Any) -> None:
    got = date_of(
        nlp, "By then the government had imposed tariffs on steel.", "imposed", "2025-04-05", past=True
    )
    assert got == DateChoice(None, None, None, "unknown")


def test_an_act_owned_by_a_name_and_talked_about_stays_undated(nlp: Any) -> None:
    got = date_of(
        nlp, "The call focused on Russia's invasion of Ukraine.", "invasion", "2022-03-18", past=False
    )
    assert got == DateChoice(None, None, None, "unknown")


def test_talks_told_by_a_verb_of_the_sentence_are_not_an_earlier_meeting(nlp: Any) -> None:
    text = (
        "The general first met the minister in 2016. "
        "The general met the president later, but officials did not release details of their talks."
    )
    got = date_of(nlp, text, "talks", "2020-09-11", past=False)
    assert (got.value, got.basis) == ("2020-09-11", "document")


def test_a_planned_act_during_a_visit_does_not_take_an_earlier_visit_date(nlp: Any) -> None:
    text = "The premier visited Washington in April. During his visit, the president will ask Beijing to act."
    got = date_of(nlp, text, "ask", "2017-11-08", past=False)
    assert got.value is None


def test_a_treaty_known_by_its_name_carries_no_meeting_date(nlp: Any) -> None:
    text = (
        "The two presidents met in Washington in May 2023. Trade has grown fast since. "
        "The leaders welcomed new sites pursuant to the Enhanced Defense Cooperation Agreement."
    )
    got = date_of(nlp, text, "welcomed", "2023-09-06", past=True)
    assert (got.value, got.basis) == ("2023-09-06", "document")


def test_months_later_count_from_the_last_date_told(nlp: Any) -> None:
    text = (
        "In March 2023, the two neighbours promised to mend ties. "
        "Four months later, the president hosted both leaders at his retreat, where they pledged to cooperate."
    )
    hosted = date_of(nlp, text, "hosted", "2024-07-18", past=True)
    pledged = date_of(nlp, text, "pledged", "2024-07-18", past=True)
    assert (hosted.value, hosted.text, pledged.value) == ("2023-07", "Four months later", "2023-07")


def test_a_summit_starting_this_week_frames_the_plans_after_it(nlp: Any) -> None:
    text = (
        "Maritime disputes will feature at a regional summit starting this week in Vietnam. "
        "The Chinese president will attend the Vietnam meeting."
    )
    got = date_of(nlp, text, "attend", "2017-11-09", past=False)
    assert (got.value, got.basis) == ("2017-11-06/2017-11-12", "carried")


def test_the_to_clause_of_a_verb_of_planning_is_planned(nlp: Any) -> None:
    doc = nlp("He also plans to discuss the trade imbalance with his host.")
    assert clause_tense(next(t for t in doc if t.text == "discuss")) == "future"


def test_an_infinitive_is_told_in_the_tense_of_its_clause(nlp: Any) -> None:
    doc = nlp("The president will try to convince his host when they meet.")
    tenses = [clause_tense(next(t for t in doc if t.text == word)) for word in ("convince", "meet")]
    assert tenses == ["future", "future"]


def test_a_company_planning_is_no_part_of_a_stated_trip(nlp: Any) -> None:
    text = (
        "On May 2 the president will host the prime minister at the White House. "
        "Samsung is reportedly planning to invest in a new chip factory in Japan."
    )
    got = date_of(nlp, text, "invest", "2023-04-25", past=False)
    assert got.value is None


def test_a_summit_welcomed_in_the_present_frames_no_plans(nlp: Any) -> None:
    text = (
        "We also welcome the upcoming energy summit in Brussels on March 21. "
        "The two leaders plan to co-host a study tour in Japan."
    )
    got = date_of(nlp, text, "co-host", "2024-04-11", past=False)
    assert got.value is None


def test_talks_of_a_visitor_here_now_take_the_article_date(nlp: Any) -> None:
    got = date_of(
        nlp,
        "The Chinese general is in Manila for talks with the president.",
        "talks",
        "2020-09-11",
        past=False,
    )
    assert (got.value, got.basis) == ("2020-09-11", "document")


def test_last_week_in_a_sunday_article_is_the_week_now_ending(nlp: Any) -> None:
    text = "During the president's visit to Beijing last week, his host promised to help."
    got = date_of(nlp, text, "visit", "2017-11-12", past=False)  # a Sunday
    assert got.value == "2017-11-06/2017-11-12"


def test_last_week_in_a_weekday_article_is_the_week_before(nlp: Any) -> None:
    text = "During the president's visit to Beijing last week, his host promised to help."
    got = date_of(nlp, text, "visit", "2017-11-15", past=False)  # a Wednesday
    assert got.value == "2017-11-06/2017-11-12"
