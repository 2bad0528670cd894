"""Validate one JSONL/CSV row into a ``SourceItem`` (internal helper, not a stable API).

A row has ``text`` or ``html`` (when both are given, ``text`` wins: it is what the user
already considers the article) and optionally ``title``, ``date``, ``url``, ``outlet``,
``id`` and ``author``. Problems become ``Rejection`` rows, never exceptions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from comity.ingest.decode import normalise_newlines
from comity.records import Rejection, SourceItem

STAGE = "ingest"
OPTIONAL_FIELDS = ("title", "date", "url", "outlet", "id", "author")
_SLASHED_DATE = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")


#: English calendar dates as feeds write them, after weekday, commas, ordinals and dots are removed.
_WRITTEN_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")
_WEEKDAY_PREFIX = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ORDINAL_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
#: The forms ``parse_input_date`` accepts, for error messages and docs.
DATE_FORMATS = "YYYY-MM-DD, an ISO datetime, YYYY/MM/DD, RFC 2822 (RSS), or 'March 5, 2024' / '5 March 2024'"


def parse_input_date(value: str) -> str | None:
    """Parse an explicitly given date to ``YYYY-MM-DD``: an ISO date or datetime, ``YYYY/MM/DD``,
    an RFC 2822 date (RSS ``pubDate``) or an English written date; None for anything else
    (a month or year alone is not a publication date).

    >>> parse_input_date("2023-12-01T08:30:00Z")
    '2023-12-01'
    >>> parse_input_date("Tue, 05 Mar 2024 10:00:00 GMT"), parse_input_date("March 5th, 2024")
    ('2024-03-05', '2024-03-05')
    """
    value = value.strip()
    try:
        return date.fromisoformat(value[:10]).isoformat() if len(value) == 10 else _from_datetime(value)
    except ValueError:
        pass
    match = _SLASHED_DATE.fullmatch(value)
    if match:
        try:
            return date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            return None
    return _rfc2822(value) or _written(value)


def _rfc2822(value: str) -> str | None:
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _written(value: str) -> str | None:
    text = _ORDINAL_DAY.sub(r"\1", _WEEKDAY_PREFIX.sub("", value))
    text = " ".join(text.replace(",", " ").replace(".", " ").split()).replace("Sept ", "Sep ")
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _from_datetime(value: str) -> str:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()


def row_to_item(row: Mapping[str, Any], name: str, size: int) -> SourceItem | Rejection:
    """Turn one decoded row into a ``SourceItem`` or a ``Rejection`` named ``name``."""
    fields: dict[str, str | None] = {}
    for key in (*OPTIONAL_FIELDS, "text", "html"):
        value = row.get(key)
        if key == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            return _reject(
                name, "bad_field", f"field {key!r} must be a string, not {type(value).__name__}", size
            )
        fields[key] = value if value else None  # empty CSV cells mean "not given"
    body_key = "text" if fields["text"] is not None else "html" if fields["html"] is not None else None
    if body_key is None:
        present = "text" in row or "html" in row
        reason = "empty" if present else "missing_field"
        return _reject(name, reason, "the row has no 'text' or 'html' value", size)
    content = normalise_newlines(fields[body_key] or "")
    if not content.strip():
        return _reject(name, "empty", f"the row's {body_key!r} is whitespace only", size)
    iso_date = None
    if fields["date"] is not None:
        iso_date = parse_input_date(fields["date"])
        if iso_date is None:
            message = f"unparseable date {fields['date']!r}; accepted: {DATE_FORMATS}"
            return _reject(name, "bad_field", message, size)
    return SourceItem(
        name=name,
        content=content,
        fmt="text" if body_key == "text" else "html",
        title=_clean(fields["title"]),
        date=iso_date,
        url=_clean(fields["url"]),
        outlet=_clean(fields["outlet"]),
        author=_clean(fields["author"]),
        given_id=_clean(fields["id"]),
        size=size,
    )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    return " ".join(value.split()) or None


def _reject(name: str, reason: str, message: str, size: int) -> Rejection:
    return Rejection(name=name, stage=STAGE, reason=reason, message=message, size=size)
