"""Score ``find_time_expressions`` against TIMEX3 gold (TempEval-3 style JSONL).

Each gold row has ``doc_id``, ``dct`` (the document creation time, used as the anchor), ``text`` and
``timexes`` (``text``, ``type``, ``value``, ``start``, ``end``). Scores:

* span precision/recall/F1, strict (same offsets) and relaxed (overlapping, one-to-one);
* on relaxed matches: type accuracy, value accuracy strict (same value) and relaxed (one value is a
  granularity prefix of the other: "2023-12" vs "2023-12-01", "1998-02-12" vs "1998-02-12TEV");
* ``value_f1`` as in TempEval-3: a match counts only with the right value.

Predictions are first projected onto TIMEX3 conventions (``timex3_view``): comity's open interval for
"since 1985" ('1985/1998-02-13') is, in TIMEX3, the signal "since" plus the TIMEX "1985" (value
'1985'); values compare after ``canonical_value`` (ISO week numbers zero-padded: 'W7' = 'W07').

>>> from pathlib import Path
>>> sorted(evaluate_timex(Path("/nonexistent.jsonl"), limit=0))[:3]
['docs', 'errors', 'gold']
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from comity.extract.time.find import find_time_expressions, lexical_future
from comity.records import TimeExpression

__all__ = ["canonical_value", "evaluate_timex", "timex3_view", "value_relaxed"]

_MAX_EXAMPLES = 8
_PARTS = re.compile(r"[-T]")


@dataclass(slots=True)
class _Tally:
    docs: int = 0
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_strict: int = 0
    value_relaxed: int = 0
    errors: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {"missed": [], "spurious": [], "wrong_value": [], "wrong_span": []}
    )

    def example(self, kind: str, item: dict[str, Any]) -> None:
        if len(self.errors[kind]) < _MAX_EXAMPLES:
            self.errors[kind].append(item)


def _rows(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    if limit == 0 or not path.is_file():
        return
    with path.open(encoding="utf-8") as handle:
        for count, line in enumerate(handle):
            if limit is not None and count >= limit:
                return
            if line.strip():
                yield json.loads(line)


def value_relaxed(pred: str | None, gold: str | None) -> bool:
    """True when the values agree up to granularity ('2023-12' ~ '2023-12-01'; refs must be equal)."""
    if pred is None or gold is None:
        return pred == gold
    if pred == gold:
        return True
    if "/" in pred and "/" not in gold:
        pred = pred.split("/")[0]
    p, g = _PARTS.split(pred), _PARTS.split(gold)
    if not p[0][:1].isdigit() or not g[0][:1].isdigit():
        return False
    short, long = (p, g) if len(p) <= len(g) else (g, p)
    return long[: len(short)] == short


def canonical_value(value: str | None) -> str | None:
    """A value with zero-padded ISO week numbers ('2000-W7' -> '2000-W07'), else unchanged."""
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value) if value else value


def timex3_view(expr: TimeExpression) -> TimeExpression:
    """The TIMEX3 reading of a prediction: "since X" (an open interval) -> the TIMEX "X" and its value.

    >>> t = TimeExpression(doc_id="", start=0, end=10, text="since 1985", type="DATE",
    ...     value="1985/1998-02-13", precision="interval", anchor=None, rule="year+since")
    >>> v = timex3_view(t)
    >>> (v.text, v.start, v.value)
    ('1985', 6, '1985')
    """
    m = re.match(r"since\s+", expr.text, re.IGNORECASE)
    if not expr.rule.endswith("+since") or m is None or not expr.value:
        return expr
    return replace(
        expr, start=expr.start + m.end(), text=expr.text[m.end() :], value=expr.value.split("/")[0]
    )


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _match(gold: list[dict[str, Any]], pred: list[TimeExpression]) -> list[tuple[int, int]]:
    """One-to-one relaxed matching: each gold takes the unmatched prediction it overlaps most."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        best, best_len = -1, 0
        for pi, p in enumerate(pred):
            size = _overlap((g["start"], g["end"]), (p.start, p.end))
            if pi not in used and size > best_len:
                best, best_len = pi, size
        if best >= 0:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def _score_doc(row: dict[str, Any], tally: _Tally, *, use_tense: bool) -> None:
    text, gold = row["text"], sorted(row.get("timexes", []), key=lambda t: t["start"])
    future = lexical_future(text) if use_tense else None
    found = find_time_expressions(text, row.get("dct"), doc_id=row.get("doc_id", ""), future=future)
    pred = [timex3_view(p) for p in found]
    pairs = _match(gold, pred)
    tally.docs, tally.gold, tally.pred = tally.docs + 1, tally.gold + len(gold), tally.pred + len(pred)
    tally.strict += len({(t["start"], t["end"]) for t in gold} & {(p.start, p.end) for p in pred})
    tally.relaxed += len(pairs)
    doc = row.get("doc_id", "")
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        tally.type_ok += g["type"] == p.type
        same = canonical_value(g.get("value")) == canonical_value(p.value)
        tally.value_strict += same
        tally.value_relaxed += same or value_relaxed(p.value, g.get("value"))
        if not same:
            tally.example(
                "wrong_value", {"doc": doc, "text": p.text, "gold": g.get("value"), "pred": p.value}
            )
        if (g["start"], g["end"]) != (p.start, p.end):
            tally.example("wrong_span", {"doc": doc, "gold": g["text"], "pred": p.text})
    matched_gold, matched_pred = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    for gi in set(range(len(gold))) - matched_gold:
        tally.example("missed", {"doc": doc, "text": gold[gi]["text"], "value": gold[gi].get("value")})
    for pi in set(range(len(pred))) - matched_pred:
        tally.example("spurious", {"doc": doc, "text": pred[pi].text, "value": pred[pi].value})


def _prf(hits: int, gold: int, pred: int) -> dict[str, float]:
    p = hits / pred if pred else 0.0
    r = hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate_timex(gold_path: Path, *, limit: int | None = None, use_tense: bool = True) -> dict[str, Any]:
    """Run the extractor over each gold document (anchor = its ``dct``) and score it.

    Args:
        gold_path: a JSONL file of gold documents.
        limit: score only the first ``limit`` documents.
        use_tense: pass the lexical tense guess (``lexical_future``) as the ``future`` oracle.

    Returns:
        A JSON-serialisable dict: ``docs``, ``gold``, ``predicted``, ``span_strict``, ``span_relaxed``
        (precision/recall/F1), ``type_accuracy``, ``value_accuracy_strict``, ``value_accuracy_relaxed``,
        ``value_f1`` and ``errors`` (a few examples of each kind).
    """
    tally = _Tally()
    for row in _rows(gold_path, limit):
        _score_doc(row, tally, use_tense=use_tense)
    matched = tally.relaxed or 1
    return {
        "docs": tally.docs,
        "gold": tally.gold,
        "predicted": tally.pred,
        "span_strict": _prf(tally.strict, tally.gold, tally.pred),
        "span_relaxed": _prf(tally.relaxed, tally.gold, tally.pred),
        "type_accuracy": round(tally.type_ok / matched, 4),
        "value_accuracy_strict": round(tally.value_strict / matched, 4),
        "value_accuracy_relaxed": round(tally.value_relaxed / matched, 4),
        "value_f1": _prf(tally.value_strict, tally.gold, tally.pred)["f1"],
        "errors": tally.errors,
    }
