"""Scoring rules of the real-news gold (``gold/realnews/score.py``, re-stated with types and error classes).

Events match in the same document when the evidence spans overlap and the PLOVER type equals the
gold type or one of its ``alt_types``; one-to-one per level, core gold rows taken before secondary
ones, then in prediction order. Levels: ``type``; ``dyad`` (each side's predicted actor codes meet
the gold side, order ignored when the gold is reciprocal; an empty gold target accepts any target,
a gold target needs a predicted one); ``dated`` (also the date: equal to the gold date or a
``date_alt``, or as precise or more and inside it; a null gold date accepts only null or a
``date_alt``). Precision is over every prediction, recall over core gold rows. Clusters: pairwise
precision and recall over cross-document pairs of type-matched events (``realnews_clusters``). Facts: same document,
evidence within 200 characters, numbers within 0.5 % or the status label's words contained.

>>> within("2024-03-24", "2024-03")
True
>>> within("2024-03", "2024-03-24")
False
>>> codes([{"country": "VNM", "code": "VNMGOV", "name": "Association of Southeast Asian Nations"}])
['ASEAN', 'VNM']
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "PRF",
    "Match",
    "codes",
    "date_ok",
    "dyad_ok",
    "interval",
    "match_events",
    "score_facts",
    "side_ok",
    "within",
]

Row = dict[str, Any]
LEVELS = ("type", "dyad", "dated")
IGO_NAMES = {
    "EUROPEAN UNION": "EU",
    "UNITED NATIONS": "UN",
    "NORTH ATLANTIC TREATY ORGANIZATION": "NATO",
    "ASSOCIATION OF SOUTHEAST ASIAN NATIONS": "ASEAN",
    "WORLD TRADE ORGANIZATION": "WTO",
    "ASIA-PACIFIC ECONOMIC COOPERATION": "APEC",
    "PERMANENT COURT OF ARBITRATION": "PCA",
    "GROUP OF 20": "G20",
}
_STATUS_STOPWORDS = frozenset({"a", "the", "and", "of", "partnership"})
FACT_WINDOW = 200
FACT_TOLERANCE = 0.005


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision over ``predicted``, recall over ``gold`` (core), from the matched counts."""

    matched: int
    predicted: int
    found: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "P": round(self.precision, 3),
            "R": round(self.recall, 3),
            "F1": round(self.f1, 3),
            "pred": self.predicted,
            "core": self.gold,
            "matched": self.matched,
            "core_found": self.found,
        }


@dataclass(frozen=True, slots=True)
class Match:
    """The one-to-one matching of one level: prediction index -> gold index."""

    level: str
    pairs: dict[int, int]


def codes(actors: object) -> list[str]:
    """Comparable codes of a predicted actor list: country and code prefixes, names, IGO acronyms."""
    out: set[str] = set()
    for actor in actors if isinstance(actors, list) else ():
        if not isinstance(actor, dict):
            continue
        for key in ("country", "code", "name", "text"):
            value = actor.get(key)
            if not value:
                continue
            upper = str(value).upper()
            out.add(upper[:3] if key in ("country", "code") else upper)
            out.update(acronym for name, acronym in IGO_NAMES.items() if name in upper)
    return sorted(out)


def side_ok(predicted: Sequence[str], gold: Sequence[str]) -> bool:
    if not gold:
        return True
    for g in (str(x).upper() for x in gold):
        if g in predicted or any(g == p[:3] or (len(g) > 3 and g in p) for p in predicted):
            return True
    return False


def dyad_ok(pred: Row, gold: Row) -> bool:
    """Source and target agree with the gold's (either order when the gold is reciprocal)."""
    ps, pt = codes(pred.get("source")), codes(pred.get("target"))
    gs, gt = gold.get("source") or [], gold.get("target") or []
    if not ps or (gt and not pt):
        return False
    if side_ok(ps, gs) and side_ok(pt, gt):
        return True
    return bool(gold.get("reciprocal")) and side_ok(pt, gs) and side_ok(ps, gt)


def interval(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of an ISO day, month, year or "A/B" interval; None if unreadable."""
    value = value.strip()
    if "/" in value:
        first, last = (interval(part) for part in value.split("/", 1))
        return (first[0], last[1]) if first and last else None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return day, day
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = map(int, value.split("-"))
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def within(predicted: object, gold: object) -> bool:
    """The predicted date equals the gold one, or is as precise or more and lies inside it."""
    if str(predicted) == str(gold):
        return True
    p, g = interval(str(predicted)), interval(str(gold))
    return bool(p and g and g[0] <= p[0] and p[1] <= g[1])


def date_ok(pred: Row, gold: Row) -> bool:
    predicted, wanted = pred.get("date"), gold.get("date")
    alternatives = [str(a) for a in (gold.get("date_alt") or [])]
    if wanted is None:
        return predicted is None or any(within(predicted, a) for a in alternatives)
    return predicted is not None and (
        within(predicted, wanted) or any(within(predicted, a) for a in alternatives)
    )


def evidence_span(pred: Row, text: str) -> tuple[int, int] | None:
    """Where the prediction's evidence sentence lies in ``text`` (offsets first, else a search)."""
    evidence = pred.get("evidence") or {}
    start, end, quote = evidence.get("start"), evidence.get("end"), evidence.get("text") or ""
    if isinstance(start, int) and isinstance(end, int) and quote and text[start:end] == quote:
        return start, end
    found = text.find(quote) if quote else -1
    return (found, found + len(quote)) if found >= 0 else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def type_ok(pred: Row, gold: Row) -> bool:
    return pred.get("type") == gold["type"] or pred.get("type") in (gold.get("alt_types") or [])


CHECKS: dict[str, Callable[[Row, Row], bool]] = {
    "type": lambda p, g: True,
    "dyad": dyad_ok,
    "dated": lambda p, g: dyad_ok(p, g) and date_ok(p, g),
}


def match_events(
    preds: Sequence[Row],
    gold: Sequence[Row],
    texts: dict[str, str],
    level: str,
    *,
    prefer: Callable[[Row, Row], bool] | None = None,
) -> Match:
    """One-to-one matching at ``level``; ``preds`` rows carry their document name in ``_doc``.
    Core gold rows are taken first, then (with ``prefer``) the pairs it accepts; else text order,
    as the shared scorer does."""
    check = CHECKS[level]
    by_doc: dict[str, list[int]] = {}
    for i, g in enumerate(gold):
        by_doc.setdefault(g["doc"], []).append(i)
    candidates = []
    for j, p in enumerate(preds):
        span = evidence_span(p, texts.get(p["_doc"], ""))
        if span is None:
            continue
        for i in by_doc.get(p["_doc"], []):
            g = gold[i]
            if _overlap(span, (g["start"], g["end"])) and type_ok(p, g) and check(p, g):
                candidates.append((g.get("tier") != "core", prefer is not None and not prefer(p, g), j, i))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, j, i in sorted(candidates):
        if i not in taken and j not in pairs:
            taken.add(i)
            pairs[j] = i
    return Match(level, pairs)


def prf(match: Match, preds: Sequence[Row], gold: Sequence[Row]) -> PRF:
    core = [g.get("tier") == "core" for g in gold]
    return PRF(len(match.pairs), len(preds), sum(core[i] for i in match.pairs.values()), sum(core))


def _status_words(value: object) -> set[str]:
    return set(re.findall(r"[a-z]+", str(value).lower())) - _STATUS_STOPWORDS


def fact_ok(pred: Row, gold: Row) -> bool:
    """Same status label and country pair, or a number within 0.5 % of the gold value."""
    if gold["measure"] == "relationship_status":
        subject = set(str(pred.get("subject") or "").upper().split("-"))
        wanted = _status_words(gold["value"])
        return (
            pred.get("measure") == "relationship_status"
            and subject == {str(c).upper() for c in gold.get("countries") or []}
            and bool(wanted)
            and wanted <= _status_words(pred.get("value_text") or pred.get("value"))
        )
    value, wanted_value = pred.get("value_number"), gold.get("value")
    if not isinstance(value, int | float) or not isinstance(wanted_value, int | float) or not wanted_value:
        return False
    return abs(value - wanted_value) <= FACT_TOLERANCE * abs(wanted_value)


def _fact_span(pred: Row, text: str) -> tuple[int, int] | None:
    quote, start = pred.get("evidence") or "", pred.get("evidence_start")
    if isinstance(start, int) and quote and text[start : start + len(quote)] == quote:
        return start, start + len(quote)
    found = text.find(quote) if quote else -1
    return (found, found + len(quote)) if found >= 0 else None


def score_facts(preds: Sequence[Row], gold: Sequence[Row], texts: dict[str, str]) -> PRF:
    """Greedy, in prediction order: each prediction takes the first unused gold fact it agrees with."""
    used: set[int] = set()
    matched = found = 0
    for p in preds:
        span = _fact_span(p, texts.get(p["_doc"], ""))
        if span is None:
            continue
        window = (max(0, span[0] - FACT_WINDOW), span[1] + FACT_WINDOW)
        for i, g in enumerate(gold):
            if i in used or g["doc"] != p["_doc"] or not _overlap(window, (g["start"], g["end"])):
                continue
            if fact_ok(p, g):
                used.add(i)
                matched += 1
                found += g.get("tier") == "core"
                break
    return PRF(matched, len(preds), found, sum(1 for g in gold if g.get("tier") == "core"))
