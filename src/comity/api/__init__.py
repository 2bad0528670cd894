"""The REST API (FastAPI; the ``[api]`` extra): ``create_app(settings, store) -> FastAPI``.

Read endpoints under ``/api`` call ``comity.query``; ``POST /api/documents`` runs the pipeline
and is disabled unless a token is configured. The dashboard is served by the same app at ``/``.
"""

from comity.api.app import TOKEN_ENV, create_app

__all__ = ["TOKEN_ENV", "create_app"]
