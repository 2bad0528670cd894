"""The golden event tables (tests/golden/events/<behaviour>.toml): each case codes one short text
written for these tests and checks the events it must give, and those it must not."""

from __future__ import annotations

from typing import Any

import pytest

from golden_kit import Case, code_case, load_cases, matches, summary, unmatched

pytestmark = pytest.mark.slow

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.test_id for c in CASES])
def test_golden_case(nlp: Any, case: Case) -> None:
    coded = code_case(nlp, case)
    got = [summary(e) for e in coded.events]
    for want in case.events:
        assert any(matches(e, want) for e in coded.events), (want, got)
    assert not unmatched(coded.events, case.events), got  # each expectation has its own event
    if case.exactly:
        assert len(coded.events) == len(case.events), got
    for unwanted in case.absent:
        assert not any(matches(e, unwanted) for e in coded.events), (unwanted, got)
    for event in coded.events:
        assert coded.article.text[event.evidence.start : event.evidence.end] == event.evidence.text


def test_case_ids_are_unique_within_a_table() -> None:
    ids = [c.test_id for c in CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_every_case_checks_something() -> None:
    """A case with no expected event, no exhaustive list and nothing absent could never fail."""
    assert all(c.events or c.exactly or c.absent for c in CASES), [
        c.test_id for c in CASES if not (c.events or c.exactly or c.absent)
    ]
