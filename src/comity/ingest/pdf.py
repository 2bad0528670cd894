"""PDF input (``pdf.v1``): the text layer of each page, in order, with the document's metadata.

Official readouts and statements are often published as PDF. pypdf reads the text layer; a
page boundary is kept as a form feed on a line of its own, so page breaks stay visible in the
stored text without joining the last sentence of a page to the first of the next. A PDF without
any text layer (a scan) is rejected as ``no_text_layer``: comity does no OCR. A damaged or
encrypted file is rejected as ``bad_pdf``. Title and creation date come from the document's
information dictionary when it has them.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from comity.config import Settings
from comity.errors import RejectedInput
from comity.ingest.decode import normalise_newlines, read_limited
from comity.ingest.rows import STAGE
from comity.records import Rejection, SourceItem

if TYPE_CHECKING:
    from pypdf import PdfReader

logger = logging.getLogger(__name__)

#: Between the text of two pages: a form feed alone on its line.
PAGE_BREAK = "\n\f\n"
#: A PDF file starts with this (after at most a little junk, which readers tolerate).
PDF_SIGNATURE = b"%PDF"


def read_pdf_file(path: Path, settings: Settings) -> Iterator[SourceItem | Rejection]:
    """Read one ``.pdf`` file as one article (the reader registered as ``pdf.v1``)."""
    try:
        data = read_limited(path, settings)
        yield pdf_item(data, str(path))
    except RejectedInput as exc:
        yield Rejection(str(path), STAGE, exc.reason, exc.message, size=_size(path))


def pdf_item(data: bytes, name: str, *, url: str | None = None) -> SourceItem:
    """The article in the PDF bytes ``data``, named ``name``.

    Raises:
        RejectedInput: ``bad_pdf`` (damaged, encrypted, not a PDF) or ``no_text_layer`` (a scan).
    """
    if PDF_SIGNATURE not in data[:1024]:
        raise RejectedInput("bad_pdf", "not a PDF file (no %PDF signature)")
    from pypdf import PdfReader  # here, not at import: pypdf alone was a tenth of `comity --help`

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise RejectedInput("bad_pdf", "the PDF is encrypted with a password")
        pages = [_page_text(page.extract_text() or "") for page in reader.pages]
        title, date = _metadata(reader)
    except RejectedInput:
        raise
    except Exception as exc:  # pypdf raises assorted errors (and its dependencies theirs) on damaged files
        raise RejectedInput("bad_pdf", f"the PDF cannot be read: {type(exc).__name__}: {exc}") from exc
    if not any(pages):
        raise RejectedInput(
            "no_text_layer",
            f"the PDF has {len(pages)} page(s) and no text layer (a scanned document?); comity does no OCR",
        )
    text = PAGE_BREAK.join(page for page in pages if page)
    return SourceItem(name=name, content=text, fmt="pdf", title=title, date=date, url=url, size=len(data))


def _page_text(text: str) -> str:
    return normalise_newlines(text).replace("\f", "\n").strip()


def _metadata(reader: PdfReader) -> tuple[str | None, str | None]:
    info = reader.metadata
    if info is None:
        return None, None
    title = " ".join(str(info.title or "").split()) or None
    try:
        created = info.creation_date
    except Exception as exc:  # a malformed /CreationDate string
        logger.debug("unreadable PDF creation date: %s", exc)
        created = None
    date = created.date().isoformat() if isinstance(created, datetime) else None
    return title, date


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
