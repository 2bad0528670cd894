"""Anaphoric expressions ("that year", "the following month", "earlier that day") resolved against the
last calendar date mentioned before them, as TIMEX3 does, rather than against the article date.

Not a stable API: used by ``timex`` after overlaps are resolved.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from comity.extract.time.base import Cand, shift_months
from comity.extract.time.vocab import PARTS_OF_DAY

_ANAPHOR = re.compile(
    r"(?:(?:earlier|later|early|late)\s+)?(?P<rel>that|the\s+same|the\s+following|the\s+previous)\s+"
    r"(?P<u>day|month|year|morning|afternoon|evening|night)\b",
    re.IGNORECASE,
)
_CALENDAR = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_STEP = {"following": 1, "previous": -1}


def _reference(value: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) at the start of a calendar value ('1998-10-23', '2017-11/..'), else None."""
    m = _CALENDAR.match(value or "")
    if m is None:
        return None
    year, month, day = m.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def _resolve(unit: str, step: int, ref: tuple[int, int | None, int | None]) -> str | None:
    year, month, day = ref
    if unit == "year":
        return f"{year + step:04d}"
    if month is None:
        return None
    if unit == "month":
        y, mo = shift_months(date(year, month, 1), step)
        return f"{y:04d}-{mo:02d}"
    if day is None:
        return None
    d = date(year, month, day) + timedelta(days=step)
    return d.isoformat() if unit == "day" else f"{d.isoformat()}T{PARTS_OF_DAY[unit]}"


def resolve_anaphora(cands: list[Cand], text: str) -> list[Cand]:
    """``cands`` (sorted, disjoint) with each anaphoric value filled from the last calendar value before it."""
    out: list[Cand] = []
    ref: tuple[int, int | None, int | None] | None = None
    for c in cands:
        m = _ANAPHOR.fullmatch(text, c.start, c.end) if c.rule == "anaphoric" else None
        if m is not None and ref is not None:
            step = _STEP.get(m["rel"].lower().split()[-1], 0)
            c = replace(c, value=_resolve(m["u"].lower(), step, ref))
        elif c.type in ("DATE", "TIME") and _reference(c.value):
            ref = _reference(c.value)
        out.append(c)
    return out
