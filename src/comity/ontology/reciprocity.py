"""Which CAMEO acts have no meaningful direction (the order of their sides carries no meaning).

Data: ``data/reciprocal_cameo.csv`` (cameo, act): CAMEO codes or code prefixes, written for comity.

>>> is_reciprocal("040"), is_reciprocal("0611"), is_reciprocal("042"), is_reciprocal(None)
(True, True, False, False)
"""

from __future__ import annotations

import functools

from comity.ontology._tables import read_rows, unique_by

__all__ = ["is_reciprocal", "reciprocal_cameos"]


@functools.lru_cache(maxsize=1)
def reciprocal_cameos() -> tuple[str, ...]:
    """The CAMEO codes and prefixes of undirected acts (cached)."""
    return tuple(unique_by(read_rows("reciprocal_cameo.csv"), "cameo", "reciprocal_cameo.csv"))


def is_reciprocal(cameo: str | None) -> bool:
    """True when ``cameo`` is, or falls under, one of the undirected codes."""
    return any((cameo or "").startswith(prefix) for prefix in reciprocal_cameos())
