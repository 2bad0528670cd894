"""People resolved through the world office-holder KB: a name or a title, at the article's date.

``match_person`` finds who a person's name denotes on a date, given what is written before it (a title,
an honorific, a country word: ``Clues``). ``office_holder`` finds who a description names ("the Chinese
premier" on a date -> Li Qiang). The hand-written KB (``ActorKB``) is asked first by the callers and
wins; these functions only see the world KB (``ActorKB.world``).

How a name is resolved (``PersonMatch.basis``):

* ``exact`` / ``alias``: a full name of one person (as listed / another spelling: ASCII, English
  Wikipedia, CIA, family name last); the role held on the date gives the sector, and a person out of
  office then keeps the country with no sector ("former Prime Minister X");
* ``alias_at_date``: a short name ("Kuleba", "Mr. Año", "Premier Li", "J. Biden") of the one person of
  that name who held an office on the date;
* ``title_country``: a name shared by several people on the date, told apart by the title or the
  country written before it ("Chinese Premier Li", "Gen. Brown").

A short name is never resolved to someone out of office unless a title before it fits a past role. A
short name, or anyone out of office then, is resolved (without a country word or a title of
``world_titles.csv`` before it) only to a person of a country the document names: a surname alone, or a
namesake of a former minister, is too weak a clue otherwise. Two or more people left: unresolved.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources

from comity.extract.actors.world.index import Holding, WorldKB, name_key

__all__ = ["Clues", "PersonMatch", "Title", "match_person", "office_holder", "title_words", "titles"]

#: Alias forms that are a whole name; the others (surname, honorific, title, initials) are short names.
FULL_FORMS = frozenset({"name", "ascii", "enwiki", "cia", "hand", "swapped"})
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]\.?$")
_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$")
_JOINED_INITIALS = re.compile(r"\b([A-Z])\.(?=[A-Z]\.)")


def _rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("comity.extract.actors") / "data" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


@dataclass(frozen=True, slots=True)
class Title:
    """A row of ``world_titles.csv``: a title and the office it names."""

    title: str
    kinds: tuple[str, ...]
    sector: str
    label: tuple[str, ...]
    describes: bool

    def fits(self, holding: Holding) -> bool:
        """Whether ``holding`` is an office this title names."""
        if self.kinds and not set(self.kinds) & set(holding.kinds):
            return False
        if self.sector and holding.sector != self.sector:
            return False
        return not self.label or any(word in holding.role.lower() for word in self.label)


@functools.cache
def titles() -> dict[str, Title]:
    """The titles of ``world_titles.csv`` by title (lower case, no periods)."""
    return {
        r["title"]: Title(
            r["title"], _split(r["kinds"]), r["sector"], _split(r["label"]), r["describes"] == "1"
        )
        for r in _rows("world_titles.csv")
    }


@functools.cache
def title_words() -> dict[str, str]:
    """``world_title_words.csv``: word -> former | other_office."""
    return {r["word"]: r["meaning"] for r in _rows("world_title_words.csv")}


@functools.cache
def honorific_genders() -> dict[str, str]:
    """``world_honorifics.csv`` read backwards: "mr" -> male, "ms" -> female."""
    return {r["honorific"].lower().rstrip("."): r["gender"] for r in _rows("world_honorifics.csv")}


@dataclass(frozen=True, slots=True)
class Clues:
    """What the text says around a name: the title before it and what goes with the title."""

    title: Title | None = None  # an office the title names ("premier")
    title_text: str = ""  # the title's words, lower case ("national security advisor"), when no row fits
    country: str | None = None  # a country written with the title ("Chinese Premier Li")
    gender: str | None = None  # from an honorific ("Mr." -> male)
    former: bool = False  # "former", "ex-"
    named: frozenset[str] | None = None  # countries the document names (None: no such guard)
    appositive: bool = False  # the country came from a description after the name ("X, a Thai envoy")

    def fits(self, holding: Holding) -> bool | None:
        """Whether the title fits ``holding``; None when the text has no title to check."""
        if self.title is not None:
            return self.title.fits(holding)
        if self.title_text:
            return self.title_text in holding.role.lower()
        return None


@dataclass(frozen=True, slots=True)
class PersonMatch:
    """Who a name denotes: the world KB person, the coding on the date and why."""

    person: str  # the world KB id (Wikidata QID or comity:<name>)
    name: str
    country: str | None
    sector: str | None
    role: str | None  # the role held on the date (None: out of office then)
    basis: str  # exact | alias | alias_at_date | title_country


def bare_name(text: str) -> str:
    """A name without middle initials and suffixes: "Eduardo M. Año" -> "Eduardo Año"."""
    words = text.split()
    kept = [w for i, w in enumerate(words) if not (i > 0 and (_INITIAL.match(w) or _SUFFIX.match(w)))]
    return " ".join(kept) if len(kept) >= 2 else text


def name_variants(text: str) -> tuple[str, ...]:
    """How a written name may be listed: as written, with spaced initials ("H.R. McMaster" -> "H. R.
    McMaster"), without middle initials or suffix, and as its given name's initial plus the last word
    ("Binyamin Netanyahu" -> "B. Netanyahu", a short name: resolved only at a date, like any), and
    without an English given name put before a romanised name ("William Lai Ching-te" -> "Lai Ching-te")."""
    spaced = _JOINED_INITIALS.sub(r"\1. ", text)
    words = bare_name(text).split()
    initial = f"{words[0][0]}. {words[-1]}" if len(words) >= 2 and words[0][:1].isupper() else ""
    # "William Lai Ching-te": an English name put before a romanised one with a hyphenated given name
    native = " ".join(words[1:]) if len(words) >= 3 and "-" in words[-1] else ""
    return tuple(v for v in dict.fromkeys((text, spaced, bare_name(text), initial, native)) if v)


def _forms(world: WorldKB, text: str) -> dict[str, str]:
    """Person -> the best alias form ``text`` is of them (a full form before a short one), from the first
    of the ``name_variants`` that anyone is listed under."""
    found: dict[str, str] = {}
    for variant in name_variants(text):
        for alias in world.aliases_for(variant):
            if alias.form == "initials" and "." not in alias.alias and not text.isupper():
                continue  # an acronym ("ANO") is not the word "Año"
            if found.get(alias.person) not in FULL_FORMS:
                found[alias.person] = alias.form
        if found:
            break
    return found


def _main_country(world: WorldKB, person: str, clues: Clues) -> str | None:
    counts: dict[str, int] = {}
    for holding in world.roles_of(person):
        counts[holding.country] = counts.get(holding.country, 0) + 1
    if clues.country in counts:
        return clues.country
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None


def _rank(holding: Holding, clues: Clues, country: str | None) -> tuple[bool, bool, int, str]:
    kinds = _kind_order()
    first = min((kinds.get(k, len(kinds)) for k in holding.kinds), default=len(kinds))
    return (clues.fits(holding) is False, holding.country != country, first, holding.role)


@functools.cache
def _kind_order() -> dict[str, int]:
    return {r["kind"]: n for n, r in enumerate(_rows("world_kinds.csv"))}


def _holdings_then(world: WorldKB, person: str, date: str | None, former: bool) -> tuple[Holding, ...]:
    """The roles held on ``date`` (open ones when no date); with ``former``, those that ended before it."""
    if date is None:
        return tuple(h for h in world.roles_of(person) if not h.end)
    if former:
        return tuple(
            h for h in world.roles_of(person) if h.start[: len(date)] <= date and not h.valid_on(date)
        )
    return world.roles_of(person, date)


def _gender(world: WorldKB, person: str) -> str:
    found = world.person(person)
    return found.gender if found else ""


def _told_apart(
    world: WorldKB, people: Iterable[str], clues: Clues, date: str | None, *, strict: bool = False
) -> list[str]:
    """The people whose roles then fit the honorific and the title. A title of ``world_titles.csv`` (or
    ``strict``) must fit; other title words that fit nobody are left aside ("dissident", "Republican")."""
    people = [p for p in people if not clues.gender or _gender(world, p) in ("", clues.gender)]
    if clues.title is None and not clues.title_text:
        return people
    fitting = [p for p in people if any(clues.fits(h) for h in _holdings_then(world, p, date, clues.former))]
    return fitting if fitting or strict or clues.title is not None else people


def match_person(world: WorldKB, text: str, date: str | None, clues: Clues = Clues()) -> PersonMatch | None:
    """Who the name ``text`` denotes on ``date`` given the ``clues``; None when nobody or several."""
    every = _forms(world, text)
    forms = every
    if clues.country is not None:
        forms = {p: f for p, f in every.items() if any(h.country == clues.country for h in world.roles_of(p))}
    in_office = [p for p in forms if _holdings_then(world, p, date, clues.former)]
    chosen = _told_apart(world, in_office, clues, date)
    if len(chosen) > 1:
        return None
    if not chosen:
        return _out_of_office(world, text, forms, date, clues)
    person = chosen[0]
    several = sum(1 for p in every if _holdings_then(world, p, date, clues.former)) > 1
    basis = "title_country" if several else _basis(text, world, person, forms[person])
    return _coded(world, person, date, clues, basis, guard=forms[person] not in FULL_FORMS)


def _out_of_office(
    world: WorldKB, text: str, forms: dict[str, str], date: str | None, clues: Clues
) -> PersonMatch | None:
    """A full name, or a short one with a title fitting a past role, of one person out of office then."""
    if clues.title is not None or clues.title_text:
        past = replace(clues, former=True)
        people = _told_apart(world, forms, past, date, strict=True)
    else:
        people = [p for p, form in forms.items() if form in FULL_FORMS]
    if len(people) != 1:
        return None
    person = people[0]
    basis = _basis(text, world, person, forms[person])
    match = _coded(world, person, date, clues, basis, guard=True)
    return None if match is None else replace(match, sector=None, role=None)


def _basis(text: str, world: WorldKB, person: str, form: str) -> str:
    if form not in FULL_FORMS:
        return "alias_at_date"
    return "exact" if name_key(text) == name_key(world.name(person)) else "alias"


def _coded(
    world: WorldKB, person: str, date: str | None, clues: Clues, basis: str, *, guard: bool = False
) -> PersonMatch | None:
    """The coding of ``person`` on ``date``; None when the guard applies (a short name, or anyone out of
    office, with no country word or title before it) and the document never names their country."""
    country = _main_country(world, person, clues)
    then = sorted(_holdings_then(world, person, date, clues.former), key=lambda h: _rank(h, clues, country))
    if then:
        country = then[0].country
    unnamed = clues.named is not None and (country or "") not in clues.named
    if guard and unnamed and clues.country is None and clues.title is None:
        return None
    current = then[0] if then and not clues.former else None
    sector = current.sector if current else None
    return PersonMatch(
        person, world.name(person), country or None, sector, current.role if current else None, basis
    )


def title_in(words: Sequence[str]) -> tuple[Title | None, int]:
    """The longest title of ``world_titles.csv`` ending the word run ``words`` (lower case, no periods),
    and where it starts; (None, len) when none. A title after an ``other_office`` word ("deputy foreign
    minister") names another office: None, and the run's start."""
    table = titles()
    for start in range(len(words)):
        found = table.get(" ".join(words[start:]))
        if found is not None:
            before = words[start - 1] if start else ""
            if title_words().get(before) == "other_office":
                return None, start - 1
            return found, start
    return None, len(words)


def office_holder(world: WorldKB, country: str, title: Title, date: str | None) -> Holding | None:
    """The one person holding the office ``title`` names in ``country`` on ``date`` (the first of its
    kinds that has holders); None when nobody or several do."""
    if not title.describes or date is None:
        return None
    for kind in title.kinds:
        held = [h for h in world.holders(country, kind, date, fallback=False) if title.fits(h)]
        people = {h.person for h in held}
        if len(people) == 1:
            return held[0]
        if people:
            return None
    return None
