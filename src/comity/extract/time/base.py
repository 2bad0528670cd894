"""Shared pieces of the time-expression rules: candidates, context, date arithmetic, regex fragments.

Not a stable API: used by ``timex_rules_*`` and ``timex``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from comity.extract.time.vocab import (
    FULL_MONTHS,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    SEASON_START,
    UNITS,
    WEEKDAYS,
)

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Cand:
    """A candidate expression found by one rule, before overlaps are resolved."""

    start: int
    end: int
    type: TimexType
    value: str | None
    rule: str


@dataclass(frozen=True, slots=True)
class Ctx:
    """What a rule needs besides the match: the text, the anchor date and the tense oracle."""

    text: str
    anchor: date | None
    future: Callable[[int], bool] | None = None

    def is_future(self, start: int) -> bool:
        return self.future is not None and bool(self.future(start))


def _alternation(words: Iterable[str]) -> str:
    forms = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms)


def _cased(words: list[str]) -> str:
    """Case-sensitive alternation of Title-case and UPPER-case forms (so "may" the verb never matches)."""
    forms = sorted({f for w in words for f in (w.title(), w.upper())}, key=len, reverse=True)
    return "(?-i:" + "|".join(re.escape(f) for f in forms) + ")"


_ABBREVIATIONS = [m for m in MONTHS if m not in FULL_MONTHS]
#: A full month name (case-sensitive).
MONTH_FULL = _cased(list(FULL_MONTHS))
#: A full month name or an abbreviation with an optional full stop (case-sensitive).
MONTH_ANY = rf"(?:{MONTH_FULL}|{_cased(_ABBREVIATIONS)}\.?)"
WEEKDAY_NAME = rf"(?:{_alternation(WEEKDAYS)})"
#: A weekday name, optionally plural ("Fridays").
WEEKDAY = rf"{WEEKDAY_NAME}s?"
_NUM_WORD = rf"(?:{_alternation(NUMBER_WORDS)})\b"
#: A cardinal number in digits or words ("24", "twenty-four", "a hundred", "a").
NUM = (
    rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:an?\s+(?=hundred|thousand|dozen))?{_NUM_WORD}"
    rf"(?:(?:-|\s+|\s+and\s+){_NUM_WORD})*|an?\b)"
)
VAGUE = r"(?:several|a\s+few|few|many|a\s+couple\s+of|couple\s+of|a\s+number\s+of)"
UNIT = rf"(?:{_alternation(UNITS)}|centuries)"
DAY_NUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
DAY_WORD = rf"(?:{_alternation(ORDINAL_WORDS)})\b"
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d%])"
#: Start of a word: not preceded by a letter, digit or joining punctuation.
B = r"(?<![\w$€£.,/-])"


def parse_number(text: str) -> float | None:
    """'twenty-four' -> 24, 'a hundred' -> 100, '2.5' -> 2.5; None for vague quantities."""
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w and w != "and"]
    if words and re.fullmatch(r"\d+(?:\.\d+)?", words[0]):
        return float(words[0]) + (0.5 if words[1:] == ["1/2"] else 0.0) if len(words) <= 2 else None
    if words[-2:] == ["couple", "of"]:
        return 2.0
    total, current = 0, 0
    for word in words:
        if word in ("a", "an"):
            current = max(current, 1)
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        else:
            return None
    return float(total + current)


def fmt_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def shift_months(d: date, months: int) -> tuple[int, int]:
    """(year, month) of ``d`` moved by ``months``."""
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def month_year(anchor: date, month: int, *, future: bool, mode: str = "") -> int:
    """Year of a month named without one.

    ``mode`` "last"/"next" forces the previous/next occurrence; "this" keeps the anchor year. By default a
    past-tense month more than two months after the anchor month is last year's, and a future-tense month
    is its next occurrence (the anchor month included).
    """
    if mode == "this":
        return anchor.year
    if mode == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if mode == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year - 1 if month - anchor.month > 2 else anchor.year


def weekday_date(anchor: date, weekday: int, *, future: bool, mode: str = "") -> date:
    """The day named by a weekday: on or before the anchor (past), or after it (future / "next")."""
    delta = (anchor.isoweekday() - weekday) % 7
    if delta == 0 and not mode:
        return anchor  # the article's own weekday is its day, whatever the tense ("will speak Friday")
    if mode == "last":
        return anchor - timedelta(days=delta or 7)
    if mode == "next" or (future and mode != "this"):
        return anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7 or 7)
    if mode == "this" and future:
        return anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7)
    return anchor - timedelta(days=delta)


def season_year(anchor: date, code: str, *, future: bool, mode: str = "") -> int:
    """Year of a season named without one ("last fall" in February 1998 -> 1997)."""
    start = SEASON_START[code]
    months = {(start + i - 1) % 12 + 1 for i in range(3)}
    started = anchor.month >= start
    current = anchor.month in months
    if mode == "this":
        return anchor.year
    if mode == "last":
        return anchor.year if started and not current else anchor.year - 1
    if mode == "next":
        return anchor.year if not started else anchor.year + 1
    if future:
        return anchor.year if not started or current else anchor.year + 1
    return anchor.year if started else anchor.year - 1


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def day_of(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def day_number(word: str) -> int:
    word = word.lower()
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    return int(re.sub(r"\D", "", word))


_DIGITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
#: A year in words: "nineteen ninety-six", "nineteen oh five", "the year two thousand (and) one".
SPELLED_YEAR = (
    rf"(?:(?:eighteen|nineteen|twenty)[-\s]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    rf"(?:[-\s]{_DIGITS})?|{_TEENS}|o[h']?[-\s]+{_DIGITS})|(?<=year\s)two\s+thousand(?:\s+(?:and\s+)?{_DIGITS})?)\b"
)


def year_number(spec: str) -> int | None:
    """1996 from '1996' or 'nineteen ninety-six'; 2001 from 'two thousand and one'."""
    if spec[:1].isdigit():
        return int(spec)
    words = re.split(r"[-\s]+", spec.lower())
    if words[:2] == ["two", "thousand"]:
        return 2000 + int(parse_number(" ".join(words[2:]) or "zero") or 0)
    head = parse_number(words[0])
    tail = parse_number(" ".join(w for w in words[1:] if w not in ("o", "oh", "o'")))
    return None if head is None or tail is None else int(head * 100 + tail)
