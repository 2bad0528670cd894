"""The driver's bookkeeping of one run, shared by every runner.

The driver reads and cleans inputs, drops duplicates, links near-duplicates, hands batches
to an executor and writes the outcomes, one store transaction per batch, in input order.
At most ``executor.slots`` batches are in flight, so memory stays flat however large the
corpus. Counts are added only once a batch is committed: ``inputs = stored + duplicates +
rejected + skipped`` whenever the run ends, and a crash never over-reports. Skips (entries a
folder walk leaves unread on purpose) are written with the rejections but counted apart.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TextIO

from comity import _version
from comity.clean import NearDuplicateIndex
from comity.config import Settings
from comity.errors import ExtractionError
from comity.ingest import iter_inputs
from comity.pipeline import Pipeline
from comity.records import Article, DocumentResult, Rejection, RunReport
from comity.run.base import ProgressCallback
from comity.run.executors import Done, Executor, Pending
from comity.store.base import Store

#: Starts the executor when the first batch is ready; told whether that batch is the only one.
ExecutorStarter = Callable[[bool], Executor]


@dataclass
class _InFlight:
    articles: list[Article]
    rejections: list[Rejection]
    pending: Pending


class Batcher:
    """Dedupe, batching, ordered commits and counts that always add up."""

    def __init__(
        self,
        pipeline: Pipeline,
        store: Store,
        report: RunReport,
        progress: ProgressCallback | None,
        *,
        settings: Settings,
        start: ExecutorStarter,
        analyse: bool,
    ) -> None:
        self.pipeline, self.store, self.report, self.progress = pipeline, store, report, progress
        self.settings, self.analyse, self._start = settings, analyse, start
        self.executor: Executor | None = None
        self.seen: set[str] = set()
        self.near = NearDuplicateIndex(settings.near_duplicate_threshold)
        stored = 0
        for doc_id, signature in store.fingerprints():
            self.near.add(doc_id, signature)
            stored += 1
        # Into an empty store, every article this run could meet again is one it has seen
        # itself: asking the store about each article (a query apiece) is then wasted.
        self.store_was_empty = stored == 0
        self.articles: list[Article] = []
        self.rejections: list[Rejection] = []
        self.held: tuple[list[Article], list[Rejection]] | None = None
        self.in_flight: deque[_InFlight] = deque()

    def consume(self, paths: Sequence[str], stdin: TextIO | None) -> None:
        started = time.perf_counter()
        for item in iter_inputs(paths, self.settings, stdin=stdin):
            if isinstance(item, Rejection) and item.noted:  # about the next item, not an input
                self.rejections.append(item)
                continue
            self.report.inputs += 1
            outcome = item if isinstance(item, Rejection) else self.pipeline.clean(item)
            if isinstance(outcome, Rejection):
                self.rejections.append(outcome)
            else:
                self._admit(outcome)
            if len(self.articles) >= self.settings.batch_size:
                self._cut()
            self._tick()
        self._cut(last=True)
        self.drain()
        self.report.timings["total_s"] = round(time.perf_counter() - started, 3)

    def _admit(self, article: Article) -> None:
        # An article analysed by another pipeline version is analysed again, not a duplicate.
        asks = article.id not in self.seen and not self.store_was_empty
        stored = self.store.article_versions([article.id]) if asks else {}
        if article.id in self.seen or (
            article.id in stored and (not self.analyse or stored[article.id] == _version.__version__)
        ):
            self.report.duplicates += 1
            return
        self.seen.add(article.id)
        if article.id in stored:  # ingested earlier (or by an older version): analyse now
            self.articles.append(article)
            return
        earlier = self.near.add(article.id, article.fingerprint) if article.fingerprint else None
        if earlier is not None:
            article = replace(article, near_duplicate_of=earlier)
            self.report.near_duplicates += 1
        self.articles.append(article)

    def _cut(self, *, last: bool = False) -> None:
        """Close the current batch. The first one waits until we know whether a second follows."""
        batch = (self.articles, self.rejections)
        self.articles, self.rejections = [], []
        if self.executor is None and self.analyse:
            if self.held is None and batch[0] and not last:
                self.held = batch
                return
            if self.held is not None:
                held, self.held = self.held, None
                self.executor = self._start(not batch[0])  # single if nothing else to analyse
                self._submit(*held)
        if batch[0] or batch[1]:
            self._submit(*batch)

    def _submit(self, articles: list[Article], rejections: list[Rejection]) -> None:
        started = time.perf_counter()
        if not self.analyse or not articles:
            pending: Pending = Done([DocumentResult(article=a, analysed=False) for a in articles])
        else:
            if self.executor is None:
                self.executor = self._start(True)
            pending = self.executor.submit(articles)
        self._time("analyse_s", started)
        self.in_flight.append(_InFlight(articles, rejections, pending))
        limit = self.executor.slots if self.executor is not None else 1
        while len(self.in_flight) > limit:
            self._commit_oldest()

    def drain(self) -> None:
        while self.in_flight:
            self._commit_oldest()

    def _commit_oldest(self) -> None:
        batch = self.in_flight.popleft()
        started = time.perf_counter()
        try:
            outcomes = batch.pending.result()
        except Exception as exc:  # a worker died or the cluster went away
            raise ExtractionError(f"analysis of a batch failed in a worker: {exc!r}") from exc
        self._time("analyse_s", started)
        written = time.perf_counter()
        results = [o for o in outcomes if isinstance(o, DocumentResult)]
        rejections = batch.rejections + [o for o in outcomes if isinstance(o, Rejection)]
        if results or rejections:
            self.store.write_batch(results, rejections, run_id=self.report.run_id)
        self.report.stored += len(results)
        skips = sum(1 for r in rejections if r.skipped)
        notes = sum(1 for r in rejections if r.noted)
        self.report.rejected += len(rejections) - skips - notes
        self.report.skipped += skips
        self.report.events += sum(len(r.events) for r in results)
        self.report.mentions += sum(len(r.mentions) for r in results)
        self._time("store_s", written)
        self._tick()

    def _time(self, key: str, started: float) -> None:
        timings = self.report.timings
        timings[key] = round(timings.get(key, 0.0) + time.perf_counter() - started, 3)

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.report.inputs, self.report.stored)
