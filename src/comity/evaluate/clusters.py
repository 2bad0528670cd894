"""``comity eval clusters``: pairwise scores of cross-article event clusters on the seed gold.

The pipeline runs on the seed texts (dated by the gold publication date, ``most_likely``'s start
when inferred), and ``comity.resolve.cluster_events`` consolidates all predicted events. Each
predicted event is aligned with the gold events of its document it matches at the type level
(evidence spans overlap, PLOVER type or ``alt_plover`` equal: ``comity.evaluate.events``).

Gold pairs: every two gold events of different documents linked by ``same_event_as`` (closed
transitively). Predicted pairs: every two gold events of different documents aligned with two
predicted events in the same cluster. Precision = shared pairs / predicted pairs, recall =
shared pairs / gold pairs. Links between predicted events that align with no gold event cannot be
judged and are only counted (``unaligned_links``).

>>> sorted(gold_pairs([{"id": "a", "doc": "1", "same_event_as": ["b"]},
...                    {"id": "b", "doc": "2", "same_event_as": ["c"]},
...                    {"id": "c", "doc": "3", "same_event_as": []}]))
[('a', 'b'), ('a', 'c'), ('b', 'c')]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from comity.config import Settings
from comity.evaluate.events import match_level
from comity.evaluate.facts import run_seeds, seed_gold
from comity.records import Event
from comity.resolve.consolidate import cluster_events, event_like

if TYPE_CHECKING:
    from comity.extract.actors.kb import ActorKB

__all__ = ["evaluate_clusters", "gold_pairs", "score_clusters"]

Report = dict[str, Any]
Gold = dict[str, Any]
Pair = tuple[str, str]


def gold_pairs(gold: Sequence[Gold]) -> set[Pair]:
    """Unordered cross-document pairs of gold events linked (transitively) by ``same_event_as``."""
    parent = {g["id"]: g["id"] for g in gold}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g in gold:
        for other in g.get("same_event_as") or ():
            if other in parent:
                parent[root(other)] = root(g["id"])
    doc = {g["id"]: g["doc"] for g in gold}
    return {
        (min(a, b), max(a, b)) for a, b in combinations(parent, 2) if root(a) == root(b) and doc[a] != doc[b]
    }


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def score_clusters(predicted: Mapping[str, Sequence[Event]], gold: Sequence[Gold], kb: ActorKB) -> Report:
    """Pairwise precision, recall and F1 of predicted clusters (``kb`` tells the persons) against
    gold ``same_event_as``."""
    events = [e for es in predicted.values() for e in es]
    clusters = cluster_events([event_like(e, kb) for e in events])
    aligned = {
        e.id: {g["id"] for g in gold if g["doc"] == e.doc_id and match_level(e, g) >= 1} for e in events
    }
    want = gold_pairs(gold)
    got: set[Pair] = set()
    unaligned = 0
    for a, b in combinations(events, 2):
        if a.doc_id == b.doc_id or clusters[a.id] != clusters[b.id]:
            continue
        if not aligned[a.id] or not aligned[b.id]:
            unaligned += 1
        got |= {(min(x, y), max(x, y)) for x in aligned[a.id] for y in aligned[b.id]}
    shared = want & got
    precision = len(shared) / len(got) if got else 0.0
    recall = len(shared) / len(want) if want else 0.0
    linked = {i for pair in want for i in pair}
    by_id = {g["id"]: g for g in gold}
    return {
        "format": "seeds",
        "docs": len(predicted),
        "predicted_events": len(events),
        "clusters": len(set(clusters.values())),
        "cross_document_clusters": len(
            {c for c in clusters.values() if len({e.doc_id for e in events if clusters[e.id] == c}) > 1}
        ),
        "gold_pairs": len(want),
        "predicted_pairs": len(got),
        "correct_pairs": len(shared),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": _f1(precision, recall),
        "unaligned_links": unaligned,
        "gold_linked_events": {
            i: {
                "type": by_id[i]["event_type_plover"],
                "aligned": any(i in s for s in aligned.values()),
                "evidence": by_id[i]["evidence"][:120],
            }
            for i in sorted(linked)
        },
        "errors": {"missed": sorted(want - got), "spurious": sorted(got - want)},
    }


def evaluate_clusters(path: Path, *, kb: ActorKB, settings: Settings | None = None) -> Report:
    """Run the pipeline (with the actor KB ``kb``) on the seed folder ``path``, consolidate, and
    score the clusters."""
    docs, gold = seed_gold(path, "events.jsonl")
    results = run_seeds(docs, settings, kb=kb)
    # gold events name their document by file name: give the predictions that doc_id
    predicted = {
        d.name: [replace(e, doc_id=d.name) for e in results[d.name].events] if d.name in results else []
        for d in docs
    }
    return {"gold_path": str(path), **score_clusters(predicted, gold, kb)}
