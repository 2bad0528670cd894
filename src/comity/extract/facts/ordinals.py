"""Ordinals and counts of ``comity.extract.facts.find``: session numbers, the order of a visit, counts.

* ``ordinal`` (unit ``ordinal``): the session number of a recurring meeting ("the 15th Meeting
  of the X Committee", "the third round of talks"; subject: the body named, else the noun and
  the dyad, ``round (CHN-VNM)``: never the bare dyad, so that different meetings' numbers are
  not compared across documents), the order of a visit ("his first overseas trip", "the first by a foreign leader"
  after a visit; subject ``visit to ISO3``) and of a country among those chosen ("chose X as the
  first country for its leader to visit"; subject ``ISO3 as country to visit``);
* ``count``: "his second in six years" after a visit is a count of visits over those years
  (unit ``visits``, period ``Y-6/Y``); "five Lower Mekong countries" a count of countries.

Congresses, summits and forums carry their number in their name and are not facts, nor are "the
two countries" (the dyad), "a second meeting" (not yet held), "the first time" or "the second
day". The period is the clause's time expression (else the sentence's earlier one), else the
article's date. Vocabulary: ``[ordinals]`` of ``data/measures.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from comity.extract.facts.base import FactContext, make_fact, period_of
from comity.records import Fact

__all__ = ["ordinal_facts"]

_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
_ORDINALS = {w: i for i, w in enumerate(_WORDS, 1)}
_CARDINALS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_NUMBERS = {w: i for i, w in enumerate(_CARDINALS, 2)}
_NUMBERS |= {"a decade": 10}
_ORD = rf"(?P<word>{'|'.join(_WORDS)})|(?P<digit>\d{{1,3}})(?:st|nd|rd|th)"
_CALENDAR = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\b"
)
_NAME_WORD = r"[A-Z][\w’'.&+–-]*"
_BODY = re.compile(
    rf"\s+(?:the\s+)?(?P<body>{_NAME_WORD}(?:\s+(?:(?:for|on|and|of|the)\s+)*(?!{_CALENDAR}){_NAME_WORD})*)"
)
_YEARS = re.compile(
    rf"\s+in\s+(?:the\s+(?:past|last)\s+)?(?P<n>\d{{1,2}}|{'|'.join(_NUMBERS)})\s+years?\b", re.I
)
_TALKS = re.compile(r"\s+(?:the\s+)?(?:\w+\s+)?(?:talks|consultations|negotiations|dialogue)\b", re.I)
_ANAPHORA = re.compile(r"\b(?:the|these|those|both|all|our|their|its|of)\s+$", re.I)
_QUOTED = re.compile(r"^[“\"‘'].*[”\"’']$")


@dataclass(frozen=True, slots=True)
class _Vocab:
    meeting: re.Pattern[str]
    visit: re.Pattern[str]
    elliptic: re.Pattern[str]
    visit_noun: re.Pattern[str]
    destination: re.Pattern[str]
    count: re.Pattern[str]
    meeting_words: frozenset[str]
    count_words: frozenset[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    text = (resources.files("comity.extract.facts") / "data" / "measures.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)["ordinals"]
    numbers = "|".join(_NUMBERS)
    return _Vocab(
        meeting=re.compile(
            rf"\b(?:the|its|their)\s+(?:{_ORD})\s+(?P<pre>(?:\S+\s+){{0,6}}?)"
            rf"(?P<noun>{table['meetings']})\b(?P<post>\s+(?:of|between|since|with)\b)?",
            re.I,
        ),
        visit=re.compile(
            rf"\b(?P<det>the|his|her|its|their|[\w.-]+['’]s?)\s+(?:{_ORD})\s+"
            rf"(?:(?:official|state|foreign|overseas|working|international|presidential|bilateral)\s+){{0,2}}"
            rf"(?P<noun>{table['visits']})s?\b",
            re.I,
        ),
        elliptic=re.compile(
            rf"\b(?:the|his|her|its|their)\s+(?:{_ORD})(?=\s+(?:by|in|to|since|abroad)\b)", re.I
        ),
        visit_noun=re.compile(rf"\b(?:{table['visits']})s?\b", re.I),
        destination=re.compile(
            rf"\b(?:the|its)\s+(?:{_ORD})\s+(?P<noun>{table['destinations']})\s+"
            rf"(?:for\s+[^,.;]{{1,60}}?\s+)?to\s+(?P<verb>[a-z]+)",
            re.I,
        ),
        count=re.compile(
            rf"\b(?P<num>{numbers}|\d{{1,3}})\s+(?P<mods>(?:\S+\s+){{0,4}}?)(?P<noun>{table['countries']})\b",
            re.I,
        ),
        meeting_words=frozenset(table["meeting_words"].split("|")),
        count_words=frozenset(table["count_words"].split("|")),
    )


def _value(m: re.Match[str]) -> int:
    word = m.group("word")
    return _ORDINALS[word.lower()] if word else int(m.group("digit"))


def _when(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> str | None:
    """The clause's date, not the start of a count ("the 37th since ... in 2006"); else the article's."""
    time = period_of(ctx, span, sent)
    if time and time.start >= span[1] and re.search(r"\bsince\b", ctx.text[span[0] : time.start], re.I):
        time = None
    return time.value if time else ctx.date


def _capitalised(words: list[str]) -> bool:
    return bool(words) and all(w[:1].isupper() for w in words)


def ordinal_facts(ctx: FactContext, start: int, end: int) -> list[Fact]:
    """Ordinal and count facts of the sentence [start, end)."""
    return (
        _meetings(ctx, start, end)
        + _visits(ctx, start, end)
        + _destinations(ctx, start, end)
        + _country_counts(ctx, start, end)
    )


def _meetings(ctx: FactContext, start: int, end: int) -> list[Fact]:
    facts = []
    vocab = _vocab()
    for m in vocab.meeting.finditer(ctx.text, start, end):
        pre = m.group("pre").split()
        if not all(w[:1].isupper() or w.lower() in vocab.meeting_words or _QUOTED.match(w) for w in pre):
            continue
        names = [w for w in pre if w[:1].isupper() and not _QUOTED.match(w)]
        body = (
            _BODY.match(ctx.text, m.end(), end)
            if m.group("post") and m.group("post").strip() == "of"
            else None
        )
        if names and _capitalised(names):
            subject = " ".join(names)
        elif body:
            subject = body.group("body")
        elif m.group("post") and (
            m.group("post").strip().lower() != "of" or _TALKS.match(ctx.text, m.end(), end)
        ):
            subject = f"{m.group('noun').lower()} ({ctx.dyad})"
        else:
            continue
        span = (m.start(), body.end() if body and subject == body.group("body") else m.end("noun"))
        facts.append(make_fact(ctx, "ordinal", span, subject=subject, value=float(_value(m)), unit="ordinal",
                           period=_when(ctx, m.span(), (start, end))))  # fmt: skip
    return facts


def _place_after(ctx: FactContext, pos: int, end: int) -> str | None:
    """ISO3 of "to X" right after ``pos``."""
    to = re.match(r"\s+to\s+(?:the\s+)?", ctx.text[pos : min(end, pos + 16)])
    if not to:
        return None
    return next((c for s, _, c in ctx.places if s == pos + to.end()), None)


def _destination(ctx: FactContext, m: re.Match[str], sent: tuple[int, int]) -> str | None:
    """Where the visit went: "to X" after it, else the last place the sentence names before it."""
    after = _place_after(ctx, m.end(), sent[1])
    if after:
        return after
    before = [c for s, e, c in ctx.places if sent[0] <= s and e <= m.start()]
    return before[-1] if before else None


def _visits(ctx: FactContext, start: int, end: int) -> list[Fact]:
    facts = []
    vocab = _vocab()
    found = list(vocab.visit.finditer(ctx.text, start, end))
    for m in vocab.elliptic.finditer(ctx.text, start, end):
        if vocab.visit_noun.search(ctx.text, max(start, m.start() - 120), m.start()):
            found.append(m)
    for m in found:
        value, dest = _value(m), _destination(ctx, m, (start, end))
        tail = re.match(r"(?:\s+to\s+(?:the\s+)?\S+)?", ctx.text[m.end() : end])
        years = _YEARS.match(ctx.text, m.end() + (tail.end() if tail else 0), end)
        if years and value >= 2 and ctx.date:
            n = years.group("n").lower()
            span_years = _NUMBERS.get(n) or int(n)
            year = int(ctx.date[:4])
            facts.append(make_fact(ctx, "count", (m.start(), years.end()), subject=f"visits to {dest or ctx.dyad}",
                               value=float(value), unit="visits",
                               period=f"{year - span_years}/{year}"))  # fmt: skip
            continue
        subject = f"visit to {dest}" if dest else "visit"
        facts.append(make_fact(ctx, "ordinal", m.span(), subject=subject, value=float(value), unit="ordinal",
                           period=_when(ctx, m.span(), (start, end))))  # fmt: skip
    return facts


def _destinations(ctx: FactContext, start: int, end: int) -> list[Fact]:
    facts = []
    for m in _vocab().destination.finditer(ctx.text, start, end):
        before = [c for s, e, c in ctx.places if start <= s and e <= m.start() and m.start() - e < 12]
        if not before:
            continue
        subject = f"{before[-1]} as {m.group('noun').lower()} to {m.group('verb').lower()}"
        facts.append(make_fact(ctx, "ordinal", m.span(), subject=subject, value=float(_value(m)), unit="ordinal",
                           period=_when(ctx, m.span(), (start, end))))  # fmt: skip
    return facts


def _country_counts(ctx: FactContext, start: int, end: int) -> list[Fact]:
    facts = []
    vocab = _vocab()
    for m in vocab.count.finditer(ctx.text, start, end):
        mods = m.group("mods").split()
        if not all(w[:1].isupper() or w.lower() in vocab.count_words for w in mods):
            continue
        num = m.group("num").lower()
        value = _NUMBERS.get(num) or int(num)
        if value < 2 or (
            not mods and (value == 2 or _ANAPHORA.search(ctx.text, max(start, m.start() - 8), m.start()))
        ):
            continue  # "the two countries" is the dyad, "the three countries" named before
        if any(t.start <= m.start() < t.end for t in ctx.times):
            continue
        noun = m.group("noun").lower()
        subject = " ".join([*mods, noun])
        facts.append(make_fact(ctx, "count", m.span(), subject=subject, value=float(value), unit=noun,
                           period=_when(ctx, m.span(), (start, end))))  # fmt: skip
    return facts
