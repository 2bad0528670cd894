"""Layout of a plain text: title, byline, dateline and boilerplate lines (not a stable API).

Nothing is deleted: every finding is a span into the text as given, so later offsets stay
valid. The rules are deliberately conservative; a missed caption costs less than hiding a
sentence of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from comity.clean.boilerplate import RuleSet, load_rules
from comity.clean.dateline import Dateline, find_dateline
from comity.ontology.calendar import MONTH_NAMES, WEEKDAY_NAMES
from comity.records import Boilerplate, TextSpan

#: The header (where titles, bylines, datelines and captions live) ends with the first line
#: at least this long, and never spans more than ``HEADER_LINES`` non-empty lines.
PROSE_LEN = 150
HEADER_LINES = 8
MAX_TITLE_CHARS = 250
MAX_TITLE_WORDS = 30

_LINE = re.compile(r"[^\n]+")
_NAME_TOKEN = re.compile(r"[A-Z][A-Za-z'’\-]+|[A-Z]\.")
_BYLINE = re.compile(r"(?i:by|written by)\s+(?P<names>[^,|–—(]{2,80})(?P<rest>.*)")
_BYLINE_JOINERS = frozenset({"and", "&"})
# Words a byline's capitalised run may hold that are no name: a dateline's weekday or month ("May"
# stays out: it is a given name too), "then", "now".
_NOT_NAMES = frozenset((*WEEKDAY_NAMES, *(m for m in MONTH_NAMES if m != "may"), "then", "now"))


@dataclass(frozen=True, slots=True)
class Line:
    """A non-empty line, whitespace-stripped; ``start``/``end`` index the full text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Layout:
    title: str | None = None
    author: str | None = None
    dateline: TextSpan | None = None
    date: str | None = None
    boilerplate: tuple[Boilerplate, ...] = ()
    byline: TextSpan | None = None
    #: (month, day) of a dateline that names no year (``date`` is then None).
    dateline_month_day: tuple[int, int] | None = None


def split_lines(text: str) -> list[Line]:
    """Non-empty lines of ``text`` with surrounding whitespace trimmed off their spans."""
    lines = []
    for match in _LINE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            start = match.start() + (len(raw) - len(raw.lstrip()))
            lines.append(Line(start, start + len(stripped), stripped))
    return lines


def same_text(left: str, right: str) -> bool:
    """Equal after whitespace collapsing and case folding."""
    return " ".join(left.split()).casefold() == " ".join(right.split()).casefold()


def header_size(lines: list[Line]) -> int:
    for index, line in enumerate(lines[:HEADER_LINES]):
        if len(line.text) >= PROSE_LEN:
            return index + 1
    return min(len(lines), HEADER_LINES)


def analyse_text(text: str, *, title_hint: str | None = None, detect_title: bool = True) -> Layout:
    """Find the title, byline, dateline and boilerplate lines of ``text``.

    Args:
        text: the article text every span refers to.
        title_hint: a title known from elsewhere (input row or HTML metadata); a header line
            equal to it is the title line.
        detect_title: take the first suitable line as the title (plain text only).
    """
    rules = load_rules()
    lines = split_lines(text)
    header = header_size(lines)
    kinds = {i: k for i, line in enumerate(lines) if (k := rules.classify(line.text, in_header=i < header))}
    title_index = _find_title(lines, kinds, header, title_hint, detect_title=detect_title)
    title = lines[title_index].text if title_index is not None else title_hint
    if title:
        _mark_title_repeats(lines, kinds, title, title_index)
    used = {title_index} if title_index is not None else set()
    byline = _find_byline(lines, kinds, header, title_index, rules)
    if byline is not None:
        used.add(byline[1])
    dateline, found, extra = _find_dateline(lines, kinds, header, used, rules)
    _mark_headlines(lines, kinds, header)
    marks = [Boilerplate(lines[i].start, lines[i].end, lines[i].text, kind) for i, kind in kinds.items()]
    marks.extend(extra)
    marks.sort(key=lambda b: (b.start, b.end))
    author = byline[0] if byline is not None else None
    byline_span = None
    if byline is not None:
        line = lines[byline[1]]
        byline_span = TextSpan(line.start, line.end, line.text)
    date, month_day = (found.date, found.month_day) if found is not None else (None, None)
    return Layout(title, author, dateline, date, tuple(marks), byline_span, month_day)


#: A body line is a headline (of a related article) or a section heading, not prose, when it is
#: short, ends without sentence punctuation and has no article: "X files 2 new protests vs Y".
MAX_HEADLINE_WORDS = 20
_ARTICLES = frozenset({"the", "a", "an"})
_WORD = re.compile(r"[\w’'-]+")


def _headline(line: str) -> bool:
    words = _WORD.findall(line)
    text = line.rstrip("*# ")
    return (
        2 <= len(words) <= MAX_HEADLINE_WORDS
        and bool(text)
        and text[-1].isalnum()
        and not any(w.lower() in _ARTICLES for w in words)
    )


def _mark_headlines(lines: list[Line], kinds: dict[int, str], header: int) -> None:
    for index in range(header, len(lines)):
        if index not in kinds and _headline(lines[index].text):
            kinds[index] = "headline"


def _find_title(
    lines: list[Line], kinds: dict[int, str], header: int, hint: str | None, *, detect_title: bool
) -> int | None:
    if hint:
        for index in range(header):
            if index not in kinds and same_text(lines[index].text, hint):
                return index
    if not detect_title or len(lines) < 2:
        return None  # a single paragraph has no title line
    first = next((i for i in range(header) if i not in kinds), None)
    if first is None or not _title_like(lines[first].text):
        return None
    return first


def _title_like(line: str) -> bool:
    if len(line) > MAX_TITLE_CHARS or len(line.split()) > MAX_TITLE_WORDS:
        return False
    return find_dateline(line) is None and _by_line(line) is None


def _mark_title_repeats(
    lines: list[Line], kinds: dict[int, str], title: str, title_index: int | None
) -> None:
    for index, line in enumerate(lines):
        if index != title_index and index not in kinds and same_text(line.text, title):
            kinds[index] = "title_repeat"


def _find_byline(
    lines: list[Line], kinds: dict[int, str], header: int, title_index: int | None, rules: RuleSet
) -> tuple[str, int] | None:
    start = 0 if title_index is None else title_index + 1
    first = True
    for index in range(start, header):
        if index in kinds:
            continue
        line = lines[index].text
        name = _by_line(line)
        if name is None and first and title_index is not None and _name_line(line, rules.byline_stopwords):
            name = line
        if name is not None:
            return name, index
        first = False
    return None


def _by_line(line: str) -> str | None:
    """``"By Amrita Jash"`` -> ``"Amrita Jash"``; None for anything sentence-like."""
    match = _BYLINE.fullmatch(line)
    if match is None or len(line) > 100 or len(match.group("rest")) > 40:
        return None
    names = match.group("names").strip()
    tokens = names.split()
    if not 1 <= len(tokens) <= 8 or tokens[0].lower() in _NOT_NAMES:
        return None
    if names.endswith(".") and not _NAME_TOKEN.fullmatch(tokens[-1]):
        return None
    ok = all(t.lower() in _BYLINE_JOINERS or _NAME_TOKEN.fullmatch(t) or t.isupper() for t in tokens)
    return names if ok else None


def _name_line(line: str, stopwords: frozenset[str]) -> bool:
    """A short line of 2-4 capitalised name tokens, such as ``"Song Qingrun"``."""
    tokens = line.split()
    if not 2 <= len(tokens) <= 4 or len(line) > 50:
        return False
    return all(_NAME_TOKEN.fullmatch(t) and t.lower() not in stopwords for t in tokens)


def _find_dateline(
    lines: list[Line], kinds: dict[int, str], header: int, used: set[int], rules: RuleSet
) -> tuple[TextSpan | None, Dateline | None, list[Boilerplate]]:
    for index in range(header):
        if index in kinds or index in used:
            continue
        line = lines[index]
        found = find_dateline(line.text)
        if found is None:
            continue
        span = TextSpan(line.start + found.start, line.start + found.end, found.text)
        return span, found, _remainder_marks(line, found.end, rules)
    return None, None, []


def _remainder_marks(line: Line, offset: int, rules: RuleSet) -> list[Boilerplate]:
    """Boilerplate after a dateline on the same line, e.g. ``"| | 0 comments"``."""
    rest = line.text[offset:]
    stripped = rest.strip()
    kind = rules.classify(stripped, in_header=True) if stripped else None
    if kind is None:
        return []
    start = line.start + offset + (len(rest) - len(rest.lstrip()))
    return [Boilerplate(start, start + len(stripped), stripped, kind)]
