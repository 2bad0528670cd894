"""Shared CLI helpers: options, output, the actor KB, and the mapping of errors to exit codes."""

from __future__ import annotations

import csv
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from comity.config import Settings, load_settings
from comity.errors import ComityError, ConfigError, QueryError, RegistryError
from comity.store.base import Store, open_store_backend

if TYPE_CHECKING:  # the KB module is imported only by the commands that use it
    from comity.extract.actors.kb import ActorKB

F = TypeVar("F", bound=Callable[..., Any])

#: Exit codes: 0 ok, 1 some inputs rejected, 2 usage error, 3 other failure, 126 nothing usable.
EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_FAILURE, EXIT_NOTHING = 0, 1, 2, 3, 126
USAGE_ERRORS = (ConfigError, QueryError, RegistryError)

err_console = Console(stderr=True)

DbOption = typer.Option(
    "comity.duckdb", "--db", help="DuckDB file, or a postgresql:// URL.", envvar="COMITY_DB"
)
FORMATS = ("table", "jsonl", "csv")


def handle_errors(func: F) -> F:
    """Turn comity errors into a one-line message and a stable exit code (no tracebacks)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            result = func(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe must surface here, not at interpreter exit
            return result
        except BrokenPipeError:
            # `comity events | head -1`: the reader has what it wanted; stop quietly, as cat does.
            _silence_stdout()
            raise typer.Exit(EXIT_OK) from None
        except ComityError as exc:
            err_console.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_USAGE if isinstance(exc, USAGE_ERRORS) else EXIT_FAILURE) from None

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (e.g. under a test runner)
        pass


class _StdoutConsole(Console):
    """A stdout console that stops quietly when the reader goes away (`comity run ... | head -1`);
    rich's default exits with status 1, which would hide the command's own exit code."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        _silence_stdout()


def out_console() -> Console:
    """The console for tables on stdout."""
    return _StdoutConsole()


def make_settings(**overrides: Any) -> Settings:
    return load_settings(overrides)


def actor_kb(ctx: typer.Context, extra: Sequence[Path] = ()) -> ActorKB:
    """The actor KB of the command of ``ctx``, built once here (the edge) and passed to what needs it.

    A KB handed to the app (``app(obj=kb)``; a test's ``CliRunner().invoke(app, args, obj=kb)``)
    is used as it is; otherwise the packaged KB plus the user's ``extra`` files (``load_kb``).
    """
    from comity.extract.actors.kb import ActorKB, load_kb

    given = ctx.find_object(ActorKB)
    if given is None:
        return load_kb(extra)
    if extra:
        raise ConfigError("--actors cannot add files to an actor KB handed to the app")
    return given


@contextmanager
def opened_store(db: str, *, read_only: bool = True) -> Iterator[Store]:
    if read_only and db != ":memory:" and "://" not in db and not os.path.exists(db):
        # A wrong --db is a usage error (exit 2), like any other bad option value.
        raise ConfigError(f"--db: no database at {db!r}; run `comity run PATH --db {db}` first")
    store = open_store_backend(make_settings(db=db), read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise QueryError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    return fmt


def output_rows(rows: Sequence[dict[str, Any]], fmt: str, *, columns: Sequence[str], title: str = "") -> None:
    """Print ``rows`` as a rich table (``columns`` only), JSON Lines or CSV (all fields)."""
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return
    if fmt == "csv":
        fields = list(rows[0]) if rows else list(columns)
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _flat(v) for k, v in row.items()})
        return
    table = Table(title=title or None, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    out_console().print(table)


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
