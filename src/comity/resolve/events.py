"""Final in-document pass over coded events: drop exact repeats and low-confidence events."""

from __future__ import annotations

from collections.abc import Iterable

from comity.records import Event


def finalise_events(events: Iterable[Event], *, min_confidence: float = 0.0) -> tuple[Event, ...]:
    """Keep the first event per id, drop those under ``min_confidence``, order by evidence offset.

    >>> finalise_events([])
    ()
    """
    kept: dict[str, Event] = {}
    for event in events:
        if event.confidence < min_confidence:
            continue
        previous = kept.get(event.id)
        if previous is None or event.confidence > previous.confidence:
            kept[event.id] = event
    return tuple(sorted(kept.values(), key=lambda e: (e.evidence.start, e.evidence.end, e.id)))
