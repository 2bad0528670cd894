"""Golden files: tests/golden/events/<case>.json hold a text, its date, hand-made time
expressions, events that must be found and events that must not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from comity.extract.actors.kb import load_kb
from comity.extract.actors.mentions import mentions_from_doc
from comity.extract.events.rules import RulesCoder
from comity.records import Article, Event, TimeExpression

pytestmark = pytest.mark.slow
GOLDEN = Path(__file__).parent / "golden" / "events"
CASES = sorted(GOLDEN.glob("*.json"))


def _times(case: dict[str, Any]) -> list[TimeExpression]:
    out = []
    for t in case["times"]:
        start = case["text"].index(t["text"])
        out.append(
            TimeExpression(
                "g",
                start,
                start + len(t["text"]),
                t["text"],
                "DATE",
                t["value"],
                t["precision"],
                case["date"],
                "gold",
            )
        )
    return out


def _matches(event: Event, want: dict[str, Any]) -> bool:
    src = sorted({a.country for a in event.source if a.country})
    tgt = sorted({a.country for a in event.target if a.country})
    sides = [(src, tgt), (tgt, src)] if want.get("reciprocal") else [(src, tgt)]
    checks = [
        event.type == want["type"],
        "cameo" not in want or event.cameo == want["cameo"],
        "source" not in want or (sorted(want["source"]), sorted(want.get("target", []))) in sides,
        "modality" not in want or event.modality == want["modality"],
        "date" not in want or event.date == want["date"],
    ]
    return all(checks)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_events(nlp: Any, path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    article = Article(id="g", name=path.stem, text=case["text"], fmt="text", publication_date=case["date"])
    doc = nlp(article.text)
    coder = RulesCoder(kb=load_kb())
    events = coder.code(doc, article, mentions_from_doc(doc, article, coder.kb), _times(case))
    for want in case["expected"]:
        assert any(_matches(e, want) for e in events), (want, events)
    for unwanted in case["must_not"]:
        bad = {"type": unwanted["type"], **unwanted}
        assert not any(_matches(e, bad) for e in events), (unwanted, events)
    for event in events:
        assert article.text[event.evidence.start : event.evidence.end] == event.evidence.text


def test_golden_files_exist() -> None:
    assert len(CASES) >= 5
