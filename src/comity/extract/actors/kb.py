"""Actor knowledge base: countries, organisations, people with dated roles, and role nouns.

The data lives in CSV files under ``comity/extract/actors/data`` (see its README.md), the
countries in the ontology's table (``comity.ontology.countries_csv``). ``load_kb()`` reads them
once per process (cached); only the edges (CLI commands, the API app, the Python API) call it, and
hand the KB to the pipeline and to clustering. ``kb_from_csv`` builds a KB of given tables only (a
small one for a test). ``ActorKB.lookup`` codes a name, and
``ActorKB.describe`` codes a description such as "the Vietnamese Prime Minister".

>>> kb = load_kb()
>>> kb.lookup("Beijing").code
'CHNGOV'
>>> kb.describe("the Chinese navy").code
'CHNMIL'
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from comity.errors import ConfigError
from comity.extract.actors.offices import OFFICE_EXCLUDES, OFFICES, holds_office
from comity.extract.actors.people import PersonMatch, match_person, office_holder, title_in
from comity.extract.actors.world.index import WorldKB, load_world_kb
from comity.extract.lexicon import lexicon
from comity.ontology import countries_csv
from comity.records import ActorRef

#: The world office-holder KB, or how to load it when first asked for (``load_world_kb``).
WorldSource = WorldKB | Callable[[], WorldKB]

__all__ = [
    "ActorEntry", "ActorKB", "Resolved", "kb_from_csv", "load_kb", "normalize", "person_ref", "resolve_name",
]  # fmt: skip

#: Entry kinds, in lookup priority order (a name claimed by an earlier kind keeps it).
KINDS = ("country", "organization", "person", "adjective", "capital", "name")
#: The mention label of each kind ("name" rows carry their own label: LAW, EVENT, LOC, ...).
KIND_LABELS = {
    "country": "GPE",
    "capital": "GPE",
    "adjective": "NORP",
    "organization": "ORG",
    "person": "PERSON",
}
IGO_CODE = "IGO"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "đ": "d", "Đ": "D"})
_MEMBERSHIP_HEADS = sorted(lexicon("membership_heads"), key=len, reverse=True)  # longest first
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*'s?$")


@functools.lru_cache(maxsize=16_384)
def normalize(text: str) -> str:
    """Canonical lookup key: no accents, straight quotes, single spaces, no article or 's.

    Cached: the mention scan asks for the same short spans over and over.
    """
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\s+", " ", text).strip().strip(",;:")
    text = _POSSESSIVE.sub("", _LEADING.sub("", text))
    return text.replace(" - ", "-").strip()


_HEAD_BREAK = re.compile(r"[\s\-'.]")


def _head(key: str) -> str:
    """The first word of a key, cut where a tokenizer may cut it ("People's" -> "people")."""
    return _HEAD_BREAK.split(key.lower(), maxsplit=1)[0]


def _case_sensitive(alias: str) -> bool:
    """Short all-caps acronyms ("US", "UN", "WHO") must match case exactly."""
    letters = alias.replace(".", "")
    return letters.isupper() and len(letters) <= 5


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One row of the knowledge base (a person has one entry per dated role)."""

    name: str
    kind: str  # one of KINDS
    country: str | None
    sector: str | None
    code: str | None = None
    role: str | None = None
    start: str | None = None  # ISO date, inclusive
    end: str | None = None  # ISO date, exclusive
    source: str = ""
    label: str | None = None  # mention label of a "name" row (LAW, EVENT, LOC, ...)

    def valid_on(self, date: str | None) -> bool:
        if date is None:
            return self.end is None
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)

    def ref(self, text: str) -> ActorRef:
        code = self.code or ((self.country or "") + (self.sector or "")) or None
        return ActorRef(text=text, name=self.name, country=self.country, sector=self.sector, code=code)


class ActorKB:
    """Name -> actor coding, with dated roles for people. Build it with ``load_kb()`` or ``kb_from_csv``.

    ``world``: the world office-holder KB (``comity.extract.actors.world``), or a function that loads it
    when first asked for; None for a KB of hand-written tables only. The hand-written rows win: the world
    KB is asked only about names and offices they do not resolve.
    """

    def __init__(
        self,
        entries: Iterable[tuple[Sequence[str], ActorEntry]],
        roles: dict[str, str],
        world: WorldSource | None = None,
    ) -> None:
        # which KB this is, kept by every pickled copy: a worker that receives one KB twice (Dask may
        # deliver a scattered object again) keeps its pipeline instead of building a second one
        self.identity = uuid.uuid4().hex
        self._world_source = world
        self._world = world if isinstance(world, WorldKB) else None
        self._exact: dict[str, list[ActorEntry]] = {}
        self._folded: dict[str, list[ActorEntry]] = {}
        self._countries: dict[str, ActorEntry] = {}
        self._roles = dict(roles)
        self._all: list[ActorEntry] = []
        self.max_words = 1
        self._heads: set[str] = set()  # first word of every key: a cheap "could a name start here?"
        for names, entry in sorted(entries, key=lambda item: KINDS.index(item[1].kind)):
            self._add(names, entry)
            self._all.append(entry)
        self.max_role_words = max((len(r.split()) for r in self._roles), default=1)

    def _add(self, names: Sequence[str], entry: ActorEntry) -> None:
        if entry.kind == "country":
            self._countries.setdefault(entry.country or "", entry)
        for alias in names:
            key = normalize(alias)
            if not key:
                continue
            self.max_words = max(self.max_words, len(key.replace("-", " - ").split()))
            self._heads.add(_head(key))
            self._claim(self._exact, key, entry)
            if not _case_sensitive(key):
                self._claim(self._folded, key.lower(), entry)

    @staticmethod
    def _claim(index: dict[str, list[ActorEntry]], key: str, entry: ActorEntry) -> None:
        found = index.setdefault(key, [])
        if not found or (found[0].kind == entry.kind == "person" and found[0].name == entry.name):
            found.append(entry)

    @property
    def world(self) -> WorldKB | None:
        """The world office-holder KB (loaded on first use), or None when this KB has none."""
        if self._world is None and callable(self._world_source):
            self._world = self._world_source()
        return self._world

    def __getstate__(self) -> dict[str, object]:
        """Pickled for the workers without a world KB that a worker can load itself."""
        state = dict(self.__dict__)
        if callable(self._world_source):
            state["_world"] = None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def may_start_name(self, word: str) -> bool:
        """False when no known name begins with ``word`` (one token), so no lookup is needed."""
        return _head(normalize(word)) in self._heads

    def entries(self, text: str) -> list[ActorEntry]:
        """All entries for a name (several for a person with several roles); [] when unknown."""
        key = normalize(text)
        return self._exact.get(key) or self._folded.get(key.lower()) or []

    def lookup(self, text: str, *, date: str | None = None) -> ActorRef | None:
        """Code a name: country, capital (metonymy: government), adjective, organisation or person.

        A person is coded with the role valid on ``date`` (the current role when ``date`` is None);
        with no role valid then, only the country is given.

        >>> load_kb().lookup("Viet Nam").country
        'VNM'
        """
        found = self.entries(text)
        if not found:
            return None
        if found[0].kind != "person":
            return found[0].ref(text)
        for entry in found:
            if entry.valid_on(date):
                return entry.ref(text)
        if date is None or all(e.start is None and e.end is None for e in found):
            return found[0].ref(text)
        return replace(found[0], sector=None, code=None).ref(text)

    def kind(self, text: str) -> str | None:
        found = self.entries(text)
        return found[0].kind if found else None

    def label(self, text: str) -> str | None:
        """The mention label a known name gets (GPE, NORP, ORG, PERSON, or a "name" row's own)."""
        found = self.entries(text)
        if not found:
            return None
        return found[0].label or KIND_LABELS.get(found[0].kind, "ORG")

    def all_entries(self) -> list[ActorEntry]:
        """Every entry (one per row and kind), packaged and user-supplied, in priority order."""
        return list(self._all)

    def near_miss(self, text: str, *, date: str | None = None) -> ActorEntry | None:
        """The one known person whose full name differs from ``text`` by a small misspelling of
        one word ("Nguyen Phu Truong" -> Nguyen Phu Trong), holding a role on ``date``; else None.
        """
        words = normalize(text).lower().split()
        if len(words) < 2 or self.entries(text):
            return None
        found = {
            e.name: e for e in self._all if e.kind == "person" and e.valid_on(date) and _near(words, e.name)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def roles_over_time(self, name: str) -> tuple[str | None, list[dict[str, Any]]]:
        """Who ``name`` is (canonical name) and every role on record, hand-written and from the world
        KB, by start date, each with its source and licence (``comity.extract.actors.history``)."""
        from comity.extract.actors.history import roles_over_time

        return roles_over_time(self, name)

    def role_at(self, name: str, date: str | None = None) -> str | None:
        """The role a person held on ``date`` (None when unknown or out of office)."""
        return next((e.role for e in self.entries(name) if e.kind == "person" and e.valid_on(date)), None)

    def country(self, iso3: str | None) -> ActorRef | None:
        """The country itself as an actor (its government: sector GOV, e.g. "VNMGOV")."""
        entry = self._countries.get(iso3 or "")
        return None if entry is None else replace(entry, sector="GOV").ref(entry.name)

    def role_sector(self, noun: str) -> str | None:
        """Sector of a role noun ("minister" -> GOV, "navy" -> MIL); plural forms accepted."""
        key = " ".join(normalize(noun).lower().split())
        for candidate in (key, key[:-1] if key.endswith("s") else key, re.sub(r"men$", "man", key)):
            if candidate in self._roles:
                return self._roles[candidate]
        return None

    def describe(self, text: str, *, date: str | None = None) -> ActorRef | None:
        """Code a description: a country word plus a role noun ("Vietnamese Prime Minister").

        In "X of Y" the head X gives the sector and Y may give the country or organisation
        ("the head of the Vietnamese government" -> VNM GOV). Returns None without a country
        or a role.
        """
        words = normalize(text)
        members = self._organisation_of_members(words, text, date)
        if members is not None:
            return members
        head, _, rest = words.partition(" of ")
        country, sector = self._scan(head)
        if rest and (country is None or sector is None):
            found = self.lookup(rest, date=date) or self._organisation_of_members(rest, rest, date)
            rest_country, rest_sector = (found.country, found.sector) if found else self._scan(rest)
            country = country or rest_country
            sector = sector or rest_sector
        if country is None and sector is None:
            return None
        code = (country or "") + (sector or "") if country else None
        return ActorRef(text=text, name=None, country=country, sector=sector, code=code)

    def _organisation_of_members(self, words: str, text: str, date: str | None) -> ActorRef | None:
        """ "the ASEAN member states" -> ASEAN: an organisation named before a membership head
        (``words``: ``text`` normalised)."""
        head = next((h for h in _MEMBERSHIP_HEADS if words.lower().endswith(" " + h)), None)
        ref = self.lookup(words[: -len(head)].strip(), date=date) if head is not None else None
        return replace(ref, text=text) if ref is not None and ref.sector == "IGO" else None

    def office_holder(self, text: str, *, date: str | None = None) -> ActorRef | None:
        """The one person holding the office a description names on ``date`` ("the Vietnamese
        Prime Minister" in 2019 -> Nguyen Xuan Phuc), coded with that role; else None.

        The description needs a country word and a title listed in ``OFFICES``.
        """
        key = " " + " ".join(normalize(text).lower().replace("-", " ").split()) + " "
        title = next((t for t in OFFICES if f" {t} " in key), None)
        country, _ = self._scan(normalize(text))
        if title is None or country is None:
            return None
        prefixes = OFFICES[title]
        found = {
            e.name: e
            for e in self._all
            if e.kind == "person"
            and e.country == country
            and e.valid_on(date)
            and holds_office(e.role or "", prefixes, OFFICE_EXCLUDES.get(title, ()))
        }
        return next(iter(found.values())).ref(text) if len(found) == 1 else None

    def world_office_holder(self, text: str, *, date: str | None = None) -> ActorRef | None:
        """The one person the world KB lists in the office a description names on ``date`` ("the
        Philippine defence secretary" in 2021 -> Delfin Lorenzana): a country word and a title of
        ``world_titles.csv`` ending the description; coded by the hand-written rows when they know the
        person. None without a world KB, a country, such a title, or exactly one holder."""
        world = self.world
        key = normalize(text)
        country, _ = self._scan(key)
        title, _ = title_in(key.lower().replace(".", "").replace("-", " ").split())
        holding = office_holder(world, country, title, date) if world and country and title else None
        if holding is None or world is None:
            return None
        name = world.name(holding.person)
        hand = self.lookup(name, date=date)
        if hand is not None and hand.country == holding.country:
            return replace(hand, text=text)
        code = holding.country + holding.sector
        return ActorRef(text=text, name=name, country=holding.country, sector=holding.sector, code=code)

    def _scan(self, phrase: str) -> tuple[str | None, str | None]:
        """Country (from any known name in ``phrase``) and sector (from the last role noun)."""
        words = phrase.replace("-", " - ").split()
        country: str | None = None
        org_sector: str | None = None
        best: tuple[int, int, str] | None = None  # (end, -start, sector): rightmost, then longest
        for i, j in _ngrams(len(words), max(self.max_words, self.max_role_words)):
            piece = " ".join(words[i:j])
            found = self.entries(piece)
            if found and country is None and found[0].kind != "person":
                country = found[0].country
                org_sector = found[0].sector if found[0].kind == "organization" else None
            role = self.role_sector(piece)
            if role is not None and (best is None or (j, -i) > best[:2]):
                best = (j, -i, role)
        return country, best[2] if best else org_sector


@dataclass(frozen=True, slots=True)
class Resolved:
    """A name or description resolved outside a document: the coding and how it was found."""

    ref: ActorRef | None
    resolution: str | None  # exact | alias | alias_at_date | title_country | fuzzy | role (None: unresolved)


def resolve_name(text: str, kb: ActorKB, *, date: str | None = None) -> Resolved:
    """Resolve a name or description on ``date``: a known name (``exact``/``alias``), a near miss
    of an office holder's name (``fuzzy``), the holder of a named office (``role``: "the Chinese
    Foreign Minister"), or a role agent (``role``, no canonical name: "the Chinese navy").

    >>> resolve_name("the Vietnamese Prime Minister", load_kb(), date="2019-06-01").ref.name
    'Nguyen Xuan Phuc'
    """
    ref = kb.lookup(text, date=date)
    if ref is not None:
        same = ref.name is not None and normalize(text).lower() == normalize(ref.name).lower()
        return Resolved(ref, "exact" if same else "alias")
    entry = kb.near_miss(text, date=date)
    if entry is not None:
        return Resolved(entry.ref(text), "fuzzy")
    person = match_person(kb.world, text, date) if kb.world is not None else None
    if person is not None:
        return Resolved(person_ref(kb, text, person.name, person, date), person.basis)
    holder = kb.office_holder(text, date=date) or kb.world_office_holder(text, date=date)
    if holder is not None:
        return Resolved(holder, "role")
    described = kb.describe(text, date=date)
    return Resolved(described, "role") if described is not None else Resolved(None, None)


def person_ref(kb: ActorKB, text: str, name: str, found: PersonMatch, date: str | None) -> ActorRef:
    """The coding of a person the world KB found: the hand-written rows' when they know the person by
    that name in the same country (they win), else the world KB's role on the date."""
    hand = kb.lookup(name, date=date)
    if hand is not None and hand.country == found.country:
        return replace(hand, text=text)
    code = (found.country + (found.sector or "")) if found.country else None
    return ActorRef(text=text, name=name, country=found.country, sector=found.sector, code=code)


def _near(words: list[str], name: str) -> bool:
    other = normalize(name).lower().split()
    if len(other) != len(words):
        return False
    diff = [(a, b) for a, b in zip(words, other, strict=True) if a != b]
    return len(diff) == 1 and difflib.SequenceMatcher(None, *diff[0]).ratio() >= 0.75


def _ngrams(n: int, longest: int) -> Iterator[tuple[int, int]]:
    """(start, end) pairs, left to right, longer first at each start; later roles override."""
    for i in range(n):
        for j in range(min(n, i + longest), i, -1):
            yield i, j


def split_cell(cell: str | None) -> list[str]:
    """The values of a multi-valued cell ("a|b|c"), stripped, empties dropped."""
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def table_rows(text: str) -> list[dict[str, str]]:
    """The rows of an actor table (CSV, ``#`` comment lines skipped); a row with more cells than its
    header is a ConfigError (an unquoted comma would cut a cell silently)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    for row in rows:
        if None in row:  # more cells than the header: an unquoted comma would cut a cell silently
            first = next(iter(row.values()), "")
            raise ConfigError(
                f"actor table row {first!r} has more cells than its header; quote a cell that holds a comma"
            )
    return rows


def _country_entries(rows: list[dict[str, str]]) -> Iterator[tuple[list[str], ActorEntry]]:
    for row in rows:
        iso, name, src = row["iso3"], row["name"], row.get("source", "")
        yield [name, *split_cell(row["aliases"])], ActorEntry(name, "country", iso, None, source=src)
        yield split_cell(row["adjectives"]), ActorEntry(name, "adjective", iso, None, source=src)
        capitals = split_cell(row["capitals"])
        if capitals:  # the capital is its own canonical name; its sector GOV is the metonymic reading
            yield capitals, ActorEntry(capitals[0], "capital", iso, "GOV", source=src)


def _org_entries(rows: list[dict[str, str]]) -> Iterator[tuple[list[str], ActorEntry]]:
    for row in rows:
        country = row["country"] or None
        code = row.get("code") or (IGO_CODE if country is None else None)
        entry = ActorEntry(
            row["name"], "organization", country, row["sector"] or None, code, source=row["source"]
        )
        yield [row["name"], *split_cell(row["aliases"])], entry


def _person_entries(rows: list[dict[str, str]]) -> Iterator[tuple[list[str], ActorEntry]]:
    for row in rows:
        entry = ActorEntry(
            row["name"], "person", row["country"] or None, row["sector"] or None, None,
            row["role"] or None, row["start"] or None, row["end"] or None, row["source"],
        )  # fmt: skip
        yield [row["name"], *split_cell(row["aliases"])], entry


def _name_entries(rows: list[dict[str, str]]) -> Iterator[tuple[list[str], ActorEntry]]:
    for row in rows:
        entry = ActorEntry(
            row["name"], "name", row["country"] or None, None, source=row["source"], label=row["label"]
        )
        yield [row["name"], *split_cell(row["aliases"])], entry


def _parse(files: dict[str, list[str]], world: WorldSource | None = None) -> ActorKB:
    entries: list[tuple[Sequence[str], ActorEntry]] = []
    roles: dict[str, str] = {}
    for text in files.get("countries", []):
        entries.extend(_country_entries(table_rows(text)))
    for text in files.get("organizations", []):
        entries.extend(_org_entries(table_rows(text)))
    for text in files.get("people", []):
        entries.extend(_person_entries(table_rows(text)))
    for text in files.get("names", []):
        entries.extend(_name_entries(table_rows(text)))
    for text in files.get("roles", []):
        roles.update({r["noun"].strip().lower(): r["sector"].strip() for r in table_rows(text)})
    return ActorKB(entries, roles, world)


def _kind_of_file(text: str) -> str:
    """Which table a user file is, from its header row."""
    header = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    columns = {c.strip() for c in header.split(",")}
    if "iso3" in columns:
        return "countries"
    if "noun" in columns:
        return "roles"
    if "label" in columns:
        return "names"
    return "people" if "role" in columns else "organizations"


def kb_from_csv(tables: Iterable[str], *, world: WorldSource | None = None) -> ActorKB:
    """A KB of exactly these CSV tables, without the packaged ones (a small KB for a test).

    Each table is the text of a file in one of the packaged formats; its kind is recognised from
    its header as in ``load_kb``, and an earlier table's rows take precedence over a later one's.
    ``world``: a world office-holder KB to consult after these rows (none by default).

    >>> header = "name,aliases,country,sector,role,start,end,source"
    >>> kb = kb_from_csv([header + "\\nAnna Bell,,VNM,GOV,Minister,2020-01-01,,test"])
    >>> kb.lookup("Anna Bell").code, kb.lookup("Beijing")
    ('VNMGOV', None)
    """
    files: dict[str, list[str]] = {}
    for text in tables:
        files.setdefault(_kind_of_file(text), []).append(text)
    return _parse(files, world)


@functools.lru_cache(maxsize=16_384)
def _load(extra: tuple[Path, ...]) -> ActorKB:
    package = resources.files("comity.extract.actors") / "data"
    files: dict[str, list[str]] = {"countries": [countries_csv()]}  # the ontology's table, shared with query
    for kind in ("organizations", "people", "roles", "names"):
        files[kind] = [(package / f"{kind}.csv").read_text(encoding="utf-8")]
    for path in extra:
        text = path.read_text(encoding="utf-8")
        files[_kind_of_file(text)].insert(0, text)  # user rows take precedence
    return _parse(files, load_world_kb)  # the world KB is read when first asked for


def load_kb(extra: Sequence[Path] = ()) -> ActorKB:
    """Return the actor KB (cached per process), plus optional user CSV files in the same formats.

    A user file's kind is recognised from its header (``iso3`` -> countries, ``noun`` -> roles,
    ``label`` -> names, ``role`` -> people, otherwise organisations); its rows take precedence over packaged rows.
    The packaged world office-holder KB comes with it, read when first asked for (``ActorKB.world``).
    """
    return _load(tuple(Path(p) for p in extra))
