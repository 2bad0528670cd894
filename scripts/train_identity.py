"""Train the pair models of event identity (``src/comity/resolve/data/identity_model.json``).

usage:
    comity run ../shared/corpus/realnews/news.dev.jsonl ../shared/corpus/realnews/readouts.dev.jsonl --db /tmp/rn.duckdb
    python scripts/train_identity.py --db /tmp/rn.duckdb --gold ../shared/gold/realnews [--out MODEL.json]

The store holds comity's events for the dev corpus. Each event is matched to a gold event of its
document at the type level (as ``comity eval realnews`` matches them); its label is the gold
``same_event``. Unmatched events take part in clustering but not in training or scoring.

* ``within``: pairs of reports of one document that the hard rules allow (``may_corefer``);
  positive when both carry the same label.
* ``across``: the documents' reports are folded into article events with the ``within`` model;
  an article event's label is the most frequent label of its reports; pairs of article events of
  different documents that the blocks propose and the hard rules allow (``may_match``).

Each model is an L2-regularised logistic regression (Newton's method, numpy). Its threshold is
chosen by document-split cross-validation: the documents are split at random in two halves
(``--repeats`` times); a model fit on one half clusters the other half, which is scored by
pairwise F1 over its labelled reports (within documents for ``within``, across for ``across``);
the setting (threshold, and whether a merge needs every pair allowed: ``complete``) with the best
pooled held-out F1 wins; ``--across-threshold`` links more cautiously than that. The held-out half
is scored on comity's own reports only, also with ``--with-gold-events`` (whose gold reports only
train). The final weights are fit on every document.
Nothing from the texts is written: the model file holds feature names, weights, thresholds and
counts only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np

from comity.config import load_settings
from comity.evaluate.identity_gold import gold_reports
from comity.evaluate.realnews import default_corpus, gold_folder, load_corpus, predictions_from_store
from comity.evaluate.realnews_score import match_events
from comity.extract.actors.kb import load_kb
from comity.resolve.clusters import ArticleEvent, article_events, candidate_pairs, link_scores
from comity.resolve.eventlike import EventLike
from comity.resolve.identity import FEATURES, may_corefer, pair_features
from comity.resolve.linkage import average_linkage
from comity.resolve.pairs import MODEL_FILE, PairModel
from comity.run.consolidate import EVENT_COLUMNS, event_from_row
from comity.store.base import open_store_backend

THRESHOLDS = [0.02, 0.05, *(round(0.05 * i, 2) for i in range(2, 19))]
#: (threshold, complete linkage) settings compared by cross-validation.
SETTINGS = [(t, complete) for complete in (True, False) for t in THRESHOLDS]
Setting = tuple[float, bool]
#: The document id prefix of the gold events added as reports (``--with-gold-events``).
GOLD_PREFIX = "gold:"
Labels = dict[str, str]


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression (the bias is not penalised)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    theta = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ theta))
        gradient = design.T @ (p - y) + penalty @ theta
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(len(theta))
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def load(db: str, gold_path: Path) -> tuple[list[EventLike], Labels]:
    kb = load_kb()
    folder = gold_folder(gold_path)
    texts, gold, _ = load_corpus(default_corpus(gold_path), folder)
    predictions = predictions_from_store(db)
    rows = [{**r, "_doc": predictions.names.get(str(r["doc_id"]), "")} for r in predictions.events]
    rows = [r for r in rows if r["_doc"] in texts]
    matched = match_events(rows, gold, texts, "type")
    labels = {str(rows[j]["id"]): str(gold[i]["same_event"]) for j, i in matched.pairs.items()}
    with open_store_backend(load_settings().model_copy(update={"db": db}), read_only=True) as store:
        stored = store.fetch(EVENT_COLUMNS)
    docs = {str(r["doc_id"]) for r in rows}
    return [event_from_row(r, kb) for r in stored if r["doc_id"] in docs], labels


def by_doc(events: Sequence[EventLike]) -> dict[str, list[EventLike]]:
    out: dict[str, list[EventLike]] = defaultdict(list)
    for event in events:
        out[event.doc_id].append(event)
    return out


def within_pairs(events: Sequence[EventLike], labels: Labels) -> tuple[list[tuple[float, ...]], list[int]]:
    x, y = [], []
    for mentions in by_doc(events).values():
        for a, b in combinations(mentions, 2):
            if a.id in labels and b.id in labels and may_corefer(a, b):
                x.append(pair_features(a, b))
                y.append(int(labels[a.id] == labels[b.id]))
    return x, y


def article_label(article: ArticleEvent, labels: Labels) -> str | None:
    found = Counter(labels[r.id] for r in article.reports if r.id in labels)
    return min(found, key=lambda k: (-found[k], k)) if found else None


def across_pairs(
    articles: Sequence[ArticleEvent], labels: Labels
) -> tuple[list[tuple[float, ...]], list[int]]:
    names = [article_label(a, labels) for a in articles]
    events = [a.event for a in articles]
    pairs = [(i, j) for i, j in candidate_pairs(events) if names[i] is not None and names[j] is not None]
    return [pair_features(events[i], events[j]) for i, j in pairs], [
        int(names[i] == names[j]) for i, j in pairs
    ]


def pair_counts(
    groups: Sequence[Sequence[EventLike]], labels: Labels, *, cross: bool
) -> tuple[int, int, int]:
    """(true, false, missed) pairwise counts of a clustering over the labelled reports."""
    cluster = {r.id: n for n, group in enumerate(groups) for r in group}
    reports = [r for group in groups for r in group if r.id in labels]
    tp = fp = fn = 0
    for a, b in combinations(reports, 2):
        if (a.doc_id != b.doc_id) != cross:
            continue
        same_gold, same_pred = labels[a.id] == labels[b.id], cluster[a.id] == cluster[b.id]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return tp, fp, fn


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def model_of(x: list[tuple[float, ...]], y: list[int], l2: float, threshold: float) -> PairModel:
    weights, bias = fit(np.array(x), np.array(y, dtype=float), l2)
    return PairModel(tuple(float(w) for w in weights), bias, threshold)


def cluster_across(articles: Sequence[ArticleEvent], model: PairModel) -> list[list[EventLike]]:
    scores = link_scores([a.event for a in articles], model)
    groups = average_linkage(len(articles), scores, model.threshold, complete=model.complete)
    return [[r for i in g for r in articles[i].reports] for g in groups]


Counts = tuple[int, int, int]
Scorer = Callable[[set[str], set[str]], dict[Setting, Counts]]


def cross_validate(docs: Sequence[str], repeats: int, score: Scorer) -> dict[Setting, float]:
    """F1 per threshold of the held-out halves, counts pooled over random halvings of the documents."""
    rng = random.Random(20240601)
    pooled: dict[Setting, list[int]] = defaultdict(lambda: [0, 0, 0])
    for _ in range(repeats):
        shuffled = list(docs)
        rng.shuffle(shuffled)
        halves = set(shuffled[: len(shuffled) // 2]), set(shuffled[len(shuffled) // 2 :])
        for train, test in (halves, halves[::-1]):
            for threshold, counts in score(train, test).items():
                pooled[threshold] = [x + y for x, y in zip(pooled[threshold], counts, strict=True)]
    return {t: f1(*counts) for t, counts in pooled.items()}


def best(scores: dict[Setting, float]) -> Setting:
    """The setting of the best F1 (on a tie the higher threshold, complete linkage: more cautious)."""
    return max(scores, key=lambda s: (round(scores[s], 4), s[1], s[0]))


def summary(model: PairModel, cv: dict[Setting, float], y: list[int]) -> dict[str, object]:
    return {"weights": [round(w, 4) for w in model.weights], "bias": round(model.bias, 4),
            "threshold": model.threshold, "complete": model.complete,
            "cv_f1": round(cv[(model.threshold, model.complete)], 4),
            "pairs": len(y), "positive": sum(y)}  # fmt: skip


def fitted_with(x: list[tuple[float, ...]], y: list[int], l2: float, setting: Setting) -> PairModel:
    return replace(model_of(x, y, l2, setting[0]), complete=setting[1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--db", required=True, help="a store that holds comity's run of the dev corpus")
    parser.add_argument("--gold", type=Path, required=True, help="gold/realnews")
    parser.add_argument("--out", type=Path, default=Path(str(MODEL_FILE)))
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--with-gold-events", action="store_true", help="also train on the gold events")
    parser.add_argument("--across-threshold", type=float, default=None,
                        help="link at this threshold instead of the CV-best (a more cautious one)")  # fmt: skip
    args = parser.parse_args(argv)
    events, labels = load(args.db, args.gold)
    if args.with_gold_events:
        extra, extra_labels = gold_reports(args.gold)
        events, labels = events + extra, {**labels, **extra_labels}
    docs = sorted({e.doc_id.removeprefix("gold:") for e in events})

    def in_docs(keep: set[str]) -> list[EventLike]:
        return [e for e in events if e.doc_id.removeprefix("gold:") in keep]

    def predicted_in(keep: set[str]) -> list[EventLike]:
        """The held-out half is comity's own reports only: the figure is the one of the pipeline."""
        return [e for e in in_docs(keep) if not e.doc_id.startswith(GOLD_PREFIX)]

    def score_within(train: set[str], test: set[str]) -> dict[float, Counts]:
        fitted = model_of(*within_pairs(in_docs(train), labels), args.l2, 0.5)
        return {
            (t, c): pair_counts([r.reports for r in article_events(
                predicted_in(test), replace(fitted, threshold=t, complete=c))], labels, cross=False)
            for t, c in SETTINGS
        }  # fmt: skip

    within_cv = cross_validate(docs, args.repeats, score_within)
    x_within, y_within = within_pairs(events, labels)
    within = fitted_with(x_within, y_within, args.l2, best(within_cv))

    def score_across(train: set[str], test: set[str]) -> dict[float, Counts]:
        stage_one = replace(model_of(*within_pairs(in_docs(train), labels), args.l2, 0.5),
                            threshold=within.threshold, complete=within.complete)  # fmt: skip
        fitted = model_of(*across_pairs(article_events(in_docs(train), stage_one), labels), args.l2, 0.5)
        articles = article_events(predicted_in(test), stage_one)
        return {
            (t, c): pair_counts(cluster_across(articles, replace(fitted, threshold=t, complete=c)),
                                labels, cross=True)
            for t, c in SETTINGS
        }  # fmt: skip

    across_cv = cross_validate(docs, args.repeats, score_across)
    x_across, y_across = across_pairs(article_events(events, within), labels)
    setting = best(across_cv)
    if args.across_threshold is not None:
        setting = (args.across_threshold, setting[1])
    across = fitted_with(x_across, y_across, args.l2, setting)
    data = {
        "features": list(FEATURES),
        "within": summary(within, within_cv, y_within),
        "across": summary(across, across_cv, y_across),
        "trained_on": {"documents": len(docs), "labelled_reports": len(labels), "l2": args.l2,
                       "gold_events": args.with_gold_events,
                       "cv": f"{args.repeats} random halvings of the documents, counts pooled"},
    }  # fmt: skip
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in data.items() if k != "features"}, indent=1))
    for name, cv in (("within", within_cv), ("across", across_cv)):
        for complete in (True, False):
            scores = {t: round(v, 3) for (t, c), v in cv.items() if c == complete}
            print(f"{name} CV F1 by threshold, complete={complete}", scores, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
