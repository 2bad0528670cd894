"""The ``Runner`` interface and the one entry point that picks a runner by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TextIO

from comity.config import Settings
from comity.records import RunReport
from comity.registry import runners
from comity.store.base import Store

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
    stdin: TextIO | None = None,
    progress: ProgressCallback | None = None,
    analyse: bool = True,
) -> RunReport:
    """Process ``paths`` with the runner named in ``settings`` and return the run's report.

    With ``analyse=False`` articles are only ingested; a later analysing run picks them up.
    """
    runner: Runner = runners.get(settings.runner)(settings)
    return runner.run(paths, store, stdin=stdin, progress=progress, analyse=analyse)
