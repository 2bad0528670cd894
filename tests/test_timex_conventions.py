"""TIMEX3 conventions: same-weekday and future cues, fractional and quarter durations, rates, "the year",
anaphora resolved against the last date mentioned. Sentences written for these tests."""

from __future__ import annotations

import pytest

from comity.extract.time.find import find_time_expressions, lexical_future

ANCHOR = "2023-12-01"  # a Friday


def _pairs(text: str, anchor: str | None = ANCHOR) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in find_time_expressions(text, anchor, future=lexical_future(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the article's own weekday is that day, in any tense; "next" still moves a week on
        ("She will speak on Friday.", [("Friday", "2023-12-01")]),
        ("She spoke on Friday.", [("Friday", "2023-12-01")]),
        ("She will speak next Friday.", [("next Friday", "2023-12-08")]),
        # weekday arithmetic across a year boundary
        ("They will vote on Tuesday.", [("Tuesday", "2023-12-05")]),
        ("They voted on Tuesday.", [("Tuesday", "2023-11-28")]),
    ],
)
def test_same_weekday_is_the_anchor_day(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _pairs(text) == expected


def test_weekday_across_the_year_boundary() -> None:
    assert _pairs("The team planned to leave on Tuesday.", "2023-12-29") == [("Tuesday", "2024-01-02")]
    assert _pairs("The team left on Tuesday.", "2024-01-01") == [("Tuesday", "2023-12-26")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The team planned to leave on Thursday.", ("Thursday", "2023-12-07")),
        ("He could arrive as early as Tuesday.", ("Tuesday", "2023-12-05")),
        ("Officials postponed the vote until Monday.", ("Monday", "2023-12-04")),
        ("The dividend is payable Jan. 2 to holders.", ("Jan. 2", "2024-01-02")),
        ("The rule is effective February 1.", ("February 1", "2024-02-01")),
        # an initial's full stop does not end the clause that "will" opens
        ("Mr. Lee will succeed Daniel P. Davison Feb. 1.", ("Feb. 1", "2024-02-01")),
    ],
)
def test_lexical_future_cues(text: str, expected: tuple[str, str]) -> None:
    assert _pairs(text) == [expected]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It took 2 1/2 years.", "P2Y6M"),
        ("She flew for about 5 1/2 hours.", "PT5H30M"),
        ("Losses mounted in the past two quarters.", "P2Q"),
        ("It had losses for several quarters.", "PXQ"),
        ("They pay interest every quarter.", "P1Q"),
        ("He served for a year.", "P1Y"),
    ],
)
def test_duration_values(text: str, value: str) -> None:
    assert [v for _, v in _pairs(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "The stock pays $1.76 a year.",
        "There are four flights a week.",
        "Guards work 24 hours a day.",
        "Talks may go on for the foreseeable future.",
        "It was the year he was born.",
    ],
)
def test_rates_and_vague_phrases_are_not_timexes(text: str) -> None:
    assert [p for p in _pairs(text) if p[0] != "24 hours"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Revenue for the year ended in June rose.", ("the year", "P1Y")),
        ("For the year, sales were flat.", ("the year", "2023")),
        ("It forecast gains for the full year.", ("the full year", "2023")),
        ("Sales rose in the latest fiscal year.", ("the latest fiscal year", "2022")),
        ("Profits rose earlier this year.", ("earlier this year", "2023")),
    ],
)
def test_the_year(text: str, expected: tuple[str, str]) -> None:
    assert _pairs(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "anchor", "last"),
    [
        ("He moved in 1996. The following year he left.", ANCHOR, ("The following year", "1997")),
        (
            "She was seen on Oct. 23, 1998. Earlier that day it rained.",
            ANCHOR,
            ("Earlier that day", "1998-10-23"),
        ),
        ("He fled in June 1998 and returned later that year.", ANCHOR, ("later that year", "1998")),
        (
            "They met in December 2022. The following month they signed.",
            ANCHOR,
            ("The following month", "2023-01"),
        ),
        ("It fell on 1 January 2020. The previous day was calm.", ANCHOR, ("The previous day", "2019-12-31")),
        ("It was set up in 2019. That year it grew.", None, ("That year", "2019")),  # no anchor needed
        ("That year it grew.", None, ("That year", None)),  # nothing to refer to
    ],
)
def test_anaphora_take_the_last_date(text: str, anchor: str | None, last: tuple[str, str | None]) -> None:
    assert _pairs(text, anchor)[-1] == last
