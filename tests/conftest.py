"""Global fixtures (one conftest for the whole suite)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "articles"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real spaCy pipeline, loaded once for the session."""
    from comity.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that need it skip cleanly on a fresh clone."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (fresh clone): evaluation data unavailable")
    return SHARED


@pytest.fixture()
def settings(tmp_path: Path) -> Any:
    from comity.config import load_settings

    return load_settings({"db": str(tmp_path / "test.duckdb")}, environ={})
