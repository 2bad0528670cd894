"""A URL in, a ``SourceItem`` (or a ``Rejection`` with a reason code) out.

HTML pages go to the clean stage as markup (trafilatura extracts the main text, title, date,
author and site name there), PDFs through the PDF reader, plain text as it is. The item is named
by the URL asked for and records where it ended up (``url``) and when it was fetched. Anything
else the server sends (images, JSON, archives) is rejected as ``unsupported_content_type``.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from comity.errors import RejectedInput
from comity.ingest.decode import decode_bytes, normalise_newlines
from comity.ingest.fetch import Fetcher, Response
from comity.ingest.pdf import pdf_item
from comity.records import Rejection, SourceItem

logger = logging.getLogger(__name__)

#: The ``Rejection.stage`` of a URL that could not be fetched or read.
FETCH_STAGE = "fetch"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
TEXT_TYPES = frozenset({"text/plain"})


def read_url(url: str, fetcher: Fetcher) -> SourceItem | Rejection:
    """Fetch ``url`` and turn the answer into one input; every failure is a ``Rejection``."""
    try:
        return item_from_response(fetcher.get(url))
    except RejectedInput as exc:
        logger.info("rejected %s: %s (%s)", url, exc.reason, exc.message)
        return Rejection(name=url, stage=FETCH_STAGE, reason=exc.reason, message=exc.message)


def item_from_response(response: Response) -> SourceItem:
    """The input in one successful response.

    Raises:
        RejectedInput: ``unsupported_content_type``, or a decoding or PDF reason.
    """
    kind, body = response.content_type, response.body
    if kind in PDF_TYPES or (not kind and body.startswith(b"%PDF")):
        item = pdf_item(body, response.url, url=response.final_url)
        return _stamped(item, response)
    if kind not in HTML_TYPES | TEXT_TYPES:
        shown = kind or "none given"
        raise RejectedInput(
            "unsupported_content_type", f"{response.url} is {shown}, not an HTML page, a PDF or plain text"
        )
    return _stamped(
        SourceItem(
            name=response.url,
            content=_decode(body, response.charset),
            fmt="html" if kind in HTML_TYPES else "text",
            url=response.final_url,
            size=len(body),
        ),
        response,
    )


def _stamped(item: SourceItem, response: Response) -> SourceItem:
    return replace(item, fetched_at=response.fetched_at)


def _decode(body: bytes, charset: str | None) -> str:
    if charset:
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset header: detect from the bytes instead
        else:
            if text.strip():
                return normalise_newlines(text)
    return decode_bytes(body)
