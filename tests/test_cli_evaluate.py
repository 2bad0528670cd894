from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.cli import app

runner = CliRunner()


@pytest.mark.parametrize("args", [["timex", "-h"], ["eval", "timex", "-h"], ["eval", "events", "-h"]])
def test_cli_evaluate_help_has_example(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "Example:" in result.output


def test_cli_timex_stdin_resolves_against_anchor() -> None:
    result = runner.invoke(app, ["timex", "--anchor", "2023-12-01"], input="They met in Hanoi on Friday.")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows == [
        {
            "text": "Friday",
            "start": 21,
            "end": 27,
            "type": "DATE",
            "value": "2023-12-01",
            "precision": "day",
            "anchor": "2023-12-01",
            "rule": rows[0]["rule"],
        }
    ]


def test_cli_timex_without_anchor_leaves_relative_unresolved(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Trade grew last year, and in October 2022 leaders met.", encoding="utf-8")
    rows = [json.loads(x) for x in runner.invoke(app, ["timex", str(path)]).output.splitlines()]
    values = {r["text"]: r["value"] for r in rows}
    assert values["last year"] is None and values["October 2022"] == "2022-10"


def test_cli_timex_bad_anchor_is_usage_error() -> None:
    result = runner.invoke(app, ["timex", "--anchor", "Friday"], input="x")
    assert result.exit_code == 2 and "--anchor" in result.output


def test_cli_eval_timex_missing_gold_is_clear(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "timex", "--gold", str(tmp_path / "none")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_cli_eval_timex_on_shared_gold(shared_dir: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    gold = shared_dir / "gold" / "timex_gold"
    result = runner.invoke(
        app, ["eval", "timex", "--gold", str(gold), "--limit", "3", "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["docs"] == 3
    assert "errors" in json.loads(report.read_text(encoding="utf-8"))


def test_cli_eval_events_missing_gold_is_clear(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "events", "--gold", str(tmp_path / "none")])
    assert result.exit_code == 2 and "does not exist" in result.output


@pytest.mark.parametrize(
    ("folder", "kind", "key"),
    [
        ("seeds", "seeds", "levels"),
        ("plover_gsr", "plover_gsr", "type_accuracy_single"),
        ("up_petr2_gsr_validation", "petr2", "root"),
        ("conflibert_cameo", "conflibert", "accuracy"),
    ],
)
def test_cli_eval_events_on_shared_gold(
    shared_dir: Path, tmp_path: Path, folder: str, kind: str, key: str
) -> None:
    report = tmp_path / "r.json"
    gold = shared_dir / "gold" / folder
    result = runner.invoke(
        app, ["eval", "events", "--gold", str(gold), "--limit", "2", "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["format"] == kind and key in summary and "errors" not in summary
    assert "errors" in json.loads(report.read_text(encoding="utf-8"))
