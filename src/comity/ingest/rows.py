"""Validate one JSONL/CSV row into a ``SourceItem`` (internal helper, not a stable API).

A row has ``text`` or ``html`` (when both are given, ``text`` wins: it is what the user
already considers the article) and optionally ``title``, ``date`` (forms: ``comity.ingest.dates``),
``url``, ``outlet``, ``id`` and ``author``. Problems become ``Rejection`` rows, never exceptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from comity.ingest.dates import DATE_FORMATS, parse_input_date
from comity.ingest.decode import normalise_newlines
from comity.records import NOTE_STAGE, Rejection, SourceItem

__all__ = ["DATE_FORMATS", "OPTIONAL_FIELDS", "STAGE", "parse_input_date", "row_to_item"]

STAGE = "ingest"
OPTIONAL_FIELDS = ("title", "date", "url", "outlet", "id", "author")


def row_to_item(
    row: Mapping[str, Any], name: str, size: int, *, dayfirst: bool = False
) -> list[SourceItem | Rejection]:
    """Turn one decoded row into a ``SourceItem`` or a ``Rejection`` named ``name``.

    A ``date`` that cannot be parsed (see ``comity.ingest.dates``) does not lose the article: it
    is stored undated, after a note (a ``Rejection`` of stage ``note``, reason ``bad_date``) that
    the run summary shows as a warning. ``dayfirst`` reads ``05/06/2024`` as 5 June.
    """
    fields: dict[str, str | None] = {}
    given_date = row.get("date")
    for key in (*OPTIONAL_FIELDS, "text", "html"):
        value = row.get(key)
        if key in ("id", "date") and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value) if key == "id" else None  # a number as date is an epoch, parsed below
        if value is not None and not isinstance(value, str):
            return [
                _reject(
                    name, "bad_field", f"field {key!r} must be a string, not {type(value).__name__}", size
                )
            ]
        fields[key] = value if value else None  # empty CSV cells mean "not given"
    body_key = "text" if fields["text"] is not None else "html" if fields["html"] is not None else None
    if body_key is None:
        present = "text" in row or "html" in row
        reason = "empty" if present else "missing_field"
        return [_reject(name, reason, "the row has no 'text' or 'html' value", size)]
    content = normalise_newlines(fields[body_key] or "")
    if not content.strip():
        return [_reject(name, "empty", f"the row's {body_key!r} is whitespace only", size)]
    outcomes: list[SourceItem | Rejection] = []
    iso_date = None
    if given_date not in (None, ""):
        iso_date = parse_input_date(given_date, dayfirst=dayfirst)
        if iso_date is None:
            message = f"unparseable date {given_date!r}, stored undated; accepted: {DATE_FORMATS}"
            outcomes.append(
                Rejection(name=name, stage=NOTE_STAGE, reason="bad_date", message=message, size=size)
            )
    item = SourceItem(
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
    return [*outcomes, item]


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    return " ".join(value.split()) or None


def _reject(name: str, reason: str, message: str, size: int) -> Rejection:
    return Rejection(name=name, stage=STAGE, reason=reason, message=message, size=size)
