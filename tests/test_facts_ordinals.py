"""Ordinals (session numbers, order of visits and destinations) and counts (comity.extract.facts.find)."""

from __future__ import annotations

import re

from comity.extract.facts.find import facts_from_text
from comity.records import Fact, Mention

COUNTRIES = {"Japan": "JPN", "Laos": "LAO", "Thailand": "THA", "Malaysia": "MYS", "Cambodia": "KHM"}


def _mentions(text: str) -> list[Mention]:
    found = [
        Mention("d", m.start(), m.end(), name, "GPE", 0, country=iso)
        for name, iso in COUNTRIES.items()
        for m in re.finditer(rf"\b{name}\b", text)
    ]
    return sorted(found, key=lambda m: m.start)


def _facts(
    text: str, measures: tuple[str, ...] = ("ordinal", "count"), date: str = "2022-06-10"
) -> list[Fact]:
    facts = facts_from_text(text, doc_id="d", date=date, mentions=_mentions(text))
    for fact in facts:
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
    return [f for f in facts if f.measure in measures]


def _one(text: str, measure: str = "ordinal", date: str = "2022-06-10") -> Fact:
    (fact,) = _facts(text, (measure,), date)
    return fact


# -- session numbers of recurring meetings ------------------------------------------------------
def test_session_number_of_a_named_meeting() -> None:
    fact = _one(
        "The ministers co-chaired the 9th Meeting of the Japan-Laos Joint Committee on Trade on Monday."
    )
    assert (fact.value, fact.unit) == (9.0, "ordinal")
    assert fact.subject == "Japan-Laos Joint Committee on Trade"
    assert fact.period == "2022-06-10"  # no date of its own: the article's


def test_session_number_worded_and_before_the_name() -> None:
    fact = _one("Officials held the third round of talks on the border in Vientiane.")
    assert (fact.value, fact.period) == (3.0, "2022-06-10")
    fact = _one("Thailand and Malaysia held the 12th Joint Commission meeting in March 2021.")
    assert (fact.value, fact.period, fact.subject) == (12.0, "2021-03", "Joint Commission")


def test_congresses_summits_and_other_ordinals_are_not_facts() -> None:
    text = (
        "The talks followed the 20th National Congress of the ruling party. "
        "Leaders will attend the 41st Regional Summit next month. "
        "It was the second day of a three-day visit. "
        "A second meeting will be held next year. "
        "In the first half of 2021, exports rose. "
        "First, the two sides agreed to expand trade. "
        "It is the first time the two navies have trained together. "
        "They met near Second Thomas Shoal."
    )
    assert _facts(text) == []


# -- order of a visit -------------------------------------------------------------------------
def test_order_of_a_visit_stated_elliptically_takes_the_visit_date() -> None:
    text = "Since the minister's visit to Japan in March 2021, the first by a foreign official after the election, ties have grown."
    fact = _one(text)
    assert (fact.value, fact.unit, fact.period, fact.subject) == (1.0, "ordinal", "2021-03", "visit to JPN")


def test_order_of_a_trip() -> None:
    fact = _one(
        "The prime minister arrived in Laos on Tuesday for his first overseas trip since taking office."
    )
    assert (fact.value, fact.subject) == (1.0, "visit to LAO")
    fact = _one("It is the president's third state visit to Thailand.")
    assert (fact.value, fact.subject) == (3.0, "visit to THA")


def test_nth_visit_in_n_years_is_a_count_over_those_years() -> None:
    fact = _one(
        "The president's visit to Cambodia this week, his second in five years, drew crowds.", "count"
    )
    assert (fact.value, fact.unit, fact.period, fact.subject) == (2.0, "visits", "2017/2022", "visits to KHM")
    assert (
        _facts(
            "The president's visit to Cambodia this week, his second in five years, drew crowds.",
            ("ordinal",),
        )
        == []
    )


def test_first_country_to_do_something() -> None:
    fact = _one("Bangkok chose Malaysia as the first country for its new premier to visit in 2019.")
    assert (fact.value, fact.unit, fact.period, fact.subject) == (
        1.0,
        "ordinal",
        "2019",
        "MYS as country to visit",
    )


# -- counts of countries ----------------------------------------------------------------------
def test_count_of_member_countries() -> None:
    fact = _one("The forum includes six Mekong basin countries, among them Laos and Thailand.", "count")
    assert (fact.value, fact.unit, fact.period) == (6.0, "countries", "2022-06-10")
    assert fact.subject == "Mekong basin countries"
    fact = _one("Envoys from 14 member states attended.", "count")
    assert (fact.value, fact.unit) == (14.0, "member states")


def test_the_two_countries_is_not_a_count() -> None:
    text = "Relations between the two countries improved. Both countries gained, and the two nations signed a pact."
    assert _facts(text) == []


def test_ordinal_counted_since_a_year_takes_the_article_date() -> None:
    fact = _one("Their navies held a patrol on Monday, the 21st such patrol since the drills began in 2006.")
    assert (fact.value, fact.period) == (21.0, "2022-06-10")


def test_body_name_keeps_dashed_country_pairs() -> None:
    fact = _one("He co-chaired the 4th meeting of the Committee for Laos–Thailand Cooperation in Vientiane.")
    assert fact.subject == "Committee for Laos–Thailand Cooperation"


def test_generic_rounds_meetings_and_anaphoric_counts_are_not_facts() -> None:
    text = (
        "The second round of sanctions hit in May. "
        "They discussed the first meeting of the new council. "
        "The three countries signed a deal. "
        "Two of the five nations abstained."
    )
    assert _facts(text) == []
    assert _one("The 10 Mekong countries met.", "count").value == 10.0
