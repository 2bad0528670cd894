"""The SQL that DuckDB and PostgreSQL spell differently; everything else is written once.

A ``SqlDialect`` turns the one SQL text the store core and the query layer write (DuckDB's
``?`` placeholders, DuckDB DDL) into what its database accepts, and builds the few
expressions with no common spelling (JSON look-ups, row locks). It holds no connection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

#: Serialises concurrent migrations of one PostgreSQL database (any constant bigint will do).
MIGRATION_LOCK = 7_236_110_517


class SqlDialect:
    """DuckDB's SQL, the text every query is written in: most hooks return their input."""

    name = "duckdb"
    #: Appended to a SELECT whose rows must stay locked until the transaction ends (DuckDB has
    #: one writer per file, so it needs no lock and has no syntax for one).
    lock_rows = ""
    #: A statement that, inside a transaction, waits until no other process migrates the
    #: schema (empty: DuckDB's single writer needs none).
    schema_lock = ""

    def placeholders(self, sql: str) -> str:
        """``sql`` (with ``?`` placeholders) as the driver wants it."""
        return sql

    def ddl(self, statement: str) -> str:
        """A schema statement of ``comity.store.schema`` (DuckDB DDL) for this database."""
        return statement

    def json_array_has_value(self, arrays: Sequence[str], keys: Sequence[str], value: str) -> str:
        """SQL that is true when an object of one of the JSON arrays ``arrays`` holds ``value``
        under one of ``keys``. ``arrays`` and ``value`` are SQL expressions (JSON text, a string)."""
        found = ", ".join(f"json_extract_string({array}, '$[*].{key}')" for array in arrays for key in keys)
        return f"list_has_any(list_concat({found}), [{value}])"


class PostgresDialect(SqlDialect):
    """PostgreSQL: ``%s`` placeholders, ``DOUBLE PRECISION``, ``FOR UPDATE`` and its JSON functions."""

    name = "postgres"
    lock_rows = " FOR UPDATE"
    schema_lock = f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"

    def placeholders(self, sql: str) -> str:
        return to_pyformat(sql)

    def ddl(self, statement: str) -> str:
        return postgres_ddl(statement)

    def json_array_has_value(self, arrays: Sequence[str], keys: Sequence[str], value: str) -> str:
        # ``value`` appears once, so the query binds the same parameters as on DuckDB.
        items = " UNION ALL ".join(f"SELECT json_array_elements(({array})::json)" for array in arrays)
        fields = ", ".join(f"item.o ->> '{key}'" for key in keys)
        return f"EXISTS (SELECT 1 FROM ({items}) AS item(o) WHERE {value} IN ({fields}))"


DUCKDB = SqlDialect()
POSTGRES = PostgresDialect()


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
