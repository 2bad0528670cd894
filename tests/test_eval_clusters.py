"""`comity eval clusters`: pairwise scoring on hand-written articles and gold, and on the seeds."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from comity.cli import app
from comity.evaluate.clusters import evaluate_clusters, gold_pairs
from comity.extract.actors.kb import load_kb

runner = CliRunner()
DOCS = {
    "a.txt": (
        "Leaders meet in Hanoi\n\nHANOI, March 8, 2024 - Chinese Foreign Minister Wang Yi met Vietnamese "
        "Prime Minister Pham Minh Chinh in Hanoi on Thursday to discuss rail links.\n",
        "2024-03-08",
    ),
    "b.txt": (
        "Wang in Vietnam\n\nBEIJING, March 9, 2024 - Vietnamese Prime Minister Pham Minh Chinh held talks "
        "with China's top diplomat Wang Yi in Hanoi on Thursday, state media said.\n",
        "2024-03-09",
    ),
}


def _gold(gid: str, doc: str, phrase: str, links: list[str]) -> dict[str, object]:
    start = DOCS[doc][0].index(phrase)
    return {"id": gid, "doc": doc, "evidence": phrase, "start": start, "end": start + len(phrase),
            "event_type_plover": "CONSULT", "alt_plover": [], "source_actor": None, "target_actor": None,
            "event_date": "2024-03-07", "same_event_as": links, "tier": "core"}  # fmt: skip


GOLD = [
    _gold("A1", "a.txt", "Wang Yi met Vietnamese Prime Minister Pham Minh Chinh in Hanoi", ["B1"]),
    _gold("B1", "b.txt", "Pham Minh Chinh held talks with China's top diplomat Wang Yi", ["A1"]),
]


def _folder(tmp_path: Path) -> Path:
    rows = []
    for name, (text, day) in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        rows.append({"doc": name, "publication_date": day})
    (tmp_path / "documents.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "events.jsonl").write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    return tmp_path


def test_gold_pairs_are_cross_document_and_transitive() -> None:
    rows = [
        {"id": "x1", "doc": "1", "same_event_as": ["y1"]},
        {"id": "x2", "doc": "1", "same_event_as": ["y1"]},
        {"id": "y1", "doc": "2", "same_event_as": []},
        {"id": "z1", "doc": "3", "same_event_as": ["missing"]},
    ]
    assert gold_pairs(rows) == {("x1", "y1"), ("x2", "y1")}


def test_two_reports_of_one_meeting_form_one_gold_pair(tmp_path: Path) -> None:
    report = evaluate_clusters(_folder(tmp_path), kb=load_kb())
    assert report["gold_pairs"] == 1
    assert report["correct_pairs"] == 1 and report["f1"] == 1.0, report


def test_eval_clusters_command_and_report(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    result = runner.invoke(app, ["eval", "clusters", "--gold", str(_folder(tmp_path)), "--report", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["errors"] == {"missed": [], "spurious": []}
    result = runner.invoke(app, ["eval", "clusters", "-h"])
    assert result.exit_code == 0 and "Example:" in result.output
    result = runner.invoke(app, ["eval", "clusters", "--gold", str(tmp_path / "none")])
    assert result.exit_code != 0 and "events.jsonl" in result.output


def test_eval_clusters_on_the_seed_gold(shared_dir: Path) -> None:
    result = runner.invoke(app, ["eval", "clusters", "--gold", str(shared_dir / "gold" / "seeds")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["gold_pairs"] > 0 and 0.0 <= report["f1"] <= 1.0
