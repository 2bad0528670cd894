"""The Dask runner (LocalCluster, 2 worker processes) gives the same events as local + DuckDB."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from comity.config import load_settings
from comity.errors import MissingExtraError
from comity.extract.actors.kb import kb_from_csv, load_kb
from comity.run import run_inputs
from comity.store.base import open_store_backend
from test_kb_injection import COUNTRIES, PEOPLE, KbLookupPipeline, pipelines_built
from test_run_local import EXAMPLES, FakePipeline, table_rows, write_corpus

distributed = pytest.importorskip("distributed", reason="the [dask] extra is not installed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A LocalCluster of 2 worker processes, shared by this module's tests."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


def test_run_dask_missing_extra_names_the_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from comity.run.dask import DaskRunner

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'comity\[dask\]'"):
        settings = load_settings({"db": str(tmp_path / "x.duckdb")}, environ={})
        DaskRunner(settings, FakePipeline(settings, load_kb()))


def test_run_dask_fake_pipeline_matches_local(tmp_path: Path, scheduler: str) -> None:
    from comity.run.dask import DaskRunner
    from comity.run.local import LocalRunner

    corpus = write_corpus(tmp_path / "corpus", 17)
    stores = {}
    for name, runner_class, extra in (
        ("local", LocalRunner, {"workers": 1}),
        ("dask", DaskRunner, {"scheduler": scheduler, "runner": "dask.v1"}),
    ):
        settings = load_settings(
            {"db": str(tmp_path / f"{name}.duckdb"), "batch_size": 3, **extra}, environ={}
        )
        store = open_store_backend(settings)
        report = runner_class(settings, FakePipeline(settings, load_kb())).run([str(corpus)], store)
        assert report.balanced() and report.inputs == 19
        stores[name] = store
    for table in ("articles", "mentions", "rejections"):
        assert table_rows(stores["dask"], table) == table_rows(stores["local"], table)


def test_run_dask_workers_use_the_drivers_kb_and_build_one_pipeline(tmp_path: Path, scheduler: str) -> None:
    from comity.run.dask import DaskRunner

    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(6):
        (corpus / f"{i}.txt").write_text(f"{'Quill' if i % 2 else 'Xi'} spoke on day {i}.", encoding="utf-8")
    settings = load_settings(
        {"db": str(tmp_path / "kb.duckdb"), "batch_size": 1, "scheduler": scheduler, "runner": "dask.v1"},
        environ={},
    )
    tiny = kb_from_csv([COUNTRIES, PEOPLE])
    store = open_store_backend(settings)
    DaskRunner(settings, KbLookupPipeline(settings, tiny)).run([str(corpus)], store)
    codes = {(r["text"], r["code"]) for r in store.fetch("SELECT text, code FROM mentions")}
    assert codes == {("Quill", "VNMGOV"), ("Xi", None)}  # the tiny KB, not the packaged one
    with distributed.Client(scheduler) as client:
        built = client.run(pipelines_built)
    assert set(built.values()) == {1}, built  # one pipeline per worker, not one per batch


def _run(tmp_path: Path, name: str, **extra: Any) -> Any:
    settings = load_settings({"db": str(tmp_path / f"{name}.duckdb"), "batch_size": 2, **extra}, environ={})
    store = open_store_backend(settings)
    report = run_inputs([str(EXAMPLES)], store, settings, kb=load_kb())
    assert report.balanced()
    return report, store


@pytest.mark.slow
def test_run_dask_same_event_ids_as_local_on_examples(tmp_path: Path, scheduler: str) -> None:
    local_report, local = _run(tmp_path, "local", workers=1)
    dask_report, dask = _run(tmp_path, "dask", runner="dask.v1", scheduler=scheduler)
    ids = "SELECT id FROM events ORDER BY id"
    assert local_report.events > 0 and dask.fetch(ids) == local.fetch(ids)
    assert dask_report.versions == local_report.versions
    for table in ("articles", "mentions", "times", "events", "facts", "rejections"):
        assert table_rows(dask, table) == table_rows(local, table), table


@pytest.mark.slow
def test_run_dask_starts_its_own_local_cluster(tmp_path: Path) -> None:
    report, store = _run(tmp_path, "own", runner="dask.v1", workers=2)
    assert report.stored > 0 and report.settings["scheduler"] is None
    assert store.fetch("SELECT count(*) AS n FROM events")[0]["n"] == report.events
