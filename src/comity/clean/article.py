"""``SourceItem`` -> ``Article``: the clean stage proper."""

from __future__ import annotations

from comity.clean.fingerprint import content_id, minhash
from comity.clean.html import Extracted, extract_html
from comity.clean.text import Layout, analyse_text
from comity.config import Settings
from comity.errors import RejectedInput
from comity.ingest.decode import normalise_newlines
from comity.records import Article, Boilerplate, SourceItem

PRODUCER = "clean.v1"


def build_article(item: SourceItem, settings: Settings) -> Article:
    """Clean one input into an ``Article`` whose ``text`` every later offset refers to.

    Plain text is kept as given (newlines normalised); HTML is reduced to its main text.
    Publication date precedence: the input's own date, then page metadata, then the dateline.

    Raises:
        RejectedInput: ``empty``, ``no_main_text`` or ``too_large``.
    """
    extracted = extract_html(item.content, item.url) if item.fmt == "html" else None
    text = extracted.text if extracted is not None else normalise_newlines(item.content)
    _check_text(text, settings)
    meta = extracted or Extracted(text=text)
    layout = analyse_text(text, title_hint=item.title or meta.title, detect_title=extracted is None)
    date, basis = _publication_date(item, meta, layout)
    return Article(
        id=content_id(text),
        name=item.given_id or item.name,
        text=text,
        fmt=item.fmt,
        title=item.title or meta.title or layout.title,
        publication_date=date,
        date_basis=basis,
        author=item.author or meta.author or layout.author,
        outlet=item.outlet or meta.sitename,
        url=item.url or meta.url,
        dateline=layout.dateline,
        byline=layout.byline,
        boilerplate=layout.boilerplate,
        fingerprint=minhash(prose(text, layout.boilerplate)),
        producer=PRODUCER,
        fetched_at=item.fetched_at,
    )


def prose(text: str, boilerplate: tuple[Boilerplate, ...]) -> str:
    """``text`` with the boilerplate spans blanked out (for fingerprints, not for offsets)."""
    parts, position = [], 0
    for mark in sorted(boilerplate, key=lambda b: b.start):
        if mark.start >= position:
            parts.append(text[position : mark.start])
            position = mark.end
    parts.append(text[position:])
    return "\n".join(parts)


def _check_text(text: str, settings: Settings) -> None:
    if not text.strip():
        raise RejectedInput("empty", "the article has no text")
    if len(text) > settings.max_text_chars:
        raise RejectedInput(
            "too_large", f"the text has {len(text)} characters; the limit is {settings.max_text_chars}"
        )


def _publication_date(item: SourceItem, meta: Extracted, layout: Layout) -> tuple[str | None, str | None]:
    if item.date:
        return item.date, "input"
    if meta.date:
        return meta.date, "metadata"
    if layout.date:
        return layout.date, "dateline"
    return None, None
