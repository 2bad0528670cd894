"""``dask.v1``: the same work on a Dask cluster; the driver still reads, dedupes and writes.

With ``settings.scheduler`` (``tcp://HOST:PORT``) it joins that cluster; without, it starts a
``LocalCluster`` of ``settings.workers`` processes (0 = one per core) and stops it afterwards.
Workers receive articles (text) and return plain records; each builds its pipeline, and so
loads the spaCy model, once. The driver's actor KB is scattered to every worker once (not sent
with each batch). Batches are committed by the driver in input order.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from comity.config import Settings
from comity.errors import MissingExtraError
from comity.extract.actors.kb import ActorKB
from comity.pipeline import Pipeline
from comity.records import Article, RunReport
from comity.run.base import ProgressCallback
from comity.run.executors import Pending, resolve_workers
from comity.run.local import drive
from comity.run.work import PipelineFactory, analyse_batch, init_worker, worker_versions
from comity.store.base import Store

INSTALL_HINT = "the dask runner needs the [dask] extra: pip install 'comity[dask]'"


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise MissingExtraError(INSTALL_HINT) from exc
    return distributed


class DaskExecutor:
    """Submits one task per batch to a ``distributed.Client``; two batches in flight per worker."""

    def __init__(self, client: Any, settings: Settings, kb: ActorKB, factory: PipelineFactory) -> None:
        self.client, self.settings, self.factory = client, settings, factory
        addresses = list(client.scheduler_info().get("workers", {}))
        self.slots = 2 * max(1, len(addresses))
        # One copy of the KB per worker; a task given this future gets that worker's copy, so
        # its pipeline is built once. A worker that joins later fetches the copy on its first task.
        self.kb = client.scatter(kb, broadcast=True, hash=False)
        client.gather(  # load the model on every worker, once
            [
                client.submit(init_worker, settings, factory, self.kb, workers=[a], pure=False)
                for a in addresses
            ]
        )

    def submit(self, articles: Sequence[Article]) -> Pending:
        future: Pending = self.client.submit(
            analyse_batch, list(articles), self.settings, self.factory, self.kb, pure=False
        )
        return future

    def versions(self) -> dict[str, str]:
        result: dict[str, str] = self.client.submit(
            worker_versions, self.settings, self.factory, self.kb, pure=False
        ).result()
        return result

    def close(self) -> None:
        return None  # the client and cluster belong to the runner


class DaskRunner:
    """Runs the pipeline's analysis on Dask workers."""

    name = "dask.v1"

    def __init__(
        self, settings: Settings, pipeline: Pipeline, *, factory: PipelineFactory | None = None
    ) -> None:
        self._distributed = _distributed()
        self.settings = settings
        self.pipeline = pipeline
        self.factory: PipelineFactory = factory or type(self.pipeline)
        self._client: Any = None

    def start_executor(self, single_batch: bool) -> DaskExecutor:
        return DaskExecutor(self._client, self.settings, self.pipeline.kb, self.factory)

    def run(
        self,
        paths: Sequence[str],
        store: Store,
        *,
        stdin: TextIO | None = None,
        progress: ProgressCallback | None = None,
        analyse: bool = True,
    ) -> RunReport:
        with self.client() as client:
            self._client = client
            try:
                return drive(self, paths, store, stdin=stdin, progress=progress, analyse=analyse)
            finally:
                self._client = None

    @contextlib.contextmanager
    def client(self) -> Iterator[Any]:
        """A client of the configured scheduler, or of a LocalCluster started for this run."""
        distributed = self._distributed
        if self.settings.scheduler:
            with distributed.Client(self.settings.scheduler) as client:
                yield client
            return
        cluster = distributed.LocalCluster(
            n_workers=resolve_workers(self.settings.workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: never clashes with another cluster
        )
        with cluster, distributed.Client(cluster) as client:
            yield client
