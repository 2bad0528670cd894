"""Resolve stage: records only (no spaCy objects) — in-document dedupe and final filtering."""

from comity.resolve.events import finalise_events

__all__ = ["finalise_events"]
