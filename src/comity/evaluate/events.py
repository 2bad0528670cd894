"""Score predicted events against the seed gold (``gold/seeds/events.jsonl``, read in place).

Matching, per ``gold/README.md``: a prediction matches a gold event of the same document when
their evidence spans overlap and the PLOVER type equals the gold type (or one of its
``alt_plover``). Levels: ``type``; ``countries`` (also the gold source and target countries are
among the predicted ones, in either order when the gold is ``reciprocal``; a gold side with no
country is not checked); ``date`` (also the dates overlap as intervals). Precision is over all
predictions (a prediction is right when it matches any gold event); recall over ``tier == core``
gold events and over all, a gold event counting as found when any prediction matches it.

>>> sorted(score_events({}, []))
['countries', 'date', 'type']
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from comity.records import Event

__all__ = ["LEVELS", "load_gold", "match_level", "score_events", "spans_overlap"]

LEVELS = ("type", "countries", "date")
Gold = dict[str, Any]


def load_gold(path: Path) -> list[Gold]:
    """The gold events of a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _countries(actor: str | None) -> set[str]:
    if not actor:
        return set()
    parts = actor.split("|")
    codes = parts[1] if len(parts) > 1 else ""
    return {c for c in codes.split(";") if c and c != "---"}


def _interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    if not value:
        return None
    left, _, right = value.partition("/")
    lo = _bound(left, end=False) if left and left != ".." else dt.date.min
    hi = _bound(right or left, end=True) if (right or left) != ".." else dt.date.max
    return (lo, hi) if lo and hi else None


def _bound(text: str, *, end: bool) -> dt.date | None:
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", text.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if day:
        return dt.date(year, int(month), int(day))
    if month:
        first = dt.date(year, int(month), 1)
        return (
            (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            if end
            else first
        )
    return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)


def match_level(event: Event, gold: Gold) -> int:
    """0 = no match, 1 = type, 2 = + countries, 3 = + date."""
    return _level(event, gold)


def spans_overlap(event: Event, gold: Gold) -> bool:
    """Do the evidence spans of a prediction and a gold event overlap?"""
    return bool(event.evidence.start < gold["end"] and gold["start"] < event.evidence.end)


def _level(event: Event, gold: Gold) -> int:
    if not spans_overlap(event, gold):
        return 0
    if event.type != gold["event_type_plover"] and event.type not in (gold.get("alt_plover") or []):
        return 0
    src = {a.country for a in event.source if a.country}
    tgt = {a.country for a in event.target if a.country}
    g_src, g_tgt = _countries(gold.get("source_actor")), _countries(gold.get("target_actor"))

    def fits(s: set[str], t: set[str]) -> bool:
        return (not g_src or bool(g_src & s)) and (not g_tgt or bool(g_tgt & t))

    if not (fits(src, tgt) or (gold.get("reciprocal") and fits(tgt, src))):
        return 1
    pred, want = _interval(event.date), _interval(gold.get("event_date"))
    if pred and want and pred[0] <= want[1] and want[0] <= pred[1]:
        return 3
    return 2


def score_events(
    predicted: Mapping[str, Sequence[Event]], gold: Sequence[Gold]
) -> dict[str, dict[str, float]]:
    """Precision/recall per level; ``predicted`` maps gold ``doc`` names to predicted events."""
    out: dict[str, dict[str, float]] = {}
    for n, level in enumerate(LEVELS, start=1):
        preds = [e for events in predicted.values() for e in events]
        by_doc = {doc: [g for g in gold if g["doc"] == doc] for doc in predicted}
        right = sum(
            any(_level(e, g) >= n for g in by_doc[doc]) for doc, evs in predicted.items() for e in evs
        )
        found = [g for g in gold if any(_level(e, g) >= n for e in predicted.get(g["doc"], ()))]
        core = [g for g in gold if g.get("tier") == "core"]
        out[level] = {
            "precision": right / len(preds) if preds else 0.0,
            "recall_core": sum(g.get("tier") == "core" for g in found) / len(core) if core else 0.0,
            "recall_all": len(found) / len(gold) if gold else 0.0,
            "predicted": float(len(preds)),
        }
    return out
