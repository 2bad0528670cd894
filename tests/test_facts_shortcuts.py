"""The facts stage's shortcuts (one combined status scan, a source looked for only beside a
figure) change nothing but speed."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from comity.extract.facts import find as facts
from comity.extract.facts.find import facts_from_text
from comity.records import Mention

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

TEXT = (
    "The two countries established diplomatic relations in 1950 and upgraded ties to a comprehensive "
    "strategic cooperative partnership in 2008. According to the General Department of Customs, "
    "two-way trade reached 171.9 billion USD in 2023. China remained Vietnam's largest trading partner. "
    "The sides agreed to build a community with a shared future. Nothing else happened."
)


def _mentions(text: str) -> list[Mention]:
    names = {"China": "CHN", "Vietnam": "VNM"}
    found = [Mention("d", m.start(), m.end(), m.group(), "GPE", 0, country=names[m.group()])
             for m in re.finditer(r"\b(?:China|Vietnam)\b", text)]  # fmt: skip
    return sorted(found, key=lambda m: m.start)


def _facts(text: str) -> list[tuple[str, int, int, object, str | None]]:
    found = facts_from_text(text, doc_id="d", date="2024-05-17", mentions=_mentions(text))
    return sorted((f.measure, f.evidence.start, f.evidence.end, f.value, f.source_stated) for f in found)


def _texts() -> list[str]:
    return [TEXT] + [p.read_bytes().decode("utf-8", "replace") for p in sorted(EXAMPLES.glob("*.txt"))]


def test_the_combined_status_scan_finds_what_every_row_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    shortcut = [_facts(t) for t in _texts()]
    assert any(f[0] == "relationship_status" for f in shortcut[0])
    everything = dataclasses.replace(facts._vocab(), any_status=re.compile(""))
    monkeypatch.setattr(facts, "_vocab", lambda: everything)
    assert [_facts(t) for t in _texts()] == shortcut


def test_a_stated_source_is_kept_on_the_figures_of_its_sentence() -> None:
    sourced = {f[0]: f[4] for f in _facts(TEXT) if f[4] is not None}
    assert sourced and set(sourced.values()) == {"General Department of Customs"}
