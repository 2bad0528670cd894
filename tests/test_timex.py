"""Time expressions: phrase -> (text, type, value), resolved against an anchor date."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comity.extract.time.find import NAME, find_time_expressions, lexical_future, precision_of

ANCHOR = "2023-12-01"  # a Friday


def _one(text: str, anchor: str | None = ANCHOR, **kwargs: object) -> tuple[str, str, str | None]:
    found = find_time_expressions(text, anchor, **kwargs)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0].text, found[0].type, found[0].value


def _values(text: str, anchor: str | None = ANCHOR) -> list[str | None]:
    return [t.value for t in find_time_expressions(text, anchor)]


@pytest.mark.parametrize(
    ("phrase", "span", "value"),
    [
        ("They met on 1st December 2023.", "1st December 2023", "2023-12-01"),
        ("It was signed Nov. 24, 2017, in Hanoi.", "Nov. 24, 2017", "2017-11-24"),
        ("It was signed on 24 November 2017.", "24 November 2017", "2017-11-24"),
        ("The summit on December 12-13 ended.", "December 12-13", "2023-12-12/2023-12-13"),
        ("He arrived on January 18.", "January 18", "2023-01-18"),
        ("Filed 2023-12-01 in court.", "2023-12-01", "2023-12-01"),
        ("Filed 13/1/2023 in court.", "13/1/2023", "2023-01-13"),
        ("Filed 1/13/2023 in court.", "1/13/2023", "2023-01-13"),
        ("Talks ran from 2 to 3 November.", "from 2 to 3 November", "2023-11-02/2023-11-03"),
        ("on Friday, Oct. 23, 1998", "Friday, Oct. 23, 1998", "1998-10-23"),
        ("We meet on the 3rd of June 2022", "the 3rd of June 2022", "2022-06-03"),
        ("Santa comes at Christmas.", "Christmas", "2023-12-25"),
    ],
)
def test_timex_calendar_dates(phrase: str, span: str, value: str) -> None:
    assert _one(phrase) == (span, "DATE", value)


@pytest.mark.parametrize(
    ("phrase", "span", "value"),
    [
        ("Exports rose in October 2022.", "October 2022", "2022-10"),
        ("in the first half of 2023", "the first half of 2023", "2023-H1"),
        ("the second half of last year", "the second half of last year", "2022-H2"),
        ("the first 10 months of this year", "the first 10 months of this year", "2023-01/2023-10"),
        ("growth in Q3 2023", "Q3 2023", "2023-Q3"),
        ("profit in the third quarter", "the third quarter", "2023-Q3"),
        ("third-quarter profit", "third-quarter", "2023-Q3"),
        ("the fourth quarter of 2021", "the fourth quarter of 2021", "2021-Q4"),
        ("trade in 2022 grew", "2022", "2022"),
        ("The war of 1979 ended.", "1979", "1979"),
        ("during the 1990s", "the 1990s", "199"),
        ("in the 20th century", "the 20th century", "19"),
        ("in nineteen ninety-six", "nineteen ninety-six", "1996"),
        ("since February 2020", "since February 2020", "2020-02/2023-12-01"),
        ("the 2019-2021 period", "2019-2021", "2019/2021"),
        ("in the summer of 2019", "the summer of 2019", "2019-SU"),
    ],
)
def test_timex_months_years_quarters(phrase: str, span: str, value: str) -> None:
    assert _one(phrase) == (span, "DATE", value)


@pytest.mark.parametrize(
    ("phrase", "span", "value"),
    [
        ("They talked on Friday.", "Friday", "2023-12-01"),
        ("They talked on Tuesday.", "Tuesday", "2023-11-28"),
        ("They talked on Saturday.", "Saturday", "2023-11-25"),
        ("They talked last Friday.", "last Friday", "2023-11-24"),
        ("They will talk next Friday.", "next Friday", "2023-12-08"),
        ("He left yesterday.", "yesterday", "2023-11-30"),
        ("He leaves today.", "today", "2023-12-01"),
        ("He leaves tomorrow.", "tomorrow", "2023-12-02"),
        ("It happened last week.", "last week", "2023-W47"),
        ("It happens this week.", "this week", "2023-W48"),
        ("It happens next month.", "next month", "2024-01"),
        ("It happened last month.", "last month", "2023-11"),
        ("It happened last year.", "last year", "2022"),
        ("It happens this year.", "this year", "2023"),
        ("It happens next year.", "next year", "2024"),
        ("It happened two years ago.", "two years ago", "2021"),
        ("It happened three months ago.", "three months ago", "2023-09"),
        ("It happened 10 days ago.", "10 days ago", "2023-11-21"),
        ("It happened earlier this month.", "earlier this month", "2023-12"),
        ("It happens early next year.", "early next year", "2024"),
        ("It happened last April.", "last April", "2023-04"),
        ("It happened in June last year.", "June last year", "2022-06"),
        ("It happened this summer.", "this summer", "2023-SU"),
    ],
)
def test_timex_relative(phrase: str, span: str, value: str) -> None:
    assert _one(phrase) == (span, "DATE", value)


@pytest.mark.parametrize(
    ("phrase", "span", "kind", "value"),
    [
        ("a ban for 15 years", "15 years", "DURATION", "P15Y"),
        ("a six-year term", "six-year", "DURATION", "P6Y"),
        ("within three months", "three months", "DURATION", "P3M"),
        ("for two weeks", "two weeks", "DURATION", "P2W"),
        ("over the past two months", "the past two months", "DURATION", "P2M"),
        ("for several years", "several years", "DURATION", "PXY"),
        ("a couple of years", "a couple of years", "DURATION", "P2Y"),
        ("a 24-hour strike", "24-hour", "DURATION", "PT24H"),
        ("It is now clear.", "now", "DATE", "PRESENT_REF"),
        ("He recently said so.", "recently", "DATE", "PAST_REF"),
        ("as in the past", "the past", "DATE", "PAST_REF"),
        ("in the near future", "the near future", "DATE", "FUTURE_REF"),
        ("flights run daily", "daily", "SET", "P1D"),
        ("they meet every Monday", "every Monday", "SET", "XXXX-WXX-1"),
        ("it ends at 3 p.m. on Friday", "3 p.m. on Friday", "TIME", "2023-12-01T15:00"),
        ("It happened last night.", "last night", "TIME", "2023-11-30TNI"),
        ("Talks resume Friday morning.", "Friday morning", "TIME", "2023-12-01TMO"),
    ],
)
def test_timex_durations_refs_sets_times(phrase: str, span: str, kind: str, value: str) -> None:
    assert _one(phrase) == (span, kind, value)


def test_timex_each_weekday_separately() -> None:
    found = find_time_expressions("They met on Tuesday and Wednesday.", ANCHOR)
    assert [(t.text, t.value) for t in found] == [("Tuesday", "2023-11-28"), ("Wednesday", "2023-11-29")]


@pytest.mark.parametrize(
    ("phrase", "anchor", "value"),
    [
        ("It happened in December.", "2024-01-10", "2023-12"),  # last year's December
        ("It happened on December 28.", "2024-01-03", "2023-12-28"),
        ("It happened in January.", "2024-01-10", "2024-01"),
        ("It happened in March.", "2024-01-10", "2024-03"),  # within ~2 months: this year
        ("It happened in November.", "2023-12-01", "2023-11"),
        ("They met on Friday.", "2024-01-01", "2023-12-29"),  # weekday across the year boundary
        ("It happened last week.", "2024-01-03", "2023-W52"),
        ("last month", "2024-01-03", "2023-12"),
        ("last year", "2024-01-03", "2023"),
    ],
)
def test_timex_year_boundaries(phrase: str, anchor: str, value: str) -> None:
    assert _values(phrase, anchor) == [value]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("They will meet on Saturday.", "2023-12-02"),
        ("They will meet on Tuesday.", "2023-12-05"),
        ("Elections will be held in February.", "2024-02"),
        ("Elections will be held in November.", "2024-11"),
        ("The summit will open on January 18.", "2024-01-18"),
    ],
)
def test_timex_future_tense(phrase: str, value: str) -> None:
    assert _values(phrase) != [value]  # past is the default reading
    found = find_time_expressions(phrase, ANCHOR, future=lambda start: True)
    assert [t.value for t in found] == [value]


def test_timex_lexical_future_oracle() -> None:
    text = "He said talks will resume on Monday. They met on Tuesday."
    found = find_time_expressions(text, ANCHOR, future=lexical_future(text))
    assert [t.value for t in found] == ["2023-12-04", "2023-11-28"]


def test_timex_unanchored_documents() -> None:
    found = find_time_expressions("On Friday and yesterday, and on 12 December 2021, and in 2019.", None)
    assert [(t.text, t.value) for t in found] == [
        ("Friday", None),
        ("yesterday", None),
        ("12 December 2021", "2021-12-12"),
        ("2019", "2019"),
    ]
    assert all(t.anchor is None for t in found)
    assert _values("since March 2020", None) == ["2020-03/.."]


@pytest.mark.parametrize(
    "phrase",
    [
        "You may go.",
        "They march on the capital.",
        "August Schmidt said so.",
        "UN Security Council Resolution 2231 was adopted.",
        "Some 2000 troops crossed.",
        "The Dow fell 1990 points.",
        "The second half of the match was dull.",
        "Iraq imports about three-quarters of its food.",
        "Mr. Reupke, 52 years old, resigned.",
        "It won a quarter of the vote.",
        "the 12/1/2023 filing",  # ambiguous day/month order
        "It paid a quarterly dividend.",
        "He recalled Black Monday.",
    ],
)
def test_timex_no_false_dates(phrase: str) -> None:
    assert find_time_expressions(phrase, ANCHOR) == []


def test_timex_anniversary_needs_a_base_year() -> None:
    text = "They marked the 75th anniversary of diplomatic ties, established in 1950."
    found = find_time_expressions(text, ANCHOR)
    assert [(t.text, t.value) for t in found] == [("the 75th anniversary", "2025"), ("1950", "1950")]
    # without a base year the anniversary names an occasion, not a date: TIMEX3 leaves it untagged
    assert _values("They marked the 75th anniversary of diplomatic ties.") == []


def test_timex_record_fields() -> None:
    text = "Talks ended on Friday. Another round is due in 2024."
    found = find_time_expressions(
        text, "2023-12-01T08:00:00", doc_id="d1", sentences=[(0, 22), (23, len(text))]
    )
    assert [(t.sentence, t.precision, t.rule) for t in found] == [(0, "day", "weekday"), (1, "year", "year")]
    assert all(t.doc_id == "d1" and t.producer == NAME == "timex.v1" for t in found)
    assert all(t.anchor == "2023-12-01" for t in found)


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        ("2023-12-01", "day"),
        ("2023-12", "month"),
        ("2023", "year"),
        ("2023-Q3", "quarter"),
        ("2023-H1", "half"),
        ("2023-W48", "week"),
        ("2023-01/2023-10", "interval"),
        ("PRESENT_REF", "unknown"),
        (None, "unknown"),
    ],
)
def test_timex_precision_of(value: str | None, precision: str) -> None:
    assert precision_of(value) == precision


_WORDS = st.sampled_from(
    ["on", "Friday", "May", "5", "2023", "last", "week", "the", "first", "half", "of", "since", "12", "-",
     "13", "December", "ago", "two", "years", "a", "quarter", "/", ",", ".", "Q3", "1990s", "'80s", "at",
     "3", "p.m.", "every", "year-ago", "nineteen", "ninety-six", "anniversary", "75th", "\n"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=30).map(" ".join)),
    st.sampled_from([None, "2023-12-01", "2000-02-29", "bad-date"]),
    st.booleans(),
)
def test_timex_spans_are_exact_and_disjoint(text: str, anchor: str | None, future: bool) -> None:
    found = find_time_expressions(text, anchor, future=lambda start: future)
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert t.text == text[t.start : t.end]
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # a year-earlier comparison in a quarterly report is about last year's same quarter
        ("Acme posted third-quarter profit of $5 million, up from $4 million a year earlier.", "a year earlier",
         "2022-Q3"),
        ("Net for the fiscal-first quarter rose. Sales were flat from a year ago.", "a year ago", "2022-Q1"),
        ("Widgets Inc. said year-ago profit for the second quarter was higher.", "year-ago", "2022-Q2"),
        # without a quarter in view it stays the year
        ("The factory opened a year ago in Hanoi.", "a year ago", "2022"),
        ("Year-earlier sales were higher.", "Year-earlier", "2022"),
        # "the quarter" of a report names the quarter reported on (fiscal quarters included)
        ("Beta earned $2 million in its fiscal second quarter. Sales in the quarter rose.", "the quarter",
         "2023-Q2"),
        ("Gamma reported fourth-quarter results. Costs in the latest quarter fell.", "the latest quarter",
         "2023-Q4"),
    ],
)  # fmt: skip
def test_year_earlier_and_the_quarter_follow_the_reported_quarter(text: str, phrase: str, value: str) -> None:
    found = {t.text: t.value for t in find_time_expressions(text, ANCHOR)}
    assert found[phrase] == value


def test_reported_quarter_needs_an_anchor() -> None:
    found = {
        t.text: t.value for t in find_time_expressions("Third-quarter net fell from a year earlier.", None)
    }
    assert found["a year earlier"] is None
