"""`comity entities --doc ID` and `comity eval actors`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.cli import app

runner = CliRunner()
TEXT = "Leaders meet\n\nHANOI, December 1, 2023 - Hanoi hailed the visit. Wang Yi met Nguyen Phu Truong, General Secretary, on Friday.\n"


@pytest.fixture()
def db(tmp_path: Path) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    path = str(tmp_path / "c.duckdb")
    result = runner.invoke(app, ["run", str(folder), "--db", path, "-q"])
    assert result.exit_code == 0, result.output
    return path


def _doc_id(db: str) -> str:
    docs = runner.invoke(app, ["docs", "--db", db, "-f", "jsonl"]).output.splitlines()
    return str(json.loads(docs[0])["id"])


@pytest.mark.slow
def test_entities_doc_lists_mentions_with_resolution(db: str) -> None:
    result = runner.invoke(app, ["entities", "--db", db, "--doc", _doc_id(db), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = {r["text"]: r for r in map(json.loads, result.output.splitlines())}
    assert rows["Hanoi"]["resolution"] == "metonymy" and rows["Hanoi"]["flags"] == ["metonymy"]
    truong = rows["Nguyen Phu Truong"]
    assert (truong["canonical"], truong["resolution"], truong["flags"]) == (
        "Nguyen Phu Trong",
        "fuzzy",
        ["suspected_misspelling"],
    )
    assert TEXT[truong["start"] : truong["end"]] == "Nguyen Phu Truong"
    assert {"start", "end", "label", "country", "sector", "confidence"} <= set(truong)


@pytest.mark.slow
def test_entities_doc_table_and_unknown_doc(db: str) -> None:
    args = ["entities", "--db", db, "--doc", _doc_id(db), "--label", "PERSON", "-f", "csv"]
    table = runner.invoke(app, args)
    assert table.exit_code == 0 and "suspected_misspelling" in table.output and "Hanoi" not in table.output
    assert table.output.startswith("start,end,text,label,canonical")
    missing = runner.invoke(app, ["entities", "--db", db, "--doc", "nope"])
    assert missing.exit_code != 0 and "nope" in missing.output


def test_eval_actors_reports_accuracy(tmp_path: Path) -> None:
    report = tmp_path / "actors.json"
    result = runner.invoke(app, ["eval", "actors", "--report", str(report)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["cases"] >= 30 and summary["accuracy"] >= 0.95 and "errors" not in summary
    assert "errors" in json.loads(report.read_text(encoding="utf-8"))


def test_eval_actors_help_has_example() -> None:
    result = runner.invoke(app, ["eval", "actors", "-h"])
    assert result.exit_code == 0 and "Example:" in result.output
