"""The public Python API (re-exported from ``comity``): a few verbs, keyword-only options."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from comity.clean import build_article
from comity.config import Settings, load_settings
from comity.errors import IngestError, RejectedInput
from comity.pipeline import Pipeline
from comity.records import DocumentResult, Rejection, RunReport, SourceItem
from comity.run import ProgressCallback, run_inputs
from comity.run.consolidate import consolidate
from comity.store.base import Store, open_store_backend

Result = DocumentResult


@lru_cache(maxsize=2)
def _pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


def process_text(
    text: str,
    *,
    date: str | None = None,
    title: str | None = None,
    name: str = "text",
    settings: Settings | None = None,
) -> Result:
    """Run the whole pipeline on one text and return its records (nothing is stored).

    ``date`` (ISO) anchors relative dates; without it, the text's own dateline is used if any.
    Raises ``IngestError`` (with a reason) if the text cannot be an article, e.g. when empty.
    """
    settings = settings or load_settings()
    item = SourceItem(name=name, content=text, fmt="text", title=title, date=date, size=len(text.encode()))
    try:
        article = build_article(item, settings)
    except RejectedInput as exc:
        raise IngestError(f"cannot process {name!r}: {exc.message} ({exc.reason})") from exc
    (outcome,) = _pipeline(settings).analyse([article])
    if isinstance(outcome, Rejection):
        raise IngestError(f"cannot process {name!r}: {outcome.message}")
    return outcome


def open_store(
    path: str = "comity.duckdb", *, read_only: bool = False, settings: Settings | None = None
) -> Store:
    """Open (and migrate) the store at ``path``; DuckDB by default."""
    base = settings or load_settings()
    return open_store_backend(base.model_copy(update={"db": path}), read_only=read_only)


def process_files(
    paths: Sequence[str],
    *,
    db: str | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> RunReport:
    """Ingest, extract and store ``paths`` (files, folders, globs); return the run report."""
    settings = settings or load_settings()
    if db is not None:
        settings = settings.model_copy(update={"db": db})
    store = open_store_backend(settings)
    try:
        report = run_inputs(paths, store, settings, progress=progress)
        consolidate(store)
        return report
    finally:
        store.close()
