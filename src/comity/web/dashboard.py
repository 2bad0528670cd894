"""The dashboard, served by the API app at ``/``.

Every asset is a file in ``static/`` served by the app itself: hand-written JavaScript, CSS and
inline SVG, no build step and no network access. A Content-Security-Policy on the page keeps it
that way: a script or stylesheet from elsewhere would not load.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def mount_dashboard(app: FastAPI) -> None:
    """Serve ``/`` (the dashboard page) and ``/static/*`` (its assets) from ``app``."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(
            STATIC / "index.html",
            media_type="text/html",
            headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"},
        )
