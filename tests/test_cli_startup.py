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


def test_a_run_of_plain_text_loads_no_html_extractor() -> None:
    # trafilatura and htmldate cost ~0.1 s to import; only an HTML page needs them.
    probe = (
        "import sys, comity.pipeline, comity.run.local, comity.clean; "
        "print(' '.join(m for m in ('trafilatura', 'htmldate') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []
