"""Shared helpers for the API, web and report tests: a store built once from the sample corpus.

Other test modules import the fixtures from here (``from test_api_support import ...``).
``sample_db`` runs the real pipeline over ``examples/articles``; where the pipeline cannot
run in this checkout (an import error or a missing model), it writes hand-made records
taken from the same sample articles instead, so the read side is still exercised.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from comity.errors import ComityError
from comity.records import (
    ActorRef,
    Article,
    Boilerplate,
    DocumentResult,
    Event,
    Mention,
    Rejection,
    TextSpan,
)
from comity.store.duckdb import DuckDBStore

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"

CHN = ActorRef("China", "China", "CHN", "GOV", "CHNGOV")
VNM = ActorRef("Vietnam", "Vietnam", "VNM", "GOV", "VNMGOV")
WANG = ActorRef("Wang Yi", "Wang Yi", "CHN", "GOV", "CHNGOV")
SON = ActorRef("Bui Thanh Son", "Bui Thanh Son", "VNM", "GOV", "VNMGOV")
JPN = ActorRef("Fumio Kishida", "Fumio Kishida", "JPN", "GOV", "JPNGOV")
PHL = ActorRef("Ferdinand Marcos Jr.", "Ferdinand Marcos Jr.", "PHL", "GOV", "PHLGOV")

#: (file, publication date, [(evidence sentence prefix, type, cameo, goldstein, source, target, modality)])
HAND_MADE = [
    (
        "01_wang_yi_hanoi_steering_committee.txt",
        "2025-03-15",
        [
            ("Chinese Foreign Minister Wang Yi met", "CONSULT", "040", 1.0, WANG, VNM, "asserted"),
            ("Earlier on Friday, Wang", "CONSULT", "040", 1.0, WANG, SON, "asserted"),
            ("However, the two sides did not sign", "AGREE", "057", 8.0, CHN, VNM, "negated"),
        ],
    ),
    (
        "05_vietnam_protests_paracels_fishermen_attack.txt",
        "2024-10-03",
        [
            ("Oct. 3, 2024 | Vietnam has lodged", "ACCUSE", "111", -2.0, VNM, CHN, "asserted"),
            ("China’s foreign ministry rejected", "REJECT", "120", -4.0, CHN, VNM, "asserted"),
        ],
    ),
    (
        "08_kishida_manila_visit_congress_address.txt",
        "2023-11-04",
        [("Nov. 4, 2023 | Japanese Prime Minister", "CONSULT", "040", 1.0, JPN, PHL, "asserted")],
    ),
]


def _sentence(text: str, prefix: str) -> TextSpan:
    start = text.index(prefix)
    end = text.find(". ", start)
    end = len(text) if end < 0 else end + 1
    return TextSpan(start, end, text[start:end])


def _hand_made_result(
    name: str, date: str, specs: list[tuple[str, ...] | tuple[object, ...]]
) -> DocumentResult:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    doc_id = f"hand-{name[:2]}"
    second_line = text.index("\n") + 1
    crumb_end = text.index("\n", second_line)
    article = Article(
        id=doc_id,
        name=name,
        text=text,
        fmt="text",
        title=text[: second_line - 1],
        publication_date=date,
        date_basis="dateline",
        boilerplate=(Boilerplate(second_line, crumb_end, text[second_line:crumb_end], "breadcrumb"),),
    )
    events = []
    mentions = []
    for i, (prefix, type_, cameo, goldstein, source, target, modality) in enumerate(specs):
        assert isinstance(prefix, str) and isinstance(source, ActorRef) and isinstance(target, ActorRef)
        span = _sentence(text, prefix)
        events.append(
            Event(
                id=f"{doc_id}-e{i}",
                doc_id=doc_id,
                doc=name,
                type=str(type_),
                cameo=str(cameo),
                mode=None,
                goldstein=float(goldstein),  # type: ignore[arg-type]
                source=(source,),
                target=(target,),
                evidence=span,
                trigger=prefix.split()[-1],
                modality=modality,  # type: ignore[arg-type]
                date=date,
                date_precision="day",
            )
        )
        for actor in (source, target):
            at = text.find(actor.text)
            if at >= 0:
                mentions.append(
                    Mention(doc_id, at, at + len(actor.text), actor.text, "GPE", 0, actor.name, actor.country)
                )
    return DocumentResult(article=article, mentions=tuple(dict.fromkeys(mentions)), events=tuple(events))


def write_hand_made(db: str) -> None:
    """The hand-made sample store (used when the pipeline cannot run here)."""
    store = DuckDBStore(db)
    store.migrate()
    results = [_hand_made_result(name, date, list(specs)) for name, date, specs in HAND_MADE]
    rejection = Rejection(
        name=str(EXAMPLES / "broken_binary.txt"),
        stage="ingest",
        reason="binary",
        message="binary file",
        size=256,
    )
    store.write_batch(results, [rejection], run_id="hand-made")
    store.close()


def build_sample_db(db: str) -> str:
    """Run the pipeline over the sample corpus into ``db``; returns how it was built."""
    try:
        import comity

        comity.process_files([str(EXAMPLES)], db=db)
        return "pipeline"
    except (ImportError, AttributeError, OSError, ComityError) as exc:  # no pipeline or model here
        Path(db).unlink(missing_ok=True)
        write_hand_made(db)
        return f"hand-made ({type(exc).__name__}: {exc})"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A DuckDB file holding the sample corpus, built once per session."""
    db = str(tmp_path_factory.mktemp("sample") / "sample.duckdb")
    build_sample_db(db)
    return db


class Client:
    """A synchronous in-process client: each call runs the app through ``httpx.ASGITransport``."""

    def __init__(self, app: Any) -> None:
        self.transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def call() -> httpx.Response:
            async with httpx.AsyncClient(transport=self.transport, base_url="http://testserver") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(call())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


@pytest.fixture()
def api_client(sample_db: str) -> Iterator[Client]:
    """An in-process client over the app on a read-only sample store (no token: writes disabled)."""
    from comity.api import create_app
    from comity.config import load_settings

    store = DuckDBStore(sample_db, read_only=True)
    try:
        yield Client(create_app(load_settings({"db": sample_db}, environ={}), store, token=""))
    finally:
        store.close()


def test_api_support_sample_db_has_dyad_events(sample_db: str) -> None:
    store = DuckDBStore(sample_db, read_only=True)
    try:
        rows = store.fetch(
            "SELECT count(*) AS n FROM events WHERE 'CHN' IN (source_country, target_country)"
            " AND 'VNM' IN (source_country, target_country)"
        )
    finally:
        store.close()
    assert rows[0]["n"] >= 1


def test_api_support_hand_made_store_is_consistent(tmp_path: Path) -> None:
    db = str(tmp_path / "hand.duckdb")
    write_hand_made(db)
    store = DuckDBStore(db, read_only=True)
    try:
        rows = store.fetch(
            "SELECT e.evidence_start AS s, e.evidence_end AS e, e.evidence_text AS t, a.text"
            " FROM events e JOIN articles a ON a.id = e.doc_id"
        )
    finally:
        store.close()
    assert len(rows) == sum(len(specs) for _, _, specs in HAND_MADE)
    assert all(r["text"][r["s"] : r["e"]] == r["t"] for r in rows)
