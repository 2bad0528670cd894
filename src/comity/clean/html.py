"""Main-text and metadata extraction from HTML with trafilatura (not a stable API).

Precision is favoured over recall and comments are excluded: a sentence of navigation that
slips into the text can become a false event. The page date comes from trafilatura's
metadata, with htmldate as a fallback; both run without the "extensive" search, which
would guess from copyright lines and free text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from comity.errors import RejectedInput
from comity.ingest.decode import normalise_newlines

logger = logging.getLogger(__name__)

#: Fewer words than this is navigation debris ("Home"), not an article.
MIN_WORDS = 3
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INVISIBLE = re.compile(r"<(script|style|template|noscript)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Extract the main text and metadata of a page or fragment.

    Raises:
        RejectedInput: ``empty`` when the markup has no visible text at all,
            ``no_main_text`` when it has text but no article could be found.
    """
    document = _bare_extraction(html, url)
    text = normalise_newlines(str(getattr(document, "text", "") or "")).strip()
    if len(text.split()) < MIN_WORDS:
        if not _visible_text(html):
            raise RejectedInput("empty", "the HTML has no visible text")
        raise RejectedInput("no_main_text", "no article text could be extracted from the HTML")
    return Extracted(
        text=text,
        title=_meta(document, "title"),
        author=_meta(document, "author"),
        date=_iso(_meta(document, "date")) or _fallback_date(html),
        sitename=_meta(document, "sitename"),
        url=_meta(document, "url"),
    )


def _bare_extraction(html: str, url: str | None) -> Any:
    import trafilatura  # here, not at module level: importing it costs a plain-text run ~0.1 s

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_precision=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura raises assorted errors on odd markup
        logger.warning("trafilatura failed: %s: %s", type(exc).__name__, exc)
        return None


def _visible_text(html: str) -> bool:
    import trafilatura

    try:
        if str(trafilatura.html2txt(html) or "").strip():
            return True
    except Exception as exc:
        logger.debug("html2txt failed: %s", exc)
    # lxml gives up on markup nested deeper than ~255 levels and returns nothing: strip the
    # tags instead, so such a page is "no_main_text", not "empty".
    return bool(_TAG.sub("", _INVISIBLE.sub("", html)).strip())


def _fallback_date(html: str) -> str | None:
    import htmldate

    try:
        found = htmldate.find_date(html, **_DATE_PARAMS)
    except Exception as exc:
        logger.debug("htmldate failed: %s", exc)
        return None
    return _iso(found if isinstance(found, str) else None)


def _meta(document: Any, name: str) -> str | None:
    value = getattr(document, name, None)
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _iso(value: str | None) -> str | None:
    return value if value and _ISO_DATE.fullmatch(value) else None
