"""PostgreSQL backend (``postgres.v1``): the same schema and behaviour as DuckDB, for shared use.

Selected by a ``postgresql://`` URL as ``--db``. Every batch is one transaction; rows are
inserted with ``ON CONFLICT DO NOTHING`` (articles are upserted, as an article ingested without
analysis is replaced once analysed), so re-running adds nothing. Readers on other connections
see whole batches only (MVCC). Queries written with DuckDB's ``?`` placeholders are translated
to psycopg's ``%s``. Needs the ``[postgres]`` extra.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypeVar

from comity._version import __version__
from comity.errors import MissingExtraError, SchemaError, StorageError
from comity.records import DocumentResult, Rejection, RunReport
from comity.store import rows
from comity.store.base import Closing, watch_state_rows
from comity.store.pg_export import export_rows
from comity.store.schema import MIGRATIONS, TABLES

T = TypeVar("T")

INSTALL_HINT = "PostgreSQL stores need the [postgres] extra: pip install 'comity[postgres]'"
#: Serialises concurrent migrations of one database (any constant bigint will do).
MIGRATION_LOCK = 7_236_110_517


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise MissingExtraError(INSTALL_HINT) from exc
    return psycopg


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


@lru_cache(maxsize=256)
def to_pyformat(sql: str) -> str:
    """``?`` placeholders -> ``%s`` (and ``%`` -> ``%%``), leaving quoted text alone."""
    out: list[str] = []
    for i, part in enumerate(re.split(r"""('(?:[^']|'')*'|"(?:[^"]|"")*")""", sql)):
        out.append(part.replace("%", "%%") if i % 2 else part.replace("%", "%%").replace("?", "%s"))
    return "".join(out)


def postgres_ddl(statement: str) -> str:
    """DuckDB DDL -> PostgreSQL DDL (only ``DOUBLE`` differs in our schema)."""
    return re.sub(r"\bDOUBLE\b(?!\s+PRECISION)", "DOUBLE PRECISION", statement)


class PostgresStore(Closing):
    """A ``Store`` on a PostgreSQL database; one connection per store object."""

    name = "postgres.v1"

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.psycopg = _psycopg()
        self.url = url
        from psycopg.rows import dict_row

        try:
            self._con = self.psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except self.psycopg.Error as exc:
            raise StorageError(f"cannot connect to {redact(url)}: {str(exc).strip()}") from exc
        _load_numbers_as_python(self._con)
        if read_only:
            self._con.execute("SET default_transaction_read_only = on")

    def _wrap(self, action: str, func: Callable[[], T]) -> T:
        try:
            return func()
        except self.psycopg.Error as exc:
            raise StorageError(f"{action} failed: {str(exc).strip()}") from exc

    def _transaction(self, action: str, work: Callable[[Any], T]) -> T:
        def run() -> T:
            with self._con.transaction(), self._con.cursor() as cur:
                return work(cur)

        return self._wrap(action, run)

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        return self._transaction("migrating the schema", self._migrate)

    def _migrate(self, cur: Any) -> list[str]:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK])
        cur.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at VARCHAR)"
        )
        applied = {int(r["version"]) for r in cur.execute("SELECT version FROM schema_migrations")}
        known = {version for version, _, _ in MIGRATIONS}
        if applied - known:
            raise SchemaError(
                f"database {redact(self.url)!r} has schema versions {sorted(applied - known)} unknown "
                f"to comity {__version__}; upgrade comity"
            )
        done = []
        for version, name, statements in MIGRATIONS:
            if version not in applied:
                for statement in statements:
                    cur.execute(postgres_ddl(statement))
                cur.execute("INSERT INTO schema_migrations VALUES (%s, %s, %s)", [version, name, _now()])
                done.append(name)
        return done

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
            analysed, params = " AND pipeline_version = %s", [wanted, version]
        sql = f"SELECT id FROM articles WHERE id = ANY(%s){analysed}"
        return {r["id"] for r in self._wrap("query", lambda: self._con.execute(sql, params).fetchall())}

    def fingerprints(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        for row in self.fetch("SELECT id, fingerprint FROM articles ORDER BY ingested_at, id"):
            yield row["id"], tuple(json.loads(row["fingerprint"] or "[]"))

    def write_batch(
        self, results: Sequence[DocumentResult], rejections: Sequence[Rejection], *, run_id: str
    ) -> None:
        tables = rows.batch_tables(results, rejections, run_id=run_id, now=_now())
        analysed = [r.article.id for r in results if r.analysed]

        def work(cur: Any) -> None:
            _replace_analyses(cur, analysed, tables["articles"])
            _insert_all(cur, tables)

        self._transaction("writing a batch", work)

    def record_run(self, report: RunReport) -> None:
        row = rows_of_run(report)
        self._transaction("recording the run", lambda cur: _upsert(cur, "runs", [row]))

    def put_watch_state(self, kind: str, values: Mapping[str, Any]) -> None:
        state = watch_state_rows(kind, values, _now())
        if state:
            self._transaction("saving watch state", lambda cur: _upsert(cur, "watch_state", state))

    def set_event_clusters(self, clusters: Mapping[str, str]) -> None:
        pairs = [(cluster, event) for event, cluster in clusters.items()]
        if pairs:
            sql = "UPDATE events SET cluster_id = %s WHERE id = %s"
            self._transaction("setting event clusters", lambda cur: cur.executemany(sql, pairs))

    # -- reads ----------------------------------------------------------------------------
    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        query = to_pyformat(sql)
        result: list[dict[str, Any]] = self._wrap(
            "query", lambda: self._con.execute(query, list(params)).fetchall()
        )
        return result

    def export(self, table: str, path: str, fmt: str) -> int:
        if table not in TABLES:
            raise StorageError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")

        def chunks() -> Iterator[list[tuple[Any, ...]]]:
            with self._con.transaction(), self._con.cursor(name=f"export_{table}") as cur:
                cur.row_factory = self.psycopg.rows.tuple_row
                cur.execute(f"SELECT * FROM {table}")
                while batch := cur.fetchmany(5000):
                    yield batch

        return self._wrap(f"exporting {table}", lambda: export_rows(table, chunks(), path, fmt))

    def close(self) -> None:
        self._con.close()


def rows_of_run(report: RunReport) -> dict[str, Any]:
    dumps = json.dumps
    return {
        "id": report.run_id,
        "started": report.started,
        "finished": report.finished,
        "settings": dumps(report.settings, sort_keys=True),
        "versions": dumps(report.versions, sort_keys=True),
        "inputs": report.inputs,
        "stored": report.stored,
        "duplicates": report.duplicates,
        "near_duplicates": report.near_duplicates,
        "rejected": report.rejected,
        "skipped": report.skipped,
        "events": report.events,
        "mentions": report.mentions,
        "timings": dumps(report.timings, sort_keys=True),
    }


def _replace_analyses(cur: Any, doc_ids: list[str], article_rows: list[dict[str, Any]]) -> None:
    """Inside the batch's transaction: drop the records of documents analysed before (as DuckDB)."""
    if not doc_ids:
        return
    cur.execute(
        "SELECT id, pipeline_version, near_duplicate_of FROM articles WHERE id = ANY(%s) FOR UPDATE",
        [doc_ids],
    )
    stored = [(r["id"], r["pipeline_version"], r["near_duplicate_of"]) for r in cur.fetchall()]
    links = {doc_id: link for doc_id, _, link in stored if link}
    for row in article_rows:
        if row["near_duplicate_of"] is None and row["id"] in links:
            row["near_duplicate_of"] = links[row["id"]]
    again = [doc_id for doc_id, version, _ in stored if version is not None]
    if again:
        for table in rows.ANALYSIS_TABLES:
            cur.execute(f"DELETE FROM {table} WHERE doc_id = ANY(%s)", [again])


def _insert_all(cur: Any, tables: dict[str, list[dict[str, Any]]]) -> None:
    for table, table_rows in tables.items():
        if not table_rows:
            continue
        # An article first ingested without analysis is replaced once it is analysed.
        if table == "articles":
            _upsert(cur, table, table_rows)
        else:
            _insert(cur, table, table_rows, "ON CONFLICT (id) DO NOTHING")


def _upsert(cur: Any, table: str, table_rows: list[dict[str, Any]]) -> None:
    updates = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in table_rows[0] if c != "id")
    _insert(cur, table, table_rows, f"ON CONFLICT (id) DO UPDATE SET {updates}")


def _insert(cur: Any, table: str, table_rows: list[dict[str, Any]], conflict: str) -> None:
    columns = list(table_rows[0])
    quoted = ", ".join(f'"{c}"' for c in columns)
    placeholders = ", ".join("%s" for _ in columns)
    cur.executemany(
        f"INSERT INTO {table} ({quoted}) VALUES ({placeholders}) {conflict}",
        [[r[c] for c in columns] for r in table_rows],
    )


def _load_numbers_as_python(con: Any) -> None:
    """``numeric`` (from sum/avg) as int or float, as DuckDB returns them, never ``Decimal``."""
    from psycopg.adapt import Loader

    class NumberLoader(Loader):
        def load(self, data: Any) -> int | float:
            text = bytes(data).decode("ascii")
            return int(text) if text.lstrip("-").isdigit() else float(text)

    con.adapters.register_loader("numeric", NumberLoader)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
