"""The PostgreSQL store against a real server: same rows and ids as DuckDB, idempotent, MVCC readers.

The server is conftest's ``pg_server``: a private one on 127.0.0.1, or COMITY_TEST_POSTGRES_URL.
The server tests skip, saying why, only when none can be started.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from comity.config import load_settings
from comity.errors import MissingExtraError, SchemaError, StorageError
from comity.extract.actors.kb import load_kb
from comity.records import Article, DocumentResult, Mention, Rejection
from comity.store.base import load_watch_state, open_store_backend, store_name
from comity.store.dialect import postgres_ddl, to_pyformat
from comity.store.postgres import PostgresStore, redact
from comity.store.schema import MIGRATIONS
from conftest import free_port
from test_run_local import EXAMPLES, table_rows

MIGRATION_NAMES = [name for _, name, _ in MIGRATIONS]

psycopg = pytest.importorskip("psycopg", reason="the [postgres] extra is not installed")


def _result(i: int) -> DocumentResult:
    article = Article(id=f"doc{i:04d}", name=f"a{i}.txt", text=f"Hanoi {i} said 100% yes.", fmt="text")
    return DocumentResult(article=article, mentions=(Mention(article.id, 0, 5, "Hanoi", "GPE", 0),))


# -- no server needed --------------------------------------------------------------------------
def test_store_postgres_url_picks_the_backend() -> None:
    assert store_name(load_settings({"db": "postgresql://u@h/db"}, environ={})) == "postgres.v1"
    assert store_name(load_settings({"db": "x.duckdb"}, environ={})) == "duckdb.v1"


def test_store_postgres_placeholders_and_ddl() -> None:
    assert to_pyformat("SELECT '?', \"a?\" FROM t WHERE x = ? AND y LIKE '5%'") == (
        "SELECT '?', \"a?\" FROM t WHERE x = %s AND y LIKE '5%%'"
    )
    assert postgres_ddl("x DOUBLE, y DOUBLE PRECISION") == "x DOUBLE PRECISION, y DOUBLE PRECISION"
    assert redact("postgresql://me:secret@h:5432/db") == "postgresql://me:***@h:5432/db"


def test_store_postgres_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'comity\[postgres\]'"):
        PostgresStore("postgresql://nobody@127.0.0.1:1/none")


def test_store_postgres_unreachable_server_is_a_storage_error() -> None:
    with pytest.raises(StorageError, match=r"cannot connect to postgresql://me:\*\*\*@") as info:
        PostgresStore(f"postgresql://me:secret@127.0.0.1:{free_port()}/none?connect_timeout=2")
    assert "secret" not in str(info.value)


# -- against the server -------------------------------------------------------------------------
def test_store_postgres_migrations_recorded(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    assert store.migrate() == MIGRATION_NAMES
    assert store.migrate() == []
    assert [m["name"] for m in store.migrations()] == MIGRATION_NAMES
    store.fetch("INSERT INTO schema_migrations VALUES (?, ?, ?) RETURNING version", [999, "future", "x"])
    with pytest.raises(SchemaError, match="999"):
        store.migrate()
    store.close()


def test_store_postgres_batches_are_idempotent(pg_url: str) -> None:
    store = open_store_backend(load_settings({"db": pg_url}, environ={}))
    assert store.name == "postgres.v1"
    batch = [_result(i) for i in range(5)]
    rejection = Rejection("bad.txt", "ingest", "empty", "no text")
    for _ in range(2):
        store.write_batch(batch, [rejection], run_id="r1")
    assert store.known_article_ids(["doc0001", "nope"], analysed_only=True) == {"doc0001"}
    counts = {t: store.fetch(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in ("articles", "mentions")}
    assert counts == {"articles": 5, "mentions": 5}
    assert store.fetch("SELECT sum(start) AS s, avg(1.5) AS a FROM mentions") == [{"s": 0, "a": 1.5}]
    assert (
        store.fetch("SELECT id FROM articles WHERE text LIKE ? ORDER BY id", ["%100%%"])[0]["id"] == "doc0000"
    )
    assert [fp[0] for fp in store.fingerprints()] == [f"doc{i:04d}" for i in range(5)]
    store.close()


def test_store_postgres_sets_event_clusters_in_one_statement(pg_url: str) -> None:
    from test_store_duckdb import _result as event_result

    store = open_store_backend(load_settings({"db": pg_url}, environ={}))
    store.write_batch([event_result("c1"), event_result("c2")], [], run_id="r1")
    store.set_event_clusters({"e-c2": "cluster-x"})
    rows = store.fetch("SELECT id, cluster_id FROM events WHERE id IN ('e-c1', 'e-c2') ORDER BY id")
    assert [(r["id"], r["cluster_id"]) for r in rows] == [("e-c1", None), ("e-c2", "cluster-x")]
    store.close()


def test_store_postgres_watch_state_is_replaced_per_key(pg_url: str) -> None:
    store = open_store_backend(load_settings({"db": pg_url}, environ={}))
    store.put_watch_state("feed", {"https://a.example/rss": {"etag": "1"}, "https://b.example/rss": {}})
    store.put_watch_state("feed", {"https://a.example/rss": {"etag": "2"}})
    assert load_watch_state(store, "feed") == {
        "https://a.example/rss": {"etag": "2"},
        "https://b.example/rss": {},
    }
    assert load_watch_state(store, "entry") == {}
    store.close()


def test_store_postgres_failed_batch_leaves_nothing(pg_url: str) -> None:
    store = open_store_backend(load_settings({"db": pg_url}, environ={}))
    bad = DocumentResult(article=Article(id="x" * 5, name="x", text="\x00 NUL", fmt="text"))
    with pytest.raises(StorageError):
        store.write_batch([_result(1), bad], [], run_id="r1")
    assert store.fetch("SELECT count(*) AS n FROM articles")[0]["n"] == 0
    store.close()


def test_store_postgres_export(pg_url: str, tmp_path: Path) -> None:
    store = open_store_backend(load_settings({"db": pg_url}, environ={}))
    store.write_batch([_result(i) for i in range(3)], [], run_id="r1")
    for fmt in ("csv", "jsonl", "parquet"):
        out = tmp_path / f"articles.{fmt}"
        assert store.export("articles", str(out), fmt) == 3 and out.stat().st_size > 0
    assert len((tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    with pytest.raises(StorageError, match="unknown table"):
        store.export("nope", str(tmp_path / "x.csv"), "csv")
    store.close()


def test_store_postgres_concurrent_reader_sees_whole_batches(pg_url: str) -> None:
    settings = load_settings({"db": pg_url}, environ={})
    writer, reader = open_store_backend(settings), open_store_backend(settings, read_only=True)
    seen: list[int] = []
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for b in range(20):
                writer.write_batch([_result(b * 4 + i) for i in range(4)], [], run_id="r1")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=write)
    thread.start()
    while thread.is_alive():
        seen.append(reader.fetch("SELECT count(*) AS n FROM articles")[0]["n"])
    thread.join()
    seen.append(reader.fetch("SELECT count(*) AS n FROM articles")[0]["n"])
    assert not errors
    assert all(n % 4 == 0 for n in seen) and seen == sorted(seen) and seen[-1] == 80
    with pytest.raises(StorageError, match="read-only"):
        reader.write_batch([_result(999)], [], run_id="r2")
    writer.close()
    reader.close()


@contextlib.contextmanager
def _opened(db: str) -> Iterator[Any]:
    store = open_store_backend(load_settings({"db": db, "batch_size": 3, "workers": 1}, environ={}))
    try:
        yield store
    finally:
        store.close()


@pytest.mark.slow
def test_store_postgres_same_events_as_duckdb_on_examples(pg_url: str, tmp_path: Path) -> None:
    from comity.run import run_inputs

    reports = {}
    with _opened(str(tmp_path / "ref.duckdb")) as duck, _opened(pg_url) as pg:
        for name, store in (("duckdb", duck), ("postgres", pg)):
            settings = load_settings({"db": "x", "batch_size": 3, "workers": 1}, environ={})
            reports[name] = run_inputs([str(EXAMPLES)], store, settings, kb=load_kb())
        ids = "SELECT id FROM events ORDER BY id"
        assert reports["duckdb"].events > 0 and pg.fetch(ids) == duck.fetch(ids)
        for field in ("inputs", "stored", "duplicates", "near_duplicates", "rejected", "events", "mentions"):
            assert getattr(reports["postgres"], field) == getattr(reports["duckdb"], field), field
        for table in ("articles", "mentions", "times", "events", "facts", "rejections"):
            assert table_rows(pg, table) == table_rows(duck, table), table
        before = {t: table_rows(pg, t) for t in ("articles", "events")}
        again = run_inputs(
            [str(EXAMPLES)], pg, load_settings({"db": "x", "workers": 1}, environ={}), kb=load_kb()
        )
        assert again.stored == 0 and again.events == 0
        assert {t: table_rows(pg, t) for t in ("articles", "events")} == before


@pytest.mark.slow
def test_store_postgres_cli_run_and_query(pg_url: str) -> None:
    from typer.testing import CliRunner

    from comity.cli import app

    cli = CliRunner()
    result = cli.invoke(app, ["run", str(EXAMPLES), "--db", pg_url, "--workers", "1"])
    assert result.exit_code in (0, 1), result.output
    assert "Store:" in result.output
    events = cli.invoke(app, ["events", "--db", pg_url, "--format", "jsonl", "--dyad", "CHN", "VNM"])
    assert events.exit_code == 0 and events.output.count("\n") > 0
