"""The SQL store core: migrations, batches, re-analysis, runs and reads, written once.

A backend (DuckDB, PostgreSQL) subclasses ``SqlStore``: it connects, and supplies the few
driver-level hooks below (run a statement, fetch rows, scope a transaction, insert many rows,
export a table). Its ``dialect`` spells the SQL that differs. Every statement here is written
in DuckDB's SQL with ``?`` placeholders; the dialect translates it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, TypeVar

from comity._version import __version__
from comity.errors import SchemaError, StorageError
from comity.records import DocumentResult, Rejection, RunReport
from comity.store import rows
from comity.store.base import Closing, watch_state_rows
from comity.store.dialect import SqlDialect
from comity.store.schema import MIGRATIONS, TABLES

T = TypeVar("T")

CREATE_MIGRATIONS_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at VARCHAR)"


class SqlStore(Closing):
    """A ``Store`` on a SQL database; subclasses connect and implement the hooks."""

    name: str
    dialect: SqlDialect
    #: The driver's error classes: each one raised is reported as a ``StorageError``.
    driver_errors: tuple[type[Exception], ...]
    #: How messages name the database (a path, or a URL without its password).
    location: str

    # -- hooks a backend implements ----------------------------------------------------------
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement (``?`` placeholders) that returns no rows."""
        raise NotImplementedError

    def _execute_many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        """Run one statement once per parameter row."""
        raise NotImplementedError

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one query; rows as dicts."""
        raise NotImplementedError

    def _transaction_scope(self) -> AbstractContextManager[object]:
        """A block that commits when it ends and rolls back when it raises."""
        raise NotImplementedError

    def _insert_rows(
        self, head: str, conflict: str, columns: list[str], table_rows: list[dict[str, Any]]
    ) -> None:
        """``head`` (INSERT INTO t (columns)), the rows' values, then ``conflict`` (ON CONFLICT ...)."""
        raise NotImplementedError

    def _export(self, table: str, path: str, fmt: str) -> int:
        """Write the known table ``table`` to ``path`` as ``fmt``; return the row count."""
        raise NotImplementedError

    def _error_text(self, exc: Exception) -> str:
        """A driver error as a message says it."""
        return str(exc)

    # -- errors and transactions -------------------------------------------------------------
    def _wrap(self, action: str, func: Callable[[], T]) -> T:
        """Run ``func``, turning every driver error into our ``StorageError``."""
        try:
            return func()
        except self.driver_errors as exc:
            raise StorageError(f"{action} failed: {self._error_text(exc)}") from exc

    def _transaction(self, action: str, work: Callable[[], T]) -> T:
        """Run ``work`` in one transaction: all of it or none."""

        def scoped() -> T:
            with self._transaction_scope():
                return work()

        return self._wrap(action, scoped)

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        self._transaction("creating schema_migrations", self._create_migrations_table)
        applied = {int(r["version"]) for r in self.fetch("SELECT version FROM schema_migrations")}
        unknown = applied - {version for version, _, _ in MIGRATIONS}
        if unknown:
            raise SchemaError(
                f"database {self.location!r} has schema versions {sorted(unknown)} unknown to comity "
                f"{__version__}; upgrade comity"
            )
        done = []
        for version, name, statements in MIGRATIONS:
            apply = functools.partial(self._apply, statements, version, name)
            if version not in applied and self._transaction(f"migration {name}", apply):
                done.append(name)
        return done

    def _lock_schema(self) -> None:
        """Inside a transaction: wait until no other process is migrating this database."""
        if self.dialect.schema_lock:
            self._execute(self.dialect.schema_lock)

    def _create_migrations_table(self) -> None:
        self._lock_schema()
        self._execute(CREATE_MIGRATIONS_TABLE)

    def _apply(self, statements: list[str], version: int, name: str) -> bool:
        """Apply one migration unless another process did meanwhile; True when this one did."""
        self._lock_schema()
        if self._rows("SELECT version FROM schema_migrations WHERE version = ?", [version]):
            return False
        for statement in statements:
            self._execute(self.dialect.ddl(statement))
        self._execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _now()])
        return True

    def migrations(self) -> list[dict[str, Any]]:
        return self.fetch("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")

    # -- writes ---------------------------------------------------------------------------
    def known_article_ids(
        self, ids: Iterable[str], *, analysed_only: bool = False, version: str | None = None
    ) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        params: list[Any] = [wanted]
        analysed = " AND pipeline_version IS NOT NULL" if analysed_only else ""
        if analysed_only and version is not None:
            analysed, params = " AND pipeline_version = ?", [wanted, version]
        found = self.fetch(f"SELECT id FROM articles WHERE id = ANY(?){analysed}", params)
        return {r["id"] for r in found}

    def article_versions(self, ids: Iterable[str]) -> dict[str, str | None]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        found = self.fetch("SELECT id, pipeline_version FROM articles WHERE id = ANY(?)", [wanted])
        return {r["id"]: r["pipeline_version"] for r in found}

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
        stored = self._rows(
            "SELECT id, pipeline_version, near_duplicate_of FROM articles WHERE id = ANY(?)"
            + self.dialect.lock_rows,
            [doc_ids],
        )
        links = {r["id"]: r["near_duplicate_of"] for r in stored if r["near_duplicate_of"]}
        for row in article_rows:
            if row["near_duplicate_of"] is None and row["id"] in links:
                row["near_duplicate_of"] = links[row["id"]]
        again = [r["id"] for r in stored if r["pipeline_version"] is not None]
        if again:
            for table in rows.ANALYSIS_TABLES:
                self._execute(f"DELETE FROM {table} WHERE doc_id = ANY(?)", [again])

    def _insert_all(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        for table, table_rows in tables.items():
            # An article first ingested without analysis is replaced once it is analysed.
            self._insert(table, table_rows, replace=table == "articles")

    def _insert(self, table: str, table_rows: list[dict[str, Any]], *, replace: bool) -> None:
        """Insert ``table_rows``; a row whose id is stored already replaces it or is skipped."""
        if not table_rows:
            return
        unique = list({row["id"]: row for row in table_rows}.values())
        columns = list(unique[0])
        quoted = ", ".join(f'"{c}"' for c in columns)
        updates = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in columns if c != "id")
        conflict = f"ON CONFLICT (id) DO UPDATE SET {updates}" if replace else "ON CONFLICT (id) DO NOTHING"
        self._insert_rows(f"INSERT INTO {table} ({quoted})", conflict, columns, unique)

    def record_run(self, report: RunReport) -> None:
        row = rows.run_row(report)
        self._transaction("recording the run", lambda: self._insert("runs", [row], replace=True))

    def set_event_clusters(self, clusters: Mapping[str, str]) -> None:
        if clusters:
            # One statement over two unnested lists: an UPDATE per event (executemany) took
            # most of the consolidation step on a few thousand events.
            ids, cluster_ids = list(clusters), list(clusters.values())
            self._transaction(
                "setting event clusters", lambda: self._execute(_SET_CLUSTERS, [ids, cluster_ids])
            )

    def put_watch_state(self, kind: str, values: Mapping[str, Any]) -> None:
        state = watch_state_rows(kind, values, _now())
        if state:
            self._transaction("saving watch state", lambda: self._insert("watch_state", state, replace=True))

    # -- reads ----------------------------------------------------------------------------
    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self._wrap("query", lambda: self._rows(sql, params))

    def export(self, table: str, path: str, fmt: str) -> int:
        if table not in TABLES:
            raise StorageError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
        return self._export(table, path, fmt)


_SET_CLUSTERS = (
    "UPDATE events SET cluster_id = pairs.cluster_id"
    " FROM (SELECT unnest(CAST(? AS TEXT[])) AS id, unnest(CAST(? AS TEXT[])) AS cluster_id) AS pairs"
    " WHERE events.id = pairs.id"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
