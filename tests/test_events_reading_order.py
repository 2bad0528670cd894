"""Events list in the order their article tells them (``Event.ordinal``), not by id: a tour's hosts
in text order, the acts of one sentence by their trigger words. Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

from comity import process_text
from comity.query import EventFilter, events
from comity.records import ActorRef, Event, TextSpan
from comity.resolve import finalise_events
from comity.store.duckdb import DuckDBStore

MEX = ActorRef("Mexico", "Mexico", "MEX", "GOV", "MEXGOV")


def _visit(eid: str, host: str, start: int) -> Event:
    return Event(
        id=eid, doc_id="d", doc="d", type="CONSULT", cameo="042", mode=None, goldstein=1.0,
        source=(MEX,), target=(ActorRef(host, host, host[:3].upper()),), evidence=TextSpan(start, start + 9, "x" * 9),
        trigger="visit",
    )  # fmt: skip


def test_finalise_numbers_events_by_evidence_and_keeps_the_coders_order_within_a_sentence() -> None:
    # ids that sort against the text order: the order given within a sentence must win
    given = [_visit("z", "Peru", 40), _visit("a", "Chile", 40), _visit("m", "Argentina", 0)]
    kept = finalise_events(given)
    assert [(e.id, e.ordinal) for e in kept] == [("m", 0), ("z", 1), ("a", 2)]


def test_a_tours_hosts_and_a_sentences_acts_list_in_text_order(tmp_path: Path) -> None:
    text = (
        "Mexico's president will visit Peru, Chile and Argentina next week, officials said on Monday. "
        "On Tuesday Brazil criticised Chile and urged Peru to reopen its border."
    )
    result = process_text(text, date="2024-03-04", name="tour")
    with DuckDBStore(str(tmp_path / "order.duckdb")) as store:
        store.migrate()
        store.write_batch([result], [], run_id="r1")
        listed = events(store, EventFilter())
    visits = [e["target"][0]["country"] for e in listed if e["cameo"] == "042"]
    assert visits == ["PER", "CHL", "ARG"]
    brazil = [(e["type"], e["target"][0]["country"]) for e in listed if e["source"][0]["country"] == "BRA"]
    assert brazil == [("ACCUSE", "CHL"), ("REQUEST", "PER")]
