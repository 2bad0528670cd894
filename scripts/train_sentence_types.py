"""Train comity's sentence-type classifier (``hybrid.v1``) on the real-news dev gold, and measure it.

    .venv/bin/python scripts/train_sentence_types.py [--shared ../shared] [--folds 5] [--cv-report]

Data: the documents of ``corpus/realnews/*.dev.jsonl`` that have gold files in ``gold/realnews/dev``
(the team's own annotations, GUIDE.md there). Each sentence of comity's own parse is labelled with the
PLOVER types of the gold rows whose evidence overlaps it (core and secondary). Features:
``comity.extract.events.sentence_types.sentence_features`` (lemmas, entity labels, negation, modals).
Model: one logistic regression per type (numpy, full-batch gradient descent, L2).

Cross-validation splits by DOCUMENT (a document's sentences are all in one fold). The script prints,
per fold and overall, sentence-level type P/R/F1 of the rules alone, the classifier alone and their
union; with ``--cv-report`` it also runs both coders on each held-out fold and scores them with the
real-news scorer (type / dyad / dated F1). It then trains on every document and writes the weights to
``src/comity/extract/events/data/sentence_types.json``. No text is written: features are lemmas.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from comity.clean import build_article
from comity.config import load_settings
from comity.extract.actors.kb import load_kb
from comity.extract.actors.mentions import mentions_from_doc
from comity.extract.events.hybrid import HybridCoder
from comity.extract.events.rules import RulesCoder
from comity.extract.events.sentence_types import SentenceTypeModel, sentence_features
from comity.extract.time.find import find_time_expressions, lexical_future
from comity.nlp import doc_sentences, load_model
from comity.ontology import cameo_table
from comity.records import Article, SourceItem

OUT = Path(__file__).resolve().parents[1] / "src/comity/extract/events/data/sentence_types.json"
THRESHOLD = 0.4  # chosen by cross-validation of the union with the rules (see the data card)
EPOCHS, RATE, L2, MIN_COUNT = 600, 4.0, 1.0, 2


@dataclass
class Sentence:
    doc: str
    features: set[str]
    gold: set[str]
    rules: set[str]


def load_documents(shared: Path) -> list[tuple[Article, list[dict[str, Any]]]]:
    gold_dir = shared / "gold/realnews/dev"
    settings = load_settings()
    out = []
    for corpus in sorted((shared / "corpus/realnews").glob("*.dev.jsonl")):
        for line in corpus.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            gold_file = gold_dir / f"{row['id']}.events.jsonl"
            if not gold_file.is_file():
                continue
            item = SourceItem(name=row["id"], content=row["text"], fmt="text", date=row.get("date"),
                              title=row.get("title"), size=len(row["text"].encode()))  # fmt: skip
            gold = [json.loads(g) for g in gold_file.read_text(encoding="utf-8").splitlines() if g.strip()]
            out.append((build_article(item, settings), gold))
    return out


def gold_spans(article: Article, gold: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """Gold evidence located in comity's article text (cleaning may move offsets)."""
    spans = []
    for g in gold:
        at = article.text.find(g["quote"])
        if at >= 0:
            spans.append((at, at + len(g["quote"]), g["type"]))
    return spans


def build(shared: Path) -> tuple[list[Sentence], dict[str, Any]]:
    nlp, kb = load_model(), load_kb()
    rules = RulesCoder(kb=kb)
    sentences, parsed = [], {}
    for article, gold in load_documents(shared):
        doc = nlp(article.text)
        mentions = mentions_from_doc(doc, article, kb)
        times = find_time_expressions(article.text, article.publication_date, doc_id=article.id,
                                      future=lexical_future(article.text))  # fmt: skip
        coded = rules.code(doc, article, mentions, times)
        spans = gold_spans(article, gold)
        for n, sent in enumerate(doc_sentences(doc)):
            s, e = sent.start_char, sent.end_char
            sentences.append(Sentence(
                doc=article.name, features=sentence_features(sent),
                gold={t for a, b, t in spans if a < e and s < b},
                rules={ev.type for ev in coded if ev.sentence == n},
            ))  # fmt: skip
        parsed[article.name] = (article, doc, mentions, times, gold)
    return sentences, parsed


def gold_cameo(shared: Path) -> dict[str, str]:
    """Each type's most frequent CAMEO code in the gold: the code a proposed event of that type gets."""
    table = cameo_table()
    counts: dict[str, Counter[str]] = {}
    for file in sorted((shared / "gold/realnews/dev").glob("*.events.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if not line.strip() or not (g := json.loads(line)).get("cameo"):
                continue
            info = table.get(str(g["cameo"]))  # a code comity's ontology files under the same type
            if info is not None and (info.plover or "STATEMENT") == g["type"]:
                counts.setdefault(g["type"], Counter())[str(g["cameo"])] += 1
    found = {t: c.most_common(1)[0][0] for t, c in counts.items()}
    for code, info in sorted(table.items(), reverse=True):  # else the type's first 3-digit code
        if info.plover and len(code) == 3 and info.plover not in counts:
            found[info.plover] = code
    return found


def train(rows: list[Sentence], types: list[str], cameo: dict[str, str]) -> SentenceTypeModel:
    counts = Counter(f for r in rows for f in r.features)
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}
    x = np.zeros((len(rows), len(vocab) + 1), dtype=np.float64)
    x[:, -1] = 1.0
    for i, r in enumerate(rows):
        for f in r.features:
            if f in vocab:
                x[i, vocab[f]] = 1.0
    y = np.array([[t in r.gold for t in types] for r in rows], dtype=np.float64)
    w = np.zeros((x.shape[1], len(types)))
    for _ in range(EPOCHS):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) / len(rows)
        grad[:-1] += L2 * w[:-1] / len(rows)  # the bias is not penalised
        w -= RATE * grad
    keep = [f for f, i in vocab.items() if np.abs(w[i]).max() >= 0.01]
    return SentenceTypeModel(
        types=tuple(types),
        vocabulary={f: k for k, f in enumerate(keep)},
        weights=tuple(tuple(round(float(v), 4) for v in w[vocab[f]]) for f in keep),
        bias=tuple(round(float(v), 4) for v in w[-1]),
        thresholds=tuple(THRESHOLD for _ in types),
        cameo=tuple(cameo[t] for t in types),
    )


def prf(pairs: list[tuple[set[str], set[str]]]) -> str:
    tp = sum(len(p & g) for p, g in pairs)
    fp = sum(len(p - g) for p, g in pairs)
    fn = sum(len(g - p) for p, g in pairs)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}"


def event_rows(events: list[Any]) -> list[dict[str, Any]]:
    return [json.loads(json.dumps(asdict(e), default=str)) for e in events]


def model_text(model: SentenceTypeModel) -> str:
    """The weights file: JSON with one line per feature, so that a retrained model diffs by feature."""
    data = model.to_json()
    features = data.pop("features")
    head = json.dumps(data, sort_keys=True)[:-1]
    rows = ",\n".join(f"  {json.dumps(f)}: {json.dumps(w)}" for f, w in sorted(features.items()))
    return f'{head}, "features": {{\n{rows}\n}}}}\n'


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cv-report", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    cameo = gold_cameo(args.shared)
    sentences, parsed = build(args.shared)
    types = sorted({t for s in sentences for t in s.gold})
    docs = sorted({s.doc for s in sentences})
    random.Random(0).shuffle(docs)
    folds = [set(docs[k :: args.folds]) for k in range(args.folds)]
    held: dict[str, list[Any]] = {"rules": [], "hybrid": []}
    rules_pairs, model_pairs, union_pairs = [], [], []
    for k, fold in enumerate(folds):
        model = train([s for s in sentences if s.doc not in fold], types, cameo)
        for s in (s for s in sentences if s.doc in fold):
            proposed = {t for t, _, _ in model.proposed(s.features)}
            rules_pairs.append((s.rules, s.gold))
            model_pairs.append((proposed, s.gold))
            union_pairs.append((s.rules | proposed, s.gold))
        if args.cv_report:
            coders = {"rules": RulesCoder(kb=load_kb()), "hybrid": HybridCoder(kb=load_kb(), model=model)}
            for name in sorted(fold):
                article, doc, mentions, times, _ = parsed[name]
                for label, coder in coders.items():
                    held[label] += event_rows(coder.code(doc, article, mentions, times))
        print(f"fold {k}: {len(fold)} documents")
    print("sentence types, held-out folds:")
    print("  rules  ", prf(rules_pairs))
    print("  model  ", prf(model_pairs))
    print("  union  ", prf(union_pairs))
    if args.cv_report:
        from comity.evaluate.realnews import Predictions, score_realnews

        texts = {n: a.text for n, (a, *_rest) in parsed.items()}
        gold = [dict(g, doc=n, start=a.text.find(g["quote"]), end=a.text.find(g["quote"]) + len(g["quote"]))
                for n, (a, _d, _m, _t, gs) in parsed.items() for g in gs if a.text.find(g["quote"]) >= 0]  # fmt: skip
        for label, rows in held.items():
            report = score_realnews(Predictions(rows, [], {}), texts, gold, [])
            print(f"  real-news scorer, {label}: {report['summary']}")
    final = train(sentences, types, cameo)
    args.out.write_text(model_text(final), encoding="utf-8")
    print(f"wrote {args.out} ({len(final.vocabulary)} features, {len(types)} types)")


if __name__ == "__main__":
    main()
