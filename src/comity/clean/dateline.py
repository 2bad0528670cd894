"""Datelines ("HANOI, June 20 (Reuters) -", "Nov. 24, 2017", "1st December 2023 – (Hanoi)")
and a small month-name date parser (internal helper, not a stable API).

A dateline is only looked for at the start of a line; a dateline without a year ("HANOI,
Dec. 13 (Comity Wire) -") gives a span, its month and day, but no date: the clean stage dates it
only with a year it is given (the input's name, the run's ``--year``), never today's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MIN_YEAR, MAX_YEAR = 1900, 2100

_MONTH = (
    r"(?P<month>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?"
)
_PREFIX = r"(?:(?i:published|posted|updated|date)(?:\s+on)?\s*:?\s*)?"
_WEEKDAY = r"(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?i:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_PLACE_TAIL = r"(?:\s*[–—-]\s*\((?P<place>[^)\n]{1,40})\))?"

_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(_PREFIX + _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + _PLACE_TAIL),
    re.compile(_PREFIX + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _PLACE_TAIL),
    re.compile(_PREFIX + r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\d:])" + _PLACE_TAIL),
    re.compile(
        r"(?P<place>[A-Z][A-Z.'’\- ]{1,40}[A-Z.])(?:,\s*[A-Z][A-Za-z.]+)?"
        r"(?:,\s+" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?)?"
        r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{0,30})\)\s*)?[-–—]+"
    ),
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found at ``start``..``end`` of the searched line (offsets into that line)."""

    start: int
    end: int
    text: str
    date: str | None
    place: str | None
    #: (month, day) of a dateline that names no year, for a caller that knows the year.
    month_day: tuple[int, int] | None = None


def find_dateline(line: str) -> Dateline | None:
    """Find a dateline at the start of ``line`` (already stripped of leading whitespace).

    >>> find_dateline("Nov. 24, 2017 | 0 comments").date
    '2017-11-24'
    """
    for pattern in _PATTERNS:
        match = pattern.match(line)
        if match is None:
            continue
        groups = match.groupdict()
        if "agency" in groups and groups.get("month") is None and groups.get("agency") is None:
            continue  # an upper-case word followed by a dash is not a dateline
        iso = _iso_from_groups(groups)
        if iso is None and groups.get("year") is not None:
            continue  # a date-shaped string that is not a real date
        text = line[: match.end()].rstrip(" -–—")
        return Dateline(
            0, len(text), text, iso, groups.get("place"), _month_day(groups) if iso is None else None
        )
    return None


def _iso_from_groups(groups: dict[str, str | None]) -> str | None:
    year, day = groups.get("year"), groups.get("day")
    if year is None or day is None:
        return None
    month_name, month_number = groups.get("month"), groups.get("mon")
    month = MONTHS.get(month_name[:3].lower()) if month_name else int(month_number or 0)
    return make_date(int(year), month or 0, int(day))


def _month_day(groups: dict[str, str | None]) -> tuple[int, int] | None:
    month_name, day = groups.get("month"), groups.get("day")
    if month_name is None or day is None:
        return None
    month = MONTHS[month_name[:3].lower()]
    return (month, int(day)) if make_date(2000, month, int(day)) else None  # 2000: Feb 29 exists


def dated(month_day: tuple[int, int], year: int) -> str | None:
    """The ISO date of a yearless dateline's (month, day) in ``year``; None when no such day."""
    return make_date(year, *month_day)


def make_date(year: int, month: int, day: int) -> str | None:
    """Return ``YYYY-MM-DD`` or None when the parts do not form a plausible date."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
