"""The real-news gold events as reports for event identity: what a perfect extraction would give.

Each gold event becomes an ``EventLike`` of its document (ids prefixed ``gold:``) with its type,
CAMEO code, date, modality, country codes of each side, evidence words, its place in the document
and the article's publication date, labelled with its ``same_event``. Clustering these tells how the
identity rules and models behave when actors and dates are right, apart from extraction errors;
``scripts/train_identity.py --with-gold-events`` can also train on them.
"""

from __future__ import annotations

import json
from pathlib import Path

from comity.evaluate.realnews import default_corpus, gold_folder, load_corpus
from comity.resolve.eventlike import EventLike, evidence_words

__all__ = ["gold_reports"]


def _countries(codes: list[str]) -> frozenset[str]:
    return frozenset(c for c in codes if len(c) == 3)  # ISO3 codes; IGO acronyms are no country


def gold_reports(gold_path: Path) -> tuple[list[EventLike], dict[str, str]]:
    """The dev gold events of ``gold_path`` (``gold/realnews``) as reports, and id -> label."""
    files = default_corpus(gold_path)
    texts, gold, _ = load_corpus(files, gold_folder(gold_path))
    published: dict[str, str | None] = {}
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                published[str(row.get("id"))] = row.get("date")
    reports, labels = [], {}
    for doc in sorted(texts):
        rows = sorted((g for g in gold if g["doc"] == doc), key=lambda g: g["start"])
        for n, g in enumerate(rows):
            source, target = _countries(g["source"]), _countries(g["target"])
            reports.append(EventLike(
                f"gold:{g['id']}", f"gold:{doc}", g["type"], g["cameo"], g["date"], source | target, None,
                evidence_words(g["quote"]), source, target, modality=g["modality"],
                date_basis="sentence" if g["date"] else None, sentence=n, position=g["start"],
                published=published.get(doc),
            ))  # fmt: skip
            labels[f"gold:{g['id']}"] = str(g["same_event"])
    return reports, labels
