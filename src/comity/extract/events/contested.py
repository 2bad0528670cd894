"""Disputed areas and their claimants, read from ``data/disputed_areas.csv`` (not a stable API).

A show of force or an act of coercion in a disputed area is aimed at the area's other claimants even
when the sentence names none of them: "the Philippines deployed a vessel to Sabina Shoal" is a move
against China's claim, "a Japanese warship sailed through the Taiwan Strait" one against China's.
``implied.py`` uses ``rival_claimants`` for such acts when the sentence gives no other side (or only
the area itself as the target, ``names_disputed_area``); it then picks the rival the document is
about (the one it names most).

Names are matched as whole words, case-insensitive, on the sentence's text; an area listed with its
aliases ("Second Thomas Shoal", "Ayungin Shoal") is one area. A malformed file or an unknown country
code is a ``ConfigError`` naming the file and the row.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from importlib import resources

from comity.errors import ConfigError
from comity.ontology import country_codes
from comity.records import ActorRef

__all__ = ["DisputedArea", "disputed_areas", "names_disputed_area", "rival_claimants"]

_FILE = "disputed_areas.csv"
_COLUMNS = ("name", "aliases", "claimants")


@dataclass(frozen=True, slots=True)
class DisputedArea:
    """A disputed territory or body of water: its names and the states claiming it."""

    name: str
    names: tuple[str, ...]
    claimants: frozenset[str]


@functools.cache
def disputed_areas() -> tuple[DisputedArea, ...]:
    """Every row of the data file, checked (cached)."""
    text = (resources.files("comity.extract.events") / "data" / _FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise ConfigError(f"{_FILE}: the columns must be {', '.join(_COLUMNS)}, not {reader.fieldnames}")
    return tuple(_area(row) for row in reader)


def _area(row: dict[str, str]) -> DisputedArea:
    name = (row.get("name") or "").strip()
    claimants = frozenset(c.strip() for c in (row.get("claimants") or "").split("|") if c.strip())
    unknown = sorted(claimants - country_codes())
    if not name or len(claimants) < 2 or unknown:
        problem = f"unknown country codes {unknown}" if unknown else "needs a name and two claimants or more"
        raise ConfigError(f"{_FILE}: row {name or row!r}: {problem}")
    aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    return DisputedArea(name, (name, *aliases), claimants)


@functools.cache
def _pattern() -> tuple[re.Pattern[str], dict[str, DisputedArea]]:
    by_name = {n.lower(): area for area in disputed_areas() for n in area.names}
    names = sorted(by_name, key=len, reverse=True)  # the longest name first: "Scarborough Reef"
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE), by_name


def rival_claimants(text: str, own: frozenset[str] | set[str]) -> frozenset[str]:
    """The claimants other than ``own`` of the disputed areas ``text`` names (empty when it names
    none). An outsider's act there ("U.S. patrols in the South China Sea") has every claimant."""
    pattern, by_name = _pattern()
    rivals: set[str] = set()
    for match in pattern.finditer(text):
        rivals |= by_name[match.group(0).lower()].claimants - set(own)
    return frozenset(rivals)


def names_disputed_area(actors: tuple[ActorRef, ...] | list[ActorRef]) -> bool:
    """Are ``actors`` only uncoded names of disputed areas ("deployed a vessel to Sabina Shoal":
    the shoal is where, not whom)?"""
    pattern, _ = _pattern()
    return bool(actors) and all(not a.coded and pattern.fullmatch(a.text.strip()) for a in actors)
