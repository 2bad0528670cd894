"""CLI tests in process (typer's CliRunner), sqlite-utils style."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.cli import app

COMMANDS = [
    "run",
    "ingest",
    "events",
    "docs",
    "entities",
    "rejections",
    "export",
    "serve",
    "report",
    "timeline",
    "facts",
    "series",
]
runner = CliRunner()

ARTICLE = (
    "Ministers meet in Hanoi\n\n"
    "HANOI, March 3, 2024 - Chinese Foreign Minister Wang Yi met Vietnamese Prime Minister "
    "Pham Minh Chinh in Hanoi on Friday. The two sides signed a joint statement on trade.\n"
)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_with_example(command: str) -> None:
    result = runner.invoke(app, [command, "-h"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output


def test_cli_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("comity ")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    return folder


def _run(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, args)
    return result.exit_code, result.output


def test_cli_run_then_query(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    code, output = _run(["run", str(corpus), "--db", db])
    assert code == 1, output  # one input was rejected
    assert "2 inputs = 1 stored + 0 duplicates + 1 rejected" in output
    code, output = _run(["events", "--db", db, "--format", "jsonl"])
    assert code == 0
    events = [json.loads(line) for line in output.splitlines()]
    assert any(e["type"] == "CONSULT" for e in events)
    for event in events:
        assert ARTICLE[event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]
    code, output = _run(["rejections", "--db", db, "--format", "jsonl"])
    assert json.loads(output.splitlines()[0])["reason"] == "binary"


UNCODED_ARTICLE = (
    "Raid on a convoy\n\n"
    "HANOI, March 3, 2024 - Gunmen attacked a Vietnamese convoy on Friday. Chinese Foreign Minister "
    "Wang Yi met Vietnamese Prime Minister Pham Minh Chinh in Hanoi on Saturday.\n"
)


def test_cli_events_leaves_out_uncoded_sides_unless_asked(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "raid.txt").write_text(UNCODED_ARTICLE, encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    assert _run(["run", str(folder), "--db", db, "-q"])[0] == 0
    shown = [json.loads(line) for line in _run(["events", "--db", db, "--format", "jsonl"])[1].splitlines()]
    code, output = _run(["events", "--db", db, "--format", "jsonl", "--include-uncoded"])
    everything = [json.loads(line) for line in output.splitlines()]
    assert code == 0
    assert [e["type"] for e in shown] == ["CONSULT"]
    assert {e["type"] for e in everything} == {"ASSAULT", "CONSULT"}
    (attack,) = (e for e in everything if e["type"] == "ASSAULT")
    assert [a["code"] for a in attack["source"]] == [None] and attack["target"][0]["country"] == "VNM"


def test_cli_second_run_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    _run(["run", str(corpus), "--db", db, "-q"])
    before = {
        cmd: _run([cmd, "--db", db, "--format", "jsonl"])[1] for cmd in ("events", "docs", "rejections")
    }
    _code, output = _run(["run", str(corpus), "--db", db])
    assert "2 inputs = 0 stored + 1 duplicates + 1 rejected" in output
    after = {cmd: _run([cmd, "--db", db, "--format", "jsonl"])[1] for cmd in ("events", "docs", "rejections")}
    assert before == after


def test_cli_ingest_then_run_analyses(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    _run(["ingest", str(corpus), "--db", db, "-q"])
    assert _run(["events", "--db", db, "--format", "jsonl"])[1] == ""
    _code, output = _run(["run", str(corpus), "--db", db])
    assert "1 stored" in output
    assert _run(["events", "--db", db, "--format", "jsonl"])[1] != ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--since", "yesterday"], "--since"),
        (["events", "--dyad", "CHINA", "VNM"], "--dyad"),
        (["events", "--format", "xml"], "--format"),
        (["export", "--format", "xml", "--out", "x"], "--format"),
    ],
)
def test_cli_bad_options_exit_2_with_message(
    tmp_path: Path, corpus: Path, args: list[str], message: str
) -> None:
    db = str(tmp_path / "c.duckdb")
    _run(["ingest", str(corpus), "--db", db, "-q"])
    code, output = _run([*args, "--db", db])
    assert code == 2 and message in output


def test_cli_query_missing_db_is_clear(tmp_path: Path) -> None:
    # A wrong --db is a usage error (exit 2, docs/errors.md); it used to be a storage failure (3).
    code, output = _run(["events", "--db", str(tmp_path / "none.duckdb")])
    assert code == 2 and "comity run" in output


def test_cli_export(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    _run(["run", str(corpus), "--db", db, "-q"])
    out = tmp_path / "out"
    code, output = _run(["export", "--db", db, "--format", "csv", "--out", str(out)])
    assert code == 0, output
    assert (out / "events.csv").read_text(encoding="utf-8").startswith("id,")


def test_cli_all_rejected_exit_126(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 100)
    code, _ = _run(["run", str(bad), "--db", str(tmp_path / "c.duckdb"), "-q"])
    assert code == 126


def test_cli_entities_and_docs(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    _run(["run", str(corpus), "--db", db, "-q"])
    entities = [json.loads(x) for x in _run(["entities", "--db", db, "-f", "jsonl"])[1].splitlines()]
    assert any(e["name"] == "Wang Yi" and e["country"] == "CHN" for e in entities)
    docs = [json.loads(x) for x in _run(["docs", "--db", db, "-f", "jsonl"])[1].splitlines()]
    assert docs[0]["publication_date"] == "2024-03-03"
