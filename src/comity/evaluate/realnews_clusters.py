"""Event identity on the real-news gold: cluster scores beyond ``score.py``'s cross-document figure.

Over the predictions matched to a gold event at the type level (``realnews_score.match_events``),
with the gold ``same_event`` label as the true event:

* pairwise precision, recall and F1 of the pairs of reports of **different documents** (the
  figure ``score.py`` reports) and of **one document** (in-article coreference);
* B-cubed precision, recall and F1 over the matched reports (each report's cluster against its
  gold event, averaged over reports);
* ``cross_year_merges``: pairs of reports in one predicted cluster whose gold events differ and
  fall in different years (the year of the gold date, else of a ``date_alt``, else of the label).

>>> pairs = [({"_doc": "a", "cluster_id": "c"}, {"same_event": "x", "date": "2017"}),
...          ({"_doc": "b", "cluster_id": "c"}, {"same_event": "y", "date": "2024"})]
>>> identity_scores(pairs)["cross_year_merges"]
1
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from typing import Any

from comity.evaluate.realnews_score import PRF

__all__ = ["identity_scores"]

Row = dict[str, Any]
_YEAR = re.compile(r"(\d{4})")


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    score = PRF(tp, predicted, tp, gold)
    return {"P": round(score.precision, 3), "R": round(score.recall, 3), "F1": round(score.f1, 3)}


def _year(gold: Row) -> str | None:
    for value in (gold.get("date"), *(gold.get("date_alt") or ()), gold.get("same_event")):
        found = _YEAR.match(str(value or ""))
        if found:
            return found.group(1)
    return None


def _label(gold: Row, index: int) -> str:
    return str(gold.get("same_event") or f"#{index}")


def _cluster(pred: Row, index: int) -> str:
    return str(pred.get("cluster_id") or f"#{index}")


def _pairwise(pairs: Sequence[tuple[Row, Row]]) -> tuple[dict[bool, list[int]], int]:
    counts = {True: [0, 0, 0], False: [0, 0, 0]}  # cross-document? -> [tp, fp, fn]
    cross_year = 0
    for (i, (p1, g1)), (j, (p2, g2)) in combinations(enumerate(pairs), 2):
        same_gold = _label(g1, i) == _label(g2, j)
        same_pred = _cluster(p1, i) == _cluster(p2, j)
        tally = counts[p1["_doc"] != p2["_doc"]]
        tally[0] += same_gold and same_pred
        tally[1] += same_pred and not same_gold
        tally[2] += same_gold and not same_pred
        years = _year(g1), _year(g2)
        cross_year += same_pred and not same_gold and None not in years and years[0] != years[1]
    return counts, cross_year


def _b_cubed(pairs: Sequence[tuple[Row, Row]]) -> dict[str, float]:
    predicted: dict[str, set[int]] = defaultdict(set)
    gold: dict[str, set[int]] = defaultdict(set)
    for index, (pred, true) in enumerate(pairs):
        predicted[_cluster(pred, index)].add(index)
        gold[_label(true, index)].add(index)
    precision = recall = 0.0
    for index, (pred, true) in enumerate(pairs):
        mine, theirs = predicted[_cluster(pred, index)], gold[_label(true, index)]
        precision += len(mine & theirs) / len(mine)
        recall += len(mine & theirs) / len(theirs)
    if not pairs:
        return {"P": 0.0, "R": 0.0, "F1": 0.0}
    p, r = precision / len(pairs), recall / len(pairs)
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def identity_scores(pairs: Sequence[tuple[Row, Row]]) -> dict[str, Any]:
    """Cluster scores of (prediction, gold) pairs matched at the type level (see the module doc)."""
    counts, cross_year = _pairwise(pairs)
    scores: dict[str, Any] = {}
    for cross, name in ((True, "cross_document"), (False, "within_document")):
        tp, fp, fn = counts[cross]
        scores[name] = _prf(tp, tp + fp, tp + fn) | {"gold_pairs": tp + fn, "predicted_pairs": tp + fp}
    scores["b_cubed"] = _b_cubed(pairs)
    scores["cross_year_merges"] = cross_year
    return scores
