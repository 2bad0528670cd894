"""Text rules around relationship-status wordings, used by ``comity.extract.facts.find``.

Pure functions over the article text and country-coded mention spans:

* ``partners_after``: "upgraded relations with Washington and Tokyo" -> one status per partner;
* ``not_bilateral``: "an Asian community with a shared future", "... for mankind" are regional
  or global visions, not the status of one relationship;
* ``anniversaries``: "the 67th anniversary of (the establishment of) diplomatic relations" ->
  67 years (the anniversary is the fact; the relations it counts are not a new status);
* ``duration_after``, ``years_of_relations``: "a partnership that has spanned 15 years", "75 years
  of diplomatic relations" -> how many years the status has lasted;
* ``acted_on``: whether the sentence reports an act on the status ("deepen", "agreed"), so an
  undated one may take the date of the narrative it continues (the previous sentence).

>>> text = "the 30th anniversary of diplomatic ties"
>>> [(years, text[s:e]) for s, e, years in anniversaries(text, 0, len(text))]
[(30, '30th anniversary of diplomatic ties')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from comity.extract.facts.base import EXCLUDED_TIME, FactContext, make_fact, period_of
from comity.extract.time.vocab import NUMBER_WORDS, ORDINAL_WORDS
from comity.records import Fact, TimeExpression

__all__ = [
    "acted_on",
    "anniversaries",
    "duration_after",
    "duration_fact",
    "not_bilateral",
    "own_party",
    "partners_after",
    "previous_date",
    "year_anniversaries",
    "years_of_relations",
    "years_since_last",
]

Place = tuple[int, int, str]  # (start, end, ISO3) of a country-coded mention

# Small counts and ordinals spelled out, from the time-expression vocabulary (one list, not two).
_NUMBER_WORDS = {w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 19}
_ORDINAL_WORDS = {w: n for w, n in ORDINAL_WORDS.items() if n <= 19}
_ORDINAL = rf"(?P<num>\d{{1,3}})(?:st|nd|rd|th)|(?P<word>{'|'.join(_ORDINAL_WORDS)})"
_ANNIVERSARY = re.compile(
    rf"\b(?:{_ORDINAL})\s+anniversary\s+of\s+(?:the\s+)?(?:(?:establishment|establishing|normali[sz]ation)\s+of\s+)?"
    r"(?:[\w’'-]+\s+){0,3}?(?:diplomatic\s+)?(?:relations|ties|partnership)\b",
    re.I,
)
_COUNT = rf"(?P<n>\d{{1,3}}|{'|'.join(_NUMBER_WORDS)})"
_DURATION = re.compile(
    rf"^\s*(?:that|which)?\s*(?:has|have|had)?\s*(?:spanned|lasted|endured|existed\s+for|been\s+in\s+place\s+for)"
    rf"\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?{_COUNT}\s+years\b",
    re.I,
)
_YEAR_ANNIVERSARY = re.compile(r"\b(?P<n>\d{1,3})-year\s+anniversary\b", re.I)
#: "the first such meeting ... in six years": how long since the last one.
_FIRST_IN = re.compile(
    rf"\bthe\s+first\b[^.;]{{0,80}}?\bin\s+(?:more\s+than\s+|nearly\s+|almost\s+|over\s+)?{_COUNT}\s+years\b",
    re.I,
)
_YEARS_OF = re.compile(rf"\b{_COUNT}\s+years\s+of\s+(?:diplomatic\s+)?(?:relations|ties)\b", re.I)
#: A status named as a vision beyond the pair: "an Asian community", "... for mankind".
_WIDER_BEFORE = re.compile(
    r"\b(?:an?|the)\s+(?:Asian|Asia-Pacific|regional|global|ASEAN|Lancang-Mekong|world|human|neighbou?rhood)\s+$",
    re.I,
)
_WIDER_AFTER = re.compile(r"^\s+(?:for|of)\s+(?:all\s+)?(?:mankind|humankind|humanity|the\s+world)\b", re.I)
_ACT = re.compile(
    r"\b(?:deepen\w*|upgrad\w*|elevat\w*|establish\w*|agreed|agree|pledged|vowed|decided|announced|"
    r"signed|build|building|forged|launched)\b",
    re.I,
)
_WITH = re.compile(r"\s+with\s+", re.I)  # used with .match(text, pos): no "^"
_COORDINATION = re.compile(r"^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s+as\s+well\s+as\s+)(?:the\s+)?$", re.I)


def _count(match: re.Match[str], group: str = "n") -> int:
    raw = match.group(group).lower()
    return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]


def partners_after(text: str, end: int, places: Sequence[Place], limit: int) -> list[tuple[str, int]]:
    """Countries coordinated after "with" right after ``end`` ("with Washington and Tokyo"),
    each with where its mention ends; [] when the status is not followed by "with"."""
    lead = _WITH.match(text, end, limit)
    if not lead:
        return []
    found: list[tuple[str, int]] = []
    pos = lead.end()
    for start, stop, iso in sorted(p for p in places if lead.end() <= p[0] < limit):
        gap = text[pos:start]
        if (found and not _COORDINATION.match(gap)) or (not found and gap.strip(" ") not in ("", "the")):
            break
        if iso not in (c for c, _ in found):
            found.append((iso, stop))
        pos = stop
    return found


def not_bilateral(text: str, start: int, end: int) -> bool:
    """A status wording that names a regional or global vision, not one relationship's status."""
    return bool(
        _WIDER_BEFORE.search(text[max(0, start - 40) : start]) or _WIDER_AFTER.match(text[end : end + 30])
    )


def anniversaries(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, years) of "the Nth anniversary of ... relations" in [start, end)."""
    out = []
    for m in _ANNIVERSARY.finditer(text, start, end):
        years = int(m.group("num")) if m.group("num") else _ORDINAL_WORDS[m.group("word").lower()]
        out.append((m.start(), m.end(), years))
    return out


def duration_after(text: str, status_end: int, end: int) -> tuple[int, int, int] | None:
    """(start, end, years) of "that has spanned 15 years" right after a status ending at ``status_end``."""
    tail = _DURATION.match(text[status_end:end])
    return (status_end + tail.start("n"), status_end + tail.end(), _count(tail)) if tail else None


def years_of_relations(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, years) of "75 years of diplomatic relations" in [start, end)."""
    return [(m.start(), m.end(), _count(m)) for m in _YEARS_OF.finditer(text, start, end)]


def year_anniversaries(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, years) of "this 10-year anniversary" in [start, end) (what it is of may be a
    status named after it, which stays a status of its own)."""
    return [(m.start(), m.end(), _count(m)) for m in _YEAR_ANNIVERSARY.finditer(text, start, end)]


def years_since_last(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, years) of "the first such meeting ... in six years" in [start, end)."""
    return [(m.start("n"), m.end(), _count(m)) for m in _FIRST_IN.finditer(text, start, end)]


def acted_on(sentence: str) -> bool:
    """Whether the sentence reports an act on a status (so it belongs to a narrated moment)."""
    return bool(_ACT.search(sentence))


# -- with the article context (comity.extract.facts.base) ------------------------------------
def own_party(ctx: FactContext, pos: int, sent_start: int, partners: set[str]) -> str | None:
    """The other side of "its relations with X": a possessive country before ``pos`` first."""
    before = [(s, e, c) for s, e, c in ctx.places if sent_start <= s and e <= pos and c not in partners]
    owners = [c for _, e, c in before if re.match(r"['’]s?\b", ctx.text[e : e + 2])]
    if owners or before:
        return (owners or [c for _, _, c in before])[0]
    return next((c for c in ctx.dyad.split("-") if c not in partners and c != "unknown"), None)


def duration_fact(
    ctx: FactContext, span: tuple[int, int], sent: tuple[int, int], subject: str, years: int
) -> Fact:
    """How long a status has lasted, over the years it spans up to the clause's (or doc's) year."""
    time = period_of(ctx, span, sent)
    until = ((time.value if time else None) or ctx.date or "")[:4]
    period = f"{int(until) - years}/{until}" if until.isdigit() else None
    return make_fact(
        ctx, "status_duration", span, subject=subject, value=float(years), unit="years", period=period
    )


def previous_date(ctx: FactContext, sent_start: int) -> TimeExpression | None:
    """The last date of the sentence right before ``sent_start`` (the narrative continued)."""
    earlier = [b for b in ctx.sentences if b[1] <= sent_start]
    if not earlier:
        return None
    p_start, p_end = max(earlier)
    dates = [
        t for t in ctx.times
        if t.type == "DATE" and p_start <= t.start and t.end <= p_end
        and not EXCLUDED_TIME.search(ctx.text[max(0, t.start - 20) : t.start])
    ]  # fmt: skip
    return max(dates, key=lambda t: t.end) if dates else None
