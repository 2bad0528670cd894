"""The keyword gates of the time-expression rules only skip scans that would find nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.extract.time import find as timex
from comity.extract.time.find import GATES, find_time_expressions

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

#: At least one sentence per gated rule that the rule matches, in varied case.
SENTENCES = [
    "The ties of the nineties and the Seventies were recalled.",
    "In the 21st century, and the twentieth-century order, trade grew.",
    "Talks resumed in the Spring of 2019 and in winter 2020.",
    "Exports rose in the first quarter of 2024 and the Fourth Quarter.",
    "Growth slowed in the second half of 2023 and the First-Half.",
    "In the first six months of 2024 imports fell.",
    "They marked the 75th anniversary of diplomatic ties.",
    "He arrived YESTERDAY and leaves tomorrow; tonight there is a dinner, today talks.",
    "Officials met this morning, last night and overnight.",
    "The year-ago figure was lower than the year-earlier one.",
    "Three days ago, and two weeks earlier, and a month from now, and a year hence.",
    "For years and in recent months, over decades and within weeks, for days and centuries.",
    "In the near future, soon, and at a later date.",
]


def _all_expressions(texts: list[str]) -> list[list[tuple[int, int, str, str | None]]]:
    return [
        [(t.start, t.end, t.type, t.value) for t in find_time_expressions(text, "2024-05-17")]
        for text in texts
    ]


def _texts() -> list[str]:
    texts = list(SENTENCES)
    texts += [
        p.read_bytes().decode("utf-8", "replace") for p in sorted(EXAMPLES.glob("*")) if p.suffix != ".md"
    ]
    return texts


def test_every_gated_rule_is_exercised_and_its_matches_contain_a_gate_word() -> None:
    rules = {name: pattern for name, pattern, _ in timex._RULES}
    for name, words in GATES.items():
        matches = [m.group() for text in SENTENCES for m in rules[name].finditer(text)]
        assert matches, f"no sentence here exercises the gated rule {name!r}"
        for found in matches:
            assert any(w in found.lower() for w in words), f"{name}: {found!r} has none of {words}"


def test_gates_name_known_rules_in_lowercase() -> None:
    names = {name for name, _, _ in timex._RULES}
    assert set(GATES) <= names
    assert all(w == w.lower() and w for words in GATES.values() for w in words)


def test_gated_and_ungated_scans_find_the_same_expressions(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    gated = _all_expressions(texts)
    monkeypatch.setattr(timex, "GATES", {})
    assert _all_expressions(texts) == gated


def test_a_text_without_a_gate_word_skips_that_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    rules = [(name, _Spy(pattern, name, calls), handler) for name, pattern, handler in timex._RULES]
    monkeypatch.setattr(timex, "_RULES", rules)
    find_time_expressions("The minister spoke on Friday.", "2024-05-17")
    assert "century" not in calls and "anniversary" not in calls
    assert "weekday" in calls  # ungated rules always scan


class _Spy:
    """A compiled pattern that records each scan."""

    def __init__(self, pattern: object, name: str, calls: list[str]) -> None:
        self.pattern, self.name, self.calls = pattern, name, calls

    def finditer(self, text: str) -> object:
        self.calls.append(self.name)
        return self.pattern.finditer(text)  # type: ignore[attr-defined]
