from __future__ import annotations

from dataclasses import dataclass

import pytest

from comity.query import EventFilter
from comity.query.filters import event_where, like_pattern


@dataclass
class _OnlyType:
    type: str


def test_query_filters_missing_fields_are_unset() -> None:
    where, params = event_where(_OnlyType("consult"))
    assert "e.type IN (?)" in where and params == ["CONSULT"]
    assert "near_duplicate_of IS NULL" in where


def test_query_filters_several_types_are_ored_and_excluded_types_bound() -> None:
    where, params = event_where(EventFilter(type=("CONSULT", "agree"), exclude_type="STATEMENT"))
    assert "e.type IN (?, ?)" in where and "e.type NOT IN (?)" in where
    assert params == ["CONSULT", "AGREE", "STATEMENT"]


@pytest.mark.parametrize("value", ["2023-13", "2023-02-30", "2023-1", "23", "2023-12-01T00"])
def test_query_filters_dates_must_be_real(value: str) -> None:
    from comity.errors import QueryError
    from comity.query.filters import check_date

    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        check_date("since", value)
    check_date("since", "2024-02-29")


def test_query_filters_values_are_bound_never_formatted() -> None:
    hostile = "CHN'); DROP TABLE events; --"
    where, params = event_where(EventFilter(type=hostile, since="2023", until="2023-12"))
    assert hostile not in where and hostile.upper() in params
    assert params[-2:] == [7, "2023-12"]  # "until 2023-12" compares the date's 7-character prefix


@pytest.mark.parametrize(("text", "pattern"), [("50%", "%50\\%%"), ("a_b", "%a\\_b%")])
def test_query_filters_like_pattern_is_literal(text: str, pattern: str) -> None:
    assert like_pattern(text) == pattern
