"""The local runner: a process pool gives exactly what the in-process path gives, in order."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from comity.config import Settings, load_settings
from comity.extract.actors.kb import load_kb
from comity.pipeline import Pipeline
from comity.records import Article, DocumentResult, Mention, Rejection, RunReport
from comity.run import run_inputs
from comity.run.executors import Done, InProcess, Pending, ProcessPool, resolve_workers
from comity.run.local import LocalRunner
from comity.store.base import Store, open_store_backend

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
#: Columns that differ between two runs of the same input (run ids, wall-clock times).
VOLATILE = {"run_id", "ingested_at", "created_at"}


class FakePipeline(Pipeline):
    """Cleans for real, "analyses" without a model: one mention per article, FAIL -> rejection."""

    coder = None  # type: ignore[assignment]

    def versions(self) -> dict[str, str]:
        return {"comity": "test", "model": "fake"}

    def analyse(self, articles: Sequence[Article]) -> list[DocumentResult | Rejection]:
        out: list[DocumentResult | Rejection] = []
        for a in articles:
            if "FAIL" in a.text:
                out.append(Rejection(a.name, "extract", "processing_error", "boom", doc_id=a.id))
            else:
                word = a.text.split()[0]
                mention = Mention(a.id, 0, len(word), word, "ORG", 0)
                out.append(DocumentResult(article=a, mentions=(mention,)))
        return out


def table_rows(store: Store, table: str) -> list[tuple[Any, ...]]:
    """Every row of ``table`` without its volatile columns, sorted: comparable across runs/backends."""
    rows = store.fetch(f"SELECT * FROM {table}")
    return sorted(
        (tuple((k, str(v)) for k, v in sorted(r.items()) if k not in VOLATILE) for r in rows), key=repr
    )


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = f"Agency{i} said on Monday that talks number {i} went well. " * 3
        if i % 7 == 3:
            text = "FAIL " + text
        (folder / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "dup.txt").write_text((folder / "a000.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("   ", encoding="utf-8")
    return folder


def _settings(tmp_path: Path, name: str, **extra: Any) -> Settings:
    return load_settings({"db": str(tmp_path / f"{name}.duckdb"), **extra}, environ={})


def _run_fake(tmp_path: Path, corpus: Path, name: str, **extra: Any) -> tuple[RunReport, Store]:
    settings = _settings(tmp_path, name, **extra)
    store = open_store_backend(settings)
    report = LocalRunner(settings, FakePipeline(settings, load_kb())).run([str(corpus)], store)
    return report, store


def _adds_up(report: RunReport) -> bool:
    return report.balanced()


def test_run_local_workers_setting_resolves_cores() -> None:
    assert resolve_workers(3) == 3
    assert resolve_workers(0) >= 1
    assert load_settings(environ={}).workers == 0


def test_run_local_single_batch_stays_in_process(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "x", workers=2)
    runner = LocalRunner(settings, FakePipeline(settings, load_kb()))
    assert isinstance(runner.start_executor(True), InProcess)
    one = LocalRunner(_settings(tmp_path, "y", workers=1), FakePipeline(settings, load_kb()))
    assert isinstance(one.start_executor(False), InProcess)


def test_run_local_pool_matches_in_process(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 23)
    inline, inline_store = _run_fake(tmp_path, corpus, "inline", workers=1, batch_size=3)
    pooled, pooled_store = _run_fake(tmp_path, corpus, "pooled", workers=2, batch_size=3)
    assert pooled.versions == {"comity": "test", "model": "fake"}  # asked of a worker
    for report in (inline, pooled):
        assert _adds_up(report)
        assert (report.inputs, report.duplicates, report.rejected) == (25, 1, 4)
    for table in ("articles", "mentions", "rejections"):
        assert table_rows(pooled_store, table) == table_rows(inline_store, table)


def test_run_local_pool_rerun_adds_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 10)
    _, store = _run_fake(tmp_path, corpus, "same", workers=2, batch_size=2)
    before = table_rows(store, "articles")
    store.close()
    again, store = _run_fake(tmp_path, corpus, "same", workers=2, batch_size=2)
    assert again.stored == 0 and again.duplicates == 10 and _adds_up(again)
    assert table_rows(store, "articles") == before


class _Recorder:
    """An executor that defers work and records how many batches were outstanding at once."""

    def __init__(self, pipeline: Pipeline, slots: int) -> None:
        self.pipeline, self.slots = pipeline, slots
        self.outstanding = self.peak = 0

    def submit(self, articles: Sequence[Article]) -> Pending:
        self.outstanding += 1
        self.peak = max(self.peak, self.outstanding)
        recorder, pipeline, batch = self, self.pipeline, list(articles)

        class Later:
            def result(self) -> list[DocumentResult | Rejection]:
                recorder.outstanding -= 1
                return Done(pipeline.analyse(batch)).result()

        return Later()

    def versions(self) -> dict[str, str]:
        return self.pipeline.versions()

    def close(self) -> None:
        return None


def test_a_run_into_an_empty_store_asks_it_about_no_article_and_a_rerun_asks_about_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 6)
    asked: list[list[str]] = []
    real = type(open_store_backend(_settings(tmp_path, "probe"))).article_versions

    def counting(self: Store, ids: Any) -> dict[str, str | None]:
        asked.append(list(ids))
        return real(self, ids)  # type: ignore[arg-type]

    monkeypatch.setattr(type(open_store_backend(_settings(tmp_path, "probe2"))), "article_versions", counting)
    first, store = _run_fake(tmp_path, corpus, "asks", workers=1, batch_size=2)
    articles = {r["id"] for r in store.fetch("SELECT id FROM articles")}
    store.close()
    assert asked == [] and first.duplicates == 1 and _adds_up(first)
    again, store = _run_fake(tmp_path, corpus, "asks", workers=1, batch_size=2)
    store.close()
    assert articles <= {i for ids in asked for i in ids}  # each stored article is found stored
    assert again.stored == 0 and again.duplicates == 6 and _adds_up(again)


def test_run_local_in_flight_is_bounded_and_commits_in_order(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 30)
    settings = _settings(tmp_path, "bounded", workers=2, batch_size=2)
    store = open_store_backend(settings)
    written: list[str] = []
    original = store.write_batch

    def spy(results: Sequence[DocumentResult], rejections: Sequence[Rejection], *, run_id: str) -> None:
        written.extend(r.article.name for r in results)
        original(results, rejections, run_id=run_id)

    store.write_batch = spy  # type: ignore[method-assign]
    recorder = _Recorder(FakePipeline(settings, load_kb()), slots=3)
    runner = LocalRunner(settings, recorder.pipeline)
    runner.start_executor = lambda single: recorder  # type: ignore[method-assign]
    report = runner.run([str(corpus)], store)
    assert recorder.peak <= recorder.slots + 1 and recorder.outstanding == 0
    assert written == sorted(written)  # inputs are read in name order
    assert _adds_up(report) and report.stored == len(written)


def test_run_local_pool_close_is_clean(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "pool", workers=2)
    pool = ProcessPool(settings, load_kb(), 2, FakePipeline)
    article = Article(id="x1", name="x", text="Hanoi said hello.", fmt="text")
    (result,) = pool.submit([article]).result()
    pool.close()
    assert isinstance(result, DocumentResult) and result.mentions[0].text == "Hanoi"


@pytest.mark.slow
def test_run_local_pool_same_rows_as_in_process_on_examples(tmp_path: Path) -> None:
    """The real model: 2 workers give the same ids and rows as the in-process path."""
    stores = {}
    for workers in (1, 2):
        settings = _settings(tmp_path, f"w{workers}", workers=workers, batch_size=2)
        store = open_store_backend(settings)
        report = run_inputs([str(EXAMPLES)], store, settings, kb=load_kb())
        assert _adds_up(report) and report.events > 0
        stores[workers] = store
    for table in ("articles", "mentions", "times", "events", "facts", "rejections"):
        assert table_rows(stores[2], table) == table_rows(stores[1], table), table
