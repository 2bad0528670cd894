"""What runs inside a worker process (process pool or Dask): articles in, plain records out.

Every function here is module level, so it pickles by reference. A worker builds its
``Pipeline`` once, from the settings and the actor KB it is sent, and keeps it for every later
batch, so the spaCy model is loaded once per worker, never per batch. The KB reaches a worker
once: with the pool's initializer, or as a Dask future that resolves to that worker's one copy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from comity.config import Settings
from comity.errors import ExtractionError
from comity.extract.actors.kb import ActorKB
from comity.pipeline import Pipeline
from comity.records import Article, DocumentResult, Rejection

log = logging.getLogger(__name__)

#: Builds the pipeline a worker runs; ``Pipeline`` itself, or a subclass (tests use a fake).
PipelineFactory = Callable[[Settings, ActorKB], Pipeline]

_PIPELINES: dict[tuple[str, str], Pipeline] = {}


def worker_pipeline(
    settings: Settings, factory: PipelineFactory = Pipeline, kb: ActorKB | None = None
) -> Pipeline:
    """This process's pipeline for ``settings``, built when a KB first arrives and kept.

    Without ``kb`` the pipeline built earlier (by the initializer) is used; a copy of the same KB
    (Dask may deliver a scattered object twice) keeps it; a different KB (a later run's) builds a
    new pipeline. The spaCy model stays cached either way.
    """
    key = (getattr(factory, "__qualname__", repr(factory)), settings.model_dump_json())
    pipeline = _PIPELINES.get(key)
    if kb is not None and (pipeline is None or not _same_kb(pipeline.kb, kb)):
        pipeline = _PIPELINES[key] = factory(settings, kb)
    if pipeline is None:
        raise ExtractionError("this worker has no pipeline: it was started without the actor KB")
    return pipeline


def _same_kb(mine: ActorKB, arrived: ActorKB) -> bool:
    """The same KB, or a copy of it (its ``identity`` survives pickling)."""
    return mine is arrived or getattr(mine, "identity", None) == getattr(arrived, "identity", object())


def init_worker(settings: Settings, factory: PipelineFactory = Pipeline, kb: ActorKB | None = None) -> None:
    """Worker initializer: keep the pipeline, then load the model (and the coder) before the
    first batch arrives.

    Loading is best effort: a failure here is logged, and the first batch meets (and reports) it
    exactly as the in-process path would, instead of breaking the whole pool.
    """
    pipeline = worker_pipeline(settings, factory, kb)
    try:
        pipeline.versions()  # loads the spaCy model
        _ = pipeline.coder  # builds the event coder and its tables
    except Exception:
        log.exception("warming up a worker failed; its first batch will retry")


def analyse_batch(
    articles: Sequence[Article],
    settings: Settings,
    factory: PipelineFactory = Pipeline,
    kb: ActorKB | None = None,
) -> list[DocumentResult | Rejection]:
    """The unit of work: one batch of articles -> one record per article, in order."""
    return worker_pipeline(settings, factory, kb).analyse(list(articles))


def worker_versions(
    settings: Settings, factory: PipelineFactory = Pipeline, kb: ActorKB | None = None
) -> dict[str, str]:
    """The versions a worker's pipeline records with a run (asked of a worker, not the driver)."""
    return worker_pipeline(settings, factory, kb).versions()
