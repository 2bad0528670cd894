"""Why an event was missed or wrong: each core gold row not found with its date, and each prediction
that matches nothing, sorted into one error class (the first stage that failed).

Missed core rows: ``missed`` (no prediction on its sentence), ``wrong_type`` (predictions there, none
of its type), ``taken`` (the right-typed prediction went to another gold row), then, for the
prediction matched at type level, ``no_source`` (no source code), ``no_target`` (the gold names a
target, the prediction none), ``wrong_source``, ``wrong_target``; found with both sides but not the
date: ``no_date`` or ``wrong_date``. Unmatched predictions: ``no_gold_in_sentence`` or
``type_differs``. Each class keeps a count and up to ``EXAMPLES`` examples.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from comity.evaluate.realnews_score import Match, codes, evidence_span, side_ok, type_ok

__all__ = ["EXAMPLES", "error_classes", "miss_class"]

Row = dict[str, Any]
EXAMPLES = 5


def _dyad_class(pred: Row, gold: Row) -> str:
    source, target = codes(pred.get("source")), codes(pred.get("target"))
    if not source:
        return "no_source"
    if gold.get("target") and not target:
        return "no_target"
    return "wrong_target" if side_ok(source, gold.get("source") or []) else "wrong_source"


def _on_sentence(preds: Sequence[Row], gold: Row, texts: dict[str, str]) -> list[Row]:
    out = []
    for p in preds:
        if p["_doc"] != gold["doc"]:
            continue
        span = evidence_span(p, texts.get(p["_doc"], ""))
        if span is not None and span[0] < gold["end"] and gold["start"] < span[1]:
            out.append(p)
    return out


def miss_class(index: int, preds: Sequence[Row], gold: Sequence[Row], texts: dict[str, str],
               by_gold: dict[str, dict[int, int]]) -> str:  # fmt: skip
    """The error class of the core gold row ``gold[index]`` not matched at the ``dated`` level;
    ``by_gold`` maps each level to its matching's gold index -> prediction index."""
    g = gold[index]
    if index in by_gold["dyad"]:
        return "no_date" if preds[by_gold["dyad"][index]].get("date") is None else "wrong_date"
    if index in by_gold["type"]:
        return _dyad_class(preds[by_gold["type"][index]], g)
    there = _on_sentence(preds, g, texts)
    if not there:
        return "missed"
    return "taken" if any(type_ok(p, g) for p in there) else "wrong_type"


def _example(pred: Row | None, gold: Row | None) -> Row:
    out: Row = {}
    if gold is not None:
        out["gold"] = {k: gold.get(k) for k in ("id", "type", "source", "target", "date", "quote")}
    if pred is not None:
        out["predicted"] = {"doc": pred["_doc"], "type": pred.get("type"), "source": codes(pred.get("source")),
                            "target": codes(pred.get("target")), "date": pred.get("date"),
                            "trigger": pred.get("trigger")}  # fmt: skip
    return out


def error_classes(preds: Sequence[Row], gold: Sequence[Row], texts: dict[str, str],
                  matches: dict[str, Match]) -> dict[str, Any]:  # fmt: skip
    """Counts and examples of each class, for missed core rows and for unmatched predictions."""
    by_gold = {level: {i: j for j, i in m.pairs.items()} for level, m in matches.items()}
    missed: Counter[str] = Counter()
    examples: dict[str, list[Row]] = {}
    found = set(matches["dated"].pairs.values())
    for i, g in enumerate(gold):
        if g.get("tier") != "core" or i in found:
            continue
        kind = miss_class(i, preds, gold, texts, by_gold)
        missed[kind] += 1
        j = by_gold["type"].get(i)
        if len(examples.setdefault(kind, [])) < EXAMPLES:
            examples[kind].append(_example(preds[j] if j is not None else None, g))
    spurious: Counter[str] = Counter()
    for j, p in enumerate(preds):
        if j in matches["type"].pairs:
            continue
        doc_gold = [g for g in gold if g["doc"] == p["_doc"]]
        span = evidence_span(p, texts.get(p["_doc"], ""))
        there = span is not None and any(span[0] < g["end"] and g["start"] < span[1] for g in doc_gold)
        kind = "type_differs" if there else "no_gold_in_sentence"
        spurious[kind] += 1
        if len(examples.setdefault(kind, [])) < EXAMPLES:
            examples[kind].append(_example(p, None))
    return {
        "missed_core": dict(missed.most_common()),
        "unmatched_predictions": dict(spurious.most_common()),
        "examples": examples,
    }
