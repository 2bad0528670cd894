"""``create_app``: the FastAPI application serving the REST API and the dashboard."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from comity._version import __version__
from comity.api.docs import mount_docs
from comity.api.errors import install_error_handlers
from comity.api.routes import router
from comity.api.state import DEFAULT_MAX_BODY, Analyser, ApiState
from comity.api.write import write_router
from comity.config import Settings, load_settings
from comity.extract.actors.kb import ActorKB, load_kb
from comity.store.base import Store, open_store_backend
from comity.web.dashboard import mount_dashboard

TOKEN_ENV = "COMITY_API_TOKEN"


def create_app(
    settings: Settings | None = None,
    store: Store | None = None,
    *,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    analyser_factory: Callable[[], Analyser] | None = None,
    kb: ActorKB | None = None,
) -> FastAPI:
    """The API and dashboard over ``store`` (or the store named by ``settings``).

    ``kb``: the actor knowledge base, built once for the app's life and used by the actor pages
    and the write endpoint's pipeline (default: the packaged one, ``load_kb()``).

    ``token`` (default: the ``COMITY_API_TOKEN`` environment variable) enables
    ``POST /api/documents``; without one the store is opened read-only and writes answer 403.
    A store passed in stays open when the app stops; one opened here is closed.

    >>> app = create_app(load_settings({"db": ":memory:"}), token="")  # doctest: +SKIP
    """
    settings = settings or load_settings()
    secret = os.environ.get(TOKEN_ENV, "") if token is None else token
    owned = store is None
    opened = store or open_store_backend(settings, read_only=not secret)
    state = ApiState(
        settings=settings,
        store=opened,
        token=secret,
        kb=load_kb() if kb is None else kb,
        max_body=max_body,
        analyser_factory=analyser_factory,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            with state.lock:
                opened.close()

    app = FastAPI(
        title="comity",
        version=__version__,
        description="Evidence-backed political event data: read events, documents, actors and series.",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's own pages load from a CDN; mount_docs serves /docs offline
        redoc_url=None,
    )
    app.state.comity = state
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(write_router)
    mount_docs(app)
    mount_dashboard(app)
    return app
