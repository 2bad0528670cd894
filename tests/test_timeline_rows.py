"""The rows of a relationship timeline (``comity.query.relationship.dyad_events``): the date a
consolidated event shows and the report that leads it. Reports written for these tests."""

from __future__ import annotations

from pathlib import Path

from comity.query.relationship import dyad_events
from comity.records import ActorRef, Article, DocumentResult, Event, TextSpan
from comity.store.duckdb import DuckDBStore

PER = ActorRef("Peru", "Peru", "PER", "GOV", "PERGOV")
CHL = ActorRef("Chile", "Chile", "CHL", "GOV", "CHLGOV")
BOTH = "Boric, who paid a state visit to Peru on May 2-3, held talks with Boluarte."
VISIT = "Boric wrapped up a two-day state visit to Peru on Wednesday."


def _event(
    eid: str, cameo: str, cluster: str, evidence: str, start: int, confidence: float = 0.9, **dated: str
) -> Event:
    return Event(
        id=eid, doc_id="a1", doc="a1", type="CONSULT", cameo=cameo, mode=None, goldstein=1.0,
        source=(CHL,), target=(PER,), evidence=TextSpan(start, start + len(evidence), evidence),
        trigger="visit", cluster_id=cluster, confidence=confidence, **dated,  # type: ignore[arg-type]
    )  # fmt: skip


def _store(tmp_path: Path) -> DuckDBStore:
    text = f"{BOTH} {VISIT}"
    article = Article("a1", "a1", text, "text", "t", "2024-05-03")
    events = (
        _event("talks", "040", "z-talks", BOTH, 0, date="2024-05-02", date_precision="day", date_basis="governing"),
        _event("visit1", "042", "c-visit", BOTH, 0, date="2024-05-02/2024-05-03", date_precision="day",
               date_basis="sentence"),
        _event("visit2", "042", "c-visit", VISIT, len(BOTH) + 1, 0.5, date="2024-05-03", date_precision="day",
               date_basis="document"),
    )  # fmt: skip
    store = DuckDBStore(str(tmp_path / "t.duckdb"))
    store.migrate()
    store.write_batch(
        [DocumentResult(article=article, mentions=(), times=(), events=events, facts=())], [], run_id="r"
    )
    return store


def test_a_row_shows_the_date_its_own_sentence_gives_before_the_articles(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        rows = {r["cluster_id"]: r for r in dyad_events(store, ("CHL", "PER"))}
    assert rows["c-visit"]["date"] == "2024-05-02/2024-05-03"  # not the article's 2024-05-03


def test_two_events_told_in_one_sentence_lead_with_different_sentences(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        rows = dyad_events(store, ("CHL", "PER"))
    evidence = [r["evidence"] for r in rows]
    assert sorted(evidence) == sorted([BOTH, VISIT])
