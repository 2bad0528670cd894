"""What every request handler shares: the store (behind a lock), the token, the actor KB, the limits."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ParamSpec, Protocol, TypeVar

from fastapi import Request

from comity.config import Settings
from comity.extract.actors.kb import ActorKB
from comity.records import Article, DocumentResult, Rejection, SourceItem
from comity.store.base import Store

P = ParamSpec("P")
T = TypeVar("T")

#: Largest accepted POST body (bytes) unless ``create_app`` is told otherwise.
DEFAULT_MAX_BODY = 1_000_000


class Analyser(Protocol):
    """The part of ``comity.pipeline.Pipeline`` the write endpoint uses."""

    def clean(self, item: SourceItem) -> Article | Rejection: ...

    def analyse(self, articles: Sequence[Article]) -> list[DocumentResult | Rejection]: ...


@dataclass
class ApiState:
    """Shared by all requests. A DuckDB connection is not safe for concurrent use: one lock guards it."""

    settings: Settings
    store: Store
    token: str
    kb: ActorKB  # built once by ``create_app``
    max_body: int = DEFAULT_MAX_BODY
    analyser_factory: Callable[[], Analyser] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    _analyser: Analyser | None = None

    def read(self, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Call ``func(*args, **kwargs)`` with the store lock held."""
        with self.lock:
            return func(*args, **kwargs)

    def analyser(self) -> Analyser:
        """The pipeline, built on first use (loading spaCy takes seconds)."""
        if self._analyser is None:
            if self.analyser_factory is None:
                from comity.pipeline import Pipeline

                self._analyser = Pipeline(self.settings, self.kb)
            else:
                self._analyser = self.analyser_factory()
        return self._analyser


def get_state(request: Request) -> ApiState:
    state: Any = request.app.state.comity
    assert isinstance(state, ApiState)
    return state
