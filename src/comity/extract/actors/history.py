"""An actor's roles over time, with their sources: what ``comity actors NAME`` and the API's actor page show.

A name the hand-written KB knows keeps its rows (they win); the world office-holder KB adds the roles it
lists for the same person (the person whose rows the build matched to the hand-written ones, or the one
person of that full name in the same country), each with its source, commit and licence. A name only the
world KB knows shows that person's roles; a name shared by several people shows none (``candidates``
lists who they may be on a date).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from comity.extract.actors.people import FULL_FORMS
from comity.extract.actors.world.index import Holding, WorldKB

if TYPE_CHECKING:
    from comity.extract.actors.kb import ActorEntry, ActorKB

__all__ = ["candidates", "roles_over_time"]

HAND_SOURCE = "comity-hand"  # the world KB's source id of rows copied from people.csv (see world.build)
Role = dict[str, Any]


#: Licences of the hand-written tables (actors/data/README.md): the countries table is CC BY-SA 3.0.
COUNTRY_KINDS_LICENCE = {"country": "CC-BY-SA-3.0", "adjective": "CC-BY-SA-3.0", "capital": "CC-BY-SA-3.0"}


def _hand_role(entry: ActorEntry) -> Role:
    code = entry.code or ((entry.country or "") + (entry.sector or "")) or None
    return {
        "role": entry.role or entry.kind, "country": entry.country, "sector": entry.sector, "code": code,
        "start": entry.start, "end": entry.end, "source": entry.source,
        "licence": COUNTRY_KINDS_LICENCE.get(entry.kind, "MIT"), "kb": "hand",
    }  # fmt: skip


def _world_role(holding: Holding) -> Role:
    code = (holding.country + holding.sector) if holding.country else holding.sector
    return {
        "role": holding.role, "country": holding.country or None, "sector": holding.sector, "code": code,
        "start": holding.start or None, "end": holding.end or None, "source": holding.source,
        "licence": holding.licence, "commit": holding.commit, "kb": "world",
    }  # fmt: skip


def _world_person(world: WorldKB, name: str, countries: set[str]) -> str | None:
    """The world KB person a name denotes: a full name of one person (in ``countries`` when given),
    the person matched to the hand-written rows first."""
    people = {a.person for a in world.aliases_for(name) if a.form in FULL_FORMS}
    if countries:
        people = {p for p in people if any(h.country in countries for h in world.roles_of(p))}
    matched = {p for p in people if any(h.source == HAND_SOURCE for h in world.roles_of(p))}
    found = matched or people
    return next(iter(found)) if len(found) == 1 else None


def roles_over_time(kb: ActorKB, name: str) -> tuple[str | None, list[Role]]:
    """The canonical name and every role on record for ``name``, by start date; (None, []) if unknown."""
    entries = kb.entries(name)
    hand = [e for e in entries if e.kind == "person"]
    roles = [_hand_role(e) for e in (hand or entries[:1])]
    canonical = entries[0].name if entries else None
    world = kb.world
    if world is not None and (hand or not entries):
        person = _world_person(world, canonical or name, {e.country for e in hand if e.country})
        if person is not None:
            canonical = canonical or world.name(person)
            seen = {(r["role"], r["start"]) for r in roles}
            roles += [_world_role(h) for h in world.roles_of(person) if (h.role, h.start or None) not in seen]
    roles.sort(key=lambda r: (r["start"] or "", r["end"] or "9999", r["role"] or ""))
    return canonical, roles


def candidates(kb: ActorKB, name: str, date: str) -> list[tuple[str, Holding]]:
    """Who in the world KB a name may denote on ``date``: (person's name, a role then) for each."""
    world = kb.world
    if world is None:
        return []
    found = []
    for person in world.find(name, date):
        held = world.roles_of(person, date)
        if held:
            found.append((world.name(person), held[0]))
    return found
