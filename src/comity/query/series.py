"""Dyad helpers: parsing a dyad, the dyads in a store, period bounds and a raw event timeline.

The series itself is ``comity.query.analytics.dyad_series`` (one function for every surface).
"""

from __future__ import annotations

from typing import Any

from comity.errors import QueryError
from comity.query.filters import EVENT_DATE, ISO3_RE, READING_ORDER, check_dyad
from comity.store.base import Store

_DYAD = "((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))"
_LIVE = "a.near_duplicate_of IS NULL"


def parse_dyad(text: str) -> tuple[str, str]:
    """``"CHN-VNM"`` -> ``("CHN", "VNM")``; raises ``QueryError`` naming ``dyad``."""
    parts = tuple(p.strip().upper() for p in text.replace(",", "-").replace(" ", "-").split("-") if p.strip())
    if len(parts) != 2 or not all(ISO3_RE.match(p) for p in parts):
        raise QueryError(f"dyad must be two ISO3 country codes such as CHN-VNM, got {text!r}")
    check_dyad(parts)
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
        f" ORDER BY 2 NULLS LAST, {READING_ORDER} LIMIT ?",
        [*_dyad_params(dyad), limit],
    )


def outlets(store: Store) -> list[dict[str, Any]]:
    """Outlets of the stored articles (near duplicates left out), most articles first."""
    return store.fetch(
        f"SELECT a.outlet, count(*) AS articles FROM articles a WHERE {_LIVE} AND a.outlet IS NOT NULL"
        " GROUP BY a.outlet ORDER BY articles DESC, a.outlet"
    )
