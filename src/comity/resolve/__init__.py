"""Resolve stage: records only (no spaCy objects) — in-document dedupe and final filtering."""

from comity.resolve.consolidate import (
    EventLike,
    FactLike,
    cluster_events,
    corroborate_facts,
    event_like,
    fact_like,
)
from comity.resolve.events import finalise_events

__all__ = [
    "EventLike",
    "FactLike",
    "cluster_events",
    "corroborate_facts",
    "event_like",
    "fact_like",
    "finalise_events",
]
