"""Records -> table rows (backend independent), and stable row ids."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from comity import _version
from comity.records import (
    Article,
    DocumentResult,
    Event,
    Fact,
    Mention,
    Rejection,
    RunReport,
    TimeExpression,
)
from comity.store.schema import TABLES

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def stable_id(*parts: object) -> str:
    """A 16-hex-digit id from ``parts``; the same parts always give the same id."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:16]


#: Field names of each record type flattened so far (``dataclasses.fields`` is slow to ask).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def flat_dict(record: DataclassInstance) -> dict[str, Any]:
    """A record of scalar fields as a dict: ``dataclasses.asdict`` without its deep copy, which
    walks every value and took a tenth of a run's storing time."""
    names = _FIELD_NAMES.get(type(record))
    if names is None:
        names = _FIELD_NAMES[type(record)] = tuple(f.name for f in fields(record))
    return {name: getattr(record, name) for name in names}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def article_row(article: Article, *, run_id: str, pipeline_version: str | None, now: str) -> dict[str, Any]:
    dateline = article.dateline
    return {
        "id": article.id,
        "name": article.name,
        "fmt": article.fmt,
        "title": article.title,
        "publication_date": article.publication_date,
        "date_basis": article.date_basis,
        "author": article.author,
        "outlet": article.outlet,
        "url": article.url,
        "dateline_start": dateline.start if dateline else None,
        "dateline_end": dateline.end if dateline else None,
        "dateline_text": dateline.text if dateline else None,
        "byline_start": article.byline.start if article.byline else None,
        "byline_end": article.byline.end if article.byline else None,
        "near_duplicate_of": article.near_duplicate_of,
        "boilerplate": _json([flat_dict(b) for b in article.boilerplate]),
        "fingerprint": _json(list(article.fingerprint)),
        "text": article.text,
        "producer": article.producer,
        "pipeline_version": pipeline_version,
        "run_id": run_id,
        "ingested_at": now,
    }


def mention_row(m: Mention) -> dict[str, Any]:
    row = flat_dict(m)
    row["id"] = stable_id(m.doc_id, m.start, m.end, m.label)
    row["flags"] = _json(list(m.flags))
    return row


def time_row(t: TimeExpression) -> dict[str, Any]:
    row = flat_dict(t)
    row["id"] = stable_id(t.doc_id, t.start, t.end, t.type)
    return row


def event_row(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "doc_id": e.doc_id,
        "doc": e.doc,
        "type": e.type,
        "cameo": e.cameo,
        "mode": e.mode,
        "goldstein": e.goldstein,
        "source": _json([flat_dict(a) for a in e.source]),
        "target": _json([flat_dict(a) for a in e.target]),
        "source_country": next((a.country for a in e.source if a.country), None),
        "target_country": next((a.country for a in e.target if a.country), None),
        "dyadic": e.dyadic,
        "date": e.date,
        "date_text": e.date_text,
        "date_precision": e.date_precision,
        "date_basis": e.date_basis,
        "location": _json(flat_dict(e.location)) if e.location else None,
        "modality": e.modality,
        "evidence_text": e.evidence.text,
        "evidence_start": e.evidence.start,
        "evidence_end": e.evidence.end,
        "trigger": e.trigger,
        "confidence": e.confidence,
        "cluster_id": e.cluster_id,
        "sentence": e.sentence,
        "ordinal": e.ordinal,
        "producer": e.producer,
    }


def fact_row(f: Fact) -> dict[str, Any]:
    number = f.value if isinstance(f.value, int | float) else None
    return {
        "id": f.id,
        "doc_id": f.doc_id,
        "subject": f.subject,
        "measure": f.measure,
        "value_number": number,
        "value_text": None if number is not None or f.value is None else str(f.value),
        "unit": f.unit,
        "qualifier": f.qualifier,
        "period": f.period,
        "source_stated": f.source_stated,
        "evidence_text": f.evidence.text,
        "evidence_start": f.evidence.start,
        "evidence_end": f.evidence.end,
        "producer": f.producer,
    }


def rejection_row(r: Rejection, *, run_id: str, now: str) -> dict[str, Any]:
    row = flat_dict(r)
    # Keyed by what was rejected and why, so re-running over the same bad input adds nothing.
    row["id"] = stable_id(r.name, r.stage, r.reason, r.doc_id, r.size)
    row["run_id"] = run_id
    row["created_at"] = now
    return row


def run_row(report: RunReport) -> dict[str, Any]:
    dumps = json.dumps
    return {
        "id": report.run_id,
        "started": report.started,
        "finished": report.finished,
        "settings": dumps(report.settings, sort_keys=True),
        "versions": dumps(report.versions, sort_keys=True),
        "inputs": report.inputs,
        "stored": report.stored,
        "duplicates": report.duplicates,
        "near_duplicates": report.near_duplicates,
        "rejected": report.rejected,
        "skipped": report.skipped,
        "events": report.events,
        "mentions": report.mentions,
        "timings": dumps(report.timings, sort_keys=True),
    }


#: Tables whose rows an analysis produces; each row records the pipeline version.
ANALYSIS_TABLES = ("mentions", "times", "events", "facts")


def batch_tables(
    results: Sequence[DocumentResult], rejections: Sequence[Rejection], *, run_id: str, now: str
) -> dict[str, list[dict[str, Any]]]:
    """The rows of one batch, by table: the same rows for every backend (``fetches`` too, which
    is not in ``TABLES``)."""
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for result in results:
        version = _version.__version__ if result.analysed else None
        tables["articles"].append(
            article_row(result.article, run_id=run_id, pipeline_version=version, now=now)
        )
        # Every analysis row records the pipeline version that produced it.
        stamp = {"pipeline_version": version}
        tables["mentions"].extend({**mention_row(m), **stamp} for m in result.mentions)
        tables["times"].extend({**time_row(t), **stamp} for t in result.times)
        tables["events"].extend({**event_row(e), **stamp} for e in result.events)
        tables["facts"].extend({**fact_row(f), **stamp} for f in result.facts)
    tables["rejections"].extend(rejection_row(r, run_id=run_id, now=now) for r in rejections)
    tables["fetches"] = [fetch_row(r.article, run_id=run_id) for r in results if r.article.fetched_at]
    return tables


def fetch_row(article: Article, *, run_id: str) -> dict[str, Any]:
    """Where and when a web input was fetched: the URL asked for is its input name."""
    return {
        "id": stable_id(article.id, article.name, article.fetched_at),
        "doc_id": article.id,
        "url": article.name,
        "final_url": article.url,
        "fetched_at": article.fetched_at,
        "run_id": run_id,
    }
