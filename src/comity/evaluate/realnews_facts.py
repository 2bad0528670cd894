"""Whether comity's relationship-status statements are about the right pair, on the real-news gold.

``score.py`` counts a status fact right only with the right label words and the right pair, so a
wrong pair and a missing status look alike there. This figure separates them: every predicted
``relationship_status`` fact whose evidence lies inside the sentence of a gold status statement is
*attributed*; it is attributed to the *right pair* when some gold status of that sentence has the
same set of parties (label wording aside). ``share`` = right pair / attributed (the issue's target:
>= 0.90). Predicted statuses in sentences with no gold status cannot be judged and are counted
apart (``outside_gold``); ``gold_found`` counts gold statuses whose sentence holds a prediction
with their pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from comity.evaluate.realnews_score import _fact_span, _overlap

__all__ = ["EXAMPLES", "status_attribution"]

Row = dict[str, Any]
EXAMPLES = 10  # wrong attributions listed in the report


def _pair(parties: Any) -> frozenset[str]:
    if isinstance(parties, str):
        parties = parties.split("-")
    return frozenset(str(p).upper() for p in parties or [] if p)


def status_attribution(preds: Sequence[Row], gold: Sequence[Row], texts: dict[str, str]) -> dict[str, Any]:
    """The share of predicted status facts in gold status sentences that name the gold pair."""
    statuses = [g for g in gold if g.get("measure") == "relationship_status"]
    attributed = right = outside = 0
    wrong: list[dict[str, Any]] = []
    found: set[int] = set()
    for pred in preds:
        if pred.get("measure") != "relationship_status":
            continue
        span = _fact_span(pred, texts.get(pred["_doc"], ""))
        here = [
            (i, g)
            for i, g in enumerate(statuses)
            if span is not None and g["doc"] == pred["_doc"] and _overlap(span, (g["start"], g["end"]))
        ]
        if not here:
            outside += 1
            continue
        attributed += 1
        pair = _pair(pred.get("subject"))
        hits = [i for i, g in here if _pair(g.get("countries")) == pair]
        found.update(hits)
        if hits:
            right += 1
        elif len(wrong) < EXAMPLES:
            wrong.append({"doc": pred["_doc"], "predicted": pred.get("subject"), "value": pred.get("value"),
                          "gold": sorted({"-".join(g.get("countries") or []) for _, g in here})})  # fmt: skip
    return {
        "attributed": attributed,
        "right_pair": right,
        "share": round(right / attributed, 3) if attributed else 0.0,
        "outside_gold": outside,
        "gold": len(statuses),
        "gold_found": len(found),
        "wrong_examples": wrong,
    }
