"""Score events on the seed gold folder (``documents.jsonl`` + ``events.jsonl``, texts beside it).

The matching rules are those of ``comity.evaluate.events`` (``gold/README.md``). On top of its
precision/recall per level (reported as ``type``, ``type_actors``: also the source and target
countries, ``type_actors_date``: also the date) this adds F1 (against core and against all gold events), per-type
scores at the type level, a confusion matrix over gold events and examples of the errors.

Confusion: each gold event is paired with the predictions whose spans overlap it; the row is the
gold type, the column the gold type when one of them matches it, else the type of the most
confident overlapping prediction, else ``NONE``.

>>> seed_date({"publication_date": "inferred", "most_likely": "2023-12-13/2023-12-15"})
'2023-12-13'
"""

from __future__ import annotations

import calendar
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from comity.errors import ConfigError
from comity.evaluate.events import Gold, match_level, score_events, spans_overlap
from comity.evaluate.events_sentences import NONE, primary
from comity.records import Event

__all__ = ["SeedDoc", "date_interval", "load_seeds", "score_seeds", "seed_date"]

Report = dict[str, Any]
_MAX_EXAMPLES = 15
_LEVEL_NAMES = {"type": "type", "countries": "type_actors", "date": "type_actors_date"}


class SeedDoc:
    """One gold document: its name, text and the date comity is given for it."""

    def __init__(self, name: str, text: str, date: str | None) -> None:
        self.name, self.text, self.date = name, text, date


def seed_date(row: Mapping[str, Any]) -> str | None:
    """The stated publication date, else the most likely (or earliest) inferred one."""
    for key in ("publication_date", "most_likely", "earliest"):
        value = row.get(key)
        if isinstance(value, str) and value[:4].isdigit():
            return value.split("/")[0]
    return None


def _jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read {str(path)!r}: {exc}") from exc
    return [json.loads(line) for line in lines if line.strip()]


def _texts_dir(folder: Path) -> Path:
    for candidate in (folder, folder.parent.parent / "corpus" / folder.name, folder.parent / "corpus"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise ConfigError(f"no article texts (*.txt) found for the gold folder {str(folder)!r}")


def load_seeds(folder: Path, limit: int | None = None) -> tuple[list[SeedDoc], list[Gold]]:
    """The first ``limit`` documents of a seed gold folder and their gold events."""
    rows = _jsonl(folder / "documents.jsonl")[:limit]
    texts = _texts_dir(folder)
    docs = [SeedDoc(r["doc"], (texts / r["doc"]).read_text(encoding="utf-8"), seed_date(r)) for r in rows]
    names = {d.name for d in docs}
    gold = [g for g in _jsonl(folder / "events.jsonl") if g["doc"] in names]
    return docs, gold


def _f1(precision: float, recall: float) -> float:
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


def _levels(predicted: Mapping[str, Sequence[Event]], gold: Sequence[Gold]) -> Report:
    out: Report = {}
    for level, s in score_events(predicted, gold).items():
        name = _LEVEL_NAMES.get(level, level)
        p, rc, ra = s["precision"], s["recall_core"], s["recall_all"]
        out[name] = {
            "precision": round(p, 4),
            "recall_core": round(rc, 4),
            "recall_all": round(ra, 4),
            "f1_core": _f1(p, rc),
            "f1_all": _f1(p, ra),
        }
    return out


def _per_type(predicted: Mapping[str, Sequence[Event]], gold: Sequence[Gold]) -> Report:
    types = sorted({g["event_type_plover"] for g in gold} | {e.type for es in predicted.values() for e in es})
    out: Report = {}
    for kind in types:
        preds = {d: [e for e in es if e.type == kind] for d, es in predicted.items()}
        want = [g for g in gold if g["event_type_plover"] == kind]
        right = sum(
            any(match_level(e, g) for g in gold if g["doc"] == d) for d, es in preds.items() for e in es
        )
        found = [g for g in want if any(match_level(e, g) for e in predicted.get(g["doc"], ()))]
        n_pred = sum(map(len, preds.values()))
        p = right / n_pred if n_pred else 0.0
        r = len(found) / len(want) if want else 0.0
        core = sum(g.get("tier") == "core" for g in want)
        out[kind] = {"precision": round(p, 4), "recall_all": round(r, 4), "f1_all": _f1(p, r)}
        out[kind].update({"predicted": n_pred, "gold": len(want), "gold_core": core})
    return out


def _confusion(predicted: Mapping[str, Sequence[Event]], gold: Sequence[Gold]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = {}
    for g in gold:
        near = [e for e in predicted.get(g["doc"], ()) if spans_overlap(e, g)]
        top = primary(near)
        label = g["event_type_plover"] if any(match_level(e, g) for e in near) else None
        table.setdefault(g["event_type_plover"], Counter())[label or (top.type if top else NONE)] += 1
    return {k: dict(sorted(v.items())) for k, v in sorted(table.items())}


def _errors(predicted: Mapping[str, Sequence[Event]], gold: Sequence[Gold]) -> Report:
    missed = [
        {"id": g["id"], "type": g["event_type_plover"], "evidence": g["evidence"], "tier": g.get("tier")}
        for g in gold
        if not any(match_level(e, g) >= 2 for e in predicted.get(g["doc"], ()))
    ]
    spurious = [
        {"doc": d, "type": e.type, "cameo": e.cameo, "trigger": e.trigger, "evidence": e.evidence.text[:200]}
        for d, es in predicted.items()
        for e in es
        if not any(match_level(e, g) for g in gold if g["doc"] == d)
    ]
    return {"missed_countries_level": missed[:_MAX_EXAMPLES], "spurious": spurious[:_MAX_EXAMPLES]}


def date_interval(value: str | None) -> tuple[str, str] | None:
    """A date value as (first day, last day) in ISO form; ".." stays open; None when not a date.

    >>> date_interval("2023-12")
    ('2023-12-01', '2023-12-31')
    >>> date_interval("2017-11-02/2017-11-03")
    ('2017-11-02', '2017-11-03')
    """
    if not value:
        return None
    left, _, right = value.partition("/")
    lo, hi = _day(left, end=False), _day(right or left, end=True)
    return (lo, hi) if lo and hi else None


def _day(text: str, *, end: bool) -> str | None:
    if text == "..":
        return text
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", text.strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-{last if end else 1:02d}"
    return f"{year}-12-31" if end else f"{year}-01-01"


def _matched_core(
    predicted: Mapping[str, Sequence[Event]], gold: Sequence[Gold], keep: Callable[[Gold], bool]
) -> Iterator[tuple[Gold, list[Event]]]:
    """Core gold events that ``keep`` accepts, each with the predictions matching its type and
    countries; gold events no prediction matches are left out."""
    for g in gold:
        if g.get("tier") != "core" or not keep(g):
            continue
        matched = [e for e in predicted.get(g["doc"], ()) if match_level(e, g) >= 2]
        if matched:
            yield g, matched


def _stated_place(g: Gold) -> bool:
    """A place the text states; "(inferred)"/"(implied)" needs a dateline or world knowledge."""
    place = g.get("location") or ""
    return bool(place) and "(" not in str(place)


def _date_share(predicted: Mapping[str, Sequence[Event]], gold: Sequence[Gold]) -> Report:
    """Core gold events with an ``event_date`` that a prediction matches (type + countries): the
    share whose predicted date is the same interval, and the share whose dates overlap."""
    same = overlap = total = 0
    wrong: list[Report] = []
    for g, matched in _matched_core(predicted, gold, lambda g: bool(g.get("event_date"))):
        total += 1
        want = date_interval(g["event_date"])
        hit = [e for e in matched if want is not None and date_interval(e.date) == want]
        same += bool(hit)
        overlap += any(match_level(e, g) == 3 for e in matched)
        if not hit:
            e = matched[0]
            wrong.append({"id": g["id"], "gold": g["event_date"], "predicted": e.date, "basis": e.date_basis})
    return {
        "matched_core_with_date": total,
        "same": round(same / total, 4) if total else 0.0,
        "same_or_overlapping": round(overlap / total, 4) if total else 0.0,
        "wrong": wrong[:_MAX_EXAMPLES],
    }


def _location_share(predicted: Mapping[str, Sequence[Event]], gold: Sequence[Gold]) -> Report:
    """Core gold events with a stated place (not "(inferred)"/"(implied)", which needs a dateline
    or world knowledge) that a prediction matches (type + countries): how many got a location,
    and how many got that place: a location named as one of the gold's comma-separated parts
    ("Hanoi, Vietnam" is met by Hanoi or by Vietnam)."""
    total = located = same = 0
    wrong: list[Report] = []
    for g, matched in _matched_core(predicted, gold, _stated_place):
        place = str(g["location"])
        total += 1
        found = [e.location for e in matched if e.location is not None]
        located += bool(found)
        want = [part.strip().lower() for part in place.split(",")]
        hit = any((loc.name or loc.text or "").lower() in want or loc.text.lower() in want for loc in found)
        same += hit
        if not hit:
            wrong.append({"id": g["id"], "gold": place, "predicted": found[0].name if found else None})
    return {
        "matched_core_with_place": total,
        "located": round(located / total, 4) if total else 0.0,
        "same_place": round(same / total, 4) if total else 0.0,
        "wrong": wrong[:_MAX_EXAMPLES],
    }


def score_seeds(predicted: Mapping[str, Sequence[Event]], gold: Sequence[Gold]) -> Report:
    """The full seed report: levels (P, R core/all, F1), per type, confusion, errors."""
    return {
        "format": "seeds",
        "docs": len(predicted),
        "gold": len(gold),
        "gold_core": sum(g.get("tier") == "core" for g in gold),
        "predicted": sum(map(len, predicted.values())),
        "levels": _levels(predicted, gold),
        "date_share": _date_share(predicted, gold),
        "location_share": _location_share(predicted, gold),
        "per_type": _per_type(predicted, gold),
        "confusion": _confusion(predicted, gold),
        "errors": _errors(predicted, gold),
    }
