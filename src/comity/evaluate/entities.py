"""Score entity mentions against the seed gold (``entities.jsonl`` + ``documents.jsonl``, read in place).

Scope: gold mentions with ``zone == "body"`` and ``nested == false`` (``optional`` ones neither count
as missed nor as spurious). A predicted mention is out of scope when it overlaps a gold boilerplate
span, a non-body gold mention, or the line of a title, caption, byline or credit mention.

Scores, per document and overall:

* ``mentions``: precision/recall/F1, a match being the exact span and the same type (a predicted
  ``FAC`` matches a gold ``LOC`` of ``subtype: FAC``, the gold convention for buildings);
* ``canonical_accuracy`` and ``country_accuracy`` on span-matched PERSON/ORG/GPE gold mentions.
  Canonical names are compared after ``normalize`` and case folding; with a ``kb``, two names of
  the same KB country, organisation or person (an alias and its name) also agree.

>>> score_entities([], {})["overall"]["mentions"]["f1"]
0.0
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comity.extract.actors.kb import ActorKB, normalize
from comity.records import Mention

__all__ = ["RESOLVED_TYPES", "document_date", "evaluate_entities", "load_jsonl", "score_entities"]

RESOLVED_TYPES = frozenset({"PERSON", "ORG", "GPE"})
_LINE_ZONES = frozenset({"title", "title_repeat", "caption", "byline", "photo_credit", "source_tag"})
_MAX_EXAMPLES = 15
Gold = dict[str, Any]


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    pred: int = 0
    hits: int = 0
    resolvable: int = 0
    canonical_ok: int = 0
    country_ok: int = 0
    errors: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {"missed": [], "spurious": [], "wrong_canonical": [], "wrong_country": []}
    )

    def add(self, other: _Tally) -> None:
        for name in ("gold", "pred", "hits", "resolvable", "canonical_ok", "country_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, items in other.errors.items():
            room = _MAX_EXAMPLES - len(self.errors[kind])
            self.errors[kind].extend(items[: max(room, 0)])

    def summary(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.pred,
            "mentions": _prf(self.hits, self.gold, self.pred),
            "resolvable": self.resolvable,
            "canonical_accuracy": _ratio(self.canonical_ok, self.resolvable),
            "country_accuracy": _ratio(self.country_ok, self.resolvable),
        }


def load_jsonl(path: Path) -> list[Gold]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def document_date(row: Mapping[str, Any]) -> str | None:
    """The gold publication date; for an inferred one, ``most_likely`` (its start) or ``earliest``."""
    stated = row.get("publication_date")
    if stated and stated != "inferred":
        return str(stated)
    for key in ("most_likely", "earliest"):
        value = row.get(key)
        if value:
            return str(value).split("/")[0][:10]
    return None


def _prf(hits: int, gold: int, pred: int) -> dict[str, float]:
    p = hits / pred if pred else 0.0
    r = hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _ratio(ok: int, total: int) -> float:
    return round(ok / total, 4) if total else 0.0


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    stop = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if stop < 0 else stop


def excluded_regions(gold: Sequence[Gold], doc_row: Mapping[str, Any], text: str) -> list[tuple[int, int]]:
    """Character ranges outside the scored body (boilerplate, non-body mentions and their lines)."""
    regions = [(int(b["start"]), int(b["end"])) for b in doc_row.get("boilerplate_spans", [])]
    for g in gold:
        if g.get("zone", "body") == "body":
            continue
        regions.append((g["start"], g["end"]))
        if g.get("zone") in _LINE_ZONES and text:
            regions.append(_line(text, g["start"], g["end"]))
    return regions


def _in_scope(gold: Gold) -> bool:
    return gold.get("zone", "body") == "body" and not gold.get("nested", False)


def _same_type(pred: str, gold: Gold) -> bool:
    return pred == gold["type"] or (pred == "FAC" and gold["type"] == "LOC" and gold.get("subtype") == "FAC")


def _names_agree(pred: str | None, gold: str | None, kb: ActorKB | None) -> bool:
    if pred is None or gold is None:
        return pred == gold
    if normalize(pred).casefold() == normalize(gold).casefold():
        return True
    if kb is None:
        return False
    found = [kb.entries(name) for name in (pred, gold)]
    names = [{e.name for e in f if e.kind in {"country", "organization", "person", "capital"}} for f in found]
    return bool(names[0] & names[1])


def score_document(
    gold: Sequence[Gold],
    pred: Sequence[Mention],
    *,
    regions: Sequence[tuple[int, int]] = (),
    kb: ActorKB | None = None,
    doc: str = "",
) -> _Tally:
    """Tally one document: ``gold`` rows (all zones) against its predicted mentions."""
    tally = _Tally()
    scored = [g for g in gold if _in_scope(g)]
    optional = {(g["start"], g["end"]) for g in scored if g.get("optional")}
    required = [g for g in scored if not g.get("optional")]
    kept = [
        m
        for m in pred
        if (m.start, m.end) not in optional and not any(s < m.end and m.start < e for s, e in regions)
    ]
    by_span = {(m.start, m.end): m for m in kept}
    tally.gold, tally.pred = len(required), len(kept)
    matched: set[tuple[int, int]] = set()
    for g in required:
        m = by_span.get((g["start"], g["end"]))
        if m is None or not _same_type(m.label, g):
            tally.errors["missed"].append({"doc": doc, "text": g["mention"], "type": g["type"]})
            continue
        tally.hits += 1
        matched.add((m.start, m.end))
        if g["type"] in RESOLVED_TYPES:
            _resolution(tally, g, m, kb, doc)
    for m in kept:
        if (m.start, m.end) not in matched:
            tally.errors["spurious"].append({"doc": doc, "text": m.text, "type": m.label})
    return tally


def _resolution(tally: _Tally, gold: Gold, mention: Mention, kb: ActorKB | None, doc: str) -> None:
    tally.resolvable += 1
    if _names_agree(mention.canonical, gold.get("canonical"), kb):
        tally.canonical_ok += 1
    else:
        item = {"doc": doc, "text": gold["mention"], "gold": gold.get("canonical"), "pred": mention.canonical}
        tally.errors["wrong_canonical"].append(item)
    if mention.country == gold.get("country"):
        tally.country_ok += 1
    else:
        item = {"doc": doc, "text": gold["mention"], "gold": gold.get("country"), "pred": mention.country}
        tally.errors["wrong_country"].append(item)


def score_entities(
    gold: Iterable[Gold],
    predicted: Mapping[str, Sequence[Mention]],
    *,
    documents: Mapping[str, Mapping[str, Any]] | None = None,
    texts: Mapping[str, str] | None = None,
    kb: ActorKB | None = None,
) -> dict[str, Any]:
    """Score ``predicted`` mentions (by gold doc name) against gold rows; see the module docstring."""
    by_doc: dict[str, list[Gold]] = {}
    for row in gold:
        by_doc.setdefault(row["doc"], []).append(row)
    overall, per_doc = _Tally(), {}
    for name in sorted(by_doc):
        text = (texts or {}).get(name, "")
        regions = excluded_regions(by_doc[name], (documents or {}).get(name, {}), text)
        tally = score_document(by_doc[name], predicted.get(name, ()), regions=regions, kb=kb, doc=name)
        per_doc[name] = tally.summary()
        overall.add(tally)
    return {
        "docs": len(per_doc),
        "overall": overall.summary(),
        "documents": per_doc,
        "errors": overall.errors,
    }


def evaluate_entities(gold_dir: Path, corpus_dir: Path | None = None, *, kb: ActorKB) -> dict[str, Any]:
    """Run the pipeline on each gold document's text and score its mentions.

    Args:
        gold_dir: a folder with ``entities.jsonl`` and ``documents.jsonl`` (e.g. ``../shared/gold/seeds``).
        corpus_dir: the texts; default ``<gold_dir>/../../corpus/<gold_dir name>``.
        kb: the actor knowledge base the pipeline codes with and the names are compared by.
    """
    from comity.config import load_settings
    from comity.pipeline import Pipeline
    from comity.records import Article, SourceItem

    pipe = Pipeline(load_settings(), kb)
    corpus = corpus_dir or gold_dir.parent.parent / "corpus" / gold_dir.name
    documents = {row["doc"]: row for row in load_jsonl(gold_dir / "documents.jsonl")}
    gold = [g for g in load_jsonl(gold_dir / "entities.jsonl") if (corpus / g["doc"]).is_file()]
    texts, predicted = {}, {}
    for name in sorted({g["doc"] for g in gold}):
        texts[name] = (corpus / name).read_text(encoding="utf-8")
        item = SourceItem(
            name=name, content=texts[name], fmt="text", date=document_date(documents.get(name, {}))
        )
        article = pipe.clean(item)
        results = pipe.analyse([article]) if isinstance(article, Article) else []
        predicted[name] = list(getattr(results[0], "mentions", ())) if results else []
    return score_entities(gold, predicted, documents=documents, texts=texts, kb=pipe.kb)
