"""Property tests (Hypothesis) over the text stages, with a bounded budget that runs in CI.

* ``clean.build_article`` raises nothing but ``RejectedInput`` on any Unicode text (plain or HTML).
* ``Pipeline.analyse`` on generated short texts: never a processing error; every mention, time
  expression, event and fact span lies within the text and ``text[start:end]`` is its text;
  dates are well formed; ids are the same when the same text is analysed twice.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comity.clean import build_article
from comity.config import Settings, load_settings
from comity.errors import RejectedInput
from comity.extract.actors.kb import load_kb
from comity.pipeline import Pipeline
from comity.records import Article, DocumentResult, SourceItem

#: Examples per property: bounded so the suite stays fast (each analysed text costs a parse).
BUDGET = 50
#: Event dates: an ISO date, "YYYY-MM", "YYYY", "YYYY-Qn", "YYYY-Hn", "YYYY-Wnn", or "A/B" of those.
_ONE_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4]|-H[12]|-W\d{2})?"
EVENT_DATE = re.compile(rf"{_ONE_DATE}(?:/{_ONE_DATE})?")
#: Time-expression values (TIMEX3-like): dates, quarters, halves, weeks, decades, references,
#: durations and sets (``XXXX-WXX-1``, ``P1D``).
_TIMEX_ONE = (
    r"(?:[\dX]{4}(?:-(?:\d{2}|XX|Q[1-4]|H[12]|W\d{2}|WXX)(?:-(?:\d{2}|XX|\d))?)?"
    r"(?:T[\w:]+)?|\d{3}X|\d{2}XX|P[\dX.]+[YMWDHQ]|PT[\dX.]+[HMS]|(?:PRESENT|PAST|FUTURE)_REF)"
)
TIMEX_VALUE = re.compile(
    rf"{_TIMEX_ONE}(?:/(?:{_TIMEX_ONE}|\.\.))?"
)  # "A/.." is open-ended ("since 2024" undated)

WORDS = st.sampled_from(
    [
        "China", "Vietnam", "Chinese", "Vietnamese", "Japan", "Foreign", "Minister", "Wang", "Yi",
        "Pham", "Minh", "Chinh", "President", "Xi", "Jinping", "met", "visited", "signed", "accused",
        "condemned", "protested", "agreed", "rejected", "threatened", "will", "not", "did", "may",
        "talks", "agreement", "trade", "navy", "ships", "in", "on", "Hanoi", "Beijing", "the",
        "with", "and", "of", "Friday", "last", "week", "March", "3", "2024", "2023", "in 1998",
        "two", "years", "ago", "since", "Q3", "early", "next", "month", "'s", ",", ".", "\n", "-",
        "$", "5", "billion", "percent", "HANOI", "(", ")", "“", "”", "said", "Spratly", "Islands",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.lists(WORDS, min_size=1, max_size=40).map(" ".join),
    st.tuples(st.lists(WORDS, max_size=20).map(" ".join), st.text(max_size=80)).map(" ".join),
    st.text(min_size=1, max_size=120),
)
DATES = st.sampled_from([None, "2024-03-08", "2000-02-29", "1999-12-31"])


@pytest.fixture(scope="module")
def pipeline(nlp: Any) -> Pipeline:
    """One pipeline for the module (the session's ``nlp`` fixture has loaded the model)."""
    built = Pipeline(load_settings({"db": ":memory:"}, environ={}), load_kb())
    built.__dict__["nlp"] = nlp  # the cached_property, filled with the already loaded model
    return built


@settings(max_examples=BUDGET, deadline=None)
@given(
    text=st.text(max_size=400), fmt=st.sampled_from(["text", "html"]), title=st.none() | st.text(max_size=20)
)
def test_properties_build_article_raises_only_rejected_input(text: str, fmt: str, title: str | None) -> None:
    config: Settings = load_settings({"db": ":memory:"}, environ={})
    item = SourceItem(name="fuzz", content=text, fmt="html" if fmt == "html" else "text", title=title or None)
    try:
        article = build_article(item, config)
    except RejectedInput as exc:
        assert exc.reason in ("empty", "no_main_text", "too_large")
        return
    assert article.text.strip()
    for span in (article.dateline, article.byline, *article.boilerplate):
        if span is not None:
            assert 0 <= span.start <= span.end <= len(article.text)
            assert article.text[span.start : span.end] == span.text


def _article(text: str, published: str | None) -> Article | None:
    item = SourceItem(name="fuzz.txt", content=text, fmt="text", date=published)
    try:
        return build_article(item, load_settings({"db": ":memory:"}, environ={}))
    except RejectedInput:
        return None


def _check_spans(result: DocumentResult) -> None:
    text = result.article.text
    for m in result.mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text, m
        assert m.doc_id == result.article.id
    for t in result.times:
        assert 0 <= t.start < t.end <= len(text) and text[t.start : t.end] == t.text, t
        assert t.value is None or TIMEX_VALUE.fullmatch(t.value), t
    for e in result.events:
        ev = e.evidence
        assert 0 <= ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.text, e
        assert e.doc_id == result.article.id
        if e.date is not None:
            assert EVENT_DATE.fullmatch(e.date), e.date
            for part in e.date.split("/"):
                if len(part) == 10:
                    date.fromisoformat(part)  # a real calendar day
    for f in result.facts:
        assert text[f.evidence.start : f.evidence.end] == f.evidence.text, f


def _ids(result: DocumentResult) -> tuple[Any, ...]:
    return (
        result.article.id,
        [(m.start, m.end, m.label, m.code) for m in result.mentions],
        [(t.start, t.end, t.value) for t in result.times],
        [e.id for e in result.events],
        [f.id for f in result.facts],
    )


@settings(max_examples=BUDGET, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, published=DATES)
def test_properties_analyse_spans_dates_and_ids(pipeline: Pipeline, text: str, published: str | None) -> None:
    article = _article(text, published)
    if article is None:
        return
    (first,) = pipeline.analyse([article])
    assert isinstance(first, DocumentResult), first  # no processing_error on any text
    _check_spans(first)
    (second,) = pipeline.analyse([_article(text, published) or article])
    assert isinstance(second, DocumentResult)
    assert _ids(second) == _ids(first)


@pytest.mark.issue(9)
def test_properties_since_quarter_before_anchor_looks_back() -> None:
    """An interval must not end before it starts: "since Q3" written in March 2024 means 2023-Q3."""
    from comity.extract.time.find import find_time_expressions

    (found,) = find_time_expressions("since Q3", "2024-03-08")
    start = (found.value or "").split("/")[0]
    assert start[:4] == "2023", found.value
