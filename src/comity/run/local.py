"""``local.v1``: the pipeline in this process, streaming, one store transaction per batch."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TextIO

from comity._version import __version__
from comity.clean import NearDuplicateIndex
from comity.config import Settings
from comity.ingest import iter_inputs
from comity.pipeline import Pipeline
from comity.records import Article, DocumentResult, Rejection, RunReport
from comity.run.base import ProgressCallback
from comity.store.base import Store


class LocalRunner:
    """Reads inputs lazily, so memory stays bounded by one batch however large the corpus."""

    name = "local.v1"

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self.pipeline = pipeline or Pipeline(settings)

    def run(
        self,
        paths: Sequence[str],
        store: Store,
        *,
        stdin: TextIO | None = None,
        progress: ProgressCallback | None = None,
        analyse: bool = True,
    ) -> RunReport:
        report = RunReport(
            run_id=uuid.uuid4().hex[:16],
            started=_now(),
            settings=self.settings.model_dump(),
        )
        _Batcher(self, store, report, progress, analyse=analyse).consume(paths, stdin)
        report.versions = self.pipeline.versions() if analyse else {"comity": __version__}
        report.finished = _now()
        store.record_run(report)
        return report


class _Batcher:
    """The bookkeeping of one run: dedupe, batching, counts that always add up."""

    def __init__(
        self,
        runner: LocalRunner,
        store: Store,
        report: RunReport,
        progress: ProgressCallback | None,
        *,
        analyse: bool,
    ) -> None:
        self.analyse = analyse
        self.pipeline = runner.pipeline
        self.settings = runner.settings
        self.store = store
        self.report = report
        self.progress = progress
        self.seen: set[str] = set()
        self.near = NearDuplicateIndex(self.settings.near_duplicate_threshold)
        for doc_id, signature in store.fingerprints():
            self.near.add(doc_id, signature)
        self.articles: list[Article] = []
        self.rejections: list[Rejection] = []

    def consume(self, paths: Sequence[str], stdin: TextIO | None) -> None:
        started = time.perf_counter()
        for item in iter_inputs(paths, self.settings, stdin=stdin):
            self.report.inputs += 1
            outcome = item if isinstance(item, Rejection) else self.pipeline.clean(item)
            if isinstance(outcome, Rejection):
                self.rejections.append(outcome)
            else:
                self._admit(outcome)
            if len(self.articles) >= self.settings.batch_size:
                self.flush()
            self._tick()
        self.flush()
        self.report.timings["total_s"] = round(time.perf_counter() - started, 3)

    def _admit(self, article: Article) -> None:
        if article.id in self.seen or self.store.known_article_ids([article.id], analysed_only=self.analyse):
            self.report.duplicates += 1
            return
        self.seen.add(article.id)
        if self.store.known_article_ids([article.id]):  # ingested earlier, analysed only now
            self.articles.append(article)
            return
        earlier = self.near.add(article.id, article.fingerprint) if article.fingerprint else None
        if earlier is not None:
            article = replace(article, near_duplicate_of=earlier)
            self.report.near_duplicates += 1
        self.articles.append(article)

    def flush(self) -> None:
        started = time.perf_counter()
        outcomes: list[DocumentResult | Rejection]
        if not self.analyse:
            outcomes = [DocumentResult(article=a, analysed=False) for a in self.articles]
        else:
            outcomes = self.pipeline.analyse(self.articles) if self.articles else []
        results = [o for o in outcomes if isinstance(o, DocumentResult)]
        self.rejections.extend(o for o in outcomes if isinstance(o, Rejection))
        analysed = time.perf_counter()
        if results or self.rejections:
            self.store.write_batch(results, self.rejections, run_id=self.report.run_id)
        # Counted only after the batch is committed: a crash never over-reports.
        self.report.stored += len(results)
        self.report.rejected += len(self.rejections)
        self.report.events += sum(len(r.events) for r in results)
        self.report.mentions += sum(len(r.mentions) for r in results)
        timings = self.report.timings
        timings["analyse_s"] = round(timings.get("analyse_s", 0.0) + analysed - started, 3)
        timings["store_s"] = round(timings.get("store_s", 0.0) + time.perf_counter() - analysed, 3)
        self.articles, self.rejections = [], []
        self._tick()

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.report.inputs, self.report.stored)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
