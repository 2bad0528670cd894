"""``_non_overlapping`` (token-occupancy version) agrees with the plain pairwise definition."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from comity.extract.actors.mentions import _Candidate, _non_overlapping, _overlaps

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
