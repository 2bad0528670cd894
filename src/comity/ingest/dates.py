"""Dates given with an input (a JSONL/CSV ``date`` field, a feed's ``pubDate``) -> ISO 8601.

Accepted: ISO dates and datetimes, ``YYYY/MM/DD`` and ``YYYY.MM.DD``, RFC 2822 (RSS), English
written dates ("March 5, 2024", "5 March 2024"), dotted day-first dates (``18.06.2024``, the
European convention), slashed dates with the year last (``06/18/2024`` month first, or day first
with ``dayfirst``; a first number above 12 can only be a day), Unix epochs in seconds or
milliseconds (a JSON number or a string of digits), and a month alone (``2024-06``, ``June 2024``:
a month-precision date). Anything else is None: the caller stores the article undated and says
so, and never substitutes today's date.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

#: The forms ``parse_input_date`` accepts, for messages and docs.
DATE_FORMATS = (
    "YYYY-MM-DD, an ISO datetime, YYYY/MM/DD, DD.MM.YYYY, MM/DD/YYYY (DD/MM/YYYY with --dayfirst),"
    " RFC 2822 (RSS), 'March 5, 2024' / '5 March 2024', a Unix epoch, or a month (YYYY-MM, 'June 2024')"
)
MIN_YEAR, MAX_YEAR = 1900, 2100

_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_YEAR_LAST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")
_EPOCH = re.compile(r"-?\d{9,13}(?:\.\d+)?")
_WRITTEN_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")
_MONTH_FORMATS = ("%B %Y", "%b %Y")
_WEEKDAY_PREFIX = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ORDINAL_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
#: Epoch values at or above this are milliseconds (1e11 seconds is the year 5138).
_MILLISECONDS = 10**11


def parse_input_date(value: str | int | float, *, dayfirst: bool = False) -> str | None:
    """Parse an explicitly given date to ``YYYY-MM-DD`` (or ``YYYY-MM`` for a month alone).

    >>> parse_input_date("2023-12-01T08:30:00Z"), parse_input_date("18.06.2024")
    ('2023-12-01', '2024-06-18')
    >>> parse_input_date("05/06/2024"), parse_input_date("05/06/2024", dayfirst=True)
    ('2024-05-06', '2024-06-05')
    >>> parse_input_date(1718668800), parse_input_date("2024-06"), parse_input_date("yesterday")
    ('2024-06-18', '2024-06', None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _epoch(float(value))
    value = value.strip()
    for parse in (_iso, _year_first, _rfc2822, _written):
        found = parse(value)
        if found is not None:
            return found
    return _year_last(value, dayfirst) or _numeric_epoch(value) or _month(value)


def _iso(value: str) -> str | None:
    try:
        if len(value) == 10:
            return _plausible(date.fromisoformat(value))
        return _plausible(datetime.fromisoformat(value.replace("Z", "+00:00")).date())
    except ValueError:
        return None


def _year_first(value: str) -> str | None:
    match = _YEAR_FIRST.fullmatch(value)
    return _make(*(int(g) for g in match.groups())) if match else None


def _year_last(value: str, dayfirst: bool) -> str | None:
    match = _YEAR_LAST.fullmatch(value)
    if match is None:
        return None
    first, separator, second, year = match.groups()
    a, b = int(first), int(second)
    # Dotted dates are day-first wherever they are written; a number above 12 can only be a day.
    day_first = dayfirst or separator == "." or a > 12
    day, month = (a, b) if day_first else (b, a)
    return _make(int(year), month, day)


def _month(value: str) -> str | None:
    match = _YEAR_MONTH.fullmatch(value)
    if match is not None:
        year, month = int(match.group(1)), int(match.group(2))
    else:
        parsed = _strptime(" ".join(value.replace(",", " ").replace(".", " ").split()), _MONTH_FORMATS)
        if parsed is None:
            return None
        year, month = parsed.year, parsed.month
    return f"{year:04d}-{month:02d}" if MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 else None


def _numeric_epoch(value: str) -> str | None:
    return _epoch(float(value)) if _EPOCH.fullmatch(value) else None


def _epoch(seconds: float) -> str | None:
    if abs(seconds) >= _MILLISECONDS:
        seconds /= 1000
    try:
        return _plausible(datetime.fromtimestamp(seconds, tz=UTC).date())
    except (OverflowError, OSError, ValueError):
        return None


def _rfc2822(value: str) -> str | None:
    try:
        return _plausible(parsedate_to_datetime(value).date())
    except (TypeError, ValueError, IndexError):
        return None


def _written(value: str) -> str | None:
    text = _ORDINAL_DAY.sub(r"\1", _WEEKDAY_PREFIX.sub("", value))
    text = " ".join(text.replace(",", " ").replace(".", " ").split()).replace("Sept ", "Sep ")
    parsed = _strptime(text, _WRITTEN_FORMATS)
    return _plausible(parsed.date()) if parsed is not None else None


def _strptime(text: str, formats: tuple[str, ...]) -> datetime | None:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _make(year: int, month: int, day: int) -> str | None:
    try:
        return _plausible(date(year, month, day))
    except ValueError:
        return None


def _plausible(day: date) -> str | None:
    return day.isoformat() if MIN_YEAR <= day.year <= MAX_YEAR else None
