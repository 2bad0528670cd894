"""Actor sector codes and their names for readers (``GOV`` -> "government").

Data: ``data/sectors.csv`` (see ``data/README.md``).

>>> sector_names()["PTY"]
'party'
"""

from __future__ import annotations

import functools

from comity.ontology._tables import read_rows, unique_by

__all__ = ["sector_names"]


@functools.lru_cache(maxsize=1)
def sector_names() -> dict[str, str]:
    """Every sector code -> the word a reader sees for it (cached)."""
    return {
        code: row["name"] for code, row in unique_by(read_rows("sectors.csv"), "code", "sectors.csv").items()
    }
