"""Boilerplate rules, loaded from ``data/boilerplate.toml`` (internal helper, not a stable API).

The rules live in a data file so they can be reviewed and extended without touching code;
the file's header documents its format.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

RULES_FILE = "boilerplate.toml"
DEFAULT_MAX_LEN = 200


@dataclass(frozen=True, slots=True)
class Rule:
    """One boilerplate pattern and where it applies."""

    kind: str
    pattern: re.Pattern[str]
    full: bool
    header_only: bool
    max_len: int

    def matches(self, line: str, *, in_header: bool) -> bool:
        if len(line) > self.max_len or (self.header_only and not in_header):
            return False
        found = self.pattern.fullmatch(line) if self.full else self.pattern.search(line)
        return found is not None


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    byline_stopwords: frozenset[str]

    def classify(self, line: str, *, in_header: bool) -> str | None:
        """Return the boilerplate kind of a stripped line, or None for article text."""
        for rule in self.rules:
            if rule.matches(line, in_header=in_header):
                return rule.kind
        return None


@lru_cache(maxsize=1)
def load_rules() -> RuleSet:
    """Load and compile the packaged rules (cached: the file is read-only package data)."""
    raw = resources.files("comity.clean").joinpath("data", RULES_FILE).read_text(encoding="utf-8")
    return parse_rules(tomllib.loads(raw))


def parse_rules(data: dict[str, Any]) -> RuleSet:
    """Compile rules from the parsed TOML document (see ``data/boilerplate.toml``)."""
    rules = tuple(_rule(entry) for entry in data.get("rule", []))
    stopwords = frozenset(str(w).lower() for w in data.get("byline", {}).get("stopwords", []))
    return RuleSet(rules=rules, byline_stopwords=stopwords)


def _rule(entry: dict[str, Any]) -> Rule:
    match = entry.get("match", "full")
    zone = entry.get("zone", "any")
    if match not in ("full", "search") or zone not in ("any", "header"):
        raise ValueError(f"bad boilerplate rule {entry!r}: match must be full|search, zone any|header")
    return Rule(
        kind=str(entry["kind"]),
        pattern=re.compile(str(entry["pattern"]), re.IGNORECASE),
        full=match == "full",
        header_only=zone == "header",
        max_len=int(entry.get("max_len", DEFAULT_MAX_LEN)),
    )
