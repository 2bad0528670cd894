"""``comity eval realnews``: run comity on the real-news corpus and score it as ``score.py`` does.

The gold folder is ``gold/realnews`` (its ``dev/`` part is read) or a folder of
``<doc>.events.jsonl`` / ``<doc>.facts.jsonl`` files itself. The corpus is the JSONL rows given to
comity (default: ``corpus/realnews/*.dev.jsonl`` beside the gold); only documents with a gold file
are scored. The pipeline runs into a temporary DuckDB exactly as ``comity run`` does (or an existing
store is read with ``db``), and the events, facts and article names are taken from it as
``comity events``, ``comity facts`` and ``comity export`` give them. On top of ``score.py``'s figures
the report has cluster scores within and across documents and B-cubed (``realnews_clusters``),
per-document scores, the share of dyad-matched events dated right with the errors by class
(``realnews_dates``), each missed core event and unmatched prediction sorted into an error class
(``realnews_errors``), and the share of gold actors written as a person's name or title whose
country comity's mentions get right (``realnews_actors``).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comity.config import Settings, load_settings
from comity.errors import ConfigError
from comity.evaluate.realnews_actors import score_person_actors
from comity.evaluate.realnews_clusters import identity_scores
from comity.evaluate.realnews_dates import dyad_date_scores
from comity.evaluate.realnews_errors import error_classes
from comity.evaluate.realnews_facts import status_attribution
from comity.evaluate.realnews_score import LEVELS, Match, date_ok, match_events, prf, score_facts
from comity.extract.actors.kb import ActorKB

__all__ = ["Predictions", "evaluate_realnews", "load_corpus", "predictions_from_store", "score_realnews"]

Row = dict[str, Any]
Report = dict[str, Any]
MENTION_COLUMNS = 'doc_id, start, "end", text, label, canonical, country, sector, resolution'


@dataclass(frozen=True, slots=True)
class Predictions:
    """What comity stored for the corpus: event and fact rows, article id -> document name, and the
    entity mentions (``doc_id``, ``start``, ``end``, ``text``, ``label``, coding)."""

    events: list[Row]
    facts: list[Row]
    names: dict[str, str]
    mentions: list[Row] = field(default_factory=list)


def gold_folder(path: Path) -> Path:
    """``path/dev`` when it holds the gold files, else ``path``; ConfigError when neither does."""
    for folder in (path / "dev", path):
        if folder.is_dir() and any(folder.glob("*.events.jsonl")):
            return folder
    raise ConfigError(f"--gold {str(path)!r} holds no <doc>.events.jsonl files (nor does its dev/ folder)")


def default_corpus(gold: Path) -> list[Path]:
    """``corpus/realnews/*.dev.jsonl`` beside ``gold/realnews``."""
    folder = gold.resolve().parent.parent / "corpus" / "realnews"
    files = sorted(folder.glob("*.dev.jsonl"))
    if not files:
        raise ConfigError(f"no --corpus given and no *.dev.jsonl files in {str(folder)!r}")
    return files


def _jsonl(path: Path) -> list[Row]:
    try:
        with path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read {str(path)!r}: {exc}") from exc


def publication_dates(files: Sequence[Path]) -> dict[str, str]:
    """Each corpus row's publication ``date`` by its ``id``."""
    return {str(r.get("id")): str(r["date"]) for f in files for r in _jsonl(f) if r.get("date")}


def load_corpus(files: Sequence[Path], gold: Path) -> tuple[dict[str, str], list[Row], list[Row]]:
    """Texts of the documents that have gold files, and their gold events and facts."""
    texts: dict[str, str] = {}
    events: list[Row] = []
    facts: list[Row] = []
    for file in files:
        for row in _jsonl(file):
            name = str(row.get("id") or "")
            if not (gold / f"{name}.events.jsonl").is_file() or name in texts:
                continue
            texts[name] = str(row.get("text") or "")
            events += _jsonl(gold / f"{name}.events.jsonl")
            facts_file = gold / f"{name}.facts.jsonl"
            facts += _jsonl(facts_file) if facts_file.is_file() else []
    if not texts:
        raise ConfigError(f"no corpus row has a gold file in {str(gold)!r}")
    return texts, events, facts


def predictions_from_store(db: str, settings: Settings | None = None) -> Predictions:
    """Events, facts and article names of a store, as the CLI's jsonl outputs give them."""
    from comity.query.events import EventFilter, events
    from comity.query.relationship import dyad_facts
    from comity.store.base import open_store_backend

    base = settings or load_settings()
    with open_store_backend(base.model_copy(update={"db": db}), read_only=True) as store:
        names = {str(r["id"]): str(r["name"]) for r in store.fetch("SELECT id, name FROM articles")}
        rows = events(store, EventFilter())
        facts = dyad_facts(store, None)
        mentions = store.fetch(f"SELECT {MENTION_COLUMNS} FROM mentions ORDER BY doc_id, start")
    as_json = json.loads(json.dumps([rows, facts], default=str))  # the values `--format jsonl` prints
    return Predictions(as_json[0], as_json[1], names, [dict(m) for m in mentions])


def run_corpus(files: Sequence[Path], kb: ActorKB, settings: Settings | None = None) -> Predictions:
    """Run the whole pipeline (ingest, extract, store, consolidate) on ``files`` in a scratch store."""
    from comity.run import run_inputs
    from comity.run.consolidate import consolidate
    from comity.store.base import open_store_backend

    base = settings or load_settings()
    with tempfile.TemporaryDirectory(prefix="comity-realnews-") as scratch:
        db = str(Path(scratch) / "realnews.duckdb")
        with open_store_backend(base.model_copy(update={"db": db})) as store:
            run_inputs([str(f) for f in files], store, base.model_copy(update={"db": db}), kb=kb)
            consolidate(store, kb)
        return predictions_from_store(db, base)


def _with_docs(rows: Sequence[Row], names: dict[str, str], texts: dict[str, str]) -> list[Row]:
    out = []
    for row in rows:
        doc = str(row.get("doc") or "")
        doc = doc if doc in texts else names.get(str(row.get("doc_id")), doc.split("#")[-1])
        if doc in texts:
            out.append({**row, "_doc": doc})
    return out


def _level_scores(matches: dict[str, Match], preds: Sequence[Row], gold: Sequence[Row]) -> dict[str, Any]:
    return {level: prf(matches[level], preds, gold).as_dict() for level in LEVELS}


def _per_document(preds: Sequence[Row], gold: Sequence[Row], texts: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for doc in sorted(texts):
        doc_preds = [p for p in preds if p["_doc"] == doc]
        doc_gold = [g for g in gold if g["doc"] == doc]
        matches = {level: match_events(doc_preds, doc_gold, texts, level) for level in LEVELS}
        out[doc] = {level: {k: v for k, v in s.items() if k != "P" and k != "R"}
                    for level, s in _level_scores(matches, doc_preds, doc_gold).items()}  # fmt: skip
    return out


def score_realnews(
    predictions: Predictions,
    texts: dict[str, str],
    gold: list[Row],
    facts: list[Row],
    published: dict[str, str] | None = None,
) -> Report:
    """The figures of ``score.py`` plus per-document scores and error classes; ``published`` (document
    name -> publication date) sorts the date errors of dyad-matched events."""
    preds = _with_docs(predictions.events, predictions.names, texts)
    fact_preds = [{**f, "_doc": predictions.names.get(str(f.get("doc_id")), "")} for f in predictions.facts]
    fact_preds = [f for f in fact_preds if f["_doc"] in texts]
    matches = {level: match_events(preds, gold, texts, level) for level in LEVELS}
    pairs = [(preds[j], gold[i]) for j, i in matches["type"].pairs.items()]
    scores = _level_scores(matches, preds, gold)
    identity = identity_scores(pairs)
    # score.py's cluster figure is the cross-document pairwise score of the same pairs
    clusters = {k: v for k, v in identity["cross_document"].items() if k != "predicted_pairs"}
    attribution = status_attribution(fact_preds, facts, texts)
    fact_score: dict[str, Any] = {**score_facts(fact_preds, facts, texts).as_dict()}
    fact_score["status_attribution"] = {k: v for k, v in attribution.items() if k != "wrong_examples"}
    mentions = [{**m, "_doc": predictions.names.get(str(m.get("doc_id")), "")} for m in predictions.mentions]
    return {
        "documents": len(texts),
        "events": scores,
        "clusters": clusters,
        "cluster_identity": identity,
        "facts": fact_score,
        "status_attribution": attribution,
        "summary": {
            **{k: v["F1"] for k, v in scores.items()},
            "clusters": clusters["F1"],
            "facts": fact_score["F1"],
        },
        "error_classes": error_classes(preds, gold, texts, matches),
        # pairs of the dyad level, a tie between gold rows broken for the right date (as the dated level does)
        "dyad_dates": dyad_date_scores(
            preds, gold, match_events(preds, gold, texts, "dyad", prefer=date_ok), published or {}
        ),
        "person_actors": score_person_actors(gold, texts, mentions),
        "per_document": _per_document(preds, gold, texts),
    }


def evaluate_realnews(
    gold: Path,
    corpus: Sequence[Path] | None = None,
    *,
    kb: ActorKB,
    db: str | None = None,
    settings: Settings | None = None,
) -> Report:
    """Run comity on the corpus (or read the store ``db``) and score it on the gold."""
    folder = gold_folder(gold)
    files = list(corpus) if corpus else default_corpus(gold)
    texts, gold_events, gold_facts = load_corpus(files, folder)
    predictions = predictions_from_store(db, settings) if db else run_corpus(files, kb, settings)
    report = score_realnews(predictions, texts, gold_events, gold_facts, publication_dates(files))
    return {"gold_path": str(folder), "corpus": [str(f) for f in files], **report}
