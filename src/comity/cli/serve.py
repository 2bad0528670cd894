"""`comity serve`: the REST API and the dashboard (needs the ``[api]`` extra)."""

from __future__ import annotations

import importlib.util

import typer
from rich.console import Console

from comity.cli._util import DbOption, actor_kb, handle_errors, make_settings
from comity.errors import MissingExtraError

API_EXTRA = ("fastapi", "uvicorn")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cli)


def require_api_extra() -> None:
    """Raise ``MissingExtraError`` with the install command if FastAPI or uvicorn is missing."""
    missing = [name for name in API_EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtraError(f"`comity serve` needs {', '.join(missing)}: pip install 'comity[api]'")


@handle_errors
def serve_cli(
    ctx: typer.Context,
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
) -> None:
    """Serve the dashboard at / and the REST API at /api (OpenAPI docs at /docs).

    Writes (POST /api/documents) are enabled only when COMITY_API_TOKEN is set.

    Example:

        comity serve --db comity.duckdb --port 8000   # then open http://127.0.0.1:8000
    """
    require_api_extra()
    import uvicorn

    from comity.api import create_app

    app = create_app(make_settings(db=db), kb=actor_kb(ctx))
    Console(stderr=True).print(f"comity dashboard on http://{host}:{port}/  (API docs: /docs; Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
