"""``/docs`` (Swagger UI) served offline: its JavaScript and CSS come from the ``swagger-ui-bundle``
package installed with the ``[api]`` extra, never from a CDN, so the page works with no network.
That package is ``swagger-ui-bundle-v2`` (Swagger UI 5): FastAPI emits OpenAPI 3.1, which
Swagger UI 4 cannot render.

ReDoc is off: FastAPI would load it from a CDN and Swagger UI already documents every endpoint.
"""

from __future__ import annotations

import importlib

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"


def mount_docs(app: FastAPI) -> bool:
    """Serve ``/docs`` and its assets from ``app``; False (no ``/docs``) when the bundle is missing."""
    try:
        # Imported by name: the package ships no type information (it is a folder of assets).
        bundle = importlib.import_module("swagger_ui_bundle")
    except ImportError:  # an install without the [api] extra's bundle: no page beats a CDN page
        return False
    app.mount(ASSETS, StaticFiles(directory=str(bundle.swagger_ui_path)), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            oauth2_redirect_url=None,
        )

    return True
