"""PLOVER's 16 event types and their quad classes, and the values an event's type can take.

Data: ``data/plover.csv`` (type, quad), in the PLOVER manual's order; the grouping follows the
PLOVER manual as summarised in the shared ``dictionaries/README.md`` (see ``data/README.md``).

>>> quad_of("CONSULT"), quad_of("REQUEST"), quad_of("CONCEDE"), quad_of("NOPE")
('verbal_cooperation', 'verbal_conflict', 'verbal_cooperation', None)
"""

from __future__ import annotations

import functools

from comity.ontology._tables import read_rows, unique_by

__all__ = ["QUADS", "STATEMENT", "event_types", "plover_quads", "plover_types", "quad_of", "types_in"]

#: The four quad classes, cooperation before conflict, verbal before material.
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
#: The type of a CAMEO 01x statement, which has no PLOVER type: a marker, never a 17th PLOVER type.
STATEMENT = "STATEMENT"


@functools.lru_cache(maxsize=1)
def plover_quads() -> dict[str, str]:
    """Every PLOVER type -> its quad class, in the manual's order (cached)."""
    return {t: row["quad"] for t, row in unique_by(read_rows("plover.csv"), "type", "plover.csv").items()}


def plover_types() -> tuple[str, ...]:
    """The 16 PLOVER event types, in the manual's order."""
    return tuple(plover_quads())


def event_types() -> tuple[str, ...]:
    """Every value an event's type can hold: the PLOVER types and the ``STATEMENT`` marker."""
    return (*plover_types(), STATEMENT)


def quad_of(plover_type: str | None) -> str | None:
    """The quad class of a PLOVER type (None for ``STATEMENT`` and unknown types)."""
    return plover_quads().get(plover_type or "")


def types_in(*quads: str) -> frozenset[str]:
    """The PLOVER types of the given quad classes (``types_in("material_conflict")``: acts of force)."""
    unknown = set(quads) - set(QUADS)
    if unknown:
        raise ValueError(f"unknown quad class {sorted(unknown)[0]!r}; valid: {', '.join(QUADS)}")
    return frozenset(t for t, quad in plover_quads().items() if quad in quads)
