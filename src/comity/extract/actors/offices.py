"""Offices named by title ("the Thai defence minister") and how the KB's role texts spell them."""

from __future__ import annotations

_DEFENCE = (
    "minister of national defen",
    "minister of defen",
    "minister for defen",
    "secretary of defen",
    "secretary of national defen",
)

#: Titles in a description -> how the KB's role text for that office begins (longer titles first).
OFFICES: dict[str, tuple[str, ...]] = {
    "vice president": ("vice president",),
    "vice premier": ("vice premier",),
    "deputy prime minister": ("deputy prime minister",),
    "foreign minister": (
        "minister of foreign affairs",
        "minister for foreign affairs",
        "secretary of foreign affairs",
    ),
    "defence minister": _DEFENCE,
    "defense minister": _DEFENCE,
    "defence secretary": _DEFENCE,
    "defense secretary": _DEFENCE,
    "secretary of defense": _DEFENCE,
    "secretary of state": ("secretary of state",),
    "general secretary": ("general secretary",),
    "party chief": ("general secretary",),
    "prime minister": ("prime minister",),
    "premier": ("premier",),
    "president": ("president",),
}

#: Roles that begin like an office but are another post ("President of the Senate" is no head of state).
OFFICE_EXCLUDES: dict[str, tuple[str, ...]] = {
    "president": ("senate", "party", "assembly", "congress", "council", "court", "commission", "bank"),
}


def holds_office(role: str, prefixes: tuple[str, ...], excludes: tuple[str, ...]) -> bool:
    role = role.lower()
    return role.startswith(prefixes) and not any(word in role for word in excludes)
