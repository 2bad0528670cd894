"""Average-linkage agglomerative clustering over a sparse graph of scored, compatible pairs.

Two clusters merge when every pair of their members is compatible (an edge of the graph) and the
mean score of those pairs reaches the threshold; the best-scoring merge goes first. A pair that is
not an edge can therefore never be bridged by a third member, so a vague report cannot chain two
distinct events, and a cluster only grows while all its members keep agreeing.

>>> groups = average_linkage(3, {(0, 1): 0.9, (1, 2): 0.8}, 0.5)
>>> sorted(sorted(g) for g in groups)
[[0, 1], [2]]
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["average_linkage", "share_a_day"]

Edge = tuple[int, int]
Span = tuple[int, int]


def average_linkage(
    count: int,
    scores: Mapping[Edge, float],
    threshold: float,
    *,
    complete: bool = True,
    spans: Sequence[Span | None] | None = None,
    apart: Iterable[Edge] = (),
) -> list[list[int]]:
    """Groups of the nodes ``0 .. count-1`` (see the module doc); ``scores`` maps an edge (i < j)
    to its score. Ties are broken by the smallest member indices, so the result is deterministic.

    ``complete=False``: a pair that is not an edge does not forbid a merge but counts as a score
    of 0 in the mean (a member that may not match a few others joins when the rest outweigh them).
    ``spans``: each node's (first, last) day, or None; a merge is forbidden when the spans of the
    two clusters' members have no day in common. Intervals that overlap pairwise share a day, so
    this keeps every pair of dated members compatible even where the mean would outweigh one.
    ``apart``: pairs of nodes that never share a cluster, whatever the mean (named persons that
    differ: no majority of other members makes Harris's meeting Biden's).
    """
    common: dict[int, Span | None] = {i: spans[i] if spans else None for i in range(count)}
    avoid: dict[int, set[int]] = defaultdict(set)  # cluster -> nodes it may never hold
    for i, j in apart:
        avoid[i].add(j)
        avoid[j].add(i)
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    total: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> neighbour -> sum of scores
    edges: dict[int, dict[int, int]] = defaultdict(dict)  # cluster -> neighbour -> number of edges
    for (i, j), score in scores.items():
        for a, b in ((i, j), (j, i)):
            total[a][b] = score
            edges[a][b] = 1
    heap: list[tuple[float, int, int]] = []

    def mean(a: int, b: int) -> float | None:
        pairs = len(members[a]) * len(members[b])
        if complete and edges[a][b] != pairs:  # a pair may not match
            return None
        if not share_a_day(common[a], common[b]):
            return None
        if avoid[a] and not avoid[a].isdisjoint(members[b]):
            return None
        return total[a][b] / pairs

    def push(a: int, b: int) -> None:
        score = mean(a, b)
        if score is not None and score >= threshold:
            heapq.heappush(heap, (-score, min(a, b), max(a, b)))

    for a in list(total):
        for b in total[a]:
            if a < b:
                push(a, b)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in total[a]:
            continue
        if mean(a, b) != -negative:
            continue  # stale: one side grew since this entry was pushed
        _merge(a, b, members, total, edges)
        avoid[a] |= avoid.pop(b, set())
        met = _meet(common[a], common.pop(b))
        common[a] = met if isinstance(met, tuple) else None
        for c in total[a]:
            push(min(a, c), max(a, c))
    return list(members.values())


def share_a_day(a: Span | None, b: Span | None) -> bool:
    """Whether two spans may be one event's: they share a day, or either is unknown."""
    return _meet(a, b) is not False


def _meet(a: Span | None, b: Span | None) -> Span | bool | None:
    """The days two spans share: a span, None when either is unknown, False when they share none."""
    if a is None or b is None:
        return a or b
    first, last = max(a[0], b[0]), min(a[1], b[1])
    return (first, last) if first <= last else False


def _merge(
    a: int,
    b: int,
    members: dict[int, list[int]],
    total: dict[int, dict[int, float]],
    edges: dict[int, dict[int, int]],
) -> None:
    """Fold cluster ``b`` into ``a``: its members, and its sums and edge counts to every neighbour."""
    members[a].extend(members.pop(b))
    for c, score in total.pop(b).items():
        count = edges[b][c]
        del total[c][b], edges[c][b]
        if c == a:
            continue
        total[a][c] = total[a].get(c, 0.0) + score
        edges[a][c] = edges[a].get(c, 0) + count
        total[c][a], edges[c][a] = total[a][c], edges[a][c]
    del edges[b]
    total[a].pop(b, None)
    edges[a].pop(b, None)
