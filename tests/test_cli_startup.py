"""`comity --help` and the read commands start fast: the CLI imports no heavy library up front."""

from __future__ import annotations

import subprocess
import sys

# Each is imported only by the command that needs it (parsing, fetching, PDFs, feeds, stores).
HEAVY = (
    "spacy",
    "thinc",
    "httpx",
    "pypdf",
    "feedparser",
    "duckdb",
    "psycopg",
    "pandas",
    "numpy",
    "dask",
    "fastapi",
)


def test_importing_the_cli_loads_none_of_the_heavy_libraries() -> None:
    probe = f"import sys, comity.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []
