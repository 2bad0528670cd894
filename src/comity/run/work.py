"""What runs inside a worker process (process pool or Dask): articles in, plain records out.

Every function here is module level, so it pickles by reference. A worker builds its
``Pipeline`` once from the settings it is sent and keeps it for every later batch, so the
spaCy model is loaded once per worker, never per batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from comity.config import Settings
from comity.pipeline import Pipeline
from comity.records import Article, DocumentResult, Rejection

log = logging.getLogger(__name__)

#: Builds the pipeline a worker runs; ``Pipeline`` itself, or a subclass (tests use a fake).
PipelineFactory = Callable[[Settings], Pipeline]

_PIPELINES: dict[tuple[str, str], Pipeline] = {}


def worker_pipeline(settings: Settings, factory: PipelineFactory = Pipeline) -> Pipeline:
    """This process's pipeline for ``settings``, built on first use and kept."""
    key = (getattr(factory, "__qualname__", repr(factory)), settings.model_dump_json())
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = _PIPELINES[key] = factory(settings)
    return pipeline


def init_worker(settings: Settings, factory: PipelineFactory = Pipeline) -> None:
    """Worker initializer: load the model (and the coder) before the first batch arrives.

    Best effort: a failure here is logged, and the first batch meets (and reports) it exactly
    as the in-process path would, instead of breaking the whole pool.
    """
    try:
        pipeline = worker_pipeline(settings, factory)
        pipeline.versions()  # loads the spaCy model
        _ = pipeline.coder  # loads the actor knowledge base and the event tables
    except Exception:
        log.exception("warming up a worker failed; its first batch will retry")


def analyse_batch(
    articles: Sequence[Article], settings: Settings, factory: PipelineFactory = Pipeline
) -> list[DocumentResult | Rejection]:
    """The unit of work: one batch of articles -> one record per article, in order."""
    return worker_pipeline(settings, factory).analyse(list(articles))


def worker_versions(settings: Settings, factory: PipelineFactory = Pipeline) -> dict[str, str]:
    """The versions a worker's pipeline records with a run (asked of a worker, not the driver)."""
    return worker_pipeline(settings, factory).versions()
