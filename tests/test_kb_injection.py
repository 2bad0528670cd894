"""The actor KB is built once at the edge and handed down: a tiny KB given to the pipeline, the
workers, clustering, the API app and the CLI is the one they use, never the packaged one."""

from __future__ import annotations

import ast
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from comity.cli import app
from comity.config import Settings, load_settings
from comity.extract.actors.kb import ActorKB, kb_from_csv, load_kb
from comity.pipeline import Pipeline
from comity.records import Article, DocumentResult, Mention, Rejection
from comity.resolve import cluster_events
from comity.run.consolidate import event_from_row
from comity.run.executors import ProcessPool
from comity.store.base import open_store_backend

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "comity"
#: The edges: the only modules that build the KB (with ``load_kb``) and pass it on.
KB_EDGES = {"cli/_util.py", "api/app.py", "_api.py"}

COUNTRIES = (
    "iso3,name,aliases,adjectives,capitals,source\n"
    "VNM,Vietnam,Viet Nam,Vietnamese,Hanoi,test\n"
    "CHN,China,,Chinese,Beijing,test\n"
)
#: Two invented people, in no packaged table.
PEOPLE = (
    "name,aliases,country,sector,role,start,end,source\n"
    "Marta Quill,Quill,VNM,GOV,Minister of Foreign Affairs,2020-01-01,,test\n"
    "Anna Bell,,VNM,GOV,Minister of Trade,2020-01-01,,test\n"
)
TEXT = "Vietnamese Foreign Minister Marta Quill met Xi Jinping in Beijing on Monday.\n"


@pytest.fixture(scope="module")
def tiny() -> ActorKB:
    return kb_from_csv([COUNTRIES, PEOPLE])


def _codes(mentions: Sequence[Mention]) -> dict[str, str | None]:
    return {m.text: m.code for m in mentions}


def _canonicals(mentions: Sequence[Mention]) -> dict[str, str | None]:
    """Who each mention was resolved to (an unknown person may still get a code from a title)."""
    return {m.text: m.canonical for m in mentions}


def test_kb_from_csv_holds_only_the_rows_given(tiny: ActorKB) -> None:
    assert tiny.lookup("Marta Quill", date="2024-03-04").code == "VNMGOV"  # type: ignore[union-attr]
    assert tiny.lookup("Xi Jinping") is None and tiny.lookup("Hanoi").code == "VNMGOV"  # type: ignore[union-attr]
    assert load_kb().lookup("Marta Quill") is None


def test_pipeline_codes_names_with_the_kb_it_is_given(tiny: ActorKB, nlp: Any) -> None:
    article = Article(id="t1", name="t1", text=TEXT, fmt="text", publication_date="2024-03-04")
    coded = {}
    for name, kb in (("tiny", tiny), ("packaged", load_kb())):
        pipeline = Pipeline(load_settings({}, environ={}), kb)
        (result,) = pipeline.analyse([article])
        assert isinstance(result, DocumentResult)
        coded[name] = _canonicals(result.mentions)
    assert coded["tiny"]["Marta Quill"] == "Marta Quill" and coded["tiny"]["Xi Jinping"] is None
    assert coded["packaged"]["Marta Quill"] is None and coded["packaged"]["Xi Jinping"] == "Xi Jinping"


def test_python_api_codes_names_with_the_kb_it_is_given(tiny: ActorKB, nlp: Any) -> None:
    import comity

    result = comity.process_text(TEXT, date="2024-03-04", kb=tiny)
    assert _codes(result.mentions)["Marta Quill"] == "VNMGOV"
    assert _canonicals(comity.process_text(TEXT, date="2024-03-04").mentions)["Marta Quill"] is None


def _row(event_id: str, doc_id: str, person: str) -> dict[str, Any]:
    """A stored visit (CAMEO 042, directed): ``person`` of Vietnam visits China on one day."""
    return {
        "id": event_id, "doc_id": doc_id, "type": "CONSULT", "cameo": "042", "date": "2024-03-04",
        "modality": "asserted", "source": json.dumps([{"name": person, "country": "VNM"}]),
        "target": json.dumps([{"name": "China", "country": "CHN"}]), "location": None,
        "evidence_text": f"{person} visited China", "cluster_id": None,
    }  # fmt: skip


def test_clustering_tells_persons_by_the_kb_it_is_given(tiny: ActorKB) -> None:
    rows = [_row("e1", "d1", "Marta Quill"), _row("e2", "d2", "Anna Bell")]
    for kb, same_event in ((tiny, False), (load_kb(), True)):
        clusters = cluster_events([event_from_row(r, kb) for r in rows])
        # two different persons on one side are two visits; names not known as persons are no evidence
        assert (clusters["e1"] == clusters["e2"]) is same_event


#: How many ``KbLookupPipeline`` this process has built (a worker should build one per run).
BUILT: list[str] = []


def pipelines_built() -> int:
    return len(BUILT)


class KbLookupPipeline(Pipeline):
    """No model: each article's first word, coded by this pipeline's KB (to see which KB a worker has)."""

    coder = None  # type: ignore[assignment]

    def __init__(self, settings: Settings, kb: ActorKB) -> None:
        super().__init__(settings, kb)
        BUILT.append(settings.db)

    def versions(self) -> dict[str, str]:
        return {"comity": "test", "model": "fake"}

    def analyse(self, articles: Sequence[Article]) -> list[DocumentResult | Rejection]:
        out: list[DocumentResult | Rejection] = []
        for a in articles:
            word = a.text.split()[0]
            ref = self.kb.lookup(word, date="2024-03-04")
            mention = Mention(a.id, 0, len(word), word, "PERSON", 0, code=ref.code if ref else None)
            out.append(DocumentResult(article=a, mentions=(mention,)))
        return out


def test_process_pool_workers_use_the_drivers_kb(tiny: ActorKB, tmp_path: Path) -> None:
    settings = load_settings({"db": str(tmp_path / "p.duckdb"), "workers": 1}, environ={})
    pool = ProcessPool(settings, tiny, 1, KbLookupPipeline)
    try:
        articles = [
            Article(id=f"x{i}", name="x", text=f"{w} said hello.", fmt="text")
            for i, w in enumerate(("Quill", "Xi"))
        ]
        results = pool.submit(articles).result()
    finally:
        pool.close()
    assert [_codes(r.mentions) for r in results if isinstance(r, DocumentResult)] == [
        {"Quill": "VNMGOV"},
        {"Xi": None},
    ]


def test_a_worker_keeps_its_pipeline_for_a_copy_of_its_kb_and_builds_one_for_another_kb(
    tiny: ActorKB, tmp_path: Path
) -> None:
    import pickle

    from comity.run.work import worker_pipeline

    settings = load_settings({"db": str(tmp_path / "w.duckdb")}, environ={})
    first = worker_pipeline(settings, KbLookupPipeline, tiny)
    copy = pickle.loads(pickle.dumps(tiny))  # Dask may hand a worker the scattered KB twice
    assert copy is not tiny and worker_pipeline(settings, KbLookupPipeline, copy) is first
    other = kb_from_csv([COUNTRIES, PEOPLE])
    assert other.identity != tiny.identity
    assert worker_pipeline(settings, KbLookupPipeline, other) is not first


def test_api_actor_pages_and_writes_use_the_apps_kb(tiny: ActorKB, nlp: Any, tmp_path: Path) -> None:
    from comity.api import create_app
    from test_api_support import Client

    settings = load_settings({"db": str(tmp_path / "api.duckdb")}, environ={})
    store = open_store_backend(settings)
    try:
        client = Client(create_app(settings, store, token="t", kb=tiny))
        quill = client.get("/api/actors/Marta Quill")
        assert quill.status_code == 200 and quill.json()["roles"][0]["role"] == "Minister of Foreign Affairs"
        assert client.get("/api/actors/Xi Jinping").status_code == 404  # packaged only; no events yet
        headers = {"Authorization": "Bearer t", "Content-Type": "text/plain"}
        posted = client.post("/api/documents", content=TEXT, headers=headers)
        assert posted.status_code == 201, posted.text
        mentions = store.fetch("SELECT text, code FROM mentions")
    finally:
        store.close()
    codes = {m["text"]: m["code"] for m in mentions}
    assert codes["Marta Quill"] == "VNMGOV" and codes["Xi Jinping"] is None


def test_cli_actors_lists_the_kb_handed_to_the_app(tiny: ActorKB) -> None:
    result = CliRunner().invoke(app, ["actors", "--format", "jsonl"], obj=tiny)
    assert result.exit_code == 0, result.output
    names = {json.loads(line)["name"] for line in result.output.splitlines()}
    assert names == {"Vietnam", "China", "Marta Quill", "Anna Bell"}


def test_cli_actors_cannot_add_files_to_a_kb_handed_in(tiny: ActorKB, tmp_path: Path) -> None:
    extra = tmp_path / "more.csv"
    extra.write_text(PEOPLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["actors", "--actors", str(extra)], obj=tiny)
    assert result.exit_code == 2 and "--actors" in result.output


def test_cli_run_analyses_and_clusters_with_the_kb_handed_to_the_app(
    tiny: ActorKB, nlp: Any, tmp_path: Path
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "cli.duckdb")
    result = CliRunner().invoke(app, ["run", str(corpus), "--db", db, "--workers", "1", "-q"], obj=tiny)
    assert result.exit_code == 0, result.output
    store = open_store_backend(load_settings({"db": db}, environ={}), read_only=True)
    try:
        mentions = {m["text"]: m["code"] for m in store.fetch("SELECT text, code FROM mentions")}
    finally:
        store.close()
    assert mentions["Marta Quill"] == "VNMGOV" and mentions["Xi Jinping"] is None


def _load_kb_callers(path: Path) -> list[int]:
    """Lines of ``path`` that call ``load_kb`` (by name or as an attribute)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else None
            )
            if name == "load_kb":
                lines.append(node.lineno)
    return lines


def test_only_the_edges_call_load_kb() -> None:
    callers = {
        str(p.relative_to(PACKAGE)): lines
        for p in sorted(PACKAGE.rglob("*.py"))
        if (lines := _load_kb_callers(p))
    }
    assert set(callers) <= KB_EDGES, {k: v for k, v in callers.items() if k not in KB_EDGES}
    assert set(callers) == KB_EDGES  # each edge builds the KB itself (the list above is not stale)


def test_load_kb_caller_check_sees_calls_by_name_and_attribute(tmp_path: Path) -> None:
    stage = tmp_path / "stage.py"
    stage.write_text(
        "from x import kb\nkb.load_kb()\nload_kb([p])\n# load_kb() in a comment\n", encoding="utf-8"
    )
    assert _load_kb_callers(stage) == [2, 3]
