"""The event-coder interface and stable event ids."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from comity.records import Article, Event, Mention, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["PRODUCER", "EventCoder", "event_id"]

#: The rule-based coder's name and ``Event.producer`` (its events and ``background.py``'s).
PRODUCER = "rules.v1"


@runtime_checkable
class EventCoder(Protocol):
    """Turns one parsed article into candidate events (no I/O, no storage)."""

    name: str

    def code(
        self, doc: Doc, article: Article, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> list[Event]: ...


def event_id(
    doc_id: str,
    cameo: str | None,
    start: int,
    end: int,
    source_codes: Iterable[str | None],
    target_codes: Iterable[str | None],
) -> str:
    """Stable 16-hex-digit id from the document, code, evidence span and actor codes.

    >>> event_id("d1", "040", 0, 10, ["CHNGOV"], ["VNMPTY"]) == event_id("d1", "040", 0, 10, ["CHNGOV"], ["VNMPTY"])
    True
    """
    parts = [doc_id, cameo or "", str(start), str(end), "+".join(c or "" for c in source_codes)]
    parts.append("+".join(c or "" for c in target_codes))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
