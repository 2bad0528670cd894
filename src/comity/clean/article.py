"""``SourceItem`` -> ``Article``: the clean stage proper."""

from __future__ import annotations

import re
from pathlib import PurePath

from comity.clean.dateline import dated
from comity.clean.fingerprint import content_id, minhash
from comity.clean.html import Extracted, extract_html
from comity.clean.text import Layout, analyse_text
from comity.config import Settings
from comity.errors import RejectedInput
from comity.ingest.decode import normalise_newlines
from comity.records import Article, Boilerplate, SourceItem

PRODUCER = "clean.v1"
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def build_article(item: SourceItem, settings: Settings) -> Article:
    """Clean one input into an ``Article`` whose ``text`` every later offset refers to.

    Plain text is kept as given (newlines normalised); HTML is reduced to its main text.
    Publication date precedence: the input's own date, then page metadata, then the dateline;
    a dateline with a month and day but no year takes the run's ``year`` setting (``--year``),
    else a year in the input's name (``date_basis`` "dateline_year"), else leaves the article undated.

    Raises:
        RejectedInput: ``empty``, ``no_main_text`` or ``too_large``.
    """
    extracted = extract_html(item.content, item.url) if item.fmt == "html" else None
    text = extracted.text if extracted is not None else normalise_newlines(item.content)
    _check_text(text, settings)
    meta = extracted or Extracted(text=text)
    layout = analyse_text(text, title_hint=item.title or meta.title, detect_title=extracted is None)
    date, basis = _publication_date(item, meta, layout, settings.year)
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


def _publication_date(
    item: SourceItem, meta: Extracted, layout: Layout, run_year: int | None
) -> tuple[str | None, str | None]:
    if item.date:
        return item.date, "input"
    if meta.date:
        return meta.date, "metadata"
    if layout.date:
        return layout.date, "dateline"
    # A wire dateline's month and day ("HANOI, Dec. 13 (Wire) -") in the year the run was given.
    year = run_year or year_in_name(item.name)
    if layout.dateline_month_day is not None and year is not None:
        iso = dated(layout.dateline_month_day, year)
        return (iso, "dateline_year") if iso else (None, None)
    return None, None


def year_in_name(name: str) -> int | None:
    """The year an input's file or folder name carries ("wire/2023/hanoi.txt", "2023-12-13.txt").

    Only the file name and its folder are read, and only a lone 19xx or 20xx: a year is a fact
    about the input, never today's.

    >>> year_in_name("archive/2023/hanoi.txt"), year_in_name("feeds/rows.jsonl#3"), year_in_name("x/12023.txt")
    (2023, None, None)
    """
    parts = PurePath(name.split("#", 1)[0]).parts[-2:]
    years = {int(m) for part in parts for m in _YEAR_IN_NAME.findall(part)}
    return years.pop() if len(years) == 1 else None
