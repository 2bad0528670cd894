"""Event identity: which reports, in one article and across articles, tell one real-world event.

Two stages, each an average-linkage clustering (``linkage``) of the pairs that the hard rules of
``identity`` allow, scored by the small logistic models of ``pairs``:

1. **inside an article** (``corefer``): the reports one document makes of one event ("Xi's state
   visit", "the visit", "during the trip") become one article event (``article_event``) that
   carries the most precise date, the place and every participant its reports give;
2. **across articles** (``cluster_events``): article events of different documents join when
   every two of them may match (same family and act rules, actors, place, compatible dates) and
   the mean linking probability reaches the ``across`` threshold (a pair whose named persons
   differ is never joined, in either stage, however the other members link). Candidate pairs are blocked by
   family and country, and dated events are compared only with those whose time window overlaps,
   so the work grows with the size of the blocks, not with the square of the store.

``extend_clusters`` adds new documents to existing clusters without re-clustering the rest: each new
article event joins the existing (or newly made) cluster it links best, or starts its own. A cluster
id is a stable hash of its earliest report, and an existing cluster keeps its id when it grows.

>>> a = EventLike("e1", "d1", "CONSULT", "042", "2023-12-12", frozenset({"CHN", "VNM"}), "Hanoi")
>>> b = EventLike("e2", "d2", "CONSULT", "042", "2023-12-13", frozenset({"CHN", "VNM"}), None)
>>> clusters = cluster_events([a, b])
>>> clusters["e1"] == clusters["e2"]
True
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from comity.resolve.eventlike import (
    EventLike,
    article_event,
    date_strength,
    event_like,
    evidence_words,
    person_names,
)
from comity.resolve.identity import compatible, family, may_corefer, may_match, pair_features, persons_differ
from comity.resolve.linkage import Edge, average_linkage, share_a_day
from comity.resolve.pairs import PairModel, pair_models
from comity.resolve.windows import SHORT_DAYS, dates_compatible, day_slack, is_approximate, window

__all__ = [
    "ArticleEvent",
    "EventLike",
    "article_events",
    "candidate_pairs",
    "cluster_events",
    "compatible",
    "corefer",
    "dates_compatible",
    "event_like",
    "evidence_words",
    "extend_clusters",
    "is_approximate",
    "link_scores",
    "person_names",
]

#: Days by which the own dates of two reports in one article may miss each other and still tell
#: one event: an article's mentions of one event are often dated loosely ("last month", the day
#: of the talks within a visit, a month named for a day, a date misread), but not years apart.
WITHIN_WIDEN_DAYS = 183

#: Days by which two windows may miss each other and still be compared (covers every day slack).
SWEEP_SLACK = 7


@dataclass(frozen=True, slots=True)
class ArticleEvent:
    """One event of one article: ``event`` (its reports folded into one) and its ``reports``."""

    event: EventLike
    reports: tuple[EventLike, ...]


# -- stage 1: inside one article --------------------------------------------------------------
def corefer(mentions: Sequence[EventLike], model: PairModel | None = None) -> list[list[EventLike]]:
    """Groups of the reports of one document that mention one event, in document order."""
    ordered = sorted(mentions, key=lambda m: (m.position, m.id))
    model = model or pair_models()["within"]
    scores: dict[Edge, float] = {}
    apart: list[Edge] = []
    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if may_corefer(a, b):
                scores[(i, j)] = model.probability(pair_features(a, b))
            if _named_apart(a, b):
                apart.append((i, j))
    spans = [own_span(e, widen=WITHIN_WIDEN_DAYS) for e in ordered]
    groups = average_linkage(
        len(ordered), scores, model.threshold, complete=model.complete, spans=spans, apart=apart
    )
    return sorted(([ordered[i] for i in sorted(g)] for g in groups), key=lambda g: (g[0].position, g[0].id))


def article_events(events: Iterable[EventLike], model: PairModel | None = None) -> list[ArticleEvent]:
    """Every document's reports folded into its article events (``corefer`` + ``article_event``)."""
    by_doc: dict[str, list[EventLike]] = defaultdict(list)
    for event in {e.id: e for e in events}.values():
        by_doc[event.doc_id].append(event)
    out = []
    for doc in sorted(by_doc):
        for group in corefer(by_doc[doc], model):
            out.append(ArticleEvent(article_event(group), tuple(group)))
    return out


# -- stage 2: across articles -----------------------------------------------------------------
def _blocks(events: Sequence[EventLike]) -> dict[tuple[str, str], list[int]]:
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        for key in _keys(event):
            blocks[key].append(index)
    return blocks


def _span(event: EventLike) -> tuple[int, int] | None:
    """The days (ordinals) a dated discrete report can match in; None: compared with its whole block."""
    bounds = window(event.date, event.approximate)
    if bounds is None or event.modality == "ongoing":
        return None
    return bounds[0].toordinal(), bounds[1].toordinal()


def own_span(event: EventLike, widen: int = 0) -> tuple[int, int] | None:
    """The days (ordinals) an event dated by its own sentence lies in, its last day widened by the
    day slack of its type when the window is short (as ``dates_compatible`` compares); None when
    undated, dated only by borrowing, ongoing or open-ended. Two events whose spans share no day
    cannot be one event, however alike the rest of them is."""
    span = _span(event) if date_strength(event) >= 2 else None
    if span is None or span[0] == date.min.toordinal() or span[1] == date.max.toordinal():
        return None
    first, last = span
    return first - widen, last + widen + (day_slack(event.type) if last - first <= SHORT_DAYS else 0)


def _block_pairs(events: Sequence[EventLike], block: Sequence[int]) -> Iterable[Edge]:
    """Pairs of a block worth checking: undated or ongoing reports with all, dated ones when their
    windows (widened by ``SWEEP_SLACK`` days for the day slack) overlap."""
    spans = {i: _span(events[i]) for i in block}
    loose = [i for i in block if spans[i] is None]
    for i in loose:
        for j in block:
            if i != j and (spans[j] is not None or i < j):
                yield (min(i, j), max(i, j))
    dated = sorted((i for i in block if spans[i] is not None), key=lambda i: spans[i] or (0, 0))
    active: list[tuple[int, int]] = []  # (last day, index) of the windows still open
    for i in dated:
        first, last = spans[i] or (0, 0)
        active = [(end, j) for end, j in active if end >= first - SWEEP_SLACK]
        yield from ((min(i, j), max(i, j)) for _, j in active)
        active.append((last, i))


def _block_edges(events: Sequence[EventLike]) -> list[Edge]:
    """Pairs ``(i, j)``, ``i < j``, of ``events`` that share a block (family and a country) and
    have overlapping time windows, each once, sorted."""
    return sorted({edge for block in _blocks(events).values() for edge in _block_pairs(events, block)})


def candidate_pairs(events: Sequence[EventLike]) -> list[Edge]:
    """Pairs ``(i, j)``, ``i < j``, of ``events`` (of different documents) that share a block
    (family and a country), have overlapping time windows and that the hard rules allow."""
    return [(i, j) for i, j in _block_edges(events) if may_match(events[i], events[j])]


def _named_apart(a: EventLike, b: EventLike) -> bool:
    return any(a.people) and any(b.people) and persons_differ(a, b)


def link_scores(events: Sequence[EventLike], model: PairModel) -> dict[Edge, float]:
    """The linking probability of every candidate pair of ``events``."""
    return _links(events, model)[0]


def _links(events: Sequence[EventLike], model: PairModel) -> tuple[dict[Edge, float], list[Edge]]:
    """In one pass over the block pairs: the linking probability of every candidate pair, and the
    pairs whose named persons differ, never one cluster even where the other members would
    outweigh them (``average_linkage``)."""
    scores: dict[Edge, float] = {}
    apart: list[Edge] = []
    for i, j in _block_edges(events):
        a, b = events[i], events[j]
        if may_match(a, b):
            scores[(i, j)] = model.probability(pair_features(a, b))
        if _named_apart(a, b):
            apart.append((i, j))
    return scores, apart


def _order(event: EventLike) -> tuple[str, str]:
    return (event.date or "9999", event.id)


def _cluster_id(reports: Iterable[EventLike]) -> str:
    return _hash("cluster", min(reports, key=_order).id)


def cluster_events(
    events: Sequence[EventLike], models: Mapping[str, PairModel] | None = None
) -> dict[str, str]:
    """event id -> cluster id for every event (a lone event is its own cluster).

    Reports are first folded into article events (stage 1), which are then clustered across
    documents (stage 2). A cluster id is a stable hash of the id of its earliest report, so the
    result does not depend on the input order.
    """
    models = models or pair_models()
    articles = article_events(events, models["within"])
    across = models["across"]
    scores, apart = _links([a.event for a in articles], across)
    spans = [own_span(a.event) for a in articles]
    groups = average_linkage(
        len(articles), scores, across.threshold, complete=across.complete, spans=spans, apart=apart
    )
    result: dict[str, str] = {}
    for group in groups:
        reports = [r for i in group for r in articles[i].reports]
        cluster_id = _cluster_id(reports)
        result.update({r.id: cluster_id for r in reports})
    return result


def _link(new: EventLike, members: Sequence[EventLike], model: PairModel) -> float | None:
    """Mean linking probability of ``new`` to a cluster's article events (one that may not match
    counts 0); None when none may match, any may not and the model is ``complete``, or an own date
    of ``new`` shares no day with one of the members' (as ``average_linkage`` forbids)."""
    total, allowed = 0.0, 0
    span = own_span(new)
    for member in members:
        if not share_a_day(span, own_span(member)):
            return None
        if may_match(new, member):
            total += model.probability(pair_features(new, member))
            allowed += 1
        elif model.complete:
            return None
    return total / len(members) if allowed else None


def extend_clusters(
    clustered: Mapping[str, Sequence[ArticleEvent]],
    events: Sequence[EventLike],
    models: Mapping[str, PairModel] | None = None,
) -> dict[str, str]:
    """event id -> cluster id for the new ``events``, given the existing clusters (cluster id ->
    its article events). Each new article event, earliest first, joins the cluster it links best
    (every member may match, mean probability at least the ``across`` threshold) or starts one."""
    models = models or pair_models()
    model = models["across"]
    clusters = {cid: [a.event for a in members] for cid, members in clustered.items()}
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for cid, members in clusters.items():
        for member in members:
            for key in _keys(member):
                index[key].add(cid)
    result: dict[str, str] = {}
    new = article_events(events, models["within"])
    for article in sorted(new, key=lambda a: _order(a.event)):
        candidates = sorted(set().union(*(index.get(key, set()) for key in _keys(article.event))))
        links = {cid: _link(article.event, clusters[cid], model) for cid in candidates}
        best = max(
            (cid for cid, p in links.items() if p is not None and p >= model.threshold),
            key=lambda cid: (links[cid] or 0.0, cid),
            default=None,
        )
        cluster_id = best or _cluster_id(article.reports)
        clusters.setdefault(cluster_id, []).append(article.event)
        for key in _keys(article.event):
            index[key].add(cluster_id)
        result.update({r.id: cluster_id for r in article.reports})
    return result


def _keys(event: EventLike) -> list[tuple[str, str]]:
    return [(family(event), country) for country in event.countries]


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
