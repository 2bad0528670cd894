"""The settings of event identity, read from ``data/identity.toml`` (documented in ``data/README.md``)."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from comity.errors import ConfigError

__all__ = ["IDENTITY_FILE", "IdentitySettings", "identity_settings"]

IDENTITY_FILE: Traversable = resources.files("comity.resolve") / "data" / "identity.toml"


@dataclass(frozen=True, slots=True)
class IdentitySettings:
    """``day_slack``: PLOVER type -> days two day-precise reports may differ by (``default`` for the
    rest); ``vague_days``: a date spanning more days is vague; ``families``: PLOVER type -> the
    family of types that report one kind of act; ``undated_window``: modality -> (first, last) day
    relative to the publication date where an undated report of that modality lies; ``acts``:
    CAMEO code -> the kind of act it reports (a code not listed: its two-digit root);
    ``article_acts``: kind of act -> the group of kinds one article may use for one event (a visit
    and the talks held during it)."""

    day_slack: dict[str, int]
    vague_days: int
    families: dict[str, str]
    undated_window: dict[str, tuple[int, int]]
    acts: dict[str, str]
    article_acts: dict[str, str]


@functools.cache
def identity_settings() -> IdentitySettings:
    try:
        data = tomllib.loads(IDENTITY_FILE.read_text(encoding="utf-8"))
        slack = {str(k): int(v) for k, v in data["day_slack"].items()}
        windows = {str(k): (int(v[0]), int(v[1])) for k, v in data["undated_window"].items()}
        families = {str(k): str(v) for k, v in data["families"].items()}
        acts = {str(k): str(v) for k, v in data["acts"].items()}
        article_acts = {str(k): str(v) for k, v in data.get("article_acts", {}).items()}
        settings = IdentitySettings(slack, int(data["vague_days"]), families, windows, acts, article_acts)
    except (OSError, KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{IDENTITY_FILE}: cannot read the identity settings: {exc!r}") from exc
    if "default" not in slack:
        raise ConfigError(f"{IDENTITY_FILE}: [day_slack] needs a default")
    return settings
