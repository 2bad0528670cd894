"""DuckDB backend (``duckdb.v1``): a single file, zero set-up, the default store."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from comity._version import __version__
from comity.errors import SchemaError, StorageError
from comity.records import DocumentResult, Rejection, RunReport
from comity.store import rows
from comity.store.base import Closing, watch_state_rows
from comity.store.schema import MIGRATIONS, TABLES

T = TypeVar("T")

#: A writer inserts small batches, which gain nothing from DuckDB's thread pool; every extra
#: thread keeps its own allocator caches, and the allocator kept up to 128 MB it no longer used:
#: both made a long run's memory creep. Handing memory back after each batch costs ~1 ms/doc.
WRITER_CONFIG: dict[str, str | bool | int | float | list[str]] = {"threads": 1}
#: Set after connecting, and skipped on a DuckDB too old to know them (they only save memory).
WRITER_SETTINGS = {"allocator_flush_threshold": "0MB", "allocator_bulk_deallocation_flush_threshold": "0MB"}
EXPORT_FORMATS = {"parquet": "(FORMAT PARQUET)", "csv": "(FORMAT CSV, HEADER)", "jsonl": "(FORMAT JSON)"}


def _wrap(action: str, func: Callable[[], T]) -> T:
    """Run ``func``, turning every DuckDB error into our ``StorageError``."""
    try:
        return func()
    except duckdb.Error as exc:
        raise StorageError(f"{action} failed: {exc}") from exc


class DuckDBStore(Closing):
    """The default ``Store``: one DuckDB file, one transaction per batch."""

    name = "duckdb.v1"

    def __init__(self, path: str, *, read_only: bool = False) -> None:
        self.path = path
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

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        con = self._con
        _wrap(
            "creating schema_migrations",
            lambda: con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at VARCHAR)"
            ),
        )
        applied = {int(r[0]) for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
        known = {version for version, _, _ in MIGRATIONS}
        if applied - known:
            raise SchemaError(
                f"database {self.path!r} has schema versions {sorted(applied - known)} unknown to comity "
                f"{__version__}; upgrade comity"
            )
        done = []
        for version, name, statements in MIGRATIONS:
            if version in applied:
                continue
            self._transaction(f"migration {name}", functools.partial(self._apply, statements, version, name))
            done.append(name)
        return done

    def _apply(self, statements: list[str], version: int, name: str) -> None:
        for statement in statements:
            self._con.execute(statement)
        self._con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _now()])

    def migrations(self) -> list[dict[str, Any]]:
        return self.fetch("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")

    # -- writes ---------------------------------------------------------------------------
    def known_article_ids(
        self, ids: Iterable[str], *, analysed_only: bool = False, version: str | None = None
    ) -> set[str]:
        wanted: list[Any] = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        placeholders = ", ".join("?" for _ in wanted)
        analysed = " AND pipeline_version IS NOT NULL" if analysed_only else ""
        if analysed_only and version is not None:
            analysed, wanted = " AND pipeline_version = ?", [*wanted, version]
        found = self.fetch(f"SELECT id FROM articles WHERE id IN ({placeholders}){analysed}", wanted)
        return {r["id"] for r in found}

    def fingerprints(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        for row in self.fetch("SELECT id, fingerprint FROM articles ORDER BY ingested_at, id"):
            yield row["id"], tuple(json.loads(row["fingerprint"] or "[]"))

    def write_batch(
        self, results: Sequence[DocumentResult], rejections: Sequence[Rejection], *, run_id: str
    ) -> None:
        tables = rows.batch_tables(results, rejections, run_id=run_id, now=_now())
        analysed = [r.article.id for r in results if r.analysed]

        def work() -> None:
            self._replace_analyses(analysed, tables["articles"])
            self._insert_all(tables)

        self._transaction("writing a batch", work)

    def _replace_analyses(self, doc_ids: list[str], article_rows: list[dict[str, Any]]) -> None:
        """Inside the batch's transaction: drop the records of documents analysed before.

        A document is analysed again only when its stored ``pipeline_version`` differs; its old
        mentions, times, events and facts go, and the new ones are inserted in the same
        transaction. A near-duplicate link made when it was first stored is kept.
        """
        if not doc_ids:
            return
        marks = ", ".join("?" for _ in doc_ids)
        stored = self._con.execute(
            f"SELECT id, pipeline_version, near_duplicate_of FROM articles WHERE id IN ({marks})", doc_ids
        ).fetchall()
        links = {doc_id: link for doc_id, _, link in stored if link}
        for row in article_rows:
            if row["near_duplicate_of"] is None and row["id"] in links:
                row["near_duplicate_of"] = links[row["id"]]
        again = [doc_id for doc_id, version, _ in stored if version is not None]
        if not again:
            return
        marks = ", ".join("?" for _ in again)
        for table in rows.ANALYSIS_TABLES:
            self._con.execute(f"DELETE FROM {table} WHERE doc_id IN ({marks})", again)

    def _insert_all(self, tables: dict[str, list[dict[str, Any]]], *, replace: bool = False) -> None:
        for table, table_rows in tables.items():
            if not table_rows:
                continue
            unique = list({row["id"]: row for row in table_rows}.values())
            columns = list(unique[0])
            quoted = ", ".join(f'"{c}"' for c in columns)
            # An article first ingested without analysis is replaced once it is analysed.
            verb = "INSERT OR REPLACE" if replace or table == "articles" else "INSERT OR IGNORE"
            # One list parameter per column, unnested: binding thousands of scalar parameters in
            # a multi-row VALUES (or running executemany row by row) dominated run time.
            unnested = ", ".join(f"unnest(${n})" for n in range(1, len(columns) + 1))
            self._con.execute(
                f"{verb} INTO {table} ({quoted}) SELECT {unnested}", [[r[c] for r in unique] for c in columns]
            )

    def record_run(self, report: RunReport) -> None:
        row = {
            "id": report.run_id,
            "started": report.started,
            "finished": report.finished,
            "settings": json.dumps(report.settings, sort_keys=True),
            "versions": json.dumps(report.versions, sort_keys=True),
            "inputs": report.inputs,
            "stored": report.stored,
            "duplicates": report.duplicates,
            "near_duplicates": report.near_duplicates,
            "rejected": report.rejected,
            "skipped": report.skipped,
            "events": report.events,
            "mentions": report.mentions,
            "timings": json.dumps(report.timings, sort_keys=True),
        }
        columns = ", ".join(row)
        placeholders = ", ".join("?" for _ in row)
        self._transaction(
            "recording the run",
            lambda: self._con.execute(
                f"INSERT OR REPLACE INTO runs ({columns}) VALUES ({placeholders})", list(row.values())
            ),
        )

    def set_event_clusters(self, clusters: Mapping[str, str]) -> None:
        pairs = [[cluster, event] for event, cluster in clusters.items()]
        if pairs:
            self._transaction(
                "setting event clusters",
                lambda: self._con.executemany("UPDATE events SET cluster_id = ? WHERE id = ?", pairs),
            )

    def put_watch_state(self, kind: str, values: Mapping[str, Any]) -> None:
        state = watch_state_rows(kind, values, _now())
        if state:
            self._transaction(
                "saving watch state", lambda: self._insert_all({"watch_state": state}, replace=True)
            )

    def _transaction(self, action: str, work: Callable[[], object]) -> None:
        con = self._con
        _wrap(action, con.begin)
        try:
            work()
        except BaseException as exc:
            con.rollback()
            if isinstance(exc, duckdb.Error):
                raise StorageError(f"{action} failed: {exc}") from exc
            raise
        _wrap(action, con.commit)

    # -- reads ----------------------------------------------------------------------------
    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        def run() -> list[dict[str, Any]]:
            cursor = self._con.execute(sql, list(params))
            names = [d[0] for d in cursor.description or []]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

        return _wrap("query", run)

    def export(self, table: str, path: str, fmt: str) -> int:
        if table not in TABLES:
            raise StorageError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
        if fmt not in EXPORT_FORMATS:
            raise StorageError(f"unknown export format {fmt!r}; formats: {', '.join(EXPORT_FORMATS)}")
        count = int(self.fetch(f"SELECT count(*) AS n FROM {table}")[0]["n"])
        target = path.replace("'", "''")
        _wrap(
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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
