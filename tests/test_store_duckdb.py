from __future__ import annotations

import json
from pathlib import Path

import pytest

from comity.errors import SchemaError, StorageError
from comity.records import ActorRef, Article, DocumentResult, Event, Mention, Rejection, RunReport, TextSpan
from comity.store.duckdb import DuckDBStore
from comity.store.schema import MIGRATIONS, TABLES

MIGRATION_NAMES = [name for _, name, _ in MIGRATIONS]


def _result(doc_id: str = "d1", text: str = "Wang Yi met Nguyen Phu Trong in Hanoi.") -> DocumentResult:
    article = Article(id=doc_id, name=f"{doc_id}.txt", text=text, fmt="text", publication_date="2023-12-01")
    event = Event(
        id=f"e-{doc_id}",
        doc_id=doc_id,
        doc=article.name,
        type="CONSULT",
        cameo="040",
        mode=None,
        goldstein=1.0,
        source=(ActorRef("Wang Yi", "Wang Yi", "CHN", "GOV", "CHNGOV"),),
        target=(ActorRef("Nguyen Phu Trong", "Nguyen Phu Trong", "VNM", "PTY", "VNMPTY"),),
        evidence=TextSpan(0, len(text), text),
        trigger="met",
        date="2023-12-01",
    )
    mention = Mention(
        doc_id=doc_id, start=0, end=7, text="Wang Yi", label="PERSON", sentence=0, country="CHN"
    )
    return DocumentResult(article=article, mentions=(mention,), events=(event,))


@pytest.fixture()
def store(tmp_path: Path) -> DuckDBStore:
    s = DuckDBStore(str(tmp_path / "t.duckdb"))
    s.migrate()
    return s


def _counts(store: DuckDBStore) -> dict[str, int]:
    return {t: store.fetch(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in TABLES}


def test_store_migrate_is_recorded_and_idempotent(store: DuckDBStore) -> None:
    assert store.migrate() == []
    assert [m["name"] for m in store.migrations()] == MIGRATION_NAMES


def test_store_refuses_newer_schema(store: DuckDBStore) -> None:
    store.fetch("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    with pytest.raises(SchemaError, match="999"):
        store.migrate()


def test_store_write_twice_adds_nothing(store: DuckDBStore) -> None:
    rejection = Rejection(name="bad.txt", stage="ingest", reason="binary", message="binary file", size=10)
    store.write_batch([_result()], [rejection], run_id="r1")
    first = _counts(store)
    store.write_batch([_result()], [rejection], run_id="r2")
    assert _counts(store) == first
    assert first["articles"] == 1 and first["events"] == 1 and first["rejections"] == 1


def test_store_batch_is_atomic(store: DuckDBStore) -> None:
    good = _result("ok")
    broken = _result("broken")
    # A value DuckDB cannot store (a string where an integer column is) makes the batch fail midway.
    bad_mention = Mention(doc_id="broken", start="x", end=1, text="x", label="GPE", sentence=0)  # type: ignore[arg-type]
    broken = DocumentResult(article=broken.article, mentions=(bad_mention,), events=broken.events)
    with pytest.raises(StorageError):
        store.write_batch([good, broken], [], run_id="r1")
    assert _counts(store)["articles"] == 0 and _counts(store)["events"] == 0


def test_store_event_round_trip(store: DuckDBStore) -> None:
    store.write_batch([_result()], [], run_id="r1")
    row = store.fetch("SELECT * FROM events")[0]
    assert json.loads(row["source"])[0]["code"] == "CHNGOV"
    assert (row["source_country"], row["target_country"]) == ("CHN", "VNM")


def test_store_known_ids_and_fingerprints(store: DuckDBStore) -> None:
    store.write_batch(
        [_result("a"), DocumentResult(article=_result("b").article, analysed=False)], [], run_id="r"
    )
    assert store.known_article_ids(["a", "b", "zz"]) == {"a", "b"}
    assert store.known_article_ids(["a", "b"], analysed_only=True) == {"a"}
    versions = store.article_versions(["a", "b", "zz"])
    assert versions.keys() == {"a", "b"} and versions["b"] is None and versions["a"] is not None
    assert store.article_versions([]) == {}
    assert dict(store.fingerprints()).keys() == {"a", "b"}


def test_store_run_record(store: DuckDBStore) -> None:
    report = RunReport(
        run_id="r9", started="2024-01-01T00:00:00", inputs=3, stored=1, duplicates=1, rejected=1
    )
    store.record_run(report)
    report.finished = "2024-01-01T00:00:05"
    store.record_run(report)
    rows = store.fetch("SELECT * FROM runs")
    assert len(rows) == 1 and rows[0]["finished"] == "2024-01-01T00:00:05"


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_store_export(store: DuckDBStore, tmp_path: Path, fmt: str) -> None:
    store.write_batch([_result()], [], run_id="r1")
    out = tmp_path / f"events.{fmt}"
    assert store.export("events", str(out), fmt) == 1
    assert out.stat().st_size > 0


def test_store_export_rejects_unknown_table(store: DuckDBStore, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="unknown table"):
        store.export("events; DROP TABLE articles", str(tmp_path / "x"), "csv")


def test_store_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        DuckDBStore(str(tmp_path / "nope" / "x.duckdb"))


def test_store_read_only_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="comity run"):
        DuckDBStore(str(tmp_path / "absent.duckdb"), read_only=True)


def test_store_writes_large_batches_in_chunks(store: DuckDBStore) -> None:
    base = _result("big")
    mentions = tuple(
        Mention(doc_id="big", start=i, end=i + 1, text="x", label="GPE", sentence=0) for i in range(450)
    )
    repeated = mentions + mentions[:10]  # a repeated row in one batch must not fail the batch
    store.write_batch([DocumentResult(article=base.article, mentions=repeated)], [], run_id="r")
    assert store.fetch("SELECT count(*) AS n FROM mentions")[0]["n"] == 450


def test_store_mention_resolution_round_trips(store: DuckDBStore) -> None:
    base = _result("r1")
    mention = Mention(
        "r1", 0, 7, "Wang Yi", "PERSON", 0, "Wang Yi", "CHN", "GOV", "CHNGOV",
        producer="kb.match.v1", resolution="fuzzy", confidence=0.6, flags=("suspected_misspelling",),
    )  # fmt: skip
    store.write_batch([DocumentResult(article=base.article, mentions=(mention,))], [], run_id="r")
    (row,) = store.fetch("SELECT producer, resolution, confidence, flags FROM mentions")
    assert (row["producer"], row["resolution"], row["confidence"]) == ("kb.match.v1", "fuzzy", 0.6)
    assert json.loads(row["flags"]) == ["suspected_misspelling"]


def test_store_migration_2_upgrades_a_version_1_database(tmp_path: Path) -> None:
    from comity.store.schema import MIGRATIONS

    path = str(tmp_path / "old.duckdb")
    old = DuckDBStore(path)
    old.fetch(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at VARCHAR)"
    )
    for statement in MIGRATIONS[0][2]:
        old.fetch(statement)
    old.fetch("INSERT INTO schema_migrations VALUES (1, '0001_initial', 'then')")
    old.fetch("INSERT INTO mentions (id, doc_id, text) VALUES ('m', 'd', 'Hanoi')")
    assert old.migrate() == MIGRATION_NAMES[1:]
    (row,) = old.fetch("SELECT text, resolution, confidence, flags FROM mentions")
    assert row == {"text": "Hanoi", "resolution": None, "confidence": None, "flags": None}
    old.close()


def test_store_events_written_before_the_dyadic_column_are_still_listed(store: DuckDBStore) -> None:
    from comity.query import EventFilter, events

    store.write_batch([_result("old")], [], run_id="r")
    store.fetch("UPDATE events SET dyadic = NULL")  # as migration 6 leaves a row written before it
    assert len(events(store, EventFilter())) == 1
    store.fetch("UPDATE events SET dyadic = FALSE")
    assert events(store, EventFilter()) == []
    assert len(events(store, EventFilter(include_uncoded=True))) == 1


def test_store_every_analysis_row_records_its_pipeline_version(store: DuckDBStore) -> None:
    from comity._version import __version__

    store.write_batch([_result("v")], [], run_id="r")
    for table in ("mentions", "events"):
        versions = {r["pipeline_version"] for r in store.fetch(f"SELECT pipeline_version FROM {table}")}
        assert versions == {__version__}


def test_writer_hands_freed_memory_back_and_uses_one_thread(store: DuckDBStore) -> None:
    settings = dict(
        store._con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN "
            "('threads', 'allocator_flush_threshold', 'allocator_bulk_deallocation_flush_threshold')"
        ).fetchall()
    )
    assert settings["threads"] == "1"
    for name in ("allocator_flush_threshold", "allocator_bulk_deallocation_flush_threshold"):
        assert float(settings[name].rstrip("MBKGibytes ")) == 0, settings


def test_a_batch_of_many_rows_round_trips_in_column_order(store: DuckDBStore) -> None:
    results = [_result(f"d{i}", f"Wang Yi met Nguyen Phu Trong in Hanoi on day {i}.") for i in range(40)]
    store.write_batch(results, [], run_id="r")
    rows = store.fetch("SELECT id, text FROM articles ORDER BY id")
    assert len(rows) == 40
    assert {r["id"]: r["text"] for r in rows}["d7"].endswith("day 7.")
    events = store.fetch("SELECT id, doc_id, cameo, source_country, date FROM events ORDER BY id")
    assert len(events) == 40
    assert all(e["id"] == f"e-{e['doc_id']}" and e["cameo"] == "040" for e in events)
    assert {e["source_country"] for e in events} == {"CHN"} and {e["date"] for e in events} == {"2023-12-01"}


def test_a_file_held_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "held.duckdb"
    DuckDBStore(str(path)).close()
    code = f"import duckdb, time; c = duckdb.connect({str(path)!r}, read_only=True); print(1, flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline()
        with pytest.raises(StorageError, match=r"in use by process \d+.*PostgreSQL"):
            DuckDBStore(str(path))
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_open_store_is_a_context_manager_that_closes(tmp_path: Path) -> None:
    import comity

    with comity.open_store(str(tmp_path / "ctx.duckdb")) as store:
        assert store.fetch("SELECT count(*) AS n FROM articles") == [{"n": 0}]
    with pytest.raises(StorageError):
        store.fetch("SELECT 1")


def test_setting_event_clusters_changes_only_the_named_events(store: DuckDBStore) -> None:
    store.write_batch([_result("d1"), _result("d2"), _result("d3")], [], run_id="r1")
    store.set_event_clusters({"e-d1": "c-visit", "e-d3": "c-visit"})
    store.set_event_clusters({})  # nothing to change is no error
    rows = store.fetch("SELECT id, cluster_id FROM events ORDER BY id")
    assert [(r["id"], r["cluster_id"]) for r in rows] == [
        ("e-d1", "c-visit"),
        ("e-d2", None),
        ("e-d3", "c-visit"),
    ]


def test_rows_flatten_records_exactly_as_asdict_does() -> None:
    # flat_dict skips asdict's deep copy, which is only safe while the stored records stay flat:
    # a nested record added to one of them must show up here.
    from dataclasses import asdict

    from comity.records import Boilerplate, Location, TimeExpression
    from comity.store.rows import flat_dict

    result = _result()
    samples = [
        result.mentions[0],
        result.events[0].source[0],
        Location("Hanoi", "Hanoi", "VNM"),
        Boilerplate(0, 4, "Menu", "breadcrumb"),
        TimeExpression("d1", 0, 6, "Friday", "DATE", "2023-12-01", "day", "2023-12-01", "weekday"),
        Rejection("bad.txt", "ingest", "empty", "no text"),
    ]
    for record in samples:
        assert flat_dict(record) == asdict(record)
