"""Corroboration marks for fact rows, shared by the CLI, the REST API and the static report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from comity.resolve.consolidate import FactLike, corroborate_facts, suspected_source_errors

#: Corroborated by another document's fact / in conflict with one / stated once.
MARKS = {"corroborated": "✓", "conflict": "⚠", "single": ""}


def mark_facts(rows: Sequence[dict[str, Any]], labels: Mapping[str, str] = MARKS) -> list[dict[str, Any]]:
    """Rows with ``corroboration`` (corroborated | conflict | single), ``related`` fact ids, ``mark``
    and ``suspected_source_error`` (its figure conflicts with what two or more other documents agree on)."""
    likes = [
        FactLike(
            f["id"],
            f["doc_id"],
            f["subject"],
            f["measure"],
            f["period"],
            f["value"],
            f.get("qualifier"),
            f.get("unit"),
        )
        for f in rows
    ]
    marks = {fid: (status, list(ids)) for fid, status, ids in corroborate_facts(likes)}
    suspect = suspected_source_errors(likes)
    out = []
    for row in rows:
        status, related = marks[row["id"]]
        out.append({**row, "corroboration": status, "related": related, "mark": labels[status],
                    "suspected_source_error": row["id"] in suspect})  # fmt: skip
    return out
