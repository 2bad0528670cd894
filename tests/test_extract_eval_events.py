"""comity.evaluate.events: matching levels, reciprocal order, intervals, precision/recall."""

from __future__ import annotations

from comity.evaluate.events import score_events
from comity.records import ActorRef, Event, TextSpan


def _event(start: int, end: int, type_: str, src: str, tgt: str, date: str | None) -> Event:
    return Event(
        id="e", doc_id="d", doc="d.txt", type=type_, cameo=None, mode=None, goldstein=None,
        source=(ActorRef(src, country=src),), target=(ActorRef(tgt, country=tgt),),
        evidence=TextSpan(start, end, "x" * (end - start)), trigger="t", date=date,
    )  # fmt: skip


GOLD = [
    {"doc": "d.txt", "start": 0, "end": 50, "event_type_plover": "CONSULT", "alt_plover": [],
     "source_actor": "A|CHN|GOV", "target_actor": "B|VNM|PTY", "event_date": "2023-12-01", "tier": "core"},
    {"doc": "d.txt", "start": 60, "end": 90, "event_type_plover": "SUPPORT", "alt_plover": ["AGREE"],
     "source_actor": "A|CHN|GOV", "target_actor": "B|VNM|GOV", "event_date": "2023-12/2024-01",
     "reciprocal": True, "tier": "secondary"},
]  # fmt: skip


def test_levels_and_rates() -> None:
    preds = {
        "d.txt": [
            _event(10, 40, "CONSULT", "CHN", "VNM", "2023-12-01"),
            _event(61, 80, "AGREE", "VNM", "CHN", "2023-11-01"),
            _event(95, 99, "ACCUSE", "CHN", "VNM", None),
        ]
    }
    scores = score_events(preds, GOLD)
    assert scores["type"] == {"precision": 2 / 3, "recall_core": 1.0, "recall_all": 1.0, "predicted": 3.0}
    assert scores["countries"]["recall_all"] == 1.0  # reciprocal gold accepts the reversed pair
    assert scores["date"]["precision"] == 1 / 3 and scores["date"]["recall_all"] == 0.5


def test_wrong_countries_fail_the_country_level() -> None:
    scores = score_events({"d.txt": [_event(0, 10, "CONSULT", "VNM", "CHN", None)]}, GOLD)
    assert scores["type"]["precision"] == 1.0 and scores["countries"]["precision"] == 0.0
