"""`comity fetch URL...`: download pages and PDFs, then ingest and analyse them like files."""

from __future__ import annotations

import typer

from comity.cli._util import DbOption, actor_kb, handle_errors
from comity.cli.run import execute
from comity.errors import ConfigError
from comity.ingest.fetch import is_url


def register(app: typer.Typer) -> None:
    app.command("fetch")(fetch_cli)


@handle_errors
def fetch_cli(
    ctx: typer.Context,
    urls: list[str] = typer.Argument(..., help="http(s) URLs of article pages, PDFs or plain-text files."),
    db: str = DbOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    timeout: float = typer.Option(None, "--timeout", help="Seconds to wait for a server (fetch_timeout)."),
    delay: float = typer.Option(None, "--delay", help="Seconds between requests to one host (fetch_delay)."),
    workers: int = typer.Option(
        None, "--workers", help="Analysis processes (0 = one per core, the default; 1 = in this process)."
    ),
) -> None:
    """Fetch web pages (and PDFs), extract their articles, and store them with their events.

    Each URL is fetched politely (robots.txt obeyed, one request at a time, a size cap and a
    timeout); the page's main text, title, date, author and site name are extracted with
    trafilatura, and the URL and the time it was fetched are stored with the article. A URL that
    cannot be fetched (404, server error, timeout, redirect loop, too large, not HTML or PDF,
    disallowed by robots.txt) becomes a rejection with its reason: see `comity rejections`.

    Example:

        comity fetch https://example.org/news/talks.html https://example.org/readout.pdf --db comity.duckdb
    """
    for url in urls:
        if not is_url(url):
            raise ConfigError(f"{url!r} is not an http(s) URL; for files and folders use `comity run`")
    overrides = {"fetch_timeout": timeout, "fetch_delay": delay, "workers": workers}
    kb = actor_kb(ctx)
    execute(urls, kb, db=db, batch_size=16, model=None, quiet=quiet, analyse=True, overrides=overrides)
