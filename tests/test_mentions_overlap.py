"""The token-indexed overlap and containment tests of mention selection agree with the plain pairwise
definitions (``_overlaps``, ``_within``) they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from comity.extract.actors.mentions import (
    _Candidate,
    _Containers,
    _non_overlapping,
    _overlaps,
    _TokenIndex,
    _within,
)

spans = st.tuples(st.integers(0, 30), st.integers(0, 6)).map(
    lambda t: _Candidate(t[0], t[0] + t[1], "ORG", False)
)


def _pairwise(new: list[_Candidate], chosen: list[_Candidate]) -> list[_Candidate]:
    out = list(chosen)
    for cand in new:
        if not any(_overlaps(cand, c) for c in out):
            out.append(cand)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(spans, max_size=12), st.lists(spans, max_size=6))
def test_non_overlapping_matches_the_pairwise_definition(
    new: list[_Candidate], chosen: list[_Candidate]
) -> None:
    assert _non_overlapping(new, chosen) == _pairwise(new, chosen)


@settings(max_examples=200, deadline=None)
@given(st.lists(spans, max_size=12), spans)
def test_the_token_index_finds_exactly_the_overlapping_candidates(
    cands: list[_Candidate], span: _Candidate
) -> None:
    expected = [c for c in cands if _overlaps(c, span)]
    assert _TokenIndex(cands).overlapping(span) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(spans, max_size=12), spans)
def test_containers_agree_with_the_pairwise_within(outers: list[_Candidate], inner: _Candidate) -> None:
    assert _Containers(outers).holds(inner) == any(_within(inner, o) for o in outers)
