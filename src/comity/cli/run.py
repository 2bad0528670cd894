"""`comity run` and `comity ingest`: inputs in, records stored, a summary out."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from comity.cli._util import (
    EXIT_NOTHING,
    EXIT_OK,
    EXIT_REJECTED,
    DbOption,
    actor_kb,
    handle_errors,
    make_settings,
    out_console,
)
from comity.errors import ConfigError
from comity.ingest.fetch import is_url
from comity.query import summary
from comity.records import RunReport
from comity.run import run_inputs
from comity.run.consolidate import consolidate
from comity.store.base import Store, open_store_backend

if TYPE_CHECKING:
    from comity.extract.actors.kb import ActorKB

_GLOB_CHARS = set("*?[")
PathsArgument = typer.Argument(..., help="Files, folders (recursive), globs, or - for standard input.")
DayfirstOption = typer.Option(
    None, "--dayfirst/--monthfirst", help="Read input dates like 05/06/2024 as 5 June (day first) or May 6."
)
YearOption = typer.Option(
    None, "--year", help="Year of wire datelines that name none ('HANOI, Dec. 13 (Wire) -')."
)


def register(app: typer.Typer) -> None:
    app.command("run")(run_cli)
    app.command("ingest")(ingest_cli)


@handle_errors
def run_cli(
    ctx: typer.Context,
    paths: list[str] = PathsArgument,
    db: str = DbOption,
    batch_size: int = typer.Option(16, "--batch-size", help="Documents per parse batch and per commit."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline package to use."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    workers: int = typer.Option(
        None, "--workers", help="Analysis processes (0 = one per core, the default; 1 = in this process)."
    ),
    engine: str = typer.Option(
        None, "--engine", help="Runner: local (default) or dask, or a registered name such as dask.v1."
    ),
    scheduler: str = typer.Option(
        None, "--scheduler", help="Dask scheduler address tcp://HOST:PORT (default: a LocalCluster)."
    ),
    dayfirst: bool = DayfirstOption,
    year: int = YearOption,
) -> None:
    """Ingest, extract and store articles, then print a summary.

    An input date that cannot be parsed stores its article undated, with a warning in the summary.

    Example:

        comity run examples/articles --db comity.duckdb
        comity run wire/rows.csv --dayfirst --year 2023
    """
    runner = engine if engine is None or "." in engine else f"{engine}.v1"
    execute(
        paths,
        actor_kb(ctx),
        db=db,
        batch_size=batch_size,
        model=model,
        quiet=quiet,
        analyse=True,
        overrides={
            "workers": workers,
            "runner": runner,
            "scheduler": scheduler,
            "dayfirst": dayfirst,
            "year": year,
        },
    )


@handle_errors
def ingest_cli(
    ctx: typer.Context,
    paths: list[str] = PathsArgument,
    db: str = DbOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    dayfirst: bool = DayfirstOption,
    year: int = YearOption,
) -> None:
    """Ingest and clean articles into the store without extracting events (fast).

    A later `comity run` over the same inputs analyses what was ingested.

    Example:

        comity ingest examples/articles --db comity.duckdb
    """
    overrides = {"dayfirst": dayfirst, "year": year}
    execute(
        paths,
        actor_kb(ctx),
        db=db,
        batch_size=16,
        model=None,
        quiet=quiet,
        analyse=False,
        overrides=overrides,
    )


def execute(
    paths: list[str],
    kb: ActorKB,
    *,
    db: str,
    batch_size: int,
    model: str | None,
    quiet: bool,
    analyse: bool,
    overrides: dict[str, Any] | None = None,
) -> None:
    """Run ``paths`` (files, folders, globs, URLs, -) into the store at ``db``; print the summary;
    exit with the code the outcome calls for. ``overrides`` are further settings."""
    settings = make_settings(db=db, batch_size=batch_size, model=model, **(overrides or {}))
    check_paths(paths)
    store = open_store_backend(settings)
    try:
        report = _run_with_progress(paths, store, settings, kb, quiet=quiet, analyse=analyse)
        consolidate(store, kb)  # the KB of the analysis tells the clustering who is a person
        if not quiet:
            _print_summary(report, summary(store, run_id=report.run_id))
    finally:
        store.close()
    if (report.rejected or report.skipped) and not report.stored and not report.duplicates:
        raise typer.Exit(EXIT_NOTHING)
    raise typer.Exit(EXIT_REJECTED if report.rejected else EXIT_OK)


def check_paths(paths: list[str]) -> None:
    """A path that does not exist at all is a typo, not an input: refuse it before the store is
    created or a rejection is recorded. Files that exist but cannot be read stay rejections."""
    for raw in paths:
        if raw == "-" or is_url(raw) or os.path.lexists(raw) or _GLOB_CHARS & set(raw):
            continue  # a glob matching nothing is reported by the run, as before
        raise ConfigError(f"input path {raw!r} does not exist (give files, folders, globs or -)")


def _run_with_progress(
    paths: list[str], store: Store, settings: Any, kb: ActorKB, *, quiet: bool, analyse: bool
) -> RunReport:
    stdin = sys.stdin if "-" in paths else None
    if quiet:
        return run_inputs(paths, store, settings, kb=kb, stdin=stdin, analyse=analyse)
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} inputs, {task.fields[stored]} stored"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("processing" if analyse else "ingesting", total=None, stored=0)

        def progress(seen: int, stored: int) -> None:
            bar.update(task, completed=seen, stored=stored)

        return run_inputs(paths, store, settings, kb=kb, stdin=stdin, progress=progress, analyse=analyse)


def _print_summary(report: RunReport, totals: dict[str, Any]) -> None:
    console = out_console()
    console.print(
        f"[bold]Run {report.run_id}[/]: {report.inputs} inputs = {report.stored} stored"
        f" + {report.duplicates} duplicates + {report.rejected} rejected + {report.skipped} skipped"
        f" ({report.near_duplicates} near-duplicates linked); {report.events} event reports,"
        f" {report.mentions} entity mentions in {report.timings.get('total_s', 0):.1f}s"
    )
    linked, uncoded = totals["near_duplicate_events"], totals["uncoded_events"]
    console.print(
        f"Store: {totals['documents']} documents ({totals['near_duplicates']} near-duplicates),"
        f" {totals['events']} events"
        + (f" (+{linked} reports in near-duplicate articles: linked, not counted)" if linked else "")
        + (f" (+{uncoded} with a side the KB could not code: see --include-uncoded)" if uncoded else "")
    )
    by_type = Table(title="Events by type")
    by_type.add_column("type")
    by_type.add_column("events", justify="right")
    for row in totals["events_by_type"]:
        by_type.add_row(str(row["type"]), str(row["n"]))
    dyads = Table(title="Top actor pairs")
    dyads.add_column("pair")
    dyads.add_column("events", justify="right")
    for row in totals["top_dyads"]:
        dyads.add_row(f"{row['a']}–{row['b']}", str(row["n"]))
    console.print(by_type, dyads)
    for key, title in (
        ("notes", "Warnings: stored, with a note"),
        ("rejections", "Rejected inputs"),
        ("skipped", "Skipped entries"),
    ):
        if totals[key]:
            console.print(_outcome_table(f"{title} (this run; all runs: `comity rejections`)", totals[key]))


def _outcome_table(title: str, rows: list[dict[str, Any]]) -> Table:
    table = Table(title=title)
    for column in ("name", "reason", "message"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["name"], row["reason"], row["message"])
    return table
