"""``may_trigger`` only skips tokens that no trigger could match."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from comity.extract.events import candidates
from comity.extract.events.patterns import load_triggers, may_trigger
from events_kit import code_text

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

SENTENCES = (
    "China launched airstrikes and air strikes on the border. Vietnam met China's envoy. "
    "Hanoi protested the seizure of its fishing boats. The two sides held talks and signed agreements. "
    "Beijing undertook to pay compensation. Manila struck a deal and fought the claim."
)


def test_every_trigger_lemma_and_its_last_word_pass() -> None:
    for lemma, _pos in load_triggers():
        assert may_trigger(lemma), lemma
        assert may_trigger(lemma.split()[-1]), lemma


def test_inflected_and_compound_heads_pass_and_function_words_do_not() -> None:
    assert may_trigger("visited") and may_trigger("airstrikes") and may_trigger("struck")
    assert not may_trigger("the") and not may_trigger("of")


def _events(nlp: Any, text: str) -> list[tuple[str, str | None, int, int]]:
    events = code_text(nlp, text, "2024-05-17", find_times=True)
    return sorted((e.type, e.cameo, e.evidence.start, e.evidence.end) for e in events)


def test_coding_is_the_same_without_the_prefilter(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [SENTENCES] + [p.read_bytes().decode("utf-8", "replace") for p in sorted(EXAMPLES.glob("*.txt"))]
    filtered = [_events(nlp, t) for t in texts]
    assert any(filtered)
    monkeypatch.setattr(candidates, "may_trigger", lambda word: True)
    assert [_events(nlp, t) for t in texts] == filtered
