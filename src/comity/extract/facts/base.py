"""Shared pieces of ``comity.extract.facts.find``: the article context, fact records, clauses, periods."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from comity.records import Fact, TextSpan, TimeExpression

NAME = "facts.v1"
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:while|whereas)\b")
EXCLUDED_TIME = re.compile(r"\b(?:from|than|over|compared (?:with|to)|versus|on)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class FactContext:
    text: str
    doc_id: str
    date: str | None
    places: list[tuple[int, int, str]]  # (start, end, ISO3) of country-coded mentions
    times: list[TimeExpression]
    dyad: str
    sentences: tuple[tuple[int, int], ...] = ()
    host: str | None = None  # ISO3 of the government publishing an official readout ("our", "we")


def make_fact(ctx: FactContext, measure: str, span: tuple[int, int], **fields: Any) -> Fact:
    start, end = span
    evidence = TextSpan(start, end, ctx.text[start:end])
    parts: tuple[object, ...] = (ctx.doc_id, measure, start, end)
    if measure == "relationship_status":  # one wording may state the status of several pairs
        parts += (fields.get("subject"),)
    key = "\x1f".join(str(p) for p in parts)  # stable: sha256, 16 hex
    return Fact(id=hashlib.sha256(key.encode()).hexdigest()[:16], doc_id=ctx.doc_id, measure=measure,
                evidence=evidence, producer=NAME, **fields)  # fmt: skip


def clause_of(ctx: FactContext, pos: int, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence [start, end) that holds ``pos`` (split at , ; : and/while)."""
    left = [m.end() for m in _CLAUSE_BREAK.finditer(ctx.text, start, pos)]
    right = _CLAUSE_BREAK.search(ctx.text, pos, end)
    return (left[-1] if left else start), (right.start() if right else end)


def period_of(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> TimeExpression | None:
    """The time expression of the clause (following ones first), else the sentence's preceding one."""
    c_start, c_end = clause_of(ctx, span[1] - 1, *sent)
    usable = [
        t for t in ctx.times
        if t.type == "DATE" and sent[0] <= t.start and t.end <= sent[1]
        and not (t.start < span[1] and span[0] < t.end)
        and not EXCLUDED_TIME.search(ctx.text[max(0, t.start - 20) : t.start])
    ]  # fmt: skip
    after = [t for t in usable if span[1] <= t.start < c_end]
    before = [t for t in usable if c_start <= t.end <= span[0]]
    if after or before:
        return min(after, key=lambda t: t.start) if after else max(before, key=lambda t: t.end)
    earlier = [t for t in usable if t.end <= span[0]]
    return max(earlier, key=lambda t: t.end) if earlier else None
