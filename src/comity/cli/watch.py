"""`comity watch SOURCES`: keep the store current from news feeds, one line per cycle."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from comity.cli._util import DbOption, actor_kb, err_console, handle_errors, make_settings, out_console
from comity.config import Settings
from comity.errors import ConfigError
from comity.ingest.feeds import read_sources
from comity.ingest.fetch import is_url
from comity.run.alerts import AlertSender, load_rules
from comity.run.base import ProgressCallback
from comity.run.watch import AlertHook, watch_cycle
from comity.store.base import open_store_backend

_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_cli)


def parse_every(text: str) -> float:
    """``30m``, ``1h``, ``90s``, ``1h30m`` or ``1d`` -> seconds (at least one second)."""
    value = text.strip().lower()
    parts = _DURATION.findall(value)
    if not parts or "".join(n + u for n, u in parts) != value:
        raise ConfigError(f"--every: {text!r} is not a duration such as 30m, 1h, 90s or 1h30m")
    seconds = sum(float(n) * _UNIT_SECONDS[u] for n, u in parts)
    if seconds < 1:
        raise ConfigError("--every: the interval must be at least 1s")
    return seconds


@handle_errors
def watch_cli(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(..., help="Files listing feed URLs (one a line), or OPML exports."),
    db: str = DbOption,
    every: str = typer.Option("30m", "--every", help="Pause between cycles: 30m, 1h, 90s, 1h30m."),
    once: bool = typer.Option(False, "--once", help="Run one cycle and exit (for cron and CI)."),
    alert: str = typer.Option(
        None, "--alert", help="Alert rules (a TOML file): see README 'Keep it current'."
    ),
    alert_log: str = typer.Option("alerts.jsonl", "--alert-log", help="JSON Lines file alerts are added to."),
    webhook: str = typer.Option(None, "--webhook", help="Also POST each alert as JSON to this URL."),
    delay: float = typer.Option(None, "--delay", help="Seconds between requests to one host (fetch_delay)."),
    workers: int = typer.Option(None, "--workers", help="Analysis processes (0 = one per core; 1 = here)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Poll news feeds, store and analyse their new articles, and update the clusters, on a schedule.

    Each cycle polls every feed (conditional GET with ETag / Last-Modified; a failing feed waits
    5 minutes, then 10, 20, ... up to a day), fetches the entries not seen before (by URL and by
    content), runs the pipeline on them, updates the event clusters and prints one line. State lives
    in the store, so a watcher that is killed resumes without refetching or duplicating anything.
    With --alert, a new cluster matching a rule is written once to the alert log (and the webhook).

    Example:

        comity watch feeds.txt --every 30m --db comity.duckdb
        comity watch subscriptions.opml --once --alert alerts.toml --alert-log alerts.jsonl
    """
    interval = parse_every(every)
    feeds: list[str] = []
    for path in sources:
        feeds.extend(url for url in read_sources(path) if url not in feeds)
    if not feeds:
        raise ConfigError(f"no feed URLs in {', '.join(sources)}")
    settings = make_settings(db=db, fetch_delay=delay, workers=workers)
    hook = _alert_hook(alert, alert_log, webhook, settings)
    kb = actor_kb(ctx)
    store = open_store_backend(settings)
    console = out_console()
    try:
        while True:
            with _progress(quiet) as progress:
                report = watch_cycle(feeds, store, settings, kb=kb, progress=progress, alert=hook)
            console.print(report.line(), highlight=False, soft_wrap=True)
            for message in report.messages:
                err_console.print(f"  {message}", highlight=False, soft_wrap=True)
            if once:
                return
            time.sleep(interval)
    except KeyboardInterrupt:  # Ctrl-C is how a foreground watcher stops: the store is consistent
        raise typer.Exit(130) from None
    finally:
        store.close()


def _alert_hook(rules: str | None, log: str, webhook: str | None, settings: Settings) -> AlertHook | None:
    if rules is None:
        if webhook is not None:
            raise ConfigError("--webhook needs --alert RULES")
        return None
    if webhook is not None and not is_url(webhook):
        raise ConfigError(f"--webhook: {webhook!r} is not an http(s) URL")
    return AlertSender(load_rules(rules), log, webhook, settings)


@contextmanager
def _progress(quiet: bool) -> Iterator[ProgressCallback | None]:
    """A progress bar on standard error while a cycle's articles are processed."""
    if quiet:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} entries, {task.fields[stored]} stored"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("watching", total=None, stored=0)

        def progress(seen: int, stored: int) -> None:
            bar.update(task, completed=seen, stored=stored)

        yield progress
