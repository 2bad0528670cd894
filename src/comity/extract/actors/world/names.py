"""Generated aliases: the names people are actually called by in the news.

From a person's full names: the ASCII folding ("Tô Lâm" -> "To Lam"), the English Wikipedia title, the
CIA spelling, the other word order where the country's naming uses it ("Jinping Xi", "Kishida Fumio"),
the called-by name alone ("Kuleba") and after an honorific or a title ("Mr. Año", "Ms. Raimondo",
"Premier Li", "Gen. Brown"), initials ("J. Biden", "AMLO"). Which word is the called-by name depends on the country
(world_naming.csv) or on the CIA's capitals. Resolving an ambiguous alias at a date is not done here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from comity.extract.actors.world.index import ascii_fold
from comity.extract.actors.world.tables import Rules

__all__ = ["NameFacts", "aliases_of", "cia_called_by", "proper_case"]

_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_SUFFIX = re.compile(r"^(?:[IVX]+|Jr\.?|Sr\.?)$")
_ARTICLE = re.compile(r"^(?:al|el|Al|El)-(?=\w)")
_WORD = re.compile(r"^[^\W\d_][\w'’-]*$")
#: Yields an alias (text, form, role kind) unless it was already given.
_Emit = Callable[[str, str, str], Iterator[tuple[str, str, str]]]


@dataclass(frozen=True, slots=True)
class NameFacts:
    """What alias generation needs to know about one person."""

    labels: tuple[str, ...]  # full names from the sources, preferred first
    gender: str
    enwiki: str
    country: str  # the country whose naming applies (where the person held most roles)
    titles: tuple[tuple[str, str], ...]  # (title, role kind), e.g. ("Premier", "head_of_government")
    cia: str  # CIA spelling ("LI Keqiang"), "" when not matched
    hand: tuple[str, ...]  # hand-written name and aliases


def proper_case(cia_name: str) -> str:
    """CIA capitals to ordinary case: "Andres Manuel LOPEZ OBRADOR" -> "Andres Manuel Lopez Obrador"."""
    return " ".join(_proper_word(word) if word.isupper() else word for word in cia_name.split())


def _proper_word(word: str) -> str:
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def cia_called_by(cia_name: str) -> str:
    """The words the CIA writes in capitals ("ABIY Ahmed" -> "Abiy"); "" when all or none are capitals."""
    words = cia_name.split()
    capitals = [w for w in words if w.isupper() and len(w.replace("-", "")) > 1]
    if not capitals or len(capitals) == len(words):
        return ""
    return proper_case(" ".join(capitals))


def _tokens(name: str) -> list[str]:
    words = _PARENTHESIS.sub("", name).replace(",", " ").split()
    while len(words) > 1 and _SUFFIX.match(words[-1]):
        words.pop()
    return words


def called_by(name: str, convention: str, particles: frozenset[str]) -> list[str]:
    """The word(s) a title or honorific goes before, by naming convention (world_naming.csv)."""
    words = _tokens(name)
    if not words or convention == "none":
        return []
    if len(words) == 1:
        return words
    if convention == "first":
        return [words[0]]
    if convention == "hyphen":
        index = next((i for i, w in enumerate(words) if i > 0 and "-" in w), None)
        return [words[index - 1]] if index is not None else [words[-1]]
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in particles:
        start -= 1
    found = [" ".join(words[start:])]
    if convention == "last_two" and start == len(words) - 1 and len(words) >= 3:
        found.append(" ".join(words[-2:]))
    return found


def _variants(surname: str) -> list[str]:
    """A surname and, for "al-"/"el-" names, the name without the article ("el-Sisi" -> "Sisi")."""
    bare = _ARTICLE.sub("", surname)
    return [surname] if bare == surname else [surname, bare]


def _pick(title: str, gender: str) -> str:
    """ "King/Queen" -> the form for the gender ("" when the gender is not recorded)."""
    if "/" not in title:
        return title
    male, female = title.split("/", 1)
    return {"male": male, "female": female}.get(gender, "")


def aliases_of(facts: NameFacts, rules: Rules) -> Iterator[tuple[str, str, str]]:
    """(alias, form, role kind) for one person, without repeats; the full names come first."""
    seen: set[str] = set()

    def emit(alias: str, form: str, kind: str) -> Iterator[tuple[str, str, str]]:
        alias = " ".join(alias.split())
        if alias and alias not in seen:
            seen.add(alias)
            yield alias, form, kind

    for label in facts.labels:
        yield from emit(label, "name", "")
    for label in facts.labels:
        yield from emit(ascii_fold(label), "ascii", "")
    if facts.enwiki:
        yield from emit(_PARENTHESIS.sub("", facts.enwiki), "enwiki", "")
    for hand in facts.hand:
        yield from emit(hand, "hand", "")
    if facts.cia:
        yield from emit(proper_case(facts.cia), "cia", "")
    yield from _derived(facts, rules, emit)


def _derived(facts: NameFacts, rules: Rules, emit: _Emit) -> Iterator[tuple[str, str, str]]:
    naming = rules.naming_of(facts.country)
    full = facts.labels[0] if facts.labels else ""
    words = _tokens(full)
    if naming.swap and len(words) == 2:
        yield from emit(f"{words[1]} {words[0]}", "swapped", "")
    surnames = called_by(full, naming.called_by, rules.particles)
    if facts.cia and naming.trust_cia and cia_called_by(facts.cia):
        surnames = [cia_called_by(facts.cia)]
    surnames = [v for s in surnames for v in _variants(s)]
    for surname in surnames:
        yield from emit(surname, "surname", "")  # alone ("Kuleba"): resolved only at a date, in context
        for honorific in rules.honorifics.get(facts.gender, ()):
            yield from emit(f"{honorific} {surname}", "honorific", "")
        for title, kind in facts.titles:
            chosen = _pick(title, facts.gender)
            if chosen:
                yield from emit(f"{chosen} {surname}", "title", kind)
    yield from _initials(words, surnames, naming.called_by, emit)


def _initials(
    words: list[str], surnames: list[str], convention: str, emit: _Emit
) -> Iterator[tuple[str, str, str]]:
    """ "J. Biden" (given-name-first naming) and the acronym of a name of three words or more ("AMLO")."""
    if convention in ("last", "last_two") and len(words) >= 2 and surnames and _WORD.match(words[0]):
        yield from emit(f"{ascii_fold(words[0])[:1].upper()}. {surnames[0]}", "initials", "")
    if len(words) >= 3 and all(_WORD.match(w) for w in words):
        yield from emit("".join(ascii_fold(w)[:1].upper() for w in words), "initials", "")
