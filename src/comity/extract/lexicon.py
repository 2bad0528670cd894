"""The extraction lexicon: named sets of English words, read from ``data/lexicon.toml``.

Every word set the extractors match tokens against (pronouns, visit nouns, modal verbs, agent
nouns, ...) is a table of that one file, with a ``description`` of what the set means and its
``words``; ``data/README.md`` explains the format and the decisions behind merged sets. Code asks
for a set by name, ``lexicon("visit_nouns")``, so adding a word to a set is an edit of the data
file only. An unknown name or a malformed file is a ``ConfigError`` that names the file and the set.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from comity.errors import ConfigError

__all__ = ["LEXICON_FILE", "lexicon", "read_lexicon"]

LEXICON_FILE: Traversable = resources.files("comity.extract") / "data" / "lexicon.toml"
_FIELDS = frozenset({"description", "words"})


def lexicon(name: str) -> frozenset[str]:
    """The word set ``name`` of the lexicon file; ConfigError when the file has no such set."""
    sets = _lexicon_sets()
    if name not in sets:
        raise ConfigError(f"{LEXICON_FILE}: no word set [{name}] (known sets: {', '.join(sorted(sets))})")
    return sets[name]


@functools.cache
def _lexicon_sets() -> dict[str, frozenset[str]]:
    return read_lexicon(LEXICON_FILE)


def read_lexicon(path: Traversable | Path) -> dict[str, frozenset[str]]:
    """Every word set of the lexicon file at ``path``, checked: each is a table with a non-empty
    ``description`` and a list of distinct lowercase ``words`` (nothing else)."""
    try:
        tables = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the lexicon: {exc}") from exc
    return {name: _word_set(path, name, table) for name, table in tables.items()}


def _word_set(path: Traversable | Path, name: str, table: object) -> frozenset[str]:
    def fail(problem: str) -> ConfigError:
        return ConfigError(f"{path}: word set [{name}] {problem}")

    if not isinstance(table, dict):
        raise fail("is not a table (expected description = ... and words = [...])")
    if set(table) != _FIELDS:
        raise fail(f"must have exactly the keys description and words, not {sorted(table)}")
    description, words = table["description"], table["words"]
    if not isinstance(description, str) or not description.strip():
        raise fail("needs a description: what the words mean and where they are used")
    if not isinstance(words, list) or not words:
        raise fail("needs a non-empty list of words")
    for word in words:
        if not isinstance(word, str) or not word or word != word.strip().lower():
            raise fail(f"has {word!r}: words are non-empty lowercase strings without outer spaces")
    repeated = sorted({w for w in words if words.count(w) > 1})
    if repeated:
        raise fail(f"lists {', '.join(repeated)} more than once")
    return frozenset(words)
