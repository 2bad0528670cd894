"""`comity timeline` / `comity facts` on a store built from the example articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("in")
    for pattern in ("02_*.html", "03_*.txt", "04_*.html"):
        for path in EXAMPLES.glob(pattern):
            shutil.copy(path, folder / path.name)
    target = str(tmp_path_factory.mktemp("db") / "t.duckdb")
    result = runner.invoke(app, ["run", str(folder), "--db", target, "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return target


def _sections(output: str) -> dict[str, list[dict[str, object]]]:
    rows: dict[str, list[dict[str, object]]] = {"event": [], "status": [], "fact": []}
    for line in output.splitlines():
        row = json.loads(line)
        rows[row["section"]].append(row)
    return rows


def test_timeline_jsonl_clusters_the_same_visit_across_articles(db: str) -> None:
    result = runner.invoke(app, ["timeline", "--dyad", "VNM", "CHN", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = _sections(result.output)
    shared = [e for e in rows["event"] if e["documents"] == 2]
    assert shared and shared[0]["type"] == "CONSULT" and str(shared[0]["date"]).startswith("2023-12")
    dates = [str(e["date"]) for e in rows["event"] if e["date"]]
    assert dates == sorted(dates)
    statuses = {r["status"] for r in rows["status"]}
    assert "comprehensive strategic cooperative partnership" in statuses
    assert all(f["corroboration"] in ("corroborated", "conflict", "single") for f in rows["fact"])
    ranks = [f for f in rows["fact"] if f["measure"] == "trade_partner_rank" and f["subject"] == "CHN-VNM"]
    assert ranks and {f["value"] for f in ranks} == {1.0}


def test_timeline_since_and_markdown(db: str) -> None:
    result = runner.invoke(
        app, ["timeline", "--dyad", "CHN", "VNM", "--since", "2024", "--db", db, "-f", "md"]
    )
    assert result.exit_code == 0, result.output
    assert "## Relationship status ladder" in result.output and "2023-12-12" not in result.output


def test_timeline_rejects_a_bad_format_or_dyad(db: str) -> None:
    assert runner.invoke(app, ["timeline", "--dyad", "CHN", "VNM", "--db", db, "-f", "xml"]).exit_code == 2
    assert runner.invoke(app, ["timeline", "--dyad", "CHINA", "VNM", "--db", db]).exit_code == 2


def test_facts_command_lists_facts_with_marks(db: str) -> None:
    result = runner.invoke(app, ["facts", "--dyad", "CHN", "VNM", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    facts = [json.loads(line) for line in result.output.splitlines()]
    assert any(f["measure"] == "trade_volume" and f["unit"] == "USD" for f in facts)
    assert all("mark" in f for f in facts)
