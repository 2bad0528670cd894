"""Dates of office with their precision.

A date is kept as the source gives it, cut to its precision ("2005", "2005-06", "2005-06-01"), so that
plain string comparison against a full ISO date prefix works. Precisions:

- ``day``, ``month``, ``year``, ``decade`` ("199" = the 1990s): as recorded (Wikidata 11, 10, 9, 8);
- ``observed``: the day a change was first seen on the source's daily pages, a few days after it happened;
- ``successor`` (end only): ended the day the next holder started, where the source gave only the month
  or year, an observed day, or nothing after its snapshot;
- ``predecessor`` (start only): started the day the previous holder left (the source gave only the month
  or year);
- ``open`` (end only): still in office at the source's last look;
- ``unknown`` (end only): in office at the source's snapshot, not tracked after it (treated as open);
- ``""`` (start only): not recorded.

An end is exclusive for day-like precisions (the successor takes office that day) and, leniently, covers
its whole period for month/year/decade ("ended in 2010": still in office on any day of 2010).
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["DAY_LIKE", "lower_bound", "parse_iso", "parse_wikidata", "upper_bound", "valid_on"]

DAY_LIKE = frozenset({"day", "observed", "successor"})
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DECADE = re.compile(r"(\d{3})0s")
_WIKIDATA_PRECISION = {11: "day", 10: "month", 9: "year", 8: "decade"}
_LENGTH = {"day": 10, "month": 7, "year": 4, "decade": 3}


def parse_iso(text: str) -> tuple[str, str]:
    """A source date ("2005", "2005-06", "2005-06-01", "1990s") as (value, precision); ("", "") if none."""
    text = text.strip()
    decade = _DECADE.fullmatch(text)
    if decade:
        return decade.group(1), "decade"
    match = _ISO.fullmatch(text)
    if not match:
        return "", ""
    precision = "day" if match.group(3) else "month" if match.group(2) else "year"
    return text, precision


def parse_wikidata(value: str, precision_code: str) -> tuple[str, str]:
    """A SPARQL time value ("2005-06-01T00:00:00Z") and its timePrecision code (11 day, 10 month, 9 year)."""
    match = re.match(r"\+?(\d{4}-\d{2}-\d{2})", value.strip())
    if not match:
        return "", ""
    code = int(precision_code) if precision_code.strip().isdigit() else 11
    precision = _WIKIDATA_PRECISION.get(code)
    if precision is None:  # coarser than a decade: no usable date
        return "", ""
    return match.group(1)[: _LENGTH[precision]], precision


def lower_bound(value: str) -> str:
    """The first day a (start) date can mean: "2005" -> "2005-01-01"; "" -> the distant past."""
    if not value:
        return "0000-01-01"
    if len(value) == 3:
        return value + "0-01-01"
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def upper_bound(value: str, precision: str) -> str:
    """The exclusive last day an end date can mean: "2005" (year) -> "2006-01-01"; "" -> the far future."""
    if not value:
        return "9999-12-31"
    if precision in DAY_LIKE or len(value) == 10:
        return value
    if len(value) == 3:
        return f"{int(value) + 1}0-01-01"
    if len(value) == 4:
        return f"{int(value) + 1:04d}-01-01"
    year, month = int(value[:4]), int(value[5:7])
    return dt.date(year + month // 12, month % 12 + 1, 1).isoformat()


def valid_on(start: str, end: str, end_precision: str, date: str) -> bool:
    """Whether a holding with these dates covers ``date`` (a full ISO date)."""
    if start and date[: len(start)] < start:
        return False
    if not end:
        return True
    if end_precision in DAY_LIKE or len(end) == 10:
        return date < end
    return date[: len(end)] <= end
