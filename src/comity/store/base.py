"""The ``Store`` interface every backend implements (DuckDB, PostgreSQL), and picking one."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, Self

from comity.config import Settings
from comity.records import DocumentResult, Rejection, RunReport
from comity.registry import stores
from comity.store.dialect import SqlDialect


class Store(Protocol):
    """Records in, rows out. One ``write_batch`` is one transaction: all of it or none."""

    name: str
    #: How this store spells the SQL that differs between databases (JSON look-ups, ...).
    dialect: SqlDialect

    def migrate(self) -> list[str]:
        """Apply pending schema migrations; return the names applied."""
        ...

    def known_article_ids(
        self, ids: Iterable[str], *, analysed_only: bool = False, version: str | None = None
    ) -> set[str]:
        """Which of ``ids`` are stored already (and, with ``analysed_only``, have been analysed;
        with ``version`` too, by that pipeline version: others are analysed again)."""
        ...

    def article_versions(self, ids: Iterable[str]) -> dict[str, str | None]:
        """The stored ones of ``ids``, each with the pipeline version that analysed it (None: only
        ingested): what a run needs to tell a duplicate from an article to analyse, in one query."""
        ...

    def fingerprints(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        """(article id, minhash signature) of every stored article, for near-duplicate links."""
        ...

    def write_batch(
        self, results: Sequence[DocumentResult], rejections: Sequence[Rejection], *, run_id: str
    ) -> None:
        """Write documents and their records atomically; re-writing the same rows is a no-op.

        An analysed document that was analysed before (by another pipeline version) has its
        mentions, times, events and facts replaced in the same transaction, and its article row
        records the current ``comity._version.__version__`` as ``pipeline_version``.
        """
        ...

    def record_run(self, report: RunReport) -> None:
        """Insert or update the ``runs`` row of ``report``."""
        ...

    def set_event_clusters(self, clusters: Mapping[str, str]) -> None:
        """Set ``events.cluster_id`` from an event id -> cluster id mapping, in one transaction."""
        ...

    def put_watch_state(self, kind: str, values: Mapping[str, Any]) -> None:
        """Insert or replace ``watch_state`` rows of ``kind`` (key -> JSON value), in one transaction."""
        ...

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a read-only query with bound parameters; rows as dicts."""
        ...

    def export(self, table: str, path: str, fmt: str) -> int:
        """Write ``table`` to ``path`` as parquet, csv or jsonl; return the row count."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


class Closing:
    """``with open_store(...) as store:`` closes the store at the end of the block."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load_watch_state(store: Store, kind: str) -> dict[str, Any]:
    """Every ``watch_state`` value of ``kind``, by key (see ``Store.put_watch_state``)."""
    rows = store.fetch("SELECT key, value FROM watch_state WHERE kind = ? ORDER BY key", [kind])
    return {row["key"]: json.loads(row["value"]) for row in rows}


def watch_state_rows(kind: str, values: Mapping[str, Any], now: str) -> list[dict[str, Any]]:
    """The ``watch_state`` rows for ``values`` (the same for every backend)."""
    return [
        {
            "id": f"{kind}\x1f{key}",
            "kind": kind,
            "key": key,
            "value": json.dumps(value, sort_keys=True),
            "updated_at": now,
        }
        for key, value in values.items()
    ]


#: ``--db`` values with these prefixes are PostgreSQL connection URLs.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def store_name(settings: Settings) -> str:
    """The store backend for ``settings``: a PostgreSQL URL picks ``postgres.v1`` over the default."""
    if settings.store == "duckdb.v1" and settings.db.startswith(POSTGRES_SCHEMES):
        return "postgres.v1"
    return settings.store


def open_store_backend(settings: Settings, *, read_only: bool = False) -> Store:
    """Open the store for ``settings`` (see ``store_name``) at ``settings.db`` and migrate it."""
    factory = stores.get(store_name(settings))
    store: Store = factory(settings.db, read_only=read_only)
    if not read_only:
        store.migrate()
    return store
