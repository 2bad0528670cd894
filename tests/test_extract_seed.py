"""rules.v1 on a real seed article from ../shared (skipped when absent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from comity.extract.actors.kb import load_kb
from comity.extract.actors.mentions import mentions_from_doc
from comity.extract.events.rules import RulesCoder
from comity.records import Article

pytestmark = [pytest.mark.slow, pytest.mark.shared]


def test_seed_000_wang_yi_meets_nguyen_phu_trong(nlp: Any, shared_dir: Path) -> None:
    text = (shared_dir / "corpus" / "seeds" / "000_3dc58f6ba9e6ed64.txt").read_text(encoding="utf-8")
    article = Article(id="seed000", name="000", text=text, fmt="text", publication_date="2023-12-01")
    doc = nlp(text)
    kb = load_kb()
    mentions = mentions_from_doc(doc, article, kb)
    events = RulesCoder(kb=kb).code(doc, article, mentions, [])
    hits = [
        e
        for e in events
        if e.type == "CONSULT"
        and e.evidence.text.startswith("Wang Yi, a member of the Communist Party")
        and any(a.country == "CHN" and a.name == "Wang Yi" for a in e.source)
        and any(a.country == "VNM" and a.name == "Nguyen Phu Trong" for a in e.target)
    ]
    assert hits, events
    event = hits[0]
    assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    assert event.target[0].sector == "PTY"
    assert event.location is not None and event.location.country == "VNM"
    assert len({e.id for e in events}) == len(events)
