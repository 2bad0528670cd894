"""Re-running with a newer pipeline version re-analyses only what that version did not analyse.

A document analysed again has its mentions, times, events and facts replaced in the batch's one
transaction (old rows deleted, new rows inserted), and its article row records the version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import comity._version
from comity.config import Settings, load_settings
from comity.errors import StorageError
from comity.extract.actors.kb import load_kb
from comity.records import Article, DocumentResult, Event, Mention, TextSpan
from comity.run import run_inputs
from comity.store.duckdb import DuckDBStore

ARTICLES = {
    "a.txt": "HANOI, March 3, 2024 - Chinese Foreign Minister Wang Yi met Vietnamese Prime Minister "
    "Pham Minh Chinh in Hanoi on Friday. The two sides signed a joint statement on trade.\n",
    "b.txt": "BEIJING, May 8, 2024 - China's foreign ministry accused Vietnam of violating its "
    "sovereignty in the South China Sea on Tuesday and lodged a protest with Hanoi.\n",
    "c.txt": "TOKYO, June 2, 2024 - Japanese Prime Minister Fumio Kishida met Philippine President "
    "Ferdinand Marcos Jr. in Tokyo on Sunday. They agreed to expand defence cooperation.\n",
}
TABLES = ("articles", "mentions", "times", "events", "facts")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _settings(tmp_path: Path) -> Settings:
    return load_settings({"db": str(tmp_path / "v.duckdb"), "workers": 1, "batch_size": 2}, environ={})


def _snapshot(db: str) -> dict[str, Any]:
    store = DuckDBStore(db, read_only=True)
    try:
        ids = {t: sorted(r["id"] for r in store.fetch(f"SELECT id FROM {t}")) for t in TABLES}
        counts = {t: store.fetch(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in TABLES}
        versions = {
            r["name"].rsplit("/", 1)[-1]: (r["pipeline_version"], r["run_id"])
            for r in store.fetch("SELECT name, pipeline_version, run_id FROM articles")
        }
    finally:
        store.close()
    return {"ids": ids, "counts": counts, "versions": versions}


def _run(corpus: Path, settings: Settings) -> Any:
    store = DuckDBStore(settings.db)
    store.migrate()
    try:
        return run_inputs([str(corpus)], store, settings, kb=load_kb())
    finally:
        store.close()


def test_reliability_newer_version_reanalyses_only_what_changed(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(tmp_path)
    first = _run(corpus, settings)
    assert first.stored == 3
    base = _snapshot(settings.db)
    assert base["counts"]["events"] >= 2
    assert {version for version, _ in base["versions"].values()} == {comity._version.__version__}

    # c.txt was analysed by an older comity: it (and only it) is analysed again.
    store = DuckDBStore(settings.db)
    try:
        store.fetch("UPDATE articles SET pipeline_version = '0.0.1' WHERE name LIKE '%c.txt'")
        (c_id,) = [r["id"] for r in store.fetch("SELECT id FROM articles WHERE name LIKE '%c.txt'")]
        # a row the old version produced and the new one does not: it must go
        store.fetch(
            "INSERT INTO events (id, doc_id, type, evidence_text, evidence_start, evidence_end) "
            "VALUES ('stale-event', ?, 'FIGHT', 'x', 0, 1)",
            [c_id],
        )
    finally:
        store.close()
    again = _run(corpus, settings)
    assert (again.inputs, again.stored, again.duplicates, again.rejected) == (3, 1, 2, 0)
    after = _snapshot(settings.db)
    assert after["ids"] == base["ids"] and after["counts"] == base["counts"]  # stale row gone
    assert after["versions"]["a.txt"] == base["versions"]["a.txt"]  # untouched: same run id
    assert after["versions"]["c.txt"] == (comity._version.__version__, again.run_id)

    # a newer comity: every document is analysed again, replaced, never duplicated
    monkeypatch.setattr(comity._version, "__version__", "99.0.0")
    newer = _run(corpus, settings)
    assert (newer.stored, newer.duplicates) == (3, 0)
    latest = _snapshot(settings.db)
    assert latest["ids"] == base["ids"] and latest["counts"] == base["counts"]
    assert {v for v, _ in latest["versions"].values()} == {"99.0.0"}
    # and running the newer version once more adds nothing
    assert _run(corpus, settings).duplicates == 3
    assert _snapshot(settings.db)["counts"] == base["counts"]


def _result(doc: str, text: str, events: int) -> DocumentResult:
    article = Article(id=f"doc-{doc}", name=doc, text=text, fmt="text")
    span = TextSpan(0, 4, text[:4])
    return DocumentResult(
        article=article,
        mentions=(Mention(article.id, 0, 4, text[:4], "GPE", 0),),
        events=tuple(
            Event(f"{doc}-e{i}", article.id, doc, "CONSULT", "040", None, 1.0, (), (), span, "met")
            for i in range(events)
        ),
    )


def test_reliability_reanalysis_replaces_rows_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = DuckDBStore(str(tmp_path / "atomic.duckdb"))
    store.migrate()
    try:
        store.write_batch([_result("x", "China met Vietnam.", 3)], [], run_id="r1")
        store.fetch("UPDATE articles SET near_duplicate_of = 'doc-earlier'")
        old_version = comity._version.__version__
        monkeypatch.setattr(comity._version, "__version__", "99.0.0")

        def failing_insert(tables: dict[str, list[dict[str, Any]]]) -> None:
            raise StorageError("disk full")

        real_insert = store._insert_all
        monkeypatch.setattr(store, "_insert_all", failing_insert)
        with pytest.raises(StorageError):
            store.write_batch([_result("x", "China met Vietnam.", 1)], [], run_id="r2")
        # the delete of the old rows was rolled back with the failed insert
        assert store.fetch("SELECT count(*) AS n FROM events")[0]["n"] == 3
        assert store.fetch("SELECT pipeline_version FROM articles")[0]["pipeline_version"] == old_version

        monkeypatch.setattr(store, "_insert_all", real_insert)
        store.write_batch([_result("x", "China met Vietnam.", 1)], [], run_id="r2")
        assert [r["id"] for r in store.fetch("SELECT id FROM events")] == ["x-e0"]
        assert store.fetch("SELECT count(*) AS n FROM mentions")[0]["n"] == 1
        row = store.fetch("SELECT pipeline_version, run_id, near_duplicate_of FROM articles")[0]
        # the version is recorded, and the near-duplicate link made at first storage is kept
        assert row == {"pipeline_version": "99.0.0", "run_id": "r2", "near_duplicate_of": "doc-earlier"}
    finally:
        store.close()
