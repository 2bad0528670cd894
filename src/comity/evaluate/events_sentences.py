"""Score events on single-sentence gold sets (read in place from ``gold/``).

Three formats, each a JSONL row per sentence with ``text`` and ``expected`` (gold events):

* ``plover_gsr``: ``expected[].plover_2021`` is the PLOVER type. Scored as type accuracy of
  the sentence's *primary* prediction (the most confident event, the first in text order on a
  tie) on sentences with exactly one gold event, and over all sentences (right when the type is
  among the gold types); ``any_accuracy`` counts a sentence right when any prediction fits.
* ``petr2``: ``expected[].code`` is a CAMEO code and ``source``/``target`` CAMEO actor codes.
  A gold event is found at ``root`` level when a prediction has the same CAMEO root, at
  ``root_country`` level when also the 3-letter prefixes of its source and target are among the
  prediction's (a gold side without a code is not checked). Precision is over predictions.
* ``conflibert``: ``expected[0].penta_class`` (0 = roots 01-02, 1 = 03-05, 2 = 06-08,
  3 = 09-13 and 16, 4 = 14-15 and 17-20); the primary prediction's CAMEO root gives its class.

A sentence with no prediction counts as wrong, with the label ``NONE`` in the confusion matrix.

>>> penta_class("042"), penta_class("163"), penta_class("190"), penta_class(None)
(1, 3, 4, None)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from comity.records import Event

__all__ = ["NONE", "penta_class", "primary", "score_conflibert", "score_petr2", "score_plover_gsr"]

NONE = "NONE"
Row = Mapping[str, Any]
Report = dict[str, Any]
_PENTA = {
    **dict.fromkeys(("01", "02"), 0),
    **dict.fromkeys(("03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}
_MAX_EXAMPLES = 12


def penta_class(cameo: str | None) -> int | None:
    """The ConfliBERT 5-class group of a CAMEO code (by its 2-digit root)."""
    return _PENTA.get(cameo[:2]) if cameo else None


def primary(events: Sequence[Event]) -> Event | None:
    """The sentence's main prediction: highest confidence, then first in text order."""
    if not events:
        return None
    return min(enumerate(events), key=lambda p: (-p[1].confidence, p[1].evidence.start, p[0]))[1]


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def _confusion(pairs: Sequence[tuple[str, str]]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = {}
    for gold, pred in pairs:
        table.setdefault(gold, Counter())[pred] += 1
    return {g: dict(sorted(c.items())) for g, c in sorted(table.items())}


def _per_label(pairs: Sequence[tuple[str, str]]) -> dict[str, dict[str, float]]:
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs} - {NONE})
    out: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(g == p == label for g, p in pairs)
        n_pred, n_gold = sum(p == label for _, p in pairs), sum(g == label for g, _ in pairs)
        prec, rec = _ratio(tp, n_pred), _ratio(tp, n_gold)
        f1 = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
        out[label] = {"precision": prec, "recall": rec, "f1": f1, "gold": float(n_gold)}
    return out


def _example(errors: list[dict[str, Any]], row: Row, gold: object, pred: object) -> None:
    if len(errors) < _MAX_EXAMPLES:
        errors.append({"id": row.get("id"), "text": row.get("text"), "gold": gold, "pred": pred})


def score_plover_gsr(rows: Sequence[Row], predicted: Mapping[str, Sequence[Event]]) -> Report:
    """PLOVER type accuracy (single-event sentences and overall) of the primary prediction."""
    pairs: list[tuple[str, str]] = []
    overall = any_hits = 0
    errors: list[dict[str, Any]] = []
    for row in rows:
        gold = [e.get("plover_2021") or e.get("code") for e in row["expected"]]
        events = predicted.get(row["id"], ())
        top = primary(events)
        label = top.type if top is not None else NONE
        overall += label in gold
        any_hits += any(e.type in gold for e in events)
        if len(gold) == 1:
            pairs.append((str(gold[0]), label))
            if label != gold[0]:
                _example(errors, row, gold[0], [e.type for e in events])
    single = sum(g == p for g, p in pairs)
    return {
        "format": "plover_gsr",
        "sentences": len(rows),
        "single_event_sentences": len(pairs),
        "type_accuracy_single": _ratio(single, len(pairs)),
        "type_accuracy_overall": _ratio(overall, len(rows)),
        "any_accuracy_overall": _ratio(any_hits, len(rows)),
        "no_prediction": sum(p == NONE for _, p in pairs),
        "per_type": _per_label(pairs),
        "confusion": _confusion(pairs),
        "errors": errors,
    }


def _prefixes(actors: Sequence[Any]) -> set[str]:
    out: set[str] = set()
    for actor in actors:
        out.update(x[:3] for x in (actor.country, actor.code) if x)
    return out


def _petr_level(event: Event, gold: Row) -> int:
    """0 = no match, 1 = same CAMEO root, 2 = + source/target country prefixes."""
    if not event.cameo or event.cameo[:2] != str(gold.get("code") or "")[:2]:
        return 0
    src, tgt = _prefixes(event.source), _prefixes(event.target)
    g_src, g_tgt = (str(gold.get(k) or "")[:3] for k in ("source", "target"))
    ok = (not g_src or g_src in src) and (not g_tgt or g_tgt in tgt)
    return 2 if ok else 1


def _prf(right: int, n_pred: int, found: int, n_gold: int) -> dict[str, float]:
    prec, rec = _ratio(right, n_pred), _ratio(found, n_gold)
    f1 = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1}


def score_petr2(rows: Sequence[Row], predicted: Mapping[str, Sequence[Event]]) -> Report:
    """CAMEO root and root + country-prefix precision/recall over all gold events."""
    n_gold = sum(len(r["expected"]) for r in rows)
    n_pred = sum(len(predicted.get(r["id"], ())) for r in rows)
    report: Report = {"format": "petr2", "sentences": len(rows), "gold": n_gold, "predicted": n_pred}
    errors: list[dict[str, Any]] = []
    for level, name in ((1, "root"), (2, "root_country")):
        found = right = 0
        for row in rows:
            events = predicted.get(row["id"], ())
            hits = [any(_petr_level(e, g) >= level for e in events) for g in row["expected"]]
            found += sum(hits)
            right += sum(any(_petr_level(e, g) >= level for g in row["expected"]) for e in events)
            if level == 1 and not all(hits):
                _example(errors, row, [g.get("code") for g in row["expected"]], [e.cameo for e in events])
        report[name] = _prf(right, n_pred, found, n_gold)
    top = [primary(predicted.get(r["id"], ())) for r in rows if len(r["expected"]) == 1]
    gold_roots = [str(r["expected"][0].get("code"))[:2] for r in rows if len(r["expected"]) == 1]
    right_top = sum(t is not None and (t.cameo or "")[:2] == g for t, g in zip(top, gold_roots, strict=True))
    report["root_accuracy_single"] = _ratio(right_top, len(gold_roots))
    report["errors"] = errors
    return report


def score_conflibert(rows: Sequence[Row], predicted: Mapping[str, Sequence[Event]]) -> Report:
    """5-class accuracy of the primary prediction's CAMEO root."""
    pairs: list[tuple[str, str]] = []
    errors: list[dict[str, Any]] = []
    for row in rows:
        gold = str(row["expected"][0]["penta_class"])
        top = primary(predicted.get(row["id"], ()))
        cls = penta_class(top.cameo) if top is not None else None
        label = NONE if cls is None else str(cls)
        pairs.append((gold, label))
        if label != gold:
            _example(errors, row, gold, top.cameo if top is not None else None)
    return {
        "format": "conflibert",
        "sentences": len(rows),
        "accuracy": _ratio(sum(g == p for g, p in pairs), len(pairs)),
        "no_prediction": sum(p == NONE for _, p in pairs),
        "per_class": _per_label(pairs),
        "confusion": _confusion(pairs),
        "errors": errors,
    }
