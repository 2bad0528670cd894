"""The compiled world office-holder KB: typed rows and the queries over them.

The compiled file (``actors/data/world_kb.zip``, made by ``comity kb build``) is a zip of tab-separated
tables, one header line each, the lines sorted as strings (so a query can bisect them):

- ``holdings.tsv``: country, person, sector, kinds, role, start, start_precision, end, end_precision,
  source, commit, licence (one row per person x role x interval; see ``dates`` for the precisions);
- ``people.tsv``: id, name, gender, source;
- ``aliases.tsv``: key, alias, person, form, kind, people, source (``people`` = how many people share the
  key: more than one marks an ambiguous alias; ``kind`` = the role kind a title alias comes from);
- ``sources.tsv``: id, path, commit, licence, snapshot, attribution; ``LICENSE.txt``: the licence notice.

>>> kb = load_world_kb()  # doctest: +SKIP
>>> [kb.name(h.person) for h in kb.holders("VNM", "head_of_state", "2024-09-01")]  # doctest: +SKIP
['Tô Lâm']
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from comity.errors import ConfigError
from comity.extract.actors.world.dates import valid_on

__all__ = ["TABLES", "Alias", "Holding", "Person", "WorldKB", "load_world_kb", "name_key"]

TABLES = {
    "holdings.tsv": (
        "country", "person", "sector", "kinds", "role", "start", "start_precision", "end", "end_precision",
        "source", "commit", "licence",
    ),
    "people.tsv": ("id", "name", "gender", "source"),
    "aliases.tsv": ("key", "alias", "person", "form", "kind", "people", "source"),
    "sources.tsv": ("id", "path", "commit", "licence", "snapshot", "attribution"),
}  # fmt: skip
PACKAGED = "world_kb.zip"
_FOLD = str.maketrans({
    "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
    "Œ": "OE", "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'",
    "‐": "-", "–": "-", "—": "-",
})  # fmt: skip
_KEY_DROP = re.compile(r"[.,]")
_KEY_SPACE = re.compile(r"[\s\-]+")


@functools.lru_cache(maxsize=65_536)
def ascii_fold(text: str) -> str:
    """Accents and special letters to ASCII: "Tô Lâm" -> "To Lam", "Łukasz" -> "Lukasz"."""
    if text.isascii():  # nothing to fold: every key of _FOLD and every combining mark is non-ASCII
        return text
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()


@functools.lru_cache(maxsize=65_536)
def name_key(text: str) -> str:
    """The lookup key of a name: ASCII, lower case, no periods or commas, hyphens as spaces.

    >>> name_key("Mr. Año"), name_key("Yoon Suk-yeol")
    ('mr ano', 'yoon suk yeol')
    """
    return _KEY_SPACE.sub(" ", _KEY_DROP.sub("", ascii_fold(text).lower())).strip()


@dataclass(frozen=True, slots=True)
class Holding:
    """One person in one role over one interval."""

    person: str  # Wikidata QID, or "comity:<name>" for a hand-written person without one
    country: str  # ISO3; "" for an international body
    sector: str  # GOV MIL DIP LEG JUD PTY IGO
    kinds: tuple[str, ...]  # role kinds (world_kinds.csv)
    role: str  # the position label
    start: str
    start_precision: str
    end: str
    end_precision: str
    source: str
    commit: str
    licence: str

    def valid_on(self, date: str) -> bool:
        return valid_on(self.start, self.end, self.end_precision, date)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    gender: str
    source: str


@dataclass(frozen=True, slots=True)
class Alias:
    key: str
    alias: str
    person: str
    form: str  # name ascii enwiki cia hand swapped surname honorific title initials
    kind: str  # the role kind of a title alias, else ""
    people: int  # how many people share this key
    source: str


class WorldKB:
    """Office holders of the world with dates, queried by country, person and name.

    The tables stay as sorted text lines and become typed rows only when a query asks for them
    (bisection on the sort order): loading is one read of the file, and memory stays small.
    """

    def __init__(self, tables: dict[str, list[str]], notice: str = "") -> None:
        self._holdings = tables["holdings.tsv"]
        self._people = tables["people.tsv"]
        self._aliases = tables["aliases.tsv"]
        self.sources = tuple(
            dict(zip(TABLES["sources.tsv"], line.split("\t"), strict=True)) for line in tables["sources.tsv"]
        )
        self.licence_notice = notice
        self._by_person: dict[str, list[int]] = {}
        for number, line in enumerate(self._holdings):
            self._by_person.setdefault(line.split("\t", 2)[1], []).append(number)
        self._country_rows: dict[str, tuple[Holding, ...]] = {}
        self._kinds: dict[str, tuple[str, ...]] = {}
        self._alias_rows: dict[str, tuple[Alias, ...]] = {}
        self._person_rows: dict[str, tuple[Holding, ...]] = {}

    def __len__(self) -> int:
        return len(self._holdings)

    @property
    def holdings(self) -> tuple[Holding, ...]:
        """Every holding, in file order (country, person, ...)."""
        return tuple(self._holding(line) for line in self._holdings)

    def aliases(self) -> tuple[Alias, ...]:
        """Every alias row, in key order."""
        return tuple(_alias(line) for line in self._aliases)

    def person(self, person: str) -> Person | None:
        line = _first(self._people, person + "\t")
        return None if line is None else Person(*line.split("\t"))

    def name(self, person: str) -> str:
        found = self.person(person)
        return found.name if found else person

    def country_holdings(self, country: str) -> tuple[Holding, ...]:
        """Every holding of a country ("" = international bodies)."""
        if country not in self._country_rows:
            self._country_rows[country] = tuple(
                self._holding(line) for line in _block(self._holdings, country + "\t")
            )
        return self._country_rows[country]

    def holders(self, country: str, kind: str, date: str, *, fallback: bool = True) -> tuple[Holding, ...]:
        """Who held a role kind in a country on ``date``. With ``fallback``, a country with no head of
        government on record that day is governed by its head of state (a presidential republic)."""
        found = tuple(h for h in self.country_holdings(country) if kind in h.kinds and h.valid_on(date))
        if not found and fallback and kind == "head_of_government":
            return self.holders(country, "head_of_state", date, fallback=False)
        return found

    def roles_of(self, person: str, date: str | None = None) -> tuple[Holding, ...]:
        """A person's holdings by start date, all of them or those valid on ``date``."""
        rows = self._person_rows.get(person)
        if rows is None:
            rows = self._person_rows[person] = tuple(
                sorted(
                    (self._holding(self._holdings[n]) for n in self._by_person.get(person, ())), key=_by_start
                )
            )
        return rows if date is None else tuple(h for h in rows if h.valid_on(date))

    def lookup(self, name: str) -> tuple[Alias, ...]:
        """The people a name may denote (one alias row each, the first form found); () if unknown."""
        found: dict[str, Alias] = {}
        for line in _block(self._aliases, name_key(name) + "\t"):
            alias = _alias(line)
            found.setdefault(alias.person, alias)
        return tuple(found.values())

    def aliases_for(self, name: str) -> tuple[Alias, ...]:
        """Every alias row of a name's key (all forms of all people who share it); () if unknown.
        Cached: documents ask for the same few names again and again."""
        key = name_key(name)
        found = self._alias_rows.get(key)
        if found is None:
            found = self._alias_rows[key] = tuple(_alias(line) for line in _block(self._aliases, key + "\t"))
        return found

    def find(self, name: str, date: str | None = None) -> tuple[str, ...]:
        """Person ids a name may denote; with a date, only those holding some role that day."""
        people = (a.person for a in self.lookup(name))
        return tuple(p for p in people if date is None or self.roles_of(p, date))

    def _holding(self, line: str) -> Holding:
        country, person, sector, kinds, *rest = line.split("\t")
        shared = self._kinds.get(kinds)
        if shared is None:
            shared = self._kinds[kinds] = tuple(kinds.split("|"))
        return Holding(person, country, sector, shared, *rest)


def _by_start(holding: Holding) -> tuple[str, str]:
    return (holding.start, holding.role)


def _alias(line: str) -> Alias:
    key, alias, person, form, kind, people, source = line.split("\t")
    return Alias(key, alias, person, form, kind, int(people), source)


def _block(lines: list[str], prefix: str) -> list[str]:
    """The run of sorted ``lines`` that start with ``prefix``."""
    start = bisect.bisect_left(lines, prefix)
    end = start
    while end < len(lines) and lines[end].startswith(prefix):
        end += 1
    return lines[start:end]


def _first(lines: list[str], prefix: str) -> str | None:
    found = _block(lines, prefix)
    return found[0] if found else None


def read_world_kb(path: Path | str) -> WorldKB:
    """Load a compiled world KB file (see the module docstring for its tables)."""
    tables: dict[str, list[str]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            notice = archive.read("LICENSE.txt").decode("utf-8")
            for member, columns in TABLES.items():
                lines = archive.read(member).decode("utf-8").splitlines()
                if not lines or tuple(lines[0].split("\t")) != columns:
                    raise ConfigError(
                        f"world KB {str(path)!r}: table {member} has not the columns {list(columns)}"
                    )
                tables[member] = lines[1:]
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise ConfigError(f"cannot read the world KB {str(path)!r}: {exc}") from None
    return WorldKB(tables, notice)


@functools.lru_cache(maxsize=4)
def load_world_kb(path: Path | str | None = None) -> WorldKB:
    """The world KB (cached per process): the packaged one, or a file built with ``comity kb build``."""
    if path is not None:
        return read_world_kb(path)
    packaged = resources.files("comity.extract.actors") / "data" / PACKAGED
    with resources.as_file(packaged) as file:
        if not file.is_file():
            raise ConfigError(f"the packaged world KB {PACKAGED} is missing: run `comity kb build`")
        return read_world_kb(file)
