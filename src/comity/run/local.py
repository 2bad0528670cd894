"""``local.v1``: a streaming pool of worker processes on this machine (or this process alone).

``settings.workers``: ``0`` = one process per core (the default), ``1`` = analyse in this
process. The driver (this process) reads, cleans, dedupes and writes; workers only parse
and extract. A run whose input fits in one batch stays in this process: starting workers
would cost more than it saves.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Protocol, TextIO

from comity._version import __version__
from comity.config import Settings
from comity.pipeline import Pipeline
from comity.records import RunReport
from comity.run.base import ProgressCallback
from comity.run.batcher import Batcher
from comity.run.executors import Executor, InProcess, ProcessPool, resolve_workers
from comity.run.work import PipelineFactory
from comity.store.base import Store


class LocalRunner:
    """Reads inputs lazily; at most two batches per worker are in flight."""

    name = "local.v1"

    def __init__(
        self, settings: Settings, pipeline: Pipeline, *, factory: PipelineFactory | None = None
    ) -> None:
        self.settings = settings
        self.pipeline = pipeline
        # Workers build the same kind of pipeline as ours, from the same settings and KB.
        self.factory: PipelineFactory = factory or type(self.pipeline)
        self.workers = resolve_workers(settings.workers)

    def start_executor(self, single_batch: bool) -> Executor:
        if self.workers <= 1 or single_batch:
            return InProcess(self.pipeline)
        return ProcessPool(self.settings, self.pipeline.kb, self.workers, self.factory)

    def run(
        self,
        paths: Sequence[str],
        store: Store,
        *,
        stdin: TextIO | None = None,
        progress: ProgressCallback | None = None,
        analyse: bool = True,
    ) -> RunReport:
        return drive(self, paths, store, stdin=stdin, progress=progress, analyse=analyse)


class DrivenRunner(Protocol):
    """What ``drive`` needs of a runner: settings, a pipeline for cleaning, an executor."""

    settings: Settings
    pipeline: Pipeline

    def start_executor(self, single_batch: bool) -> Executor: ...


def drive(
    runner: DrivenRunner,
    paths: Sequence[str],
    store: Store,
    *,
    stdin: TextIO | None,
    progress: ProgressCallback | None,
    analyse: bool,
) -> RunReport:
    """One run: batches through ``runner``'s executor, committed in order, then the ``runs`` row."""
    report = RunReport(run_id=uuid.uuid4().hex[:16], started=_now(), settings=runner.settings.model_dump())
    batcher = Batcher(
        runner.pipeline,
        store,
        report,
        progress,
        settings=runner.settings,
        start=runner.start_executor,
        analyse=analyse,
    )
    try:
        batcher.consume(paths, stdin)
        if not analyse:
            report.versions = {"comity": __version__}
        elif batcher.executor is not None:
            report.versions = batcher.executor.versions()
        else:
            report.versions = runner.pipeline.versions()
    finally:
        if batcher.executor is not None:
            batcher.executor.close()
    report.finished = _now()
    store.record_run(report)
    return report


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
