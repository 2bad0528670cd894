"""Shared by the event coder tests: code one short text as a whole article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from comity.extract.actors.kb import load_kb
from comity.extract.actors.mentions import mentions_from_doc
from comity.extract.events.rules import RulesCoder
from comity.extract.time.find import find_time_expressions
from comity.records import Article, Event, TimeExpression


def code_text(
    nlp: Any,
    text: str,
    date: str = "2023-12-01",
    times: Sequence[TimeExpression] | None = None,
    *,
    find_times: bool = False,
    **article_fields: Any,
) -> list[Event]:
    """The events of ``text`` published on ``date``, with the given time expressions (or those found
    in the text, ``find_times``; none by default)."""
    article = Article(id="t", name="t", text=text, fmt="text", publication_date=date, **article_fields)
    doc = nlp(text)
    coder = RulesCoder(kb=load_kb())
    found = find_time_expressions(text, date) if find_times else list(times or [])
    return coder.code(doc, article, mentions_from_doc(doc, article, coder.kb), found)
