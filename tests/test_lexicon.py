"""The extraction lexicon (``comity/extract/data/lexicon.toml``): one file, one loader, every set
used, a clear error for a bad file or an unknown set, and the merged visit nouns in use.
The sentences are written for these tests."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from comity.errors import ConfigError
from comity.extract.lexicon import LEXICON_FILE, lexicon, read_lexicon
from events_kit import code_text

SRC = Path(__file__).resolve().parents[1] / "src" / "comity"


def _lexicon_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "lexicon":
                calls.append((path, node))
    return calls


def _requested_names() -> set[str]:
    names = set()
    for path, call in _lexicon_calls():
        arg = call.args[0] if len(call.args) == 1 else None
        assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
            f"{path.name}:{call.lineno}: lexicon() takes one literal set name, so its use can be checked"
        )
        names.add(arg.value)
    return names


def test_every_lexicon_set_is_used_by_the_code_and_every_used_set_exists() -> None:
    defined = set(read_lexicon(LEXICON_FILE))
    requested = _requested_names()
    assert sorted(defined - requested) == [], "sets in lexicon.toml that no code asks for"
    assert sorted(requested - defined) == [], "sets the code asks for that lexicon.toml lacks"


def test_no_word_file_is_read_beside_the_lexicon() -> None:
    word_files = [p.name for p in (SRC / "extract").rglob("*.txt")]
    assert word_files == [], "word lists belong in extract/data/lexicon.toml"


def test_lexicon_gives_the_words_of_a_set() -> None:
    assert lexicon("person_pronouns") == frozenset({"he", "she", "him", "her", "his"})
    assert "rebel" in lexicon("agent_nouns") and "vessel" in lexicon("craft_nouns")


def test_unknown_set_name_is_a_config_error_naming_file_and_set() -> None:
    with pytest.raises(ConfigError, match=r"lexicon\.toml: no word set \[visit_noun\]"):
        lexicon("visit_noun")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_set_read_from_a_file_has_exactly_its_words(tmp_path: Path) -> None:
    path = _write(tmp_path, '[greetings]\ndescription = "Words of greeting."\nwords = ["hello", "hi"]\n')
    assert read_lexicon(path) == {"greetings": frozenset({"hello", "hi"})}


MALFORMED = [
    ("[greetings\nwords = []\n", "cannot read the lexicon"),
    ('greetings = ["hello"]\n', r"word set \[greetings\] is not a table"),
    ('[greetings]\nwords = ["hello"]\n', r"\[greetings\] must have exactly the keys description and words"),
    ('[greetings]\ndescription = ""\nwords = ["hello"]\n', r"\[greetings\] needs a description"),
    ('[greetings]\ndescription = "Hi."\nwords = []\n', r"\[greetings\] needs a non-empty list of words"),
    ('[greetings]\ndescription = "Hi."\nwords = "hello"\n', r"\[greetings\] needs a non-empty list of words"),
    ('[greetings]\ndescription = "Hi."\nwords = ["Hello"]\n', r"\[greetings\] has 'Hello'"),
    ('[greetings]\ndescription = "Hi."\nwords = ["hi", 3]\n', r"\[greetings\] has 3"),
    ('[greetings]\ndescription = "Hi."\nwords = ["hi", "hi"]\n', r"\[greetings\] lists hi more than once"),
    (
        '[greetings]\ndescription = "Hi."\nwords = ["hi"]\nword = ["hey"]\n',
        r"\[greetings\] must have exactly",
    ),
]


@pytest.mark.parametrize(("text", "problem"), MALFORMED, ids=[m[1][:30] for m in MALFORMED])
def test_malformed_lexicon_is_a_config_error_naming_the_file(tmp_path: Path, text: str, problem: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError, match=problem) as caught:
        read_lexicon(path)
    assert str(path) in str(caught.value)


def test_missing_lexicon_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the lexicon"):
        read_lexicon(tmp_path / "absent.toml")


@pytest.mark.slow
def test_a_voyage_announced_ahead_bounds_the_later_visit(nlp: Any) -> None:
    """ "voyage" names a visit for announced visits too, since the three visit-noun copies merged."""
    text = (
        "On May 3, 2023, ahead of his voyage to China, President Putin gave an interview. "
        "Trade grew quickly. This was followed by President Putin's state visit to China."
    )
    visits = [e for e in code_text(nlp, text, "2023-05-20", find_times=True) if e.cameo == "042"]
    assert [(e.date, e.date_basis) for e in visits] == [("2023-05-04/2023-05-20", "bounded")]
