"""The ``Runner`` interface and the one entry point that picks a runner by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

from comity.config import Settings
from comity.records import RunReport
from comity.registry import runners
from comity.store.base import Store

if TYPE_CHECKING:  # the CLI imports this module at start: the pipeline is imported when a run starts
    from comity.extract.actors.kb import ActorKB

#: Called as ``progress(inputs_seen, documents_stored)`` after each input and batch.
ProgressCallback = Callable[[int, int], None]


class Runner(Protocol):
    name: str

    def run(
        self,
        paths: Sequence[str],
        store: Store,
        *,
        stdin: TextIO | None = None,
        progress: ProgressCallback | None = None,
        analyse: bool = True,
    ) -> RunReport: ...


def run_inputs(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    kb: ActorKB,
    stdin: TextIO | None = None,
    progress: ProgressCallback | None = None,
    analyse: bool = True,
) -> RunReport:
    """Process ``paths`` with the runner named in ``settings`` and return the run's report.

    ``kb`` is the actor KB the caller built once; the runner's pipeline (and every worker's) uses
    it. With ``analyse=False`` articles are only ingested; a later analysing run picks them up.
    """
    from comity.pipeline import Pipeline

    runner: Runner = runners.get(settings.runner)(settings, Pipeline(settings, kb))
    return runner.run(paths, store, stdin=stdin, progress=progress, analyse=analyse)
