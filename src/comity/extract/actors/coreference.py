"""Coreference beyond names: "the two sides"/"both countries" -> the dyad in focus
(``group_references``, ``dyad_in_focus``), and "he"/"she" -> the nearest coded person earlier in
the same paragraph (``resolve_pronoun``, ``pronoun_mentions``). Library helpers over mentions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from comity.extract.actors.kb import ActorKB
from comity.extract.actors.mentions import CONFIDENCE
from comity.records import ActorRef, Mention

__all__ = ["GroupReference", "dyad_in_focus", "group_references", "pronoun_mentions", "resolve_pronoun"]

PRONOUN_PRODUCER = "rules.pronoun.v1"

_GROUP = re.compile(
    r"\b(?:the\s+two|both)\s+(?:sides|countries|nations|governments|parties|neighbou?rs)\b",
    re.IGNORECASE,
)
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class GroupReference:
    """A phrase such as "the two sides" and the dyad it refers to (``()`` when unclear)."""

    start: int
    end: int
    text: str
    actors: tuple[ActorRef, ...]


def dyad_in_focus(mentions: Sequence[Mention], before: int, kb: ActorKB) -> tuple[ActorRef, ActorRef] | None:
    """The two countries in focus at offset ``before``: the two latest distinct countries of coded
    mentions (boilerplate excluded) ending before it, each as its government, in text order.

    The event coder resolves "they", "the two sides" and "both countries" with it (events/args.py).

    >>> from comity.extract.actors.kb import load_kb
    >>> ms = [Mention("d", 0, 5, "China", "GPE", 0, "China", "CHN"),
    ...       Mention("d", 10, 17, "Vietnam", "GPE", 0, "Vietnam", "VNM")]
    >>> [a.code for a in dyad_in_focus(ms, 30, load_kb())]
    ['CHNGOV', 'VNMGOV']
    """
    codes: list[str] = []
    for m in sorted(mentions, key=lambda m: m.start, reverse=True):
        if m.end <= before and not m.in_boilerplate and m.country and m.country not in codes:
            codes.append(m.country)
        if len(codes) == 2:
            break
    refs = [kb.country(code) for code in reversed(codes)]
    pair = [r for r in refs if r is not None]
    return (pair[0], pair[1]) if len(pair) == 2 else None


def group_references(text: str, mentions: Sequence[Mention], kb: ActorKB) -> list[GroupReference]:
    """Every "the two sides"/"both countries"/"the two countries"/... in ``text``, with its dyad."""
    out = []
    for match in _GROUP.finditer(text):
        dyad = dyad_in_focus(mentions, match.start(), kb)
        out.append(GroupReference(match.start(), match.end(), match.group(0), dyad or ()))
    return out


def _paragraph_start(text: str, offset: int) -> int:
    breaks = list(_PARAGRAPH_BREAK.finditer(text, 0, offset))
    if not breaks and "\n\n" not in text:
        return text.rfind("\n", 0, offset) + 1
    return breaks[-1].end() if breaks else 0


def resolve_pronoun(text: str, start: int, end: int, mentions: Sequence[Mention]) -> Mention | None:
    """The pronoun ``text[start:end]`` ("he", "she", "his", "her") as a coreference mention of the
    nearest coded person before it in the same paragraph; None when there is none.

    Paragraphs are separated by blank lines (by line breaks in a text with no blank line).
    Confidence is 0.8 when one person is named before it in the paragraph, 0.6 when several are.
    Compatibility is by label only (the KB records no gender).
    """
    floor = _paragraph_start(text, start)
    people = [
        m
        for m in mentions
        if m.label == "PERSON"
        and m.canonical
        and not m.in_boilerplate
        and floor <= m.start
        and m.end <= start
    ]
    if not people:
        return None
    nearest = max(people, key=lambda m: m.end)
    several = len({m.canonical for m in people}) > 1
    return Mention(
        doc_id=nearest.doc_id,
        start=start,
        end=end,
        text=text[start:end],
        label="PERSON",
        sentence=-1,
        canonical=nearest.canonical,
        country=nearest.country,
        sector=nearest.sector,
        code=nearest.code,
        producer=PRONOUN_PRODUCER,
        resolution="coreference",
        confidence=0.6 if several else CONFIDENCE["coreference"],
    )


def pronoun_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Every resolvable person pronoun of ``text`` (see ``resolve_pronoun``), in text order."""
    found = (resolve_pronoun(text, m.start(), m.end(), mentions) for m in _PERSON_PRONOUN.finditer(text))
    return [m for m in found if m is not None]
