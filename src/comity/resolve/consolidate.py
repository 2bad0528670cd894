"""Consolidation across articles: event clusters and fact corroboration. Pure functions.

Event clusters live in ``comity.resolve.clusters`` (re-exported here). Facts of different
documents compare when subject, measure and period are the same:

* numbers agree within 0.5 % of the larger (rounding in reports); a qualifier widens the
  figure ("more than 100" agrees with 120, "nearly 100" with 97, "about 100" within 5 %);
* relationship statuses agree when the labels are equal; different partnership levels in one
  period conflict, while labels of different kinds ("community with a shared future" and a
  partnership) hold side by side and neither agree nor conflict;
* a suspected source error is a fact in conflict with a figure that at least two other documents
  agree on, while fewer documents back its own figure (``suspected_source_errors``).

>>> values_agree(120.0, 100.0, None, "more than")
True
>>> values_agree(171.9e9, 175.6e9)
False
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from comity.records import Fact
from comity.resolve.clusters import EventLike, cluster_events, dates_compatible, event_like, evidence_words

__all__ = [
    "Corroboration",
    "EventLike",
    "FactLike",
    "cluster_events",
    "corroborate_facts",
    "dates_compatible",
    "event_like",
    "evidence_words",
    "fact_like",
    "suspected_source_errors",
    "values_agree",
]

RELATIVE_TOLERANCE = 0.005
#: Spread of a qualified figure, as (low, high) multipliers of the stated value.
QUALIFIED = {
    "about": (0.95, 1.05),
    "nearly": (0.9, 1.0),
    "more than": (1.0, math.inf),
    "at least": (1.0, math.inf),
    "less than": (0.0, 1.0),
    "up to": (0.0, 1.0),
}
STATUS = "relationship_status"

Status = Literal["corroborated", "conflict", "single"]
Corroboration = tuple[str, Status, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class FactLike:
    """What corroboration needs of a fact."""

    id: str
    doc_id: str
    subject: str
    measure: str
    period: str | None
    value: float | str | None
    qualifier: str | None = None
    unit: str | None = None  # "USD", "CNY", "percent", "vessels"...: figures in other units never compare


def fact_like(fact: Fact) -> FactLike:
    return FactLike(
        fact.id, fact.doc_id, fact.subject, fact.measure, fact.period, fact.value, fact.qualifier, fact.unit
    )


def _key(fact: FactLike) -> tuple[str, str, str, str]:
    """What two facts must share to be compared: subject, measure, period and unit."""
    return (fact.subject, fact.measure, fact.period or "", fact.unit or "")


def _range(value: float, qualifier: str | None) -> tuple[float, float]:
    low, high = QUALIFIED.get(qualifier or "", (1 - RELATIVE_TOLERANCE, 1 + RELATIVE_TOLERANCE))
    ends = (value * low, value * high) if value >= 0 else (value * high, value * low)
    return min(ends), max(ends)


def values_agree(
    a: float | str | None, b: float | str | None, qa: str | None = None, qb: str | None = None
) -> bool:
    """Equal strings, or numbers whose (qualified) ranges meet; see the module docstring."""
    if isinstance(a, int | float) and isinstance(b, int | float):
        if qa is None and qb is None:
            return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b))
        (low_a, high_a), (low_b, high_b) = _range(float(a), qa), _range(float(b), qb)
        return max(low_a, low_b) <= min(high_a, high_b)
    return a == b


def _comparable(a: FactLike, b: FactLike) -> bool:
    """Status labels of different kinds (a community, a partnership level) are not rivals."""
    if a.measure != STATUS or a.value == b.value:
        return True
    return all("partnership" in str(f.value).lower() for f in (a, b))


def corroborate_facts(facts: Iterable[FactLike]) -> list[Corroboration]:
    """(fact id, corroborated | conflict | single, ids of the other documents' facts) per fact.

    Facts compare when subject, measure, period and unit are the same and they come from different
    documents; a fact without a period is ``single``. Any disagreeing value makes a conflict
    (listing the disagreeing facts); otherwise any agreeing one corroborates.
    """
    groups: dict[tuple[str, str, str, str], list[FactLike]] = defaultdict(list)
    ordered = list(facts)
    for fact in ordered:
        if fact.period:
            groups[_key(fact)].append(fact)
    out: list[Corroboration] = []
    for fact in ordered:
        peers = [f for f in groups.get(_key(fact), []) if f.doc_id != fact.doc_id and _comparable(fact, f)]
        agreeing = [values_agree(fact.value, f.value, fact.qualifier, f.qualifier) for f in peers]
        conflicts = tuple(f.id for f, ok in zip(peers, agreeing, strict=True) if not ok)
        agree = tuple(f.id for f, ok in zip(peers, agreeing, strict=True) if ok)
        if conflicts:
            out.append((fact.id, "conflict", conflicts))
        else:
            out.append((fact.id, "corroborated" if agree else "single", agree))
    return out


def suspected_source_errors(facts: Iterable[FactLike]) -> set[str]:
    """Ids of facts whose figure conflicts with the consensus of at least two other documents.

    Among facts of the same subject, measure, period and unit (a period is needed), a fact is suspect
    when some disagreeing figure is backed by two or more documents other than its own and its own
    figure by fewer documents (counting its own). A tie (two against two) flags neither side.
    """
    groups: dict[tuple[str, str, str, str], list[FactLike]] = defaultdict(list)
    for fact in facts:
        if fact.period:
            groups[_key(fact)].append(fact)
    suspect: set[str] = set()
    for members in groups.values():
        if len({f.doc_id for f in members}) < 3:
            continue

        def backing(fact: FactLike, pool: list[FactLike]) -> set[str]:
            return {f.doc_id for f in pool if values_agree(fact.value, f.value, fact.qualifier, f.qualifier)}

        for fact in members:
            others = [f for f in members if f.doc_id != fact.doc_id and _comparable(fact, f)]
            own = backing(fact, others) | {fact.doc_id}
            rivals = [f for f in others if not values_agree(fact.value, f.value, fact.qualifier, f.qualifier)]
            if any(len(backing(r, others)) >= 2 and len(backing(r, others)) > len(own) for r in rivals):
                suspect.add(fact.id)
    return suspect
