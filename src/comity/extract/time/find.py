"""Find and normalise time expressions (TIMEX3-style) in plain text, resolved against an anchor date.

Pure text in, records out: no spaCy. Rules live in ``rules_absolute`` (calendar expressions) and
``rules_relative`` (relative ones); vocabularies in ``vocab``. Every candidate of every rule is
collected, then the longest non-overlapping ones are kept (earlier rules win ties).

>>> [(t.text, t.value) for t in find_time_expressions("Talks ended on Friday.", "2023-12-01")]
[('Friday', '2023-12-01')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from datetime import date

from comity.extract.time import rules_absolute, rules_relative
from comity.extract.time.anaphora import resolve_anaphora
from comity.extract.time.base import Cand, Ctx
from comity.extract.time.tense import lexical_future
from comity.records import DatePrecision, TimeExpression

NAME = "timex.v1"

__all__ = ["NAME", "find_time_expressions", "lexical_future", "precision_of"]

_RULES = [*rules_absolute.RULES, *rules_relative.RULES]
#: Words (lowercase) one of which every match of a rule contains: a text without any of them
#: skips that rule's scan, which is most of the cost of finding time expressions.
GATES: dict[str, tuple[str, ...]] = {**rules_absolute.GATES, **rules_relative.GATES}
_PRIORITY = {name: i for i, (name, _, _) in enumerate(_RULES)}
_ABSOLUTE = re.compile(r"\d{3,4}(?:-\S+)?")
_PRECISION: list[tuple[re.Pattern[str], DatePrecision]] = [
    (re.compile(r"[^/]+/[^/]+"), "interval"),
    (re.compile(r"\d{4}-\d\d-\d\d(?:T.*)?"), "day"),
    (re.compile(r"\d{4}-W\d\d(?:-WE)?"), "week"),
    (re.compile(r"\d{4}-Q[1-4]"), "quarter"),
    (re.compile(r"\d{4}-H[12]"), "half"),
    (re.compile(r"\d{4}-\d\d"), "month"),
    (re.compile(r"\d{4}|\d{4}-(?:SP|SU|FA|WI)|\d{2,3}"), "year"),
]


def precision_of(value: str | None) -> DatePrecision:
    """The granularity of a normalised value ('2023-12' -> 'month'); 'unknown' for refs and durations.

    Decades ('199') and seasons ('2023-SU') report 'year', the finest precision that holds for them.
    """
    if value is None:
        return "unknown"
    for pattern, precision in _PRECISION:
        if pattern.fullmatch(value):
            return precision
    return "unknown"


def _parse_anchor(anchor: str | None) -> date | None:
    if not anchor:
        return None
    try:
        return date.fromisoformat(anchor.strip()[:10])
    except ValueError:
        return None


def _candidates(ctx: Ctx) -> list[Cand]:
    found: list[Cand] = []
    lower = ctx.text.lower()
    for name, pattern, handler in _RULES:
        gate = GATES.get(name)
        if gate is not None and not any(word in lower for word in gate):
            continue
        for m in pattern.finditer(ctx.text):
            if m.end() == m.start():
                continue
            result = handler(m, ctx)
            if result is not None:
                found.append(Cand(m.start(), m.end(), result[0], result[1], name))
    return found


def _select(cands: list[Cand]) -> list[Cand]:
    """Longest first, then rule order; keep those that overlap nothing already kept."""
    kept: list[Cand] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, _PRIORITY[c.rule], c.start)):
        if all(c.end <= s or c.start >= e for s, e in taken):
            kept.append(c)
            taken.append((c.start, c.end))
    return sorted(kept, key=lambda c: c.start)


def _is_absolute(c: Cand) -> bool:
    return (
        c.type == "DATE" and c.value is not None and "/" not in c.value and bool(_ABSOLUTE.fullmatch(c.value))
    )


def _widen(cands: list[Cand], text: str, anchor: date | None) -> list[Cand]:
    """'since February 2020' -> the open interval '2020-02/<anchor>' ('2020-02/..' without anchor)."""
    out: list[Cand] = []
    for c in cands:
        since = re.search(r"\b[Ss]ince\s+$", text[max(0, c.start - 8) : c.start])
        if since and _is_absolute(c) and (not out or out[-1].end <= c.start - len(since.group())):
            end = anchor.isoformat() if anchor else ".."
            value = _past_of(c, text, anchor)
            c = Cand(c.start - len(since.group()), c.end, "DATE", f"{value}/{end}", c.rule + "+since")
        out.append(c)
    return out


def _past_of(c: Cand, text: str, anchor: date | None) -> str:
    """'since Q3' looks back: a yearless start after the anchor belongs to the year before."""
    value = c.value or ""
    start = _start_of(value)
    if anchor is None or start is None or start <= anchor or re.search(r"\d{4}", text[c.start : c.end]):
        return value
    return f"{int(value[:4]) - 1:04d}{value[4:]}"


def _start_of(value: str) -> date | None:
    """First day of 'YYYY', 'YYYY-MM', 'YYYY-MM-DD', 'YYYY-Qn' or 'YYYY-Hn'; None for other forms."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12]))?", value)
    if m is None:
        return None
    year, month, day, quarter, half = m.groups()
    if quarter:
        month = str((int(quarter) - 1) * 3 + 1)
    elif half:
        month = "1" if half == "1" else "7"
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def _sentence_index(starts: list[int], sentences: Sequence[tuple[int, int]], offset: int) -> int:
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and sentences[i][0] <= offset < max(sentences[i][1], sentences[i][0] + 1) else -1


def find_time_expressions(
    text: str,
    anchor: str | None,
    *,
    doc_id: str = "",
    sentences: Sequence[tuple[int, int]] | None = None,
    future: Callable[[int], bool] | None = None,
) -> list[TimeExpression]:
    """Find the time expressions in ``text`` and normalise them against ``anchor``.

    Args:
        text: the article text; offsets refer to it.
        anchor: the article's date (ISO, a time part is ignored) or None: then relative expressions are
            still found, with ``value=None``.
        doc_id: copied into every record.
        sentences: sorted character spans of the sentences, to fill ``TimeExpression.sentence``.
        future: called with an expression's start offset; True when the clause is in the future tense,
            so that "Friday" or "December" mean the next occurrence rather than the last.

    Returns:
        Non-overlapping expressions sorted by start, each with ``text == text[start:end]``.

    >>> [t.value for t in find_time_expressions("on 1st December 2023 and last week", "2023-12-08")]
    ['2023-12-01', '2023-W48']
    """
    day = _parse_anchor(anchor)
    ctx = Ctx(text=text, anchor=day, future=future)
    chosen = _widen(resolve_anaphora(_select(_candidates(ctx)), text), text, day)
    spans = sorted(sentences or [])
    starts = [s for s, _ in spans]
    anchor_text = day.isoformat() if day else None
    return [
        TimeExpression(
            doc_id=doc_id,
            start=c.start,
            end=c.end,
            text=text[c.start : c.end],
            type=c.type,
            value=c.value,
            precision=precision_of(c.value) if c.type != "DURATION" else "unknown",
            anchor=anchor_text,
            rule=c.rule,
            sentence=_sentence_index(starts, spans, c.start) if spans else -1,
            producer=NAME,
        )
        for c in chosen
    ]
