"""The public Python API (re-exported from ``comity``): a few verbs, keyword-only options.

This is an edge: the actor KB is built here (``load_kb()``, once per process) unless the
caller hands one in, and passed to the pipeline and to clustering.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from comity.clean import build_article
from comity.config import Settings, load_settings
from comity.errors import IngestError, RejectedInput
from comity.extract.actors.kb import ActorKB, load_kb
from comity.ingest.dates import parse_input_date
from comity.pipeline import Pipeline
from comity.query.events import EventFilter
from comity.query.frames import events_df as query_events_df
from comity.records import DocumentResult, Rejection, RunReport, SourceItem
from comity.run import ProgressCallback, run_inputs
from comity.run.consolidate import consolidate
from comity.store.base import Store, open_store_backend

Result = DocumentResult


@lru_cache(maxsize=2)
def _pipeline(settings: Settings, kb: ActorKB) -> Pipeline:
    return Pipeline(settings, kb)


def process_text(
    text: str,
    *,
    date: str | None = None,
    title: str | None = None,
    name: str = "text",
    settings: Settings | None = None,
    kb: ActorKB | None = None,
) -> Result:
    """Run the whole pipeline on one text and return its records (nothing is stored).

    ``date`` (ISO, or a form ``comity run`` reads: "18 June 2024") anchors relative dates; without
    it, the text's own dateline is used if any.
    ``kb``: the actor knowledge base (default: the packaged one, ``load_kb()``).
    Raises ``IngestError`` (with a reason) if the text cannot be an article, e.g. when empty, or
    ``date`` is no date.
    """
    settings = settings or load_settings()
    if date is not None:
        given, date = date, parse_input_date(date)
        if date is None:
            raise IngestError(f"cannot process {name!r}: date {given!r} is not a date (use YYYY-MM-DD)")
    item = SourceItem(name=name, content=text, fmt="text", title=title, date=date, size=len(text.encode()))
    try:
        article = build_article(item, settings)
    except RejectedInput as exc:
        raise IngestError(f"cannot process {name!r}: {exc.message} ({exc.reason})") from exc
    (outcome,) = _pipeline(settings, load_kb() if kb is None else kb).analyse([article])
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
    kb: ActorKB | None = None,
) -> RunReport:
    """Ingest, extract and store ``paths`` (files, folders, globs); return the run report.

    ``kb``: the actor knowledge base for the analysis and the clustering (default: ``load_kb()``).
    """
    settings = settings or load_settings()
    kb = load_kb() if kb is None else kb
    if db is not None:
        settings = settings.model_copy(update={"db": db})
    store = open_store_backend(settings)
    try:
        report = run_inputs(paths, store, settings, kb=kb, progress=progress)
        consolidate(store, kb)
        return report
    finally:
        store.close()


def events_df(store: Store, flt: EventFilter | None = None, *, kb: ActorKB | None = None) -> Any:
    """The store's events as a pandas DataFrame of flat rows, one per event report.

    Columns, types and codes are those of ``docs/codebook.md`` (``comity.query.flat.COLUMNS``):
    actors as plain columns (``source_name``, ``source_country``, ``source_sector``, ``source_role``,
    ``target_...``), ``counted`` false on reports from near-duplicate articles. ``flt`` narrows the
    rows (an ``EventFilter``; by default every report, near duplicates flagged). Needs pandas
    (``pip install 'comity[analysis]'``).
    """
    return query_events_df(store, flt, kb=load_kb() if kb is None else kb)


def to_pandas(
    db: str = "comity.duckdb",
    *,
    dyad: tuple[str, str] | None = None,
    since: str | None = None,
    until: str | None = None,
    settings: Settings | None = None,
    kb: ActorKB | None = None,
) -> Any:
    """The events stored at ``db`` as a pandas DataFrame (see ``events_df``), opened read-only.

    >>> frame = comity.to_pandas("comity.duckdb", dyad=("CHN", "VNM"))  # doctest: +SKIP
    >>> frame[frame.counted].groupby("quad_class").size()  # doctest: +SKIP
    """
    flt = EventFilter(dyad=dyad, since=since, until=until, include_duplicates=True, include_uncoded=True)
    with open_store(db, read_only=True, settings=settings) as store:
        return events_df(store, flt, kb=kb)
