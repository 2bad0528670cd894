"""Entity-mention scorer on tiny hand-written gold, the CLI, and the seed gold (when ../shared exists)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from comity.cli import app
from comity.evaluate.entities import document_date, evaluate_entities, score_entities
from comity.extract.actors.kb import load_kb
from comity.records import Mention

TEXT = "Headline about Laos\n\nLaos and Thailand met at the Grand Hall. Ms Lee spoke."


def gold(mention: str, start: int, kind: str, **extra: Any) -> dict[str, Any]:
    row = {"doc": "d.txt", "mention": mention, "start": start, "end": start + len(mention), "type": kind}
    row.update({"canonical": None, "country": None, "zone": "body", "nested": False, **extra})
    return row


def pred(
    text: str, start: int, label: str, canonical: str | None = None, country: str | None = None
) -> Mention:
    return Mention("d", start, start + len(text), text, label, 0, canonical, country)


GOLD = [
    gold("Laos", 15, "GPE", canonical="Laos", country="LAO", zone="title"),
    gold("Laos", 21, "GPE", canonical="Laos", country="LAO"),
    gold("Thailand", 30, "GPE", canonical="Thailand", country="THA"),
    gold("Grand Hall", 50, "LOC", subtype="FAC"),
    gold("Lee", 65, "PERSON", canonical="Lee", optional=True),
]


def test_exact_span_and_type_in_body_only() -> None:
    predicted = {
        "d.txt": [
            pred("Laos", 15, "GPE", "Laos", "LAO"),  # title line: out of scope
            pred("Laos", 21, "GPE", "Lao PDR", "LAO"),  # alias of the same country
            pred("Thailand", 30, "ORG", "Thailand", "THA"),  # wrong type: missed and spurious
            pred("Grand Hall", 50, "FAC"),  # FAC = LOC/FAC
            pred("Lee", 65, "PERSON"),  # optional: ignored
        ]
    }
    result = score_entities(GOLD, predicted, texts={"d.txt": TEXT}, kb=load_kb())
    overall = result["overall"]
    assert (overall["gold"], overall["predicted"]) == (3, 3)
    assert overall["mentions"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert overall["resolvable"] == 1 and overall["canonical_accuracy"] == 1.0
    assert result["documents"]["d.txt"]["country_accuracy"] == 1.0
    assert [e["text"] for e in result["errors"]["spurious"]] == ["Thailand"]


def test_canonical_and_country_errors_are_reported() -> None:
    predicted = {"d.txt": [pred("Laos", 21, "GPE", "Thailand", "THA")]}
    result = score_entities(GOLD[1:2], predicted)
    assert result["overall"]["canonical_accuracy"] == 0.0 and result["overall"]["country_accuracy"] == 0.0
    assert result["errors"]["wrong_country"][0] == {
        "doc": "d.txt",
        "text": "Laos",
        "gold": "LAO",
        "pred": "THA",
    }


def test_document_date_prefers_stated_then_most_likely() -> None:
    assert document_date({"publication_date": "2020-05-04"}) == "2020-05-04"
    inferred = {
        "publication_date": "inferred",
        "most_likely": "2020-05-06/2020-05-08",
        "earliest": "2020-05-01",
    }
    assert document_date(inferred) == "2020-05-06"
    assert document_date({"publication_date": "inferred", "earliest": "2020-05-01"}) == "2020-05-01"


@pytest.mark.slow
def test_cli_eval_entities_on_a_tiny_folder(tmp_path: Path) -> None:
    gold_dir, corpus = tmp_path / "gold" / "mini", tmp_path / "corpus" / "mini"
    gold_dir.mkdir(parents=True)
    corpus.mkdir(parents=True)
    text = "Laos and Thailand signed a river deal on Monday.\n"
    (corpus / "d.txt").write_text(text, encoding="utf-8")
    rows = [
        gold("Laos", 0, "GPE", canonical="Laos", country="LAO"),
        gold("Thailand", 9, "GPE", country="THA"),
    ]
    rows[1]["canonical"] = "Thailand"
    (gold_dir / "entities.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (gold_dir / "documents.jsonl").write_text(
        json.dumps({"doc": "d.txt", "publication_date": "2021-03-01"}) + "\n"
    )
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["eval", "entities", "--gold", str(gold_dir), "--report", str(report)])
    assert result.exit_code == 0, result.output
    full = json.loads(report.read_text(encoding="utf-8"))
    assert full["overall"]["mentions"]["f1"] == 1.0 and full["overall"]["canonical_accuracy"] == 1.0
    assert "errors" not in json.loads(result.output)


def test_cli_eval_entities_needs_gold_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "entities", "--gold", str(tmp_path)])
    assert result.exit_code == 2


def test_cli_eval_entities_help_has_example() -> None:
    result = CliRunner().invoke(app, ["eval", "entities", "-h"])
    assert result.exit_code == 0 and "Example:" in result.output


@pytest.mark.slow
@pytest.mark.shared
def test_seed_gold_meets_the_floors(shared_dir: Path) -> None:
    result = evaluate_entities(shared_dir / "gold" / "seeds", kb=load_kb())
    overall = result["overall"]
    assert result["docs"] >= 3
    assert overall["mentions"]["f1"] >= 0.85, overall
    assert overall["canonical_accuracy"] >= 0.90, overall
