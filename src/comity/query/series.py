"""The cooperation–conflict series of a dyad: events and mean Goldstein score per period."""

from __future__ import annotations

from typing import Any

from comity.errors import QueryError
from comity.query.filters import EVENT_DATE, ISO3_RE
from comity.store.base import Store

#: Period key expressions over the event date ``d``, and the pattern ``d`` must match to be placed.
FREQS: dict[str, tuple[str, str]] = {
    "day": ("left(d, 10)", "^[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "month": ("left(d, 7)", "^[0-9]{4}-[0-9]{2}"),
    "quarter": (
        "CASE WHEN regexp_matches(d, '^[0-9]{4}-Q[1-4]') THEN left(d, 7)"
        " ELSE left(d, 4) || '-Q' || CAST((CAST(substr(d, 6, 2) AS INTEGER) + 2) // 3 AS VARCHAR) END",
        "^[0-9]{4}-([0-9]{2}|Q[1-4])",
    ),
    "year": ("left(d, 4)", "^[0-9]{4}"),
}

_DYAD = "((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))"
_LIVE = "a.near_duplicate_of IS NULL"


def parse_dyad(text: str) -> tuple[str, str]:
    """``"CHN-VNM"`` -> ``("CHN", "VNM")``; raises ``QueryError`` naming ``dyad``."""
    parts = tuple(p.strip().upper() for p in text.replace(",", "-").replace(" ", "-").split("-") if p.strip())
    if len(parts) != 2 or not all(ISO3_RE.match(p) for p in parts):
        raise QueryError(f"dyad must be two ISO3 country codes such as CHN-VNM, got {text!r}")
    return parts[0], parts[1]


def _dyad_params(dyad: tuple[str, str]) -> list[str]:
    a, b = dyad
    return [a, b, b, a]


def dyads(store: Store, *, limit: int = 20) -> list[dict[str, Any]]:
    """Country pairs with events between them, most events first (``dyad`` as ``"AAA-BBB"``)."""
    return store.fetch(
        "SELECT least(e.source_country, e.target_country) || '-' || greatest(e.source_country, e.target_country)"
        " AS dyad, count(*) AS events FROM events e JOIN articles a ON a.id = e.doc_id"
        f" WHERE {_LIVE} AND e.source_country IS NOT NULL AND e.target_country IS NOT NULL"
        " AND e.source_country <> e.target_country GROUP BY 1 ORDER BY events DESC, dyad LIMIT ?",
        [limit],
    )


def series(store: Store, dyad: tuple[str, str], *, freq: str = "month") -> dict[str, Any]:
    """Per period: event count, mean Goldstein, cooperative and conflictual counts; oldest first.

    Events whose date is less precise than ``freq`` (e.g. only a year for a monthly series)
    cannot be placed and are counted in ``unplaced``. Each period carries the ``since``/``until``
    bounds that select its events with ``find_events``.
    """
    if freq not in FREQS:
        raise QueryError(f"freq must be one of {', '.join(FREQS)}, got {freq!r}")
    key, pattern = FREQS[freq]
    dated = (
        f"SELECT {EVENT_DATE} AS d, e.goldstein FROM events e JOIN articles a ON a.id = e.doc_id"
        f" WHERE {_LIVE} AND {_DYAD}"
    )
    rows = store.fetch(
        f"SELECT {key} AS period, count(*) AS events, avg(goldstein) AS goldstein_mean,"
        " count(*) FILTER (WHERE goldstein > 0) AS cooperative,"
        " count(*) FILTER (WHERE goldstein < 0) AS conflictual"
        f" FROM ({dated}) WHERE regexp_matches(d, ?) GROUP BY 1 ORDER BY 1",
        [*_dyad_params(dyad), pattern],
    )
    unplaced = store.fetch(
        f"SELECT count(*) AS n FROM ({dated}) WHERE d IS NULL OR NOT regexp_matches(d, ?)",
        [*_dyad_params(dyad), pattern],
    )[0]["n"]
    periods = [{**row, **period_bounds(row["period"], freq)} for row in rows]
    for row in periods:
        if row["goldstein_mean"] is not None:
            row["goldstein_mean"] = round(float(row["goldstein_mean"]), 3)
    return {"dyad": "-".join(dyad), "freq": freq, "periods": periods, "unplaced": int(unplaced)}


def period_bounds(period: str, freq: str) -> dict[str, str]:
    """The ``since``/``until`` filter values covering ``period``."""
    if freq == "quarter":
        year, quarter = period.split("-Q")
        first = 3 * int(quarter) - 2
        return {"since": f"{year}-{first:02d}", "until": f"{year}-{first + 2:02d}"}
    return {"since": period, "until": period}


def timeline(store: Store, dyad: tuple[str, str], *, limit: int = 500) -> list[dict[str, Any]]:
    """The dyad's events in date order, compact: date, type, actors' codes, Goldstein, evidence."""
    return store.fetch(
        f"SELECT e.id, {EVENT_DATE} AS date, e.date_precision, e.type, e.cameo, e.goldstein, e.modality,"
        " e.source_country, e.target_country, e.evidence_text AS evidence, e.doc_id, a.title AS doc_title"
        f" FROM events e JOIN articles a ON a.id = e.doc_id WHERE {_LIVE} AND {_DYAD}"
        " ORDER BY 2 NULLS LAST, e.doc_id, e.evidence_start, e.id LIMIT ?",
        [*_dyad_params(dyad), limit],
    )
