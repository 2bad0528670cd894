"""DuckDB backend (``duckdb.v1``): a single file, zero set-up, the default store."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from comity.errors import StorageError
from comity.store.dialect import DUCKDB
from comity.store.pg_export import EXPORT_FORMATS
from comity.store.sql import SqlStore

T = TypeVar("T")

#: A writer inserts small batches, which gain nothing from DuckDB's thread pool; every extra
#: thread keeps its own allocator caches, and the allocator kept up to 128 MB it no longer used:
#: both made a long run's memory creep. Handing memory back after each batch costs ~1 ms/doc.
WRITER_CONFIG: dict[str, str | bool | int | float | list[str]] = {"threads": 1}
#: Set after connecting, and skipped on a DuckDB too old to know them (they only save memory).
WRITER_SETTINGS = {"allocator_flush_threshold": "0MB", "allocator_bulk_deallocation_flush_threshold": "0MB"}


def _wrap(action: str, func: Callable[[], T]) -> T:
    """Run ``func``, turning every DuckDB error into our ``StorageError`` (before a store exists)."""
    try:
        return func()
    except duckdb.Error as exc:
        raise StorageError(f"{action} failed: {exc}") from exc


class DuckDBStore(SqlStore):
    """The default ``Store``: one DuckDB file, one transaction per batch."""

    name = "duckdb.v1"
    dialect = DUCKDB
    driver_errors = (duckdb.Error,)

    def __init__(self, path: str, *, read_only: bool = False) -> None:
        self.path = self.location = path
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StorageError(f"cannot open database {path!r}: folder {str(parent)!r} does not exist")
            if read_only and not Path(path).exists():
                raise StorageError(f"no database at {path!r}; run `comity run PATH --db {path}` first")
        config: dict[str, str | bool | int | float | list[str]] = {} if read_only else WRITER_CONFIG
        self._con = _wrap(f"opening {path!r}", lambda: _connect(path, read_only=read_only, config=config))
        for name, value in ({} if read_only else WRITER_SETTINGS).items():
            try:
                self._con.execute(f"SET {name} = '{value}'")
            except duckdb.Error:  # an older DuckDB without this setting
                continue

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._con.execute(sql, list(params))

    def _execute_many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        self._con.executemany(sql, [list(p) for p in params])

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._con.execute(sql, list(params))
        names = [d[0] for d in cursor.description or []]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    @contextmanager
    def _transaction_scope(self) -> Iterator[None]:
        self._con.begin()
        try:
            yield
        except BaseException:
            self._con.rollback()
            raise
        self._con.commit()

    def _insert_rows(
        self, head: str, conflict: str, columns: list[str], table_rows: list[dict[str, Any]]
    ) -> None:
        # One list parameter per column, unnested: binding thousands of scalar parameters in
        # a multi-row VALUES (or running executemany row by row) dominated run time.
        unnested = ", ".join(f"unnest(${n})" for n in range(1, len(columns) + 1))
        self._con.execute(
            f"{head} SELECT {unnested} {conflict}", [[r[c] for r in table_rows] for c in columns]
        )

    def _export(self, table: str, path: str, fmt: str) -> int:
        if fmt not in EXPORT_FORMATS:
            raise StorageError(f"unknown export format {fmt!r}; formats: {', '.join(EXPORT_FORMATS)}")
        count = int(self.fetch(f"SELECT count(*) AS n FROM {table}")[0]["n"])
        target = path.replace("'", "''")
        self._wrap(
            f"exporting {table}",
            lambda: self._con.execute(f"COPY {table} TO '{target}' {EXPORT_FORMATS[fmt]}"),
        )
        return count

    def close(self) -> None:
        self._con.close()


def _connect(path: str, *, read_only: bool, config: dict[str, Any]) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        holder = re.search(r"\(PID (\d+)\)", str(exc))
        who = f"process {holder.group(1)}" if holder else "another process"
        raise StorageError(
            f"database {path!r} is in use by {who} (a `comity serve` or another run?): a DuckDB file "
            "has one writer and no other process may open it meanwhile; stop that process, or use "
            "PostgreSQL (--db postgresql://...) to read while ingesting"
        ) from None
