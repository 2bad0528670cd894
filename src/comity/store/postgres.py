"""PostgreSQL backend (``postgres.v1``): the same schema and behaviour as DuckDB, for shared use.

Selected by a ``postgresql://`` URL as ``--db``. Every batch is one transaction; rows are
inserted with ``ON CONFLICT DO NOTHING`` (articles are upserted, as an article ingested without
analysis is replaced once analysed), so re-running adds nothing. Readers on other connections
see whole batches only (MVCC). Queries written with DuckDB's ``?`` placeholders are translated
to psycopg's ``%s``. Needs the ``[postgres]`` extra.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from comity.errors import MissingExtraError, StorageError
from comity.store.dialect import POSTGRES
from comity.store.pg_export import export_rows
from comity.store.sql import SqlStore

INSTALL_HINT = "PostgreSQL stores need the [postgres] extra: pip install 'comity[postgres]'"


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise MissingExtraError(INSTALL_HINT) from exc
    return psycopg


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresStore(SqlStore):
    """A ``Store`` on a PostgreSQL database; one connection per store object."""

    name = "postgres.v1"
    dialect = POSTGRES

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.psycopg = _psycopg()
        self.driver_errors = (self.psycopg.Error,)
        self.url = url
        self.location = redact(url)
        from psycopg.rows import dict_row

        try:
            self._con = self.psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except self.psycopg.Error as exc:
            raise StorageError(f"cannot connect to {redact(url)}: {str(exc).strip()}") from exc
        _load_numbers_as_python(self._con)
        if read_only:
            self._con.execute("SET default_transaction_read_only = on")

    def _error_text(self, exc: Exception) -> str:
        return str(exc).strip()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._con.execute(self.dialect.placeholders(sql), list(params))

    def _execute_many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        with self._con.cursor() as cur:
            cur.executemany(self.dialect.placeholders(sql), params)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._con.execute(
            self.dialect.placeholders(sql), list(params)
        ).fetchall()
        return result

    def _transaction_scope(self) -> AbstractContextManager[object]:
        scope: AbstractContextManager[object] = self._con.transaction()
        return scope

    def _insert_rows(
        self, head: str, conflict: str, columns: list[str], table_rows: list[dict[str, Any]]
    ) -> None:
        placeholders = ", ".join("?" for _ in columns)
        self._execute_many(
            f"{head} VALUES ({placeholders}) {conflict}", [[r[c] for c in columns] for r in table_rows]
        )

    def _export(self, table: str, path: str, fmt: str) -> int:
        def chunks() -> Iterator[list[tuple[Any, ...]]]:
            with self._con.transaction(), self._con.cursor(name=f"export_{table}") as cur:
                cur.row_factory = self.psycopg.rows.tuple_row
                cur.execute(f"SELECT * FROM {table}")
                while batch := cur.fetchmany(5000):
                    yield batch

        return self._wrap(f"exporting {table}", lambda: export_rows(table, chunks(), path, fmt))

    def close(self) -> None:
        self._con.close()


def _load_numbers_as_python(con: Any) -> None:
    """``numeric`` (from sum/avg) as int or float, as DuckDB returns them, never ``Decimal``."""
    from psycopg.adapt import Loader

    class NumberLoader(Loader):
        def load(self, data: Any) -> int | float:
            text = bytes(data).decode("ascii")
            return int(text) if text.lstrip("-").isdigit() else float(text)

    con.adapters.register_loader("numeric", NumberLoader)
