"""The build rules of the world office-holder KB, read from the documented CSV files in ``actors/data``.

One loader per file: catalogs (source folder -> ISO3), sources (licence, commit), kinds, position rules
(label -> kinds, sector, titles), naming conventions, honorifics, surname particles, extra country names.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from importlib import resources

from comity.errors import ConfigError

__all__ = [
    "Catalog",
    "Naming",
    "PositionRule",
    "Rules",
    "SourceInfo",
    "load_rules",
]

SCOPES_BUILT = ("country", "territory", "international")
INTERNATIONAL = "IGO"  # the pseudo-country of the international catalogs in world_positions.csv
CALLED_BY = ("first", "last", "last_two", "hyphen", "none")


@dataclass(frozen=True, slots=True)
class Catalog:
    """A source folder (``vietnam``) and where it belongs."""

    slug: str
    iso3: str
    scope: str  # country | territory | international | subnational | unrecognised

    @property
    def built(self) -> bool:
        return self.scope in SCOPES_BUILT

    @property
    def rule_country(self) -> str:
        """The code position rules are matched with (international catalogs have no ISO3)."""
        return INTERNATIONAL if self.scope == "international" else self.iso3


@dataclass(frozen=True, slots=True)
class SourceInfo:
    id: str
    path: str
    commit: str
    licence: str
    snapshot: str  # ISO date of the source's last look, "" when unknown
    attribution: str


@dataclass(frozen=True, slots=True)
class PositionRule:
    pattern: re.Pattern[str]
    countries: frozenset[str]
    kinds: tuple[str, ...]
    sector: str
    titles: tuple[str, ...]

    def applies(self, label: str, country: str) -> bool:
        return (not self.countries or country in self.countries) and self.pattern.fullmatch(label) is not None


@dataclass(frozen=True, slots=True)
class Naming:
    called_by: str
    swap: bool
    trust_cia: bool


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything the build reads from the package's data files."""

    catalogs: dict[str, Catalog]
    sources: dict[str, SourceInfo]
    single: dict[str, str]  # kind -> country | role | no
    positions: tuple[PositionRule, ...]
    naming: dict[str, Naming]
    honorifics: dict[str, tuple[str, ...]]  # gender -> honorifics
    particles: frozenset[str]
    country_names: dict[str, str]  # extra name (lower case) -> ISO3

    def classify(self, labels: tuple[str, ...], country: str) -> PositionRule:
        """The first position rule matching any of a position's cleaned labels in a country."""
        for rule in self.positions:
            if any(rule.applies(label, country) for label in labels):
                return rule
        raise ConfigError(f"world_positions.csv has no rule for {labels!r}: its last rule must be '.*'")

    def naming_of(self, country: str) -> Naming:
        return self.naming.get(country, Naming("last", False, True))


def _read(name: str) -> list[dict[str, str]]:
    text = (resources.files("comity.extract.actors") / "data" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    for row in rows:
        if None in row:
            raise ConfigError(
                f"{name}: row {row!r} has more cells than its header; quote a cell with a comma"
            )
    return rows


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _catalogs() -> dict[str, Catalog]:
    return {r["slug"]: Catalog(r["slug"], r["iso3"], r["scope"]) for r in _read("world_catalogs.csv")}


def _sources() -> dict[str, SourceInfo]:
    rows = _read("world_sources.csv")
    return {
        r["id"]: SourceInfo(r["id"], r["path"], r["commit"], r["licence"], r["snapshot"], r["attribution"])
        for r in rows
    }


def _single() -> dict[str, str]:
    return {r["kind"]: r["single"] for r in _read("world_kinds.csv")}


def _positions(kinds: dict[str, str]) -> tuple[PositionRule, ...]:
    rules = []
    for row in _read("world_positions.csv"):
        try:
            pattern = re.compile(row["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"world_positions.csv: bad pattern {row['pattern']!r}: {exc}") from None
        unknown = [kind for kind in _split(row["kinds"]) if kind not in kinds]
        if unknown:
            raise ConfigError(f"world_positions.csv: kinds {unknown} are not in world_kinds.csv")
        rules.append(
            PositionRule(
                pattern, frozenset(_split(row["countries"])), _split(row["kinds"]), row["sector"],
                _split(row["titles"]),
            )
        )  # fmt: skip
    return tuple(rules)


def _naming() -> dict[str, Naming]:
    naming = {}
    for row in _read("world_naming.csv"):
        if row["called_by"] not in CALLED_BY:
            raise ConfigError(f"world_naming.csv: called_by {row['called_by']!r} is not one of {CALLED_BY}")
        naming[row["iso3"]] = Naming(row["called_by"], row["swap"] == "1", row["cia"] == "1")
    return naming


def _honorifics() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for row in _read("world_honorifics.csv"):
        found.setdefault(row["gender"], []).append(row["honorific"])
    return {gender: tuple(words) for gender, words in found.items()}


@functools.lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The build rules (read once per process)."""
    single = _single()
    return Rules(
        catalogs=_catalogs(),
        sources=_sources(),
        single=single,
        positions=_positions(single),
        naming=_naming(),
        honorifics=_honorifics(),
        particles=frozenset(r["particle"] for r in _read("world_particles.csv")),
        country_names={r["name"].lower(): r["iso3"] for r in _read("world_country_names.csv")},
    )
