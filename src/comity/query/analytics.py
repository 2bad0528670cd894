"""Dyad analytics: per period, event clusters per PLOVER quad class, mean Goldstein, and the
cooperation–conflict index.

Each real-world event counts once: the unit is an event cluster of ``dyad_events`` (one row per
cluster, however many reports), dated by its most precise member date, scored by its lead
report's Goldstein value; negated and hypothetical reports are not events (see ``dyad_events``).
PLOVER types map to quad classes by the ontology (``comity.ontology.quad_of``).
``index = (cooperation - conflict) / total`` over the clusters of a period (verbal and material
together), from -1 (all conflict) to 1 (all cooperation). Periods follow ``comity.query.series``
(``day``, ``month``, ``quarter``, ``year``; ``since``/``until`` bounds from ``period_bounds``); a cluster
whose date is less precise than the period is counted in ``unplaced``.

>>> period_key("2023-12-12/2023-12-13", "quarter"), period_key("2023", "month")
('2023-Q4', None)
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from comity.errors import QueryError
from comity.ontology import QUADS, quad_of
from comity.query.relationship import PairFilter, dyad_events
from comity.query.series import period_bounds
from comity.store.base import Store

__all__ = ["FREQS", "dyad_series", "period_key", "periods_between"]

#: The one series every surface shows (CLI, REST API, dashboard, report, Python).
FREQS = ("day", "month", "quarter", "year")


def period_key(value: str | None, freq: str) -> str | None:
    """The period (``2023-12``, ``2023-Q4``, ``2023``) of an ISO date, or None when too vague."""
    day = (value or "").split("/")[0]
    if len(day) < 4 or not day[:4].isdigit():
        return None
    if freq == "year":
        return day[:4]
    if freq == "day":
        return day[:10] if len(day) >= 10 and day[7] == "-" and day[8:10].isdigit() else None
    if len(day) >= 7 and day[4] == "-" and day[5:7].isdigit():
        month = int(day[5:7])
        return day[:7] if freq == "month" else f"{day[:4]}-Q{(month + 2) // 3}"
    if freq == "quarter" and len(day) == 7 and day[5] == "Q" and day[6] in "1234":
        return day
    return None


def periods_between(first: str, last: str, freq: str) -> list[str]:
    """Every period from ``first`` to ``last`` (period keys of ``freq``), both included: the slots
    of a true time axis, where a period without events still takes its place.

    >>> periods_between("2023-11", "2024-02", "month"), periods_between("2023-Q4", "2024-Q1", "quarter")
    (['2023-11', '2023-12', '2024-01', '2024-02'], ['2023-Q4', '2024-Q1'])
    """
    if freq == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    if freq == "day":
        start, end = date.fromisoformat(first), date.fromisoformat(last)
        return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]
    per_year, width = (4, 1) if freq == "quarter" else (12, 2)

    def index(key: str) -> int:
        return int(key[:4]) * per_year + int(key[-width:]) - 1

    keys = []
    for n in range(index(first), index(last) + 1):
        year, part = divmod(n, per_year)
        keys.append(f"{year}-Q{part + 1}" if freq == "quarter" else f"{year}-{part + 1:02d}")
    return keys


def dyad_series(
    store: Store,
    dyad: tuple[str, str],
    *,
    freq: str = "month",
    since: str | None = None,
    narrow: PairFilter | None = None,
    fill: bool = False,
) -> dict[str, Any]:
    """Per period (oldest first): clusters per quad class, mean Goldstein and the index.

    ``narrow`` keeps the events it selects (type, modality, outlet, until); ``fill`` adds a row
    with no events for every empty period between the first and the last (a true time axis).
    """
    if freq not in FREQS:
        raise QueryError(f"freq must be one of {', '.join(FREQS)}, got {freq!r}")
    periods: dict[str, list[dict[str, Any]]] = {}
    unplaced = 0
    for cluster in dyad_events(store, dyad, since=since, narrow=narrow):
        key = period_key(cluster["date"], freq)
        if key is None:
            unplaced += 1
        else:
            periods.setdefault(key, []).append(cluster)
    keys = sorted(periods)
    if fill and keys:
        keys = periods_between(keys[0], keys[-1], freq)
    rows = [_row(key, periods.get(key, []), freq) for key in keys]
    return {"dyad": "-".join(dyad), "freq": freq, "periods": rows, "unplaced": unplaced}


def _row(period: str, clusters: list[dict[str, Any]], freq: str) -> dict[str, Any]:
    counts = Counter(quad_of(c["type"]) for c in clusters)
    coop = counts["verbal_cooperation"] + counts["material_cooperation"]
    conflict = counts["verbal_conflict"] + counts["material_conflict"]
    scores = [float(c["goldstein"]) for c in clusters if c.get("goldstein") is not None]
    total = len(clusters)
    return {
        "period": period,
        "events": total,
        **{quad: counts[quad] for quad in QUADS},
        "other": counts[None],
        "goldstein_mean": round(sum(scores) / len(scores), 3) if scores else None,
        "coop_conflict_index": round((coop - conflict) / total, 3) if total else None,
        **period_bounds(period, freq),
    }
