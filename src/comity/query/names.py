"""Names where a person reads: an actor's country name and the office it held on the event's date.

Tables show "Xi Jinping (China, President of the People's Republic of China)" with the code
(``CHNGOV``) kept for a tooltip, not ``CHNGOV`` alone. The office comes from the actor knowledge
base, which a later layer builds: callers pass it in as a ``RoleSource``.
"""

from __future__ import annotations

from typing import Any, Protocol

from comity.ontology import country_names, sector_names


class RoleSource(Protocol):
    """The part of ``comity.extract.actors.kb.ActorKB`` that dates a person's office."""

    def role_at(self, name: str, date: str | None = None) -> str | None: ...


def named_actor(actor: dict[str, Any], date: str | None, kb: RoleSource | None) -> dict[str, Any]:
    """``actor`` (an event's source or target entry) with ``country_name``, ``sector_name`` and
    ``role`` (the office held on ``date``) added."""
    country, sector, name = actor.get("country"), actor.get("sector"), actor.get("name")
    return {
        **actor,
        "country_name": country_names().get(country) if country else None,
        "sector_name": sector_names().get(sector) if sector else None,
        "role": kb.role_at(name, day_of(date)) if kb is not None and name else None,
    }


def actor_label(actor: dict[str, Any]) -> str:
    """How a reader sees a named actor: "Xi Jinping (China, President of ...)", "China (government)".

    >>> actor_label({"name": "Vietnam", "country_name": "Vietnam", "sector_name": "government"})
    'Vietnam (government)'
    """
    name = str(
        actor.get("name") or actor.get("text") or actor.get("country_name") or actor.get("code") or "?"
    )
    country = actor.get("country_name")
    context = [
        c for c in (country if country != name else None, actor.get("role") or actor.get("sector_name")) if c
    ]
    return f"{name} ({', '.join(context)})" if context else name


def named_event(record: dict[str, Any], kb: RoleSource | None) -> dict[str, Any]:
    """An event record (``event_record`` shape) whose actors carry their names (``named_actor``)."""
    date = record.get("date") if str(record.get("date") or "")[:1].isdigit() else record.get("doc_date")
    return {
        **record,
        "source": [named_actor(a, date, kb) for a in record.get("source") or []],
        "target": [named_actor(a, date, kb) for a in record.get("target") or []],
    }


def day_of(date: str | None) -> str | None:
    """The first day of a date or interval (``2023-12-12/2023-12-13`` -> ``2023-12-12``)."""
    day = str(date or "").split("/")[0]
    return day or None
