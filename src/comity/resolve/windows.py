"""When a reported event can have happened: the time window of an ISO date, month, year or interval.

A report's date is an ISO value (``2017-11-09``, ``2017-11``, ``2017``, ``2017-W45``) or an
interval ``A/B`` whose end may be open (``../X``: on or before X). Its window is the span of days it
covers:

* an open end reaches ``OPEN_REACH`` (a year) unless the date is approximate: "on or before X" of a
  reported event is recent, not any time in history;
* an approximate date (year precision, or a relative "N years ago" wording) covers its whole
  year(s);
* two short windows (a day, a week, the dates of a visit) match within a slack of days that
  depends on the kind of event (a state visit or a summit spans days and is dated by its first,
  main or last day; an attack is one day): ``day_slack``, read from ``data/identity.toml``;
  longer windows (a month, a year) must overlap.

>>> dates_compatible("2023-12-12", "2023-12-14")
True
>>> dates_compatible("2023-11", "2023-12-01")
False
>>> window("2017-W45")
(datetime.date(2017, 11, 6), datetime.date(2017, 11, 12), False)
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from comity.resolve.settings import identity_settings

__all__ = ["OPEN_REACH", "dates_compatible", "day_slack", "is_approximate", "midpoint", "span_days", "window"]

#: How far an open "../X" ("X/..") date reaches back (forward) unless the date is approximate.
OPEN_REACH = timedelta(days=366)
#: "six years ago", "in a decade", "his second in five years": a relative, approximate date.
_RELATIVE_YEARS = re.compile(r"\b(?:years?|decades?)\b", re.I)
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
#: Windows of at most this many days (a day, a week, the dates of a visit) match within the slack.
SHORT_DAYS = 7
#: A window this long or longer is unbounded for the purpose of comparing lengths.
UNBOUNDED_DAYS = 10**6

Window = tuple[date, date, bool]


def is_approximate(precision: str | None, date_text: str | None) -> bool:
    """Year-level dates and relative "N years ago" wordings are approximate."""
    return precision == "year" or bool(date_text and _RELATIVE_YEARS.search(date_text))


def day_slack(event_type: str | None) -> int:
    """Days two day-precise reports of an event of ``event_type`` may differ by."""
    slack = identity_settings().day_slack
    return slack.get(event_type or "", slack["default"])


def _point(value: str, *, end: bool) -> tuple[date, bool] | None:
    """First (or last, ``end``) day of an ISO day, ISO week, month or year, and whether it is a day."""
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value[:10]), True
        week = _WEEK.match(value)
        if week:
            monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            return (monday + timedelta(days=6) if end else monday), False
        if len(value) == 7 and value[4] == "-":
            first = date(int(value[:4]), int(value[5:7]), 1)
            return ((first + timedelta(days=32)).replace(day=1) - timedelta(days=1) if end else first), False
        if len(value) == 4 and value.isdigit():
            return (date(int(value), 12, 31) if end else date(int(value), 1, 1)), False
    except ValueError:
        return None
    return None


@functools.lru_cache(maxsize=65536)  # pure, and asked for every pair of a block
def window(value: str | None, approximate: bool = False) -> Window | None:
    """(first day, last day, day-precise) of an ISO date, week, month, year or A/B interval.

    An open end (``../X``, ``X/..``) reaches a year (unbounded when approximate); an approximate
    date covers whole years. None when ``value`` is empty or not a date.
    """
    if not value:
        return None
    first_text, _, last_text = value.partition("/") if "/" in value else (value, "", value)
    first = (date.min, False) if first_text in ("", "..") else _point(first_text, end=False)
    last = (date.max, False) if last_text in ("", "..") else _point(last_text, end=True)
    if first is None or last is None:
        return None
    low, high = first[0], last[0]
    if not approximate and (low == date.min) != (high == date.max):
        low, high = (high - OPEN_REACH, high) if low == date.min else (low, low + OPEN_REACH)
    if approximate:
        low = low if low == date.min else date(low.year, 1, 1)
        high = high if high == date.max else date(high.year, 12, 31)
    return low, high, first[1] and last[1] and low == high and not approximate


def span_days(value: str | None, approximate: bool = False) -> int:
    """How many days the window of ``value`` spans (``UNBOUNDED_DAYS`` when open or unknown)."""
    bounds = window(value, approximate)
    if bounds is None or bounds[0] == date.min or bounds[1] == date.max:
        return UNBOUNDED_DAYS
    return (bounds[1] - bounds[0]).days


def midpoint(value: str | None, approximate: bool = False) -> date | None:
    """The middle day of a bounded window; None when unknown or open."""
    bounds = window(value, approximate)
    if bounds is None or bounds[0] == date.min or bounds[1] == date.max:
        return None
    return bounds[0] + (bounds[1] - bounds[0]) / 2


def dates_compatible(
    a: str | None, b: str | None, *, approx_a: bool = False, approx_b: bool = False, slack: int = 2
) -> bool:
    """Whether two dates can be the same event's: short windows within ``slack`` days of each
    other, longer ones overlapping."""
    first, second = window(a, approx_a), window(b, approx_b)
    if first is None or second is None:
        return False
    if max(_days(first), _days(second)) <= SHORT_DAYS:  # days, weeks, a visit's dates: reporting slack
        return max(first[0], second[0]) <= min(first[1], second[1]) + timedelta(days=slack)
    return max(first[0], second[0]) <= min(first[1], second[1])


def _days(bounds: Window) -> int:
    return (bounds[1] - bounds[0]).days if bounds[0] != date.min and bounds[1] != date.max else UNBOUNDED_DAYS
