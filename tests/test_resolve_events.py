from __future__ import annotations

import pytest

from comity.records import ActorRef, Event, TextSpan
from comity.resolve import finalise_events

CHN = ActorRef("China", "China", "CHN", "GOV", "CHNGOV")
VNM = ActorRef("Vietnam", "Vietnam", "VNM", "GOV", "VNMGOV")


def _event(
    eid: str, *, target: tuple[ActorRef, ...] = (VNM,), start: int = 0, confidence: float = 0.5
) -> Event:
    return Event(
        id=eid, doc_id="d", doc="d", type="CONSULT", cameo="042", mode=None, goldstein=1.0,
        source=(CHN,), target=target, evidence=TextSpan(start, start + 5, "xxxxx"), trigger="visit",
        confidence=confidence,
    )  # fmt: skip


def test_resolve_keeps_one_per_id_and_the_more_confident() -> None:
    kept = finalise_events([_event("a", confidence=0.4), _event("a", confidence=0.9)])
    assert [e.confidence for e in kept] == [0.9]


def test_resolve_drops_targetless_copy_in_same_sentence() -> None:
    kept = finalise_events([_event("a"), _event("b", target=())])
    assert [e.id for e in kept] == ["a"]


def test_resolve_keeps_targetless_event_in_other_sentence() -> None:
    kept = finalise_events([_event("a"), _event("b", target=(), start=50)])
    assert [e.id for e in kept] == ["a", "b"]


@pytest.mark.parametrize("threshold", [0.5, 0.6])
def test_resolve_min_confidence(threshold: float) -> None:
    kept = finalise_events([_event("a", confidence=0.55)], min_confidence=threshold)
    assert len(kept) == (1 if threshold <= 0.55 else 0)
