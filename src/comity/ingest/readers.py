"""Built-in readers: one file in, ``SourceItem`` and ``Rejection`` records out.

Each reader is registered in :data:`comity.registry.readers` (``text.v1``, ``html.v1``,
``jsonl.v1``, ``csv.v1``) and has the signature
``reader(path, settings) -> Iterator[SourceItem | Rejection]``. Readers never raise for bad
input: every problem becomes a ``Rejection`` with a stable reason code.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from comity.config import Settings
from comity.errors import RejectedInput
from comity.ingest.decode import decode_bytes, read_limited
from comity.ingest.rows import STAGE, row_to_item
from comity.records import Rejection, SourceItem

logger = logging.getLogger(__name__)

ReaderOutput = Iterator[SourceItem | Rejection]


def read_text_file(path: Path, settings: Settings) -> ReaderOutput:
    """Read one plain-text article (decoded robustly, newlines normalised)."""
    yield _read_whole(path, settings, "text")


def read_html_file(path: Path, settings: Settings) -> ReaderOutput:
    """Read one HTML page (full page or fragment); extraction happens in the clean stage."""
    yield _read_whole(path, settings, "html")


def read_jsonl_file(path: Path, settings: Settings) -> ReaderOutput:
    """Read one article per JSON line; a broken line is rejected and the file goes on."""
    try:
        text = decode_bytes(read_limited(path, settings))
    except RejectedInput as exc:
        yield _rejection(str(path), exc, _size(path))
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        name = f"{path}#{number}"
        size = len(line.encode("utf-8"))
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(
                name, STAGE, "malformed_row", f"invalid JSON: {exc.msg} (column {exc.colno})", size=size
            )
            continue
        if not isinstance(row, dict):
            yield Rejection(
                name, STAGE, "malformed_row", f"expected a JSON object, got {type(row).__name__}", size=size
            )
            continue
        yield from row_to_item(row, name, size, dayfirst=settings.dayfirst)


def read_csv_file(path: Path, settings: Settings) -> ReaderOutput:
    """Read one article per CSV row (header row required, with a ``text`` or ``html`` column)."""
    try:
        text = decode_bytes(read_limited(path, settings))
    except RejectedInput as exc:
        yield _rejection(str(path), exc, _size(path))
        return
    _raise_csv_field_limit(settings.max_input_bytes)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = reader.fieldnames or []
    if "text" not in columns and "html" not in columns:
        found = ", ".join(repr(c) for c in columns) or "(none)"
        message = f"no 'text' or 'html' column; columns found: {found}"
        yield Rejection(str(path), STAGE, "missing_field", message, size=len(text.encode("utf-8")))
        return
    yield from _csv_rows(path, reader, dayfirst=settings.dayfirst)


def _csv_rows(path: Path, reader: csv.DictReader[str], *, dayfirst: bool) -> ReaderOutput:
    number = 0
    while True:
        number += 1
        name = f"{path}#{number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # The csv module cannot resynchronise reliably after a parse error: stop the file.
            yield Rejection(name, STAGE, "malformed_row", f"CSV error: {exc}")
            return
        size = sum(len(v.encode("utf-8")) for v in row.values() if isinstance(v, str))
        if None in row:
            yield Rejection(
                name, STAGE, "malformed_row", "the row has more fields than the header", size=size
            )
            continue
        yield from row_to_item(row, name, size, dayfirst=dayfirst)


def _raise_csv_field_limit(limit: int) -> None:
    # Article bodies easily exceed csv's default 128 KiB field limit.
    if csv.field_size_limit() < limit:
        csv.field_size_limit(min(limit, sys.maxsize))


def _read_whole(path: Path, settings: Settings, fmt: Literal["text", "html"]) -> SourceItem | Rejection:
    try:
        data = read_limited(path, settings)
        content = decode_bytes(data)
    except RejectedInput as exc:
        return _rejection(str(path), exc, _size(path))
    return SourceItem(name=str(path), content=content, fmt=fmt, size=len(data))


def _rejection(name: str, exc: RejectedInput, size: int) -> Rejection:
    logger.info("rejected %s: %s (%s)", name, exc.reason, exc.message)
    return Rejection(name=name, stage=STAGE, reason=exc.reason, message=exc.message, size=size)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
