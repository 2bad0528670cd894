"""Final in-document pass over coded events: drop repeats and low-confidence events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from comity.records import Event


def _codes(actors: Iterable[object]) -> frozenset[str]:
    return frozenset(getattr(a, "code", None) or getattr(a, "country", None) or "" for a in actors)


def _key(event: Event) -> tuple[object, ...]:
    return (event.evidence.start, event.type, event.cameo, _codes(event.source))


def finalise_events(events: Iterable[Event], *, min_confidence: float = 0.0) -> tuple[Event, ...]:
    """Keep one event per id, drop those under ``min_confidence``, order by evidence offset and
    number them in that order (``Event.ordinal``); within a sentence the coder's order is kept (it
    gives them in reading order: trigger word, then host of a tour).

    Two triggers in one sentence often yield the same event twice, once with and once without
    its target ("Xi's visit ... his visit"); the one without a target is a weaker copy and goes.

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
    with_target = {_key(e) for e in kept.values() if e.target}
    survivors = [e for e in kept.values() if e.target or _key(e) not in with_target]
    ordered = sorted(survivors, key=lambda e: (e.evidence.start, e.evidence.end))  # stable: coder order
    return tuple(replace(e, ordinal=n) for n, e in enumerate(ordered))
