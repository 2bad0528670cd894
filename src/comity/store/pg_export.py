"""Export for non-DuckDB stores: rows are staged in a temporary DuckDB file, then written by
DuckDB's own ``COPY``, so every backend produces the same parquet, csv and jsonl files."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from comity.errors import StorageError
from comity.store.schema import MIGRATIONS

EXPORT_FORMATS = {"parquet": "(FORMAT PARQUET)", "csv": "(FORMAT CSV, HEADER)", "jsonl": "(FORMAT JSON)"}


def _create_statement(table: str) -> str:
    for _, _, statements in MIGRATIONS:
        for statement in statements:
            if statement.split("(", 1)[0].split()[-1] == table:
                return statement
    raise StorageError(f"no definition of table {table!r}")


def export_rows(table: str, chunks: Iterable[Sequence[tuple[Any, ...]]], path: str, fmt: str) -> int:
    """Write ``table``'s rows (in chunks, columns in schema order) to ``path``; return the count."""
    if fmt not in EXPORT_FORMATS:
        raise StorageError(f"unknown export format {fmt!r}; formats: {', '.join(EXPORT_FORMATS)}")
    count = 0
    with tempfile.TemporaryDirectory(prefix="comity-export-") as tmp:
        con = duckdb.connect(str(Path(tmp) / "stage.duckdb"))
        try:
            con.execute(_create_statement(table))
            width = len(con.execute(f"SELECT * FROM {table} LIMIT 0").description or [])
            insert = f"INSERT INTO {table} VALUES ({', '.join('?' for _ in range(width))})"
            for chunk in chunks:
                con.executemany(insert, [list(row) for row in chunk])
                count += len(chunk)
            target = path.replace("'", "''")
            con.execute(f"COPY {table} TO '{target}' {EXPORT_FORMATS[fmt]}")
        except duckdb.Error as exc:
            raise StorageError(f"exporting {table} failed: {exc}") from exc
        finally:
            con.close()
    return count
